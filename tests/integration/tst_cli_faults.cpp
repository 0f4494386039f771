// mcpdesk-cli as a script would use it: output, exit codes and messages, against
// server-everything and against faults that no real peer produces.
#include "PeerProcess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &args, int timeoutMs = 30000)
{
    QProcess p;
    p.start(QStringLiteral(MCPDESK_CLI), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("(did not finish)");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
} // namespace

#define CHECK_RUN(r, expectedCode, errFragment)                                                    \
    do {                                                                                           \
        QVERIFY2((r).code == (expectedCode),                                                       \
                 qPrintable(QStringLiteral("exit %1, stderr: %2").arg((r).code).arg((r).err)));    \
        QVERIFY2((r).err.contains(QStringLiteral(errFragment)), qPrintable((r).err));              \
        QVERIFY2(!(r).err.contains(QStringLiteral("mcpdesk.")), "engine debug output leaked");     \
    } while (false)

class TestCliFaults : public QObject
{
    Q_OBJECT

    PeerProcess everything;

private slots:
    void initTestCase() { QVERIFY(everything.startEverything()); }

    void toolsListing()
    {
        const Run r = runCli({QStringLiteral("tools"), everything.url().toString()});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 10);
        bool sawEcho = false;
        for (const QString &l : lines) {
            QVERIFY2(l.count(QLatin1Char('\t')) == 1, qPrintable(l)); // name<TAB>title
            if (l.startsWith(QStringLiteral("echo\t")))
                sawEcho = true;
        }
        QVERIFY(sawEcho);
    }

    void callPrintsContent()
    {
        Run r = runCli({QStringLiteral("call"), everything.url().toString(), QStringLiteral("echo"),
                        QStringLiteral("--args"), QStringLiteral("{\"message\":\"from a script\"}")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("Echo: from a script\n"));
        QVERIFY(r.err.isEmpty());

        r = runCli({QStringLiteral("call"), everything.url().toString(), QStringLiteral("get-tiny-image")});
        QCOMPARE(r.code, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^\\[image image/png \\d+(\\.\\d)? (B|KB)\\]$"),
                                    QRegularExpression::MultilineOption)
                     .match(r.out)
                     .hasMatch(),
                 qPrintable(r.out));

        r = runCli({QStringLiteral("call"), everything.url().toString(), QStringLiteral("get-sum"),
                    QStringLiteral("--args"), QStringLiteral("{\"a\":1,\"b\":2}"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject result = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(result.value(QStringLiteral("content")).toArray().first().toObject()
                    .value(QStringLiteral("text")).toString().contains(QStringLiteral("3")));
    }

    void progressLinesOnStderr()
    {
        const Run r = runCli({QStringLiteral("call"), everything.url().toString(),
                              QStringLiteral("trigger-long-running-operation"), QStringLiteral("--args"),
                              QStringLiteral("{\"duration\":1,\"steps\":2}")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QStringLiteral("progress 1/2\n")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("progress 2/2\n")), qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("Long running operation completed")));
    }

    void toolErrorExits5()
    {
        const Run r = runCli({QStringLiteral("call"), everything.url().toString(), QStringLiteral("no-such-tool")});
        CHECK_RUN(r, 5, "error");
    }

    void usageExits2()
    {
        CHECK_RUN(runCli({QStringLiteral("call")}), 2, "usage");
        CHECK_RUN(runCli({QStringLiteral("tools"), QStringLiteral("ftp://x/")}), 2, "http");
        QCOMPARE(runCli({QStringLiteral("--version")}).out.trimmed(),
                 QStringLiteral("mcpdesk-cli %1").arg(QStringLiteral(MCPDESK_VERSION)));
        const Run help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains(QStringLiteral("Exit codes")));
    }

    void connectionRefused()
    {
        const quint16 port = PeerProcess::freePort();
        CHECK_RUN(runCli({QStringLiteral("tools"), QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)}), 3,
                  "refused");
    }

    void dnsFailure()
    {
        CHECK_RUN(runCli({QStringLiteral("tools"), QStringLiteral("http://mcpdesk-test.invalid/mcp")}), 3,
                  "could not be found");
    }

    void http500WithHtml()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("html500")));
        const Run r = runCli({QStringLiteral("tools"), fake.url().toString()});
        CHECK_RUN(r, 3, "HTTP 500");
        QVERIFY2(r.err.contains(QStringLiteral("HTML page")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("<html")), "raw HTML shown to the user");
    }

    void bodyNotJson()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("notjson")));
        CHECK_RUN(runCli({QStringLiteral("tools"), fake.url().toString()}), 4, "not valid JSON");
    }

    void streamCutMidEvent()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("cutstream")));
        const Run r = runCli({QStringLiteral("call"), fake.url().toString(), QStringLiteral("anything")});
        CHECK_RUN(r, 3, "broke off");
        QVERIFY(r.out.isEmpty()); // half an event is never shown as a result
    }

    void streamCutServerCannotResume()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("cutstream-id")));
        const Run r = runCli({QStringLiteral("call"), fake.url().toString(), QStringLiteral("anything")});
        CHECK_RUN(r, 3, "cannot resume");
        QTRY_VERIFY_WITH_TIMEOUT(fake.received(QStringLiteral("GET 1")), 2000); // tried, with Last-Event-ID: 1
    }

    void unsupportedProtocolVersion()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("badversion")));
        const Run r = runCli({QStringLiteral("tools"), fake.url().toString()});
        CHECK_RUN(r, 4, "1999-01-01");
        QVERIFY2(r.err.contains(QStringLiteral("2025-11-25")), qPrintable(r.err)); // names both versions
    }

    void jsonRpcErrorAnswer()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("rpcerror")));
        CHECK_RUN(runCli({QStringLiteral("call"), fake.url().toString(), QStringLiteral("t")}), 4,
                  "Database is on fire");
    }

    void unauthorizedExits6()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("unauthorized")));
        CHECK_RUN(runCli({QStringLiteral("tools"), fake.url().toString()}), 6, "sign in");
        // 401 is not "this server speaks the old transport": no HTTP+SSE fallback.
        QTest::qWait(200);
        const QStringList lines = fake.lines();
        QVERIFY(!std::any_of(lines.begin(), lines.end(),
                             [](const QString &l) { return l.startsWith(QStringLiteral("received GET")); }));
    }

    void timeoutExits7AndCancels()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("silent")));
        QElapsedTimer t;
        t.start();
        const Run r = runCli({QStringLiteral("call"), fake.url().toString(), QStringLiteral("t"),
                              QStringLiteral("--timeout"), QStringLiteral("1")});
        CHECK_RUN(r, 7, "did not answer");
        QVERIFY(t.elapsed() < 8000);
        QTRY_VERIFY_WITH_TIMEOUT(fake.received(QStringLiteral("notifications/cancelled")), 3000);
    }

    void ctrlCCancelsAndExits8()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("silent")));
        QProcess p;
        p.start(QStringLiteral(MCPDESK_CLI), {QStringLiteral("call"), fake.url().toString(), QStringLiteral("t")});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(fake.received(QStringLiteral("tools/call")), 10000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 8);
        // notifications/cancelled reached the server before the CLI exited.
        QTRY_VERIFY_WITH_TIMEOUT(fake.received(QStringLiteral("notifications/cancelled")), 1000);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("cancelled")));
    }

    // What goes over the wire: custom headers on every request, the session id
    // and the negotiated protocol version on every request after initialize.
    void headersOnTheWire()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("paging")));
        const Run r = runCli({QStringLiteral("call"), fake.url().toString(), QStringLiteral("tool-1"),
                              QStringLiteral("--header"), QStringLiteral("X-McpDesk-Test: yes please")});
        QCOMPARE(r.code, 0);
        QTRY_VERIFY_WITH_TIMEOUT(fake.received(QStringLiteral("DELETE")), 3000); // session ended politely
        QMap<QString, QJsonObject> byMethod;
        for (const QString &line : fake.lines())
            if (line.startsWith(QStringLiteral("headers ")))
                byMethod.insert(line.section(QLatin1Char(' '), 1, 1),
                                QJsonDocument::fromJson(line.section(QLatin1Char(' '), 2).toUtf8()).object());
        QVERIFY2(byMethod.contains(QStringLiteral("initialize")), qPrintable(fake.lines().join(QLatin1Char('\n'))));
        const QJsonObject init = byMethod.value(QStringLiteral("initialize"));
        QCOMPARE(init.value(QStringLiteral("x-mcpdesk-test")).toString(), QStringLiteral("yes please"));
        QVERIFY(!init.contains(QStringLiteral("mcp-session-id")));
        QVERIFY(!init.contains(QStringLiteral("mcp-protocol-version")));
        for (const QString &m : {QStringLiteral("notifications/initialized"), QStringLiteral("tools/call")}) {
            const QJsonObject h = byMethod.value(m);
            QCOMPARE(h.value(QStringLiteral("x-mcpdesk-test")).toString(), QStringLiteral("yes please"));
            QCOMPARE(h.value(QStringLiteral("mcp-session-id")).toString(), QStringLiteral("fake-session-1"));
            QCOMPARE(h.value(QStringLiteral("mcp-protocol-version")).toString(), QStringLiteral("2025-11-25"));
        }
    }

    // TLS problems are told in words: host, issuer, reason.
    void untrustedCertificate()
    {
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=McpDesk Test Issuer"), QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")),
                       QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem"))});
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("paging"), dir.path()));
        const Run r = runCli({QStringLiteral("tools"), fake.url().toString()});
        CHECK_RUN(r, 3, "could not be trusted");
        QVERIFY2(r.err.contains(QStringLiteral("McpDesk Test Issuer")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("127.0.0.1:%1").arg(fake.port())), qPrintable(r.err));
    }

    // The "extra CA certificate to trust" of a server: with it, the same server is fine.
    void extraCaCertificate()
    {
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                       QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")),
                       QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem"))});
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("paging"), dir.path()));
        CHECK_RUN(runCli({QStringLiteral("tools"), fake.url().toString()}), 3, "could not be trusted");
        const Run r = runCli({QStringLiteral("tools"), fake.url().toString(), QStringLiteral("--ca-file"), dir.filePath(QStringLiteral("cert.pem"))});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("tool-1\t")));
    }

    // The rest of the scripting interface, on configured servers and stdio: targets.
    void configuredServers()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("servers.json"));
        const QStringList cfg{QStringLiteral("--config"), config};
        Run r = runCli(QStringList{QStringLiteral("add"), QStringLiteral("Everything Demo"), everything.url().toString()} + cfg);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("everything-demo"));
        const QString stdioLine = QStringLiteral("stdio:'%1' '%2' stdio")
                                      .arg(PeerProcess::node(),
                                           PeerProcess::peersDir() +
                                               QStringLiteral("/node_modules/@modelcontextprotocol/server-everything/dist/index.js"));
        r = runCli(QStringList{QStringLiteral("add"), QStringLiteral("Local"), stdioLine, QStringLiteral("--env"),
                               QStringLiteral("DEMO=1")} + cfg);
        QCOMPARE(r.code, 0);
        r = runCli(QStringList{QStringLiteral("list")} + cfg);
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].split(QLatin1Char('\t')).mid(0, 4),
                 (QStringList{QStringLiteral("everything-demo"), QStringLiteral("Everything Demo"),
                              QStringLiteral("streamable-http"), QStringLiteral("enabled")}));
        QCOMPARE(lines[1].split(QLatin1Char('\t')).at(2), QStringLiteral("stdio"));

        // By mcpId, by name, and the stdio one.
        for (const QString &target : {QStringLiteral("everything-demo"), QStringLiteral("Everything Demo"), QStringLiteral("local")}) {
            r = runCli(QStringList{QStringLiteral("call"), target, QStringLiteral("echo"), QStringLiteral("--args"),
                                   QStringLiteral("{\"message\":\"configured\"}")} + cfg);
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QCOMPARE(r.out, QStringLiteral("Echo: configured\n"));
        }
        r = runCli(QStringList{QStringLiteral("call"), QStringLiteral("local"), QStringLiteral("get-env")} + cfg);
        QVERIFY(r.out.contains(QStringLiteral("\"DEMO\": \"1\"")) || r.out.contains(QStringLiteral("\"DEMO\":\"1\"")));

        r = runCli(QStringList{QStringLiteral("resources"), QStringLiteral("everything-demo")} + cfg);
        QCOMPARE(r.code, 0);
        const QString firstUri = r.out.section(QLatin1Char('\t'), 0, 0);
        QVERIFY2(firstUri.contains(QStringLiteral("://")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1Char('{')), "resource templates listed too");
        r = runCli(QStringList{QStringLiteral("read"), QStringLiteral("everything-demo"), firstUri} + cfg);
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.trimmed().isEmpty());

        r = runCli(QStringList{QStringLiteral("prompts"), QStringLiteral("local")} + cfg);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("args-prompt\t")));
        r = runCli(QStringList{QStringLiteral("prompt"), QStringLiteral("local"), QStringLiteral("args-prompt"),
                               QStringLiteral("--args"), QStringLiteral("{\"city\":\"Shanghai\"}")} + cfg);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("user: ")) && r.out.contains(QStringLiteral("Shanghai")), qPrintable(r.out));

        r = runCli(QStringList{QStringLiteral("remove"), QStringLiteral("Local")} + cfg);
        QCOMPARE(r.code, 0);
        r = runCli(QStringList{QStringLiteral("list")} + cfg);
        QCOMPARE(r.out.count(QLatin1Char('\n')), 1);
        CHECK_RUN(runCli(QStringList{QStringLiteral("tools"), QStringLiteral("local")} + cfg), 2, "no configured server");
        CHECK_RUN(runCli(QStringList{QStringLiteral("remove"), QStringLiteral("local")} + cfg), 2, "no configured server");
    }

    void stdioTargetFaults()
    {
        CHECK_RUN(runCli({QStringLiteral("tools"), QStringLiteral("stdio:sh -c 'echo bad config >&2; exit 4'")}), 3,
                  "bad config");
        CHECK_RUN(runCli({QStringLiteral("tools"), QStringLiteral("stdio:'unterminated")}), 2, "quote");
    }

    void corruptConfigIsReported()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("servers.json"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ this is not json");
        f.close();
        const Run r = runCli({QStringLiteral("list"), QStringLiteral("--config"), config});
        QVERIFY2(r.err.contains(QStringLiteral("could not be read")) && r.err.contains(QStringLiteral("copy was kept")),
                 qPrintable(r.err));
    }

    void cleanupTestCase() { everything.stop(); }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_cli_faults.moc"
