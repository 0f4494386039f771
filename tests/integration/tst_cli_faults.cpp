// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// mcpdesk-cli as a script would use it: output, exit codes and messages, against
// server-everything and against faults that no real peer produces.
#include "CliRun.h"
#include "PeerProcess.h"
#include "ResultText.h"

#include "auth/SecretStore.h"
#include "config/ConfigStore.h"
#include "servers/ServerInputs.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace mcpdesk;

using Run = CliRun;

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

    // The first character a terminal would act on or that reorders what it shows:
    // a C0 control other than newline and tab, DEL, a C1 control, a bidirectional
    // override or isolate. Empty when there is none.
    static QString rawControl(const QString &text)
    {
        for (const QChar c : text) {
            const char16_t u = c.unicode();
            if ((u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7F && u <= 0x9F) ||
                (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069))
                return QStringLiteral("U+%1").arg(uint(u), 4, 16, QLatin1Char('0'));
        }
        return QString();
    }

private slots:
    void initTestCase() { QVERIFY(everything.startEverything()); }

    // A saved server's secret header lives in the keychain, not the config: the CLI
    // reads it there, as the app does, and the server gets it. Without it, refused.
    void savedServersSecretsAreSent()
    {
        PeerProcess keyed;
        QVERIFY(keyed.startScript(QStringLiteral("fake-mcp-server.mjs"),
                                  {QStringLiteral("--mode"), QStringLiteral("apikey"),
                                   QStringLiteral("--api-key"), QStringLiteral("k-2718")}));
        QTemporaryDir dir;
        const QString configPath = dir.filePath(QStringLiteral("servers.json"));
        ConfigStore store(configPath);
        store.load();
        ServerConfig c;
        c.name = QStringLiteral("Keyed");
        c.type = TransportKind::StreamableHttp;
        c.url = keyed.url();
        c.secretHeaders = {QStringLiteral("X-Api-Key")};
        const auto added = store.add(c);
        QVERIFY(added && store.save());
        KeychainSecretStore keychain(QStringLiteral("McpDesk"));
        const QString key = serverSecretKey(added->mcpId, QStringLiteral("header:X-Api-Key"));
        QString error;
        QVERIFY2(keychain.writeNow(key, "k-2718", &error), qPrintable(error));

        const CliRun r =
            runCli({QStringLiteral("--config"), configPath, QStringLiteral("tools"), added->mcpId});
        keychain.removeNow(key);
        QVERIFY2(r.code == 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY2(r.out.contains(QStringLiteral("tool-8")), qPrintable(r.out));

        const CliRun without =
            runCli({QStringLiteral("--config"), configPath, QStringLiteral("tools"), added->mcpId});
        QVERIFY2(without.code == 6,
                 qPrintable(QStringLiteral("exit %1: %2").arg(without.code).arg(without.err)));
    }

    // A server's text reaches the terminal with its control characters and
    // bidirectional overrides written as escapes: in record lines (tab, CR and
    // newline too), in text (newline and tab kept), on stderr, and in --json.
    void serverTextIsEscaped()
    {
        PeerProcess hostile;
        QVERIFY(hostile.startScript(QStringLiteral("hostile-server.mjs"), {}));
        const QString url = hostile.url().toString();
        const QString terminal =
            QStringLiteral("\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x1b[0m\\u009b1mC1\\x7fdel");

        Run r = runCli({QStringLiteral("tools"), url});
        QCOMPARE(r.code, 0);
        QVERIFY2(rawControl(r.out).isEmpty(), qPrintable(rawControl(r.out)));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 7);
        for (const QString &l : lines)
            QVERIFY2(l.count(QLatin1Char('\t')) == 1, qPrintable(l));
        QVERIFY2(lines.contains(QStringLiteral("rtl\\u202egnp.exe\tA name that reads backwards")),
                 qPrintable(r.out));
        QVERIFY2(lines.contains(QStringLiteral("esc-tool\tTitle ") + terminal), qPrintable(r.out));

        r = runCli({QStringLiteral("tools"), url, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(rawControl(r.out).isEmpty(), qPrintable(rawControl(r.out)));
        QVERIFY(r.out.contains(QStringLiteral("rtl\\u202egnp.exe")));
        QVERIFY(r.out.contains(QStringLiteral("\\u001b]0;pwned\\u0007")));
        QVERIFY(r.out.contains(QStringLiteral("\\u009b1mC1\\u007fdel")));
        // Still the server's exact text once read as JSON.
        const QJsonArray tools = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(tools.size(), 7);
        QCOMPARE(tools.at(0).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("rtl") + QChar(0x202E) + QStringLiteral("gnp.exe"));
        QVERIFY(tools.at(1)
                    .toObject()
                    .value(QStringLiteral("title"))
                    .toString()
                    .contains(QString(QChar(0x9b)) + QStringLiteral("1mC1") + QChar(0x7f)));

        // Text keeps its newlines and tabs; stderr lines are server text too.
        r = runCli({QStringLiteral("call"), url, QStringLiteral("noisy"),
                    QStringLiteral("--log-level"), QStringLiteral("debug")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("done ") + terminal + QStringLiteral("\nline two\tcell\n"));
        QVERIFY2(rawControl(r.err).isEmpty(), qPrintable(rawControl(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("log warning log\\x1b[2J: logged ") + terminal +
                                QStringLiteral("\\nsecond <b>line</b>\n")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("progress 1/2 step ") + terminal +
                                QStringLiteral("\\nnext\n")),
                 qPrintable(r.err));

        r = runCli({QStringLiteral("call"), url, QStringLiteral("fail")});
        QCOMPARE(r.code, 4);
        QVERIFY2(rawControl(r.err).isEmpty(), qPrintable(rawControl(r.err)));
        QVERIFY2(r.err.contains(terminal), qPrintable(r.err));

        r = runCli({QStringLiteral("prompts"), url});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("prompt\\x1b[1m\t")), qPrintable(r.out));
        r = runCli({QStringLiteral("prompt"), url,
                    QStringLiteral("prompt") + QChar(0x1b) + QStringLiteral("[1m")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("user: prompt text ") + terminal +
                            QStringLiteral("\nsecond line\n"));
        r = runCli({QStringLiteral("resources"), url});
        QCOMPARE(r.code, 0);
        QVERIFY2(rawControl(r.out).isEmpty(), qPrintable(rawControl(r.out)));
        QVERIFY2(r.out.startsWith(QStringLiteral("hostile://r\\x1b[2J\tres ")), qPrintable(r.out));
        QCOMPARE(r.out.count(QLatin1Char('\n')), 1);
    }

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
        Run r =
            runCli({QStringLiteral("call"), everything.url().toString(), QStringLiteral("echo"),
                    QStringLiteral("--args"), QStringLiteral("{\"message\":\"from a script\"}")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("Echo: from a script\n"));
        QVERIFY(r.err.isEmpty());

        r = runCli({QStringLiteral("call"), everything.url().toString(),
                    QStringLiteral("get-tiny-image")});
        QCOMPARE(r.code, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^\\[image image/png \\d+(\\.\\d)? (B|KB)\\]$"),
                                    QRegularExpression::MultilineOption)
                     .match(r.out)
                     .hasMatch(),
                 qPrintable(r.out));

        r = runCli({QStringLiteral("call"), everything.url().toString(), QStringLiteral("get-sum"),
                    QStringLiteral("--args"), QStringLiteral("{\"a\":1,\"b\":2}"),
                    QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject result = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(firstText(result).contains(QStringLiteral("3")));
    }

    void progressLinesOnStderr()
    {
        const Run r =
            runCli({QStringLiteral("call"), everything.url().toString(),
                    QStringLiteral("trigger-long-running-operation"), QStringLiteral("--args"),
                    QStringLiteral("{\"duration\":1,\"steps\":2}")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QStringLiteral("progress 1/2\n")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("progress 2/2\n")), qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("Long running operation completed")));
    }

    void toolErrorExits5()
    {
        const Run r = runCli(
            {QStringLiteral("call"), everything.url().toString(), QStringLiteral("no-such-tool")});
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
        CHECK_RUN(
            runCli({QStringLiteral("tools"), QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)}),
            3, "refused");
    }

    void dnsFailure()
    {
        CHECK_RUN(
            runCli({QStringLiteral("tools"), QStringLiteral("http://mcpdesk-test.invalid/mcp")}), 3,
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
        const Run r =
            runCli({QStringLiteral("call"), fake.url().toString(), QStringLiteral("anything")});
        CHECK_RUN(r, 3, "broke off");
        QVERIFY(r.out.isEmpty()); // half an event is never shown as a result
    }

    void streamCutServerCannotResume()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("cutstream-id")));
        const Run r =
            runCli({QStringLiteral("call"), fake.url().toString(), QStringLiteral("anything")});
        CHECK_RUN(r, 3, "cannot resume");
        QTRY_VERIFY_WITH_TIMEOUT(fake.received(QStringLiteral("GET 1")),
                                 2000); // tried, with Last-Event-ID: 1
    }

    void unsupportedProtocolVersion()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("badversion")));
        const Run r = runCli({QStringLiteral("tools"), fake.url().toString()});
        CHECK_RUN(r, 4, "1999-01-01");
        QVERIFY2(r.err.contains(QStringLiteral("2025-11-25")),
                 qPrintable(r.err)); // names both versions
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
        QVERIFY(!std::any_of(lines.begin(), lines.end(), [](const QString &l) {
            return l.startsWith(QStringLiteral("received GET"));
        }));
    }

    void timeoutExits7AndCancels()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("silent")));
        const Run r = runCli({QStringLiteral("call"), fake.url().toString(), QStringLiteral("t"),
                              QStringLiteral("--timeout"), QStringLiteral("1")});
        CHECK_RUN(r, 7, "did not answer");
        QTRY_VERIFY_WITH_TIMEOUT(fake.received(QStringLiteral("notifications/cancelled")), 3000);
    }

    void ctrlCCancelsAndExits8()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("silent")));
        QProcess p;
        p.start(QStringLiteral(MCPDESK_CLI),
                {QStringLiteral("call"), fake.url().toString(), QStringLiteral("t")});
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
        const Run r =
            runCli({QStringLiteral("call"), fake.url().toString(), QStringLiteral("tool-1"),
                    QStringLiteral("--header"), QStringLiteral("X-McpDesk-Test: yes please")});
        QCOMPARE(r.code, 0);
        QTRY_VERIFY_WITH_TIMEOUT(fake.received(QStringLiteral("DELETE")),
                                 3000); // session ended politely
        QMap<QString, QJsonObject> byMethod;
        for (const QString &line : fake.lines())
            if (line.startsWith(QStringLiteral("headers ")))
                byMethod.insert(
                    line.section(QLatin1Char(' '), 1, 1),
                    QJsonDocument::fromJson(line.section(QLatin1Char(' '), 2).toUtf8()).object());
        QVERIFY2(byMethod.contains(QStringLiteral("initialize")),
                 qPrintable(fake.lines().join(QLatin1Char('\n'))));
        const QJsonObject init = byMethod.value(QStringLiteral("initialize"));
        QCOMPARE(init.value(QStringLiteral("x-mcpdesk-test")).toString(),
                 QStringLiteral("yes please"));
        QVERIFY(!init.contains(QStringLiteral("mcp-session-id")));
        QVERIFY(!init.contains(QStringLiteral("mcp-protocol-version")));
        for (const QString &m :
             {QStringLiteral("notifications/initialized"), QStringLiteral("tools/call")}) {
            const QJsonObject h = byMethod.value(m);
            QCOMPARE(h.value(QStringLiteral("x-mcpdesk-test")).toString(),
                     QStringLiteral("yes please"));
            QCOMPARE(h.value(QStringLiteral("mcp-session-id")).toString(),
                     QStringLiteral("fake-session-1"));
            QCOMPARE(h.value(QStringLiteral("mcp-protocol-version")).toString(),
                     QStringLiteral("2025-11-25"));
        }
    }

    // TLS problems are told in words: host, issuer, reason.
    void untrustedCertificate()
    {
        QTemporaryDir dir;
        QVERIFY(makeTestCertificate(dir.path(), QStringLiteral("McpDesk Test Issuer"), false));
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("paging"), dir.path()));
        const Run r = runCli({QStringLiteral("tools"), fake.url().toString()});
        CHECK_RUN(r, 3, "could not be trusted");
        QVERIFY2(r.err.contains(QStringLiteral("McpDesk Test Issuer")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("127.0.0.1:%1").arg(fake.port())),
                 qPrintable(r.err));
    }

    // The "extra CA certificate to trust" of a server: with it, the same server is fine.
    void extraCaCertificate()
    {
        QTemporaryDir dir;
        QVERIFY(makeTestCertificate(dir.path(), QStringLiteral("127.0.0.1"), true));
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("paging"), dir.path()));
        CHECK_RUN(runCli({QStringLiteral("tools"), fake.url().toString()}), 3,
                  "could not be trusted");
        const Run r =
            runCli({QStringLiteral("tools"), fake.url().toString(), QStringLiteral("--ca-file"),
                    dir.filePath(QStringLiteral("cert.pem"))});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("tool-1\t")));
    }

    // The rest of the scripting interface, on configured servers and stdio: targets.
    void configuredServers()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("servers.json"));
        const QStringList cfg{QStringLiteral("--config"), config};
        Run r = runCli(QStringList{QStringLiteral("add"), QStringLiteral("Everything Demo"),
                                   everything.url().toString()} +
                       cfg);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("everything-demo"));
        const QString stdioLine =
            QStringLiteral("stdio:'%1' '%2' stdio")
                .arg(
                    PeerProcess::node(),
                    PeerProcess::peersDir() +
                        QStringLiteral(
                            "/node_modules/@modelcontextprotocol/server-everything/dist/index.js"));
        r = runCli(QStringList{QStringLiteral("add"), QStringLiteral("Local"), stdioLine,
                               QStringLiteral("--env"), QStringLiteral("DEMO=1")} +
                   cfg);
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
        for (const QString &target : {QStringLiteral("everything-demo"),
                                      QStringLiteral("Everything Demo"), QStringLiteral("local")}) {
            r = runCli(QStringList{QStringLiteral("call"), target, QStringLiteral("echo"),
                                   QStringLiteral("--args"),
                                   QStringLiteral("{\"message\":\"configured\"}")} +
                       cfg);
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QCOMPARE(r.out, QStringLiteral("Echo: configured\n"));
        }
        r = runCli(QStringList{QStringLiteral("call"), QStringLiteral("local"),
                               QStringLiteral("get-env")} +
                   cfg);
        QVERIFY(r.out.contains(QStringLiteral("\"DEMO\": \"1\"")) ||
                r.out.contains(QStringLiteral("\"DEMO\":\"1\"")));

        r = runCli(QStringList{QStringLiteral("resources"), QStringLiteral("everything-demo")} +
                   cfg);
        QCOMPARE(r.code, 0);
        const QString firstUri = r.out.section(QLatin1Char('\t'), 0, 0);
        QVERIFY2(firstUri.contains(QStringLiteral("://")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1Char('{')), "resource templates listed too");
        r = runCli(
            QStringList{QStringLiteral("read"), QStringLiteral("everything-demo"), firstUri} + cfg);
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.trimmed().isEmpty());

        r = runCli(QStringList{QStringLiteral("prompts"), QStringLiteral("local")} + cfg);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("args-prompt\t")));
        r = runCli(QStringList{QStringLiteral("prompt"), QStringLiteral("local"),
                               QStringLiteral("args-prompt"), QStringLiteral("--args"),
                               QStringLiteral("{\"city\":\"Shanghai\"}")} +
                   cfg);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("user: ")) &&
                     r.out.contains(QStringLiteral("Shanghai")),
                 qPrintable(r.out));

        r = runCli(QStringList{QStringLiteral("remove"), QStringLiteral("Local")} + cfg);
        QCOMPARE(r.code, 0);
        r = runCli(QStringList{QStringLiteral("list")} + cfg);
        QCOMPARE(r.out.count(QLatin1Char('\n')), 1);
        CHECK_RUN(runCli(QStringList{QStringLiteral("tools"), QStringLiteral("local")} + cfg), 2,
                  "no configured server");
        CHECK_RUN(runCli(QStringList{QStringLiteral("remove"), QStringLiteral("local")} + cfg), 2,
                  "no configured server");
    }

    void stdioTargetFaults()
    {
        CHECK_RUN(runCli({QStringLiteral("tools"),
                          QStringLiteral("stdio:sh -c 'echo bad config >&2; exit 4'")}),
                  3, "bad config");
        CHECK_RUN(runCli({QStringLiteral("tools"), QStringLiteral("stdio:'unterminated")}), 2,
                  "quote");
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
        CHECK_RUN(r, 9, "was damaged");
        QVERIFY2(r.err.contains(QStringLiteral("Servers recovered: 0; servers lost: 0.")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("kept as ") + config + QStringLiteral(".corrupt-")),
                 qPrintable(r.err));
    }

    // A damaged list: every record that still parses is recovered and listed (exit 9,
    // once), the damage kept aside once per distinct content, the list written back.
    void damagedConfigRecovered()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("servers.json"));
        const QByteArray damaged = "{\"servers\": [\n"
                                   " {\"mcpId\": \"a\", \"name\": \"A\", \"endpoint\": {\"type\": "
                                   "\"streamableHttp\", \"url\": \"http://127.0.0.1:9/a\"}},\n"
                                   " {\"mcpId\": \"b\", \"name\": \"B\" \"endpoint\": {}},\n"
                                   " {\"mcpId\": \"c\", \"name\": \"C\", \"endpoint\": {\"type\": "
                                   "\"stdio\", \"command\": \"my-server\"}},\n"
                                   " {\"mcpId\": \"d\", \"name\": \"D\", \"endp";
        auto damage = [&] {
            QFile f(config);
            return f.open(QIODevice::WriteOnly) && f.write(damaged) == damaged.size();
        };
        const QString listed =
            QStringLiteral("a\tA\tstreamable-http\tenabled\thttp://127.0.0.1:9/a\n"
                           "c\tC\tstdio\tenabled\tmy-server\n");
        for (int run = 0; run < 3; ++run) {
            QVERIFY(damage());
            const Run r = runCli({QStringLiteral("list"), QStringLiteral("--config"), config});
            CHECK_RUN(r, 9, "Servers recovered: 2; servers lost: 2.");
            QCOMPARE(r.out, listed);
            // The next run reads a clean list.
            const Run again = runCli({QStringLiteral("list"), QStringLiteral("--config"), config});
            QCOMPARE(again.code, 0);
            QCOMPARE(again.out, listed);
            QVERIFY(again.err.isEmpty());
        }
        const QStringList copies =
            QDir(dir.path()).entryList({QStringLiteral("servers.json.corrupt-*")}, QDir::Files);
        QCOMPARE(copies.size(), 1); // the same damage three times: one copy
        QFile copy(dir.filePath(copies.first()));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), damaged);
    }

    // A stdio server imported from elsewhere is listed as unconfirmed and never run
    // until `confirm` (which shows the whole command) allows it.
    void unconfirmedCommandNeverRuns()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("servers.json"));
        const QString marker = dir.filePath(QStringLiteral("ran"));
        const QJsonObject record{
            {QStringLiteral("mcpId"), QStringLiteral("gh")},
            {QStringLiteral("name"), QStringLiteral("gh")},
            {QStringLiteral("confirmed"), false},
            {QStringLiteral("endpoint"),
             QJsonObject{
                 {QStringLiteral("type"), QStringLiteral("stdio")},
                 {QStringLiteral("command"), QStringLiteral("/bin/sh")},
                 {QStringLiteral("args"),
                  QJsonArray{QStringLiteral("-c"), QStringLiteral("touch '%1'").arg(marker)}},
                 {QStringLiteral("env"),
                  QJsonObject{{QStringLiteral("MODE"), QStringLiteral("x")}}}}}};
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            QJsonDocument(QJsonObject{{QStringLiteral("servers"), QJsonArray{record}}}).toJson());
        f.close();
        const QStringList cfg{QStringLiteral("--config"), config};

        Run r = runCli(QStringList{QStringLiteral("list")} + cfg);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out,
                 QStringLiteral("gh\tgh\tstdio\tunconfirmed\t/bin/sh -c touch '%1'\n").arg(marker));
        r = runCli(QStringList{QStringLiteral("tools"), QStringLiteral("gh")} + cfg);
        CHECK_RUN(r, 2, "mcpdesk-cli confirm gh");
        r = runCli(QStringList{QStringLiteral("confirm"), QStringLiteral("gh")} +
                   cfg); // no terminal, no --yes
        CHECK_RUN(r, 2, "give --yes");
        QVERIFY2(r.out.contains(
                     QStringLiteral("program: /bin/sh\nargument 1: -c\nargument 2: touch '%1'\n"
                                    "working directory: (McpDesk's own)\nenvironment: MODE\n")
                         .arg(marker)),
                 qPrintable(r.out));
        QTest::qWait(200);
        QVERIFY(!QFile::exists(marker)); // nothing ran

        r = runCli(
            QStringList{QStringLiteral("confirm"), QStringLiteral("gh"), QStringLiteral("--yes")} +
            cfg);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.endsWith(QStringLiteral("confirmed gh\n")));
        QVERIFY(runCli(QStringList{QStringLiteral("list")} + cfg)
                    .out.contains(QStringLiteral("\tstdio\tenabled\t")));
        runCli(QStringList{QStringLiteral("tools"), QStringLiteral("gh"),
                           QStringLiteral("--timeout"), QStringLiteral("5")} +
               cfg);
        QTRY_VERIFY(QFile::exists(marker)); // allowed: now it runs
    }

    void cleanupTestCase() { everything.stop(); }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_cli_faults.moc"
