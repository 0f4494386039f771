// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "CliAnswers.h"
#include "CliOptions.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
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
        QTest::newRow("answers not an object")
            << QStringList{QStringLiteral("call"), QStringLiteral("http://h"), QStringLiteral("t"),
                           QStringLiteral("--answers"), QStringLiteral("[]")}
            << QStringLiteral("--answers must be a JSON object");
        QTest::newRow("answers file missing")
            << QStringList{QStringLiteral("call"), QStringLiteral("http://h"), QStringLiteral("t"),
                           QStringLiteral("--answers"), QStringLiteral("@/nonexistent/a.json")}
            << QStringLiteral("--answers: cannot read /nonexistent/a.json");
        QTest::newRow("root missing")
            << QStringList{QStringLiteral("call"), QStringLiteral("http://h"), QStringLiteral("t"),
                           QStringLiteral("--root"), QStringLiteral("/nonexistent/folder")}
            << QStringLiteral("no file or folder “/nonexistent/folder”");
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

    void answersRootsAndSampling()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("answers.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"name\": {\"name\": \"Ada\"}}");
        f.close();
        QString error, now;
        const auto o = parseArguments({QStringLiteral("call"), QStringLiteral("http://h/mcp"),
                                       QStringLiteral("t"), QStringLiteral("--answers"),
                                       QLatin1Char('@') + f.fileName(), QStringLiteral("--root"),
                                       dir.path(), QStringLiteral("--root=."),
                                       QStringLiteral("--sampling-reply"), QStringLiteral("yes")},
                                      &error, &now);
        QVERIFY2(o.has_value(), qPrintable(error));
        QCOMPARE(o->answers->value(QStringLiteral("name"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("Ada"));
        QCOMPARE(o->roots, (QStringList{dir.path(), QDir::currentPath()}));
        QCOMPARE(o->samplingReply.value(), QStringLiteral("yes"));
        const QJsonArray roots = rootsOf(o->roots);
        QCOMPARE(roots.at(0).toObject().value(QStringLiteral("uri")).toString(),
                 QUrl::fromLocalFile(dir.path()).toString());
        // Nothing given: no answers, no sampling.
        const auto plain = parseArguments(
            {QStringLiteral("call"), QStringLiteral("http://h/mcp"), QStringLiteral("t")}, &error,
            &now);
        QVERIFY(!plain->answers && !plain->samplingReply && plain->roots.isEmpty());
    }

    // A form's fields as typed on a terminal.
    void fieldsFromText()
    {
        QString error;
        const QJsonObject integer{{QStringLiteral("type"), QStringLiteral("integer")},
                                  {QStringLiteral("minimum"), 1}};
        QCOMPARE(parseField(integer, QStringLiteral(" 3 "), &error).value(), QJsonValue(3));
        QVERIFY(!parseField(integer, QStringLiteral("2.5"), &error));
        QVERIFY2(error.contains(QStringLiteral("whole number")), qPrintable(error));
        QVERIFY(!parseField(integer, QStringLiteral("0"), &error));
        QVERIFY2(error.contains(QStringLiteral("at least 1")), qPrintable(error));
        const QJsonObject yesNo{{QStringLiteral("type"), QStringLiteral("boolean")}};
        QCOMPARE(parseField(yesNo, QStringLiteral("Yes"), &error).value(), QJsonValue(true));
        QCOMPARE(parseField(yesNo, QStringLiteral("n"), &error).value(), QJsonValue(false));
        QVERIFY(!parseField(yesNo, QStringLiteral("maybe"), &error));
        const QJsonObject colour{
            {QStringLiteral("type"), QStringLiteral("string")},
            {QStringLiteral("oneOf"),
             QJsonArray{QJsonObject{{QStringLiteral("const"), QStringLiteral("r")},
                                    {QStringLiteral("title"), QStringLiteral("Red")}},
                        QJsonObject{{QStringLiteral("const"), QStringLiteral("g")},
                                    {QStringLiteral("title"), QStringLiteral("Green")}}}}};
        QCOMPARE(describeField(colour), QStringLiteral("one of: 1) Red, 2) Green"));
        QCOMPARE(parseField(colour, QStringLiteral("2"), &error).value(),
                 QJsonValue(QStringLiteral("g")));
        QCOMPARE(parseField(colour, QStringLiteral("red"), &error).value(),
                 QJsonValue(QStringLiteral("r")));
        QVERIFY(!parseField(colour, QStringLiteral("blue"), &error));
        const QJsonObject many{
            {QStringLiteral("type"), QStringLiteral("array")},
            {QStringLiteral("items"),
             QJsonObject{
                 {QStringLiteral("type"), QStringLiteral("string")},
                 {QStringLiteral("enum"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}}}};
        QCOMPARE(parseField(many, QStringLiteral("b, 1"), &error).value(),
                 QJsonValue(QJsonArray{QStringLiteral("b"), QStringLiteral("a")}));
    }

    void formAnswers()
    {
        const QJsonObject params{
            {QStringLiteral("message"), QStringLiteral("Who?")},
            {QStringLiteral("requestedSchema"),
             QJsonObject{
                 {QStringLiteral("type"), QStringLiteral("object")},
                 {QStringLiteral("properties"),
                  QJsonObject{{QStringLiteral("name"),
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                              {QStringLiteral("age"),
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")}}},
                              {QStringLiteral("pet"),
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                           {QStringLiteral("default"), QStringLiteral("cat")}}}}},
                 {QStringLiteral("required"), QJsonArray{QStringLiteral("name")}}}}};
        const Say quiet = [](const QString &) {};
        // From --answers.
        Answered a =
            answerForm(params, QStringLiteral("k"),
                       QJsonObject{{QStringLiteral("k"),
                                    QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}}}},
                       {}, quiet);
        QCOMPARE(a.result.value(QStringLiteral("action")).toString(), QStringLiteral("accept"));
        QCOMPARE(a.result.value(QStringLiteral("content")).toObject().value(QStringLiteral("name")),
                 QJsonValue(QStringLiteral("Ada")));
        a = answerForm(params, QStringLiteral("k"),
                       QJsonObject{{QStringLiteral("k"), QJsonObject{{QStringLiteral("name"), 5}}}},
                       {}, quiet);
        QCOMPARE(a.result.value(QStringLiteral("action")).toString(), QStringLiteral("decline"));
        QVERIFY2(a.note.contains(QStringLiteral("“name” must be text")), qPrintable(a.note));
        a = answerForm(params, QStringLiteral("k"),
                       QJsonObject{{QStringLiteral("k"),
                                    QJsonObject{{QStringLiteral("nick"), 1},
                                                {QStringLiteral("name"), QStringLiteral("x")}}}},
                       {}, quiet);
        QVERIFY2(a.note.contains(QStringLiteral("no field “nick”")), qPrintable(a.note));
        // No answers, no terminal: declined, said why.
        a = answerForm(params, QStringLiteral("k"), std::nullopt, {}, quiet);
        QCOMPARE(a.result.value(QStringLiteral("action")).toString(), QStringLiteral("decline"));
        QVERIFY(a.note.contains(QStringLiteral("Who?")));
        // On a terminal: required first, a wrong number asked again, Enter takes the
        // default, then sent.
        QStringList typed{QStringLiteral(""),  QStringLiteral("Ada"), QStringLiteral("x"),
                          QStringLiteral("7"), QStringLiteral(""),    QStringLiteral("")};
        QStringList prompts;
        const LineReader reader = [&](const QString &prompt) -> std::optional<QString> {
            prompts.append(prompt);
            if (typed.isEmpty())
                return std::nullopt;
            return typed.takeFirst();
        };
        a = answerForm(params, QStringLiteral("k"), std::nullopt, reader, quiet);
        QCOMPARE(a.result.value(QStringLiteral("action")).toString(), QStringLiteral("accept"));
        QCOMPARE(a.result.value(QStringLiteral("content")).toObject(),
                 (QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")},
                              {QStringLiteral("age"), 7},
                              {QStringLiteral("pet"), QStringLiteral("cat")}}));
        QVERIFY2(prompts.first().contains(QStringLiteral("name (text, required)")),
                 qPrintable(prompts.first()));
        // Ctrl+D: cancelled.
        typed = QStringList{QStringLiteral("Ada")};
        a = answerForm(params, QStringLiteral("k"), std::nullopt, reader, quiet);
        QCOMPARE(a.result.value(QStringLiteral("action")).toString(), QStringLiteral("cancel"));
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
