// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
//
// The Tools tab on in-memory servers: it shows the tools of the server it is given,
// and an answer that comes late from a server it no longer shows changes nothing.
#include "FakeTransport.h"
#include "ToolsPanel.h"
#include "protocol/McpSession.h"

#include <QListWidget>
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
