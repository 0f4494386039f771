// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
//
// The Tools tab on in-memory servers: it shows the tools of the server it is given,
// and an answer that comes late from a server it no longer shows changes nothing.
#include "FakeTransport.h"
#include "ToolsPanel.h"
#include "protocol/McpSession.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace mcpdesk;

namespace {
QJsonObject tool(const QString &name)
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("inputSchema"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}}};
}

QStringList shown(ToolsPanel &panel)
{
    QStringList names;
    const auto *list = panel.findChild<QListWidget *>(QStringLiteral("toolList"));
    for (int i = 0; list && i < list->count(); ++i)
        names << list->item(i)->data(Qt::UserRole).toString();
    return names;
}
} // namespace

class TestToolsPanel : public QObject
{
    Q_OBJECT

    // A connected session whose tools/list the test answers when it wants.
    std::unique_ptr<McpSession> server(FakeTransport **out)
    {
        auto *t = new FakeTransport;
        t->serveAs(QStringLiteral("2025-11-25"),
                   QJsonObject{{QStringLiteral("tools"), QJsonObject()}});
        auto session = std::make_unique<McpSession>(t);
        session->open();
        if (!QTest::qWaitFor([&] { return session->state() == ServerState::Connected; }))
            return nullptr;
        *out = t;
        return session;
    }
    static void answerList(FakeTransport *t, const QStringList &names)
    {
        QJsonArray tools;
        for (const QString &n : names)
            tools.append(tool(n));
        t->reply(t->last(QStringLiteral("tools/list")).value(QStringLiteral("id")),
                 QJsonObject{{QStringLiteral("tools"), tools}});
    }

private slots:
    void lateAnswerOfAnotherServerChangesNothing()
    {
        FakeTransport *ta = nullptr, *tb = nullptr;
        auto a = server(&ta);
        auto b = server(&tb);
        QVERIFY(a && b);
        ToolsPanel panel;
        panel.setSession(a.get(), QStringLiteral("a"));
        QCOMPARE(ta->count(QStringLiteral("tools/list")), 1);
        panel.setSession(b.get(), QStringLiteral("b"));
        QCOMPARE(tb->count(QStringLiteral("tools/list")), 1);
        answerList(tb, {QStringLiteral("b1"), QStringLiteral("b2")});
        QCOMPARE(shown(panel), (QStringList{QStringLiteral("b1"), QStringLiteral("b2")}));
        answerList(ta, {QStringLiteral("a1")}); // A's answer, late
        QCOMPARE(shown(panel), (QStringList{QStringLiteral("b1"), QStringLiteral("b2")}));
    }

    // "Copy as mcpdesk-cli command" quotes every part for a shell: a hostile tool name
    // and target pasted into sh are words, and nothing runs.
    void copiedCommandRunsNothing()
    {
        QTemporaryDir dir;
        const QString pwned = dir.filePath(QStringLiteral("pwned"));
        const QString name = QStringLiteral("x'; touch %1; '").arg(pwned);
        const QString target = QStringLiteral("http://h/'$(touch %1)'").arg(pwned);
        FakeTransport *t = nullptr;
        auto s = server(&t);
        QVERIFY(s);
        ToolsPanel panel;
        panel.setSession(s.get(), target);
        QJsonObject hostile = tool(name);
        hostile.insert(
            QStringLiteral("inputSchema"),
            QJsonObject{
                {QStringLiteral("type"), QStringLiteral("object")},
                {QStringLiteral("properties"),
                 QJsonObject{
                     {QStringLiteral("q"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                  {QStringLiteral("default"), QStringLiteral("it's `id`")}}}}}});
        t->reply(t->last(QStringLiteral("tools/list")).value(QStringLiteral("id")),
                 QJsonObject{{QStringLiteral("tools"), QJsonArray{hostile}}});
        panel.selectTool(name);
        panel.findChild<QPushButton *>(QStringLiteral("copyCliButton"))->click();
        const QString command = QGuiApplication::clipboard()->text();
        QVERIFY2(command.startsWith(QStringLiteral("mcpdesk-cli call ")), qPrintable(command));

        // The shell reads it back as exactly these words.
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("printf '%s\\n' ") +
                                            command.mid(QStringLiteral("mcpdesk-cli ").size())});
        QVERIFY(sh.waitForFinished(10000));
        QCOMPARE(sh.exitCode(), 0);
        const QStringList words = QString::fromUtf8(sh.readAllStandardOutput())
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(words.size(), 5);
        QCOMPARE(words.at(0), QStringLiteral("call"));
        QCOMPARE(words.at(1), target);
        QCOMPARE(words.at(2), name);
        QCOMPARE(words.at(3), QStringLiteral("--args"));
        QCOMPARE(QJsonDocument::fromJson(words.at(4).toUtf8()).object().value(QStringLiteral("q")),
                 QJsonValue(QStringLiteral("it's `id`")));
        QVERIFY(!QFile::exists(pwned));
    }

    // A server's list changes while it is shown: the tab follows.
    void listChangeIsShown()
    {
        FakeTransport *t = nullptr;
        auto s = server(&t);
        QVERIFY(s);
        ToolsPanel panel;
        panel.setSession(s.get(), QStringLiteral("s"));
        answerList(t, {QStringLiteral("one")});
        QCOMPARE(shown(panel), QStringList{QStringLiteral("one")});
        t->setHandler([](FakeTransport &tr, const QJsonObject &m) {
            if (m.value(QStringLiteral("method")).toString() == QLatin1String("tools/list"))
                tr.reply(m.value(QStringLiteral("id")),
                         QJsonObject{
                             {QStringLiteral("tools"), QJsonArray{tool(QStringLiteral("one")),
                                                                  tool(QStringLiteral("two"))}}});
        });
        t->notify(QStringLiteral("notifications/tools/list_changed"));
        QTRY_COMPARE(shown(panel), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
    }
};

QTEST_MAIN(TestToolsPanel)
#include "tst_toolspanel.moc"
