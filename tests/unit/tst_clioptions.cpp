// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "CliOptions.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace mcpdesk::cli;

class TestCliOptions : public QObject
{
    Q_OBJECT
private slots:
    void parsesCall()
    {
        QString error, now;
        const auto o = parseArguments({QStringLiteral("call"), QStringLiteral("http://h/mcp"),
                                       QStringLiteral("echo"), QStringLiteral("--args"),
                                       QStringLiteral("{\"message\":\"hi\"}"),
                                       QStringLiteral("--header"), QStringLiteral("X-Test: a b"),
                                       QStringLiteral("--timeout=2.5"), QStringLiteral("--json")},
                                      &error, &now);
        QVERIFY2(o.has_value(), qPrintable(error));
        QCOMPARE(o->command, QStringLiteral("call"));
        QCOMPARE(o->tool, QStringLiteral("echo"));
        QCOMPARE(o->arguments.value(QStringLiteral("message")).toString(), QStringLiteral("hi"));
        QCOMPARE(o->headers.size(), 1);
        QCOMPARE(o->headers[0].first, QByteArray("X-Test"));
        QCOMPARE(o->headers[0].second, QByteArray("a b"));
        QCOMPARE(o->timeoutSeconds, 2.5);
        QVERIFY(o->json);
    }

    // Arguments too long for a command line come from a file.
    void argsFromAFile()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("args.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QString big(300 * 1024, QLatin1Char('x'));
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("message"), big}}).toJson());
        f.close();
        QString error, now;
        const auto o = parseArguments({QStringLiteral("call"), QStringLiteral("http://h/mcp"),
                                       QStringLiteral("echo"), QStringLiteral("--args"),
                                       QLatin1Char('@') + f.fileName()},
                                      &error, &now);
        QVERIFY2(o.has_value(), qPrintable(error));
        QCOMPARE(o->arguments.value(QStringLiteral("message")).toString(), big);
        QVERIFY(
            !parseArguments({QStringLiteral("call"), QStringLiteral("http://h/mcp"),
                             QStringLiteral("echo"), QStringLiteral("--args"),
                             QStringLiteral("@") + dir.filePath(QStringLiteral("missing.json"))},
                            &error, &now));
        QVERIFY2(error.contains(QStringLiteral("cannot read")) &&
                     error.contains(QStringLiteral("missing.json")),
                 qPrintable(error));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("nothing") << QStringList{} << QStringLiteral("no command");
        QTest::newRow("bad command")
            << QStringList{QStringLiteral("frob")} << QStringLiteral("unknown command");
        QTest::newRow("bad json") << QStringList{QStringLiteral("call"), QStringLiteral("http://h"),
                                                 QStringLiteral("t"), QStringLiteral("--args"),
                                                 QStringLiteral("{nope")}
                                  << QStringLiteral("not valid JSON");
        QTest::newRow("array args")
            << QStringList{QStringLiteral("call"), QStringLiteral("http://h"), QStringLiteral("t"),
                           QStringLiteral("--args"), QStringLiteral("[1]")}
            << QStringLiteral("JSON object");
        QTest::newRow("missing tool")
            << QStringList{QStringLiteral("call"), QStringLiteral("http://h")}
            << QStringLiteral("usage");
        QTest::newRow("bad header")
            << QStringList{QStringLiteral("tools"), QStringLiteral("http://h"),
                           QStringLiteral("--header"), QStringLiteral("novalue")}
            << QStringLiteral("Name: value");
        QTest::newRow("bad timeout")
            << QStringList{QStringLiteral("tools"), QStringLiteral("http://h"),
                           QStringLiteral("--timeout"), QStringLiteral("-1")}
            << QStringLiteral("positive");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("tools"), QStringLiteral("http://h"),
                           QStringLiteral("--frob")}
            << QStringLiteral("unknown option");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, fragment);
        QString error, now;
        QVERIFY(!parseArguments(args, &error, &now).has_value());
        QVERIFY2(error.contains(fragment), qPrintable(error));
        QVERIFY(now.isEmpty());
    }

    void shellSplit()
    {
        QCOMPARE(splitCommandLine(QStringLiteral("node 'my server.js' --x=\"a b\" c\\ d")).value(),
                 (QStringList{QStringLiteral("node"), QStringLiteral("my server.js"),
                              QStringLiteral("--x=a b"), QStringLiteral("c d")}));
        QCOMPARE(splitCommandLine(QStringLiteral("a \"q\\\"x\" '' end")).value(),
                 (QStringList{QStringLiteral("a"), QStringLiteral("q\"x"), QString(),
                              QStringLiteral("end")}));
        QVERIFY(!splitCommandLine(QStringLiteral("a 'open")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
