// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The call history: kept across restarts, secrets masked, bounded, a damaged file set aside.
#include "history/CallHistory.h"
#include "util/DataFolder.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace mcpdesk;

namespace {
QJsonObject textResult(const QString &text)
{
    return {{QStringLiteral("content"),
             QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                    {QStringLiteral("text"), text}}}}};
}
} // namespace

class TestCallHistory : public QObject
{
    Q_OBJECT
private slots:
    // Where an earlier version kept the history (the app's own data folder, apart from
    // the CLI's), it is moved to the folder both share, and read from there; a file
    // already in the shared folder is never replaced.
    void earlierHistoryIsMovedToTheSharedFolder()
    {
        QTemporaryDir data;
        const QString old = data.filePath(QStringLiteral("McpDesk/McpDesk"));
        QVERIFY(QDir().mkpath(old));
        {
            CallHistory earlier(old + QStringLiteral("/history.json"));
            earlier.add(QStringLiteral("srv"), QStringLiteral("echo"), {},
                        textResult(QStringLiteral("from before")), QString(),
                        QDateTime::currentDateTime(), 5);
        }
        QVERIFY(QDir().mkpath(data.filePath(QStringLiteral("mcpdesk-cli"))));
        QFile cliFile(data.filePath(QStringLiteral("mcpdesk-cli/history.json")));
        QVERIFY(cliFile.open(QIODevice::WriteOnly));
        cliFile.write("[]");
        cliFile.close();

        QCOMPARE(moveEarlierDataFolders(data.path()), QStringList{QStringLiteral("history.json")});
        QVERIFY(!QDir(old).exists()); // emptied, so removed
        CallHistory shared(data.filePath(QStringLiteral("McpDesk/history.json")));
        QCOMPARE(shared.calls(QStringLiteral("srv")).size(), 1);
        QCOMPARE(shared.calls(QStringLiteral("srv")).first().tool, QStringLiteral("echo"));
        // The CLI's copy met a file already there: left where it was, nothing lost.
        QVERIFY(QFile::exists(data.filePath(QStringLiteral("mcpdesk-cli/history.json"))));
        QVERIFY(moveEarlierDataFolders(data.path()).isEmpty()); // once is enough
    }

    void keptAcrossRestarts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/history.json"));
        {
            CallHistory h(path);
            h.add(QStringLiteral("srv"), QStringLiteral("echo"),
                  {{QStringLiteral("message"), QStringLiteral("hi")}},
                  textResult(QStringLiteral("Echo: hi")), QString(), QDateTime::currentDateTime(),
                  12);
            h.add(QStringLiteral("srv"), QStringLiteral("login"),
                  {{QStringLiteral("user"), QStringLiteral("ada")},
                   {QStringLiteral("password"), QStringLiteral("pw-not-real")}},
                  {}, QStringLiteral("refused"), QDateTime::currentDateTime(), 3);
            h.add(QStringLiteral("other"), QStringLiteral("echo"), {},
                  textResult(QStringLiteral("x")), QString(), QDateTime::currentDateTime(), 1);
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("pw-not-real")); // never written
        QCOMPARE(f.permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
        CallHistory again(path);
        const auto calls = again.calls(QStringLiteral("srv"));
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0).tool, QStringLiteral("login")); // newest first
        QCOMPARE(calls.at(0).error, QStringLiteral("refused"));
        QVERIFY(calls.at(0).argumentsMasked());
        QCOMPARE(calls.at(0).arguments.value(QStringLiteral("user")).toString(),
                 QStringLiteral("ada"));
        QCOMPARE(calls.at(1).result, textResult(QStringLiteral("Echo: hi")));
        QVERIFY(!calls.at(1).argumentsMasked());
        QCOMPARE(calls.at(1).durationMs, 12);
        QCOMPARE(again.calls(QStringLiteral("other")).size(), 1);
        again.clear(QStringLiteral("srv"));
        QCOMPARE(CallHistory(path).calls(QStringLiteral("srv")).size(), 0);
        QCOMPARE(CallHistory(path).calls(QStringLiteral("other")).size(), 1);
    }

    void boundedAndTruncated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.json"));
        CallHistory h(path);
        for (int i = 0; i < CallHistory::MaxPerServer + 5; ++i)
            h.add(QStringLiteral("srv"), QStringLiteral("t%1").arg(i), {},
                  textResult(QString::number(i)), QString(), QDateTime::currentDateTime(), 0);
        QCOMPARE(h.calls(QStringLiteral("srv")).size(), CallHistory::MaxPerServer);
        QCOMPARE(h.calls(QStringLiteral("srv")).last().tool,
                 QStringLiteral("t5")); // the oldest went
        h.add(QStringLiteral("big"), QStringLiteral("big-text"), {},
              textResult(QString(2 * 1024 * 1024, QLatin1Char('x'))), QString(),
              QDateTime::currentDateTime(), 0);
        const auto big = CallHistory(path).calls(QStringLiteral("big"));
        QCOMPARE(big.size(), 1);
        QVERIFY(big.first().resultTruncated);
        QVERIFY(big.first().resultBytes > 2 * 1024 * 1024);
        QVERIFY(QFileInfo(path).size() < 2 * 1024 * 1024);
    }

    void damagedFileIsSetAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        CallHistory h(path);
        QVERIFY(h.calls(QStringLiteral("srv")).isEmpty());
        QVERIFY2(h.lastError().contains(QStringLiteral("set aside")), qPrintable(h.lastError()));
        const QStringList aside =
            QDir(dir.path()).entryList({QStringLiteral("history.json.corrupt-*")});
        QCOMPARE(aside.size(), 1); // the damaged file is kept
        h.add(QStringLiteral("srv"), QStringLiteral("echo"), {}, textResult(QStringLiteral("ok")),
              QString(), QDateTime::currentDateTime(), 0);
        QCOMPARE(CallHistory(path).calls(QStringLiteral("srv")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCallHistory)
#include "tst_callhistory.moc"
