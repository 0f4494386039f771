// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// mcpdesk-cli when a server asks the person something — a form, a page to visit, a
// model's reply, the folders it may see —, when a call is cancelled, and `watch`
// printing the changes another client makes: against the
// project's dual-era server speaking only 2026-07-28 (input_required results) over
// HTTP and stdio, the same server held to 2025-11-25 over stdio (its own requests),
// and server-everything (2025-11-25) over HTTP and stdio.
#include "CliRun.h"
#include "PeerProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>

class TestCliAsks : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString everythingStdio()
    {
        return QStringLiteral("stdio:%1 %2/node_modules/@modelcontextprotocol/server-everything/"
                              "dist/index.js stdio")
            .arg(PeerProcess::node(), PeerProcess::peersDir());
    }
    // The events the dual-era server's tools logged ({event, tool, ...}).
    static QStringList events(const QString &path)
    {
        QStringList out;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return out;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.contains(QStringLiteral("event")))
                out.append(o.value(QStringLiteral("event")).toString() + QLatin1Char(' ') +
                           o.value(QStringLiteral("tool")).toString());
        }
        return out;
    }
    static int postsOf(const QString &path, const QString &method)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        int n = 0;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (QJsonDocument::fromJson(line).object().value(QStringLiteral("method")) == method)
                ++n;
        return n;
    }
    static CliRun call(const QString &target, const QString &tool, const QStringList &extra = {})
    {
        return runCli(QStringList{QStringLiteral("call"), target, tool} + extra);
    }

    // The questions every server of this test asks, answered and not.
    static void modernAsks(const QString &target)
    {
        CliRun r = call(target, QStringLiteral("ask-name"),
                        {QStringLiteral("--answers"),
                         QStringLiteral("{\"name\": {\"name\": \"Ada\", \"age\": 36}}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Hello, Ada (36)!\n"));
        // --answers without this question's key: declined, and said so.
        r = call(target, QStringLiteral("ask-name"),
                 {QStringLiteral("--answers"), QStringLiteral("{}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("no name: decline\n"));
        QVERIFY2(r.err.contains(QStringLiteral("--answers has no “name”; declined")),
                 qPrintable(r.err));
        // An answer that does not fit the form: declined, the field named.
        r = call(target, QStringLiteral("ask-name"),
                 {QStringLiteral("--answers"), QStringLiteral("{\"name\": {\"age\": 3}}")});
        QCOMPARE(r.out, QStringLiteral("no name: decline\n"));
        QVERIFY2(r.err.contains(QStringLiteral("“name” is required")), qPrintable(r.err));
        r = call(target, QStringLiteral("ask-name"),
                 {QStringLiteral("--answers"), QStringLiteral("{\"name\": \"cancel\"}")});
        QCOMPARE(r.out, QStringLiteral("no name: cancel\n"));
        // No --answers and no terminal: elicitation is not offered; the server says so
        // and the CLI says how to answer.
        r = call(target, QStringLiteral("ask-name"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("elicitation")) &&
                     r.err.contains(QStringLiteral("give --answers")),
                 qPrintable(r.err));
        // A page to visit: consent from --answers, else declined with the address shown.
        r = call(target, QStringLiteral("ask-visit"),
                 {QStringLiteral("--answers"), QStringLiteral("{\"visit\": \"accept\"}")});
        QCOMPARE(r.out, QStringLiteral("visit consented\n"));
        r = call(target, QStringLiteral("ask-visit"),
                 {QStringLiteral("--answers"), QStringLiteral("{}")});
        QCOMPARE(r.out, QStringLiteral("visit decline\n"));
        QVERIFY2(r.err.contains(QStringLiteral("https://example.invalid/link?code=42")),
                 qPrintable(r.err));
        // Sampling only with --sampling-reply.
        r = call(target, QStringLiteral("ask-model"),
                 {QStringLiteral("--sampling-reply"), QStringLiteral("banana")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("the model said: banana\n"));
        r = call(target, QStringLiteral("ask-model"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("--sampling-reply")), qPrintable(r.err));
        // Roots: those of --root, or none.
        const QString a = QDir::tempPath();
        const QString b = QDir::homePath();
        r = call(target, QStringLiteral("ask-roots"),
                 {QStringLiteral("--root"), a, QStringLiteral("--root"), b});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out,
                 QStringLiteral("roots: %1 %2\n")
                     .arg(QUrl::fromLocalFile(a).toString(), QUrl::fromLocalFile(b).toString()));
        r = call(target, QStringLiteral("ask-roots"));
        QCOMPARE(r.out, QStringLiteral("no roots\n"));
    }

    // Starts `args`, waits for `ready` on its stderr, then sends it Ctrl+C.
    static CliRun interruptAfter(const QStringList &args, const QString &ready)
    {
        QProcess p;
        p.setProcessEnvironment(withTestDataHome(QProcessEnvironment::systemEnvironment()));
        p.start(QStringLiteral(MCPDESK_CLI), args);
        p.waitForStarted();
        QByteArray err;
        QElapsedTimer clock;
        clock.start();
        while (!err.contains(ready.toUtf8()) && clock.elapsed() < 30000 &&
               p.state() == QProcess::Running) {
            p.waitForReadyRead(200);
            err += p.readAllStandardError();
        }
        ::kill(pid_t(p.processId()), SIGINT);
        return finishedRun(p, 15000, err);
    }

    // The CLI on a terminal (a pseudo-terminal made by script(1)), `typed` given as
    // the person's keystrokes.
    static CliRun onTerminal(const QStringList &args, const QByteArray &typed)
    {
        QStringList quoted{QStringLiteral(MCPDESK_CLI)};
        for (const QString &a : args)
            quoted.append(QLatin1Char('\'') +
                          QString(a).replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
                          QLatin1Char('\''));
        QProcess p;
        p.setProcessEnvironment(withTestDataHome(QProcessEnvironment::systemEnvironment()));
        p.start(QStringLiteral("script"), {QStringLiteral("-qefc"), quoted.join(QLatin1Char(' ')),
                                           QStringLiteral("/dev/null")});
        p.write(typed);
        return finishedRun(p, 30000); // out: stdout and stderr, as the terminal showed them
    }

    // `watch` on `target` while `change` runs: what it printed (stdout) by the time
    // `expected` lines came, and how it ended on Ctrl+C.
    static CliRun watchWhile(const QStringList &watchArgs, const std::function<void()> &change,
                             int expected)
    {
        QProcess p;
        p.setProcessEnvironment(withTestDataHome(QProcessEnvironment::systemEnvironment()));
        p.start(QStringLiteral(MCPDESK_CLI), QStringList{QStringLiteral("watch")} + watchArgs);
        p.waitForStarted();
        QByteArray err, out;
        QElapsedTimer clock;
        clock.start();
        auto pump = [&] {
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
            out += p.readAllStandardOutput();
        };
        while (!err.contains("watching ") && clock.elapsed() < 30000 &&
               p.state() == QProcess::Running)
            pump();
        if (err.contains("watching ")) {
            change();
            clock.restart();
            while (out.count('\n') < expected && clock.elapsed() < 20000 &&
                   p.state() == QProcess::Running)
                pump();
        }
        ::kill(pid_t(p.processId()), SIGINT);
        return finishedRun(p, 15000, err, out);
    }

    // A tool added and the note changed by another client: `watch` prints one line
    // for each, and ends with 0 on Ctrl+C.
    static void watchSeesChanges(const QString &target, const QStringList &extra = {})
    {
        const CliRun r = watchWhile(
            QStringList{target, QStringLiteral("--resource"), QStringLiteral("dual://note")} +
                extra,
            [&] {
                CliRun c = call(
                    target, QStringLiteral("add-tool"),
                    QStringList{QStringLiteral("--args"), QStringLiteral("{\"name\": \"zed\"}")} +
                        extra);
                QVERIFY2(c.code == 0, qPrintable(c.err));
                c = call(
                    target, QStringLiteral("update-note"),
                    QStringList{QStringLiteral("--args"), QStringLiteral("{\"text\": \"later\"}")} +
                        extra);
                QVERIFY2(c.code == 0, qPrintable(c.err));
            },
            2);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QStringLiteral("for changes (Ctrl+C ends)")), qPrintable(r.err));
        QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        lines.sort();
        QCOMPARE(lines, (QStringList{QStringLiteral("resource updated: dual://note"),
                                     QStringLiteral("tools: added zed")}));
    }

private slots:
    void modernServerOverHttp()
    {
        const QString log = m_dir.filePath(QStringLiteral("http.log"));
        PeerProcess server;
        QVERIFY(
            server.startDualEra({QStringLiteral("--modern-only"), QStringLiteral("--log"), log}));
        modernAsks(server.url().toString());
        // The request state came back as it went, every round.
        QVERIFY2(!events(log).contains(QStringLiteral("bad-state ask-name")),
                 qPrintable(events(log).join(QLatin1Char(','))));
    }

    void modernServerOverStdio()
    {
        const QString log = m_dir.filePath(QStringLiteral("stdio.log"));
        modernAsks(PeerProcess::dualEraStdio(true) + QStringLiteral(" --log ") + log);
        QVERIFY(!events(log).contains(QStringLiteral("bad-state ask-name")));
    }

    // The same tools at 2025-11-25 over stdio: the server sends its own requests, and
    // the form's key in --answers is "elicitation".
    void legacyServerOverStdio()
    {
        const QString target = PeerProcess::dualEraStdio(false);
        const QStringList legacy{QStringLiteral("--protocol"), QStringLiteral("2025-11-25")};
        CliRun r =
            call(target, QStringLiteral("ask-name"),
                 legacy + QStringList{QStringLiteral("--answers"),
                                      QStringLiteral("{\"elicitation\": {\"name\": \"Bo\"}}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Hello, Bo!\n"));
        r = call(target, QStringLiteral("ask-model"),
                 legacy + QStringList{QStringLiteral("--sampling-reply"), QStringLiteral("pear")});
        QCOMPARE(r.out, QStringLiteral("the model said: pear\n"));
        r = call(target, QStringLiteral("ask-roots"),
                 legacy + QStringList{QStringLiteral("--root"), QDir::tempPath()});
        QCOMPARE(
            r.out,
            QStringLiteral("roots: %1\n").arg(QUrl::fromLocalFile(QDir::tempPath()).toString()));
    }

    void everythingServer_data()
    {
        QTest::addColumn<QString>("wire");
        QTest::newRow("streamable-http") << QStringLiteral("streamableHttp");
        QTest::newRow("stdio") << QStringLiteral("stdio");
    }
    void everythingServer()
    {
        QFETCH(QString, wire);
        PeerProcess server;
        QString target = everythingStdio();
        if (wire != QLatin1String("stdio")) {
            QVERIFY(server.startEverything(wire));
            target = server.url().toString();
        }
        CliRun r = call(target, QStringLiteral("trigger-elicitation-request"),
                        {QStringLiteral("--answers"),
                         QStringLiteral("{\"elicitation\": {\"name\": \"Ada\", \"integer\": 7}}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Name: Ada")), qPrintable(r.out));
        r = call(target, QStringLiteral("trigger-elicitation-request"),
                 {QStringLiteral("--answers"), QStringLiteral("{}")});
        QVERIFY2(r.out.contains(QStringLiteral("declined")), qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("--answers has no “elicitation”")),
                 qPrintable(r.err));
        r = call(target, QStringLiteral("trigger-sampling-request"),
                 {QStringLiteral("--args"), QStringLiteral("{\"prompt\": \"Say a word\"}"),
                  QStringLiteral("--sampling-reply"), QStringLiteral("banana")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("banana")), qPrintable(r.out));
        r = call(target, QStringLiteral("get-roots-list"),
                 {QStringLiteral("--root"), QDir::tempPath()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QUrl::fromLocalFile(QDir::tempPath()).toString()),
                 qPrintable(r.out));
    }

    // server-everything asks for the roots the moment it hears `initialized`, on its
    // own stream: that stream is open before the notification goes out, even when
    // it opens slowly (here a proxy holds each GET back).
    void everythingAsksOnInitialized()
    {
        PeerProcess everything;
        QVERIFY(everything.startEverything(QStringLiteral("streamableHttp")));
        PeerProcess proxy;
        QVERIFY(proxy.startScript(QStringLiteral("cutting-proxy.mjs"),
                                  {QStringLiteral("--upstream"),
                                   QStringLiteral("http://127.0.0.1:%1").arg(everything.port()),
                                   QStringLiteral("--cut-after-events"), QStringLiteral("-1"),
                                   QStringLiteral("--delay-get"), QStringLiteral("400")}));
        const CliRun r = call(proxy.url().toString(), QStringLiteral("get-roots-list"),
                              {QStringLiteral("--root"), QDir::tempPath()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QUrl::fromLocalFile(QDir::tempPath()).toString()),
                 qPrintable(r.out));
    }

    // On a terminal the CLI asks field by field (required fields first), then
    // whether to send; a page to visit waits for Enter.
    void asksOnATerminal()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty())
            QFAIL("script(1) (bsdutils) is needed to give the CLI a terminal");
        PeerProcess server;
        QVERIFY(server.startDualEra({QStringLiteral("--modern-only")}));
        const QString target = server.url().toString();
        CliRun r = onTerminal({QStringLiteral("call"), target, QStringLiteral("ask-name")},
                              "Ada\nabc\n36\n\n");
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("The server asks: Who is asking?")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Your name (text, required)")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("type a number")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Hello, Ada (36)!")), qPrintable(r.out));
        // "n" to sending: declined.
        r = onTerminal({QStringLiteral("call"), target, QStringLiteral("ask-name")}, "Ada\n\nn\n");
        QVERIFY2(r.out.contains(QStringLiteral("no name: decline")), qPrintable(r.out));
        r = onTerminal({QStringLiteral("call"), target, QStringLiteral("ask-visit")}, "\n");
        QVERIFY2(r.out.contains(QStringLiteral("https://example.invalid/link?code=42")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("visit consented")), qPrintable(r.out));
    }

    void watchModernOverHttp()
    {
        const QString log = m_dir.filePath(QStringLiteral("watch-http.log"));
        PeerProcess server;
        QVERIFY(
            server.startDualEra({QStringLiteral("--modern-only"), QStringLiteral("--log"), log}));
        watchSeesChanges(server.url().toString());
        QVERIFY(postsOf(log, QStringLiteral("subscriptions/listen")) >= 1);
    }

    // Over stdio each client has a server process of its own: they share what they
    // change through --state.
    void watchModernOverStdio()
    {
        const QString state = m_dir.filePath(QStringLiteral("modern-state.json"));
        watchSeesChanges(PeerProcess::dualEraStdio(true) + QStringLiteral(" --state ") + state);
    }

    void watchLegacyOverStdio()
    {
        const QString state = m_dir.filePath(QStringLiteral("legacy-state.json"));
        watchSeesChanges(PeerProcess::dualEraStdio(false) + QStringLiteral(" --state ") + state,
                         {QStringLiteral("--protocol"), QStringLiteral("2025-11-25")});
    }

    // server-everything: watching a resource is accepted (resources/subscribe), and
    // being told again of lists that did not change prints nothing.
    void watchEverything()
    {
        PeerProcess server;
        QVERIFY(server.startEverything());
        const CliRun r = watchWhile(
            {server.url().toString(), QStringLiteral("--resource"),
             QStringLiteral("demo://resource/static/document/features.md")},
            [] { QTest::qWait(1000); }, 0);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QStringLiteral("for changes (Ctrl+C ends)")), qPrintable(r.err));
        QCOMPARE(r.out, QString());
    }

    // A modern server's answer stream that breaks off: a read is asked again (a new
    // request) and comes; a tool call is not asked again and says it may have run.
    void brokenStreams()
    {
        const QString log = m_dir.filePath(QStringLiteral("broken.log"));
        PeerProcess server;
        QVERIFY(
            server.startDualEra({QStringLiteral("--modern-only"), QStringLiteral("--log"), log}));
        const QString target = server.url().toString();
        CliRun r = runCli({QStringLiteral("read"), target, QStringLiteral("dual://flaky")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Here at last.\n"));
        QVERIFY(events(log).contains(QStringLiteral("broke dual://flaky")));
        QCOMPARE(postsOf(log, QStringLiteral("resources/read")), 2);
        r = call(target, QStringLiteral("break-stream"));
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QStringLiteral("may have run")), qPrintable(r.err));
        QCOMPARE(postsOf(log, QStringLiteral("tools/call")), 1);
    }

    // Ctrl+C on a slow call: exit 8, and the server hears of it — over HTTP by the
    // call's stream being closed (no notifications/cancelled POST), over stdio by
    // notifications/cancelled.
    void cancelledSlowCall()
    {
        const QString log = m_dir.filePath(QStringLiteral("cancel-http.log"));
        PeerProcess server;
        QVERIFY(
            server.startDualEra({QStringLiteral("--modern-only"), QStringLiteral("--log"), log}));
        const QStringList slow{QStringLiteral("slow"), QStringLiteral("--args"),
                               QStringLiteral("{\"seconds\": 60}")};
        CliRun r =
            interruptAfter(QStringList{QStringLiteral("call"), server.url().toString()} + slow,
                           QStringLiteral("progress 1/60"));
        QCOMPARE(r.code, 8);
        QVERIFY2(r.err.contains(QStringLiteral("was cancelled")), qPrintable(r.err));
        QTRY_VERIFY_WITH_TIMEOUT(events(log).contains(QStringLiteral("cancelled slow")), 10000);
        QCOMPARE(postsOf(log, QStringLiteral("notifications/cancelled")), 0);

        const QString stdioLog = m_dir.filePath(QStringLiteral("cancel-stdio.log"));
        r = interruptAfter(
            QStringList{QStringLiteral("call"),
                        PeerProcess::dualEraStdio(true) + QStringLiteral(" --log ") + stdioLog} +
                slow,
            QStringLiteral("progress 1/60"));
        QCOMPARE(r.code, 8);
        QTRY_VERIFY_WITH_TIMEOUT(events(stdioLog).contains(QStringLiteral("cancelled slow")),
                                 10000);

        // A legacy server: the same exit.
        r = interruptAfter({QStringLiteral("call"), everythingStdio(),
                            QStringLiteral("trigger-long-running-operation"),
                            QStringLiteral("--args"),
                            QStringLiteral("{\"duration\": 60, \"steps\": 60}")},
                           QStringLiteral("progress 1/60"));
        QCOMPARE(r.code, 8);
    }
};

QTEST_GUILESS_MAIN(TestCliAsks)
#include "tst_cli_asks.moc"
