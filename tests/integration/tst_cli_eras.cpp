// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// mcpdesk-cli against servers of both MCP eras: the project's dual-era server (the
// official SDK 2.x) speaking only 2026-07-28 or both, over HTTP and stdio, and
// server-everything (2025-11-25) over its three transports — what each command
// prints, what went over the wire, and what is remembered of each server.
#include "CliRun.h"
#include "PeerProcess.h"

#include "config/ConfigStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliEras : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // What the dual-era server logged: one object per POST.
    static QList<QJsonObject> logged(const QString &path)
    {
        QList<QJsonObject> out;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return out;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                out.append(QJsonDocument::fromJson(line).object());
        return out;
    }
    static QStringList methods(const QList<QJsonObject> &log)
    {
        QStringList m;
        for (const QJsonObject &o : log)
            m.append(o.value(QStringLiteral("method")).toString());
        return m;
    }
    // An environment whose data folder (where the era verdicts are kept) is `dir`.
    static QProcessEnvironment dataHome(const QString &dir)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir);
        return env;
    }
    static QJsonObject
    info(const QString &target, const QStringList &extra = {},
         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        const CliRun r = runCli(
            QStringList{QStringLiteral("info"), target, QStringLiteral("--json")} + extra, env);
        if (r.code != 0)
            qWarning().noquote() << "info failed:" << r.code << r.err;
        return QJsonDocument::fromJson(r.stdoutBytes).object();
    }
    // Every command a person would use, against one server; `label` names it.
    static void everyCommand(const QString &target)
    {
        CliRun r = runCli({QStringLiteral("tools"), target});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("echo\t")) &&
                     r.out.contains(QStringLiteral("route\t")),
                 qPrintable(r.out));
        r = runCli({QStringLiteral("call"), target, QStringLiteral("echo"),
                    QStringLiteral("--args"), QStringLiteral("{\"message\":\"hello\"}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Echo: hello\n"));
        r = runCli({QStringLiteral("call"), target, QStringLiteral("count"),
                    QStringLiteral("--args"), QStringLiteral("{\"n\":3}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("counted to 3\n"));
        QVERIFY2(r.err.contains(QStringLiteral("progress 3/3")), qPrintable(r.err));
        r = runCli({QStringLiteral("resources"), target});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("dual://readme\t")), qPrintable(r.out));
        r = runCli({QStringLiteral("read"), target, QStringLiteral("dual://readme")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Hello from both eras.\n"));
        r = runCli({QStringLiteral("prompts"), target});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("greet\t")), qPrintable(r.out));
        r = runCli({QStringLiteral("prompt"), target, QStringLiteral("greet"),
                    QStringLiteral("--args"), QStringLiteral("{\"name\":\"Ann\"}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("user: Say hello to Ann.\n"));
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void modernOnlyOverHttp()
    {
        const QString log = m_dir.filePath(QStringLiteral("modern-http.jsonl"));
        PeerProcess server;
        QVERIFY(
            server.startDualEra({QStringLiteral("--modern-only"), QStringLiteral("--log"), log}));
        const QString target = server.url().toString();
        const QJsonObject about = info(target);
        QCOMPARE(about.value(QStringLiteral("era")).toString(), QStringLiteral("modern"));
        QCOMPARE(about.value(QStringLiteral("protocolVersion")).toString(),
                 QStringLiteral("2026-07-28"));
        QCOMPARE(about.value(QStringLiteral("serverInfo")).toObject().value(QStringLiteral("name")),
                 QJsonValue(QStringLiteral("mcpdesk-dual-era")));
        everyCommand(target);
        // Arguments the tool marks with x-mcp-header travel as headers too (SEP-2243).
        const CliRun r = runCli({QStringLiteral("call"), target, QStringLiteral("route"),
                                 QStringLiteral("--args"),
                                 QStringLiteral("{\"region\":\"eu west \",\"priority\":3,"
                                                "\"dryRun\":false,\"note\":\"n\"}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("routed to eu west  priority 3\n"));
        const QList<QJsonObject> wire = logged(log);
        QVERIFY(!methods(wire).contains(QStringLiteral("initialize")));
        QJsonObject routeHeaders;
        for (const QJsonObject &o : wire) {
            const QJsonObject h = o.value(QStringLiteral("headers")).toObject();
            const QString method = o.value(QStringLiteral("method")).toString();
            // Every request: the version in the header and in _meta, the method named.
            QCOMPARE(h.value(QStringLiteral("mcp-protocol-version")).toString(),
                     QStringLiteral("2026-07-28"));
            QCOMPARE(h.value(QStringLiteral("mcp-method")).toString(), method);
            QCOMPARE(o.value(QStringLiteral("era")).toString(), QStringLiteral("modern"));
            const QJsonObject meta = o.value(QStringLiteral("meta")).toObject();
            QVERIFY(meta.value(QStringLiteral("io.modelcontextprotocol/clientCapabilities"))
                        .isObject());
            QCOMPARE(meta.value(QStringLiteral("io.modelcontextprotocol/clientInfo"))
                         .toObject()
                         .value(QStringLiteral("name"))
                         .toString(),
                     QStringLiteral("mcpdesk"));
            if (method == QLatin1String("resources/read"))
                QCOMPARE(h.value(QStringLiteral("mcp-name")).toString(),
                         QStringLiteral("dual://readme"));
            if (method == QLatin1String("tools/call") &&
                h.value(QStringLiteral("mcp-name")).toString() == QLatin1String("route"))
                routeHeaders = h;
        }
        QCOMPARE(routeHeaders.value(QStringLiteral("mcp-param-region")).toString(),
                 QStringLiteral("=?base64?ZXUgd2VzdCA=?=")); // a trailing space: Base64
        QCOMPARE(routeHeaders.value(QStringLiteral("mcp-param-priority")).toString(),
                 QStringLiteral("3"));
        QCOMPARE(routeHeaders.value(QStringLiteral("mcp-param-dry-run")).toString(),
                 QStringLiteral("false"));
        QVERIFY(!routeHeaders.contains(QStringLiteral("mcp-param-note")));
    }

    void modernOnlyOverStdio()
    {
        const QString target = PeerProcess::dualEraStdio(true);
        const QJsonObject about = info(target);
        QCOMPARE(about.value(QStringLiteral("era")).toString(), QStringLiteral("modern"));
        QCOMPARE(about.value(QStringLiteral("transport")).toString(), QStringLiteral("stdio"));
        everyCommand(target);
    }

    void dualEraServer()
    {
        PeerProcess server;
        QVERIFY(server.startDualEra());
        const QString target = server.url().toString();
        QCOMPARE(info(target).value(QStringLiteral("era")).toString(), QStringLiteral("modern"));
        everyCommand(target);
        // Pinned to the handshake era, the same server is reached through initialize.
        const QJsonObject legacy =
            info(target, {QStringLiteral("--protocol"), QStringLiteral("2025-11-25")});
        QCOMPARE(legacy.value(QStringLiteral("era")).toString(), QStringLiteral("legacy"));
        QCOMPARE(legacy.value(QStringLiteral("eraSource")).toString(), QStringLiteral("pinned"));
        const CliRun r = runCli({QStringLiteral("call"), target, QStringLiteral("echo"),
                                 QStringLiteral("--args"), QStringLiteral("{\"message\":\"old\"}"),
                                 QStringLiteral("--protocol"), QStringLiteral("2025-06-18")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Echo: old\n"));
        // Over stdio both ways too.
        const QString stdio = PeerProcess::dualEraStdio(false);
        QCOMPARE(info(stdio).value(QStringLiteral("era")).toString(), QStringLiteral("modern"));
        QCOMPARE(info(stdio, {QStringLiteral("--protocol"), QStringLiteral("2025-11-25")})
                     .value(QStringLiteral("era"))
                     .toString(),
                 QStringLiteral("legacy"));
    }

    void legacyServer_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("streamable-http") << QStringLiteral("streamableHttp");
        QTest::newRow("sse") << QStringLiteral("sse");
        QTest::newRow("stdio") << QStringLiteral("stdio");
    }
    void legacyServer()
    {
        QFETCH(QString, mode);
        PeerProcess everything;
        QString target;
        if (mode == QLatin1String("stdio")) {
            target = QStringLiteral("stdio:%1 %2/node_modules/@modelcontextprotocol/"
                                    "server-everything/dist/index.js stdio")
                         .arg(PeerProcess::node(), PeerProcess::peersDir());
        } else {
            QVERIFY(everything.startEverything(mode));
            target = everything.url().toString();
        }
        const QJsonObject about = info(target);
        QCOMPARE(about.value(QStringLiteral("era")).toString(), QStringLiteral("legacy"));
        QCOMPARE(about.value(QStringLiteral("protocolVersion")).toString(),
                 QStringLiteral("2025-11-25"));
        CliRun r = runCli({QStringLiteral("call"), target, QStringLiteral("echo"),
                           QStringLiteral("--args"), QStringLiteral("{\"message\":\"hi\"}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Echo: hi\n"));
        r = runCli({QStringLiteral("tools"), target});
        QVERIFY2(r.code == 0 && r.out.contains(QStringLiteral("get-sum\t")), qPrintable(r.err));
        const QString doc = QStringLiteral("demo://resource/static/document/architecture.md");
        r = runCli({QStringLiteral("resources"), target});
        QVERIFY2(r.code == 0 && r.out.contains(doc + QLatin1Char('\t')), qPrintable(r.err));
        r = runCli({QStringLiteral("read"), target, doc});
        QVERIFY2(r.code == 0 && r.out.startsWith(QStringLiteral("# Everything Server")),
                 qPrintable(r.err));
        r = runCli({QStringLiteral("prompts"), target});
        QVERIFY2(r.code == 0 && r.out.contains(QStringLiteral("simple-prompt\t")),
                 qPrintable(r.err));
        r = runCli({QStringLiteral("prompt"), target, QStringLiteral("simple-prompt")});
        QVERIFY2(r.code == 0 && r.out.startsWith(QStringLiteral("user: This is a simple prompt")),
                 qPrintable(r.err));
        // Pinned to 2026-07-28, a legacy server is an error in words, exit 4.
        r = runCli({QStringLiteral("tools"), target, QStringLiteral("--protocol"),
                    QStringLiteral("2026-07-28")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("does not speak MCP 2026-07-28")),
                 qPrintable(r.err));
    }

    void pinnedLegacyAgainstModernOnly()
    {
        PeerProcess server;
        QVERIFY(server.startDualEra({QStringLiteral("--modern-only")}));
        const CliRun r = runCli({QStringLiteral("tools"), server.url().toString(),
                                 QStringLiteral("--protocol"), QStringLiteral("2025-11-25")});
        QCOMPARE(r.code, 4);
        QVERIFY2(
            r.err.contains(QStringLiteral("does not speak MCP 2025-11-25; it speaks 2026-07-28")),
            qPrintable(r.err));
    }

    void savedServerPinsAVersion()
    {
        PeerProcess server;
        QVERIFY(server.startDualEra());
        const QString configPath = m_dir.filePath(QStringLiteral("pinned/servers.json"));
        const auto setPin = [&](const QJsonValue &pin) {
            mcpdesk::ConfigStore store(configPath);
            store.load();
            mcpdesk::ServerConfig c;
            if (const auto existing = store.server(QStringLiteral("dual")))
                c = *existing;
            c.name = QStringLiteral("Dual");
            c.url = server.url();
            c.extraEndpoint.insert(QStringLiteral("protocolVersion"), pin);
            return (store.server(QStringLiteral("dual")) ? store.update(c)
                                                         : store.add(c).has_value()) &&
                   store.save();
        };
        const auto infoOf = [&](QString *err = nullptr) {
            const CliRun r = runCli({QStringLiteral("--config"), configPath, QStringLiteral("info"),
                                     QStringLiteral("dual"), QStringLiteral("--json")});
            if (err)
                *err = r.err;
            return QJsonDocument::fromJson(r.stdoutBytes).object();
        };
        QVERIFY(setPin(QStringLiteral("2025-11-25")));
        QJsonObject about = infoOf();
        QCOMPARE(about.value(QStringLiteral("era")).toString(), QStringLiteral("legacy"));
        QCOMPARE(about.value(QStringLiteral("eraSource")).toString(), QStringLiteral("pinned"));
        QVERIFY(setPin(QStringLiteral("auto")));
        QCOMPARE(infoOf().value(QStringLiteral("era")).toString(), QStringLiteral("modern"));
        // A version McpDesk does not know: detected instead, said, and kept in the record.
        QVERIFY(setPin(QStringLiteral("1999-01-01")));
        QString err;
        about = infoOf(&err);
        QCOMPARE(about.value(QStringLiteral("era")).toString(), QStringLiteral("modern"));
        QVERIFY2(err.contains(QStringLiteral("“1999-01-01”")), qPrintable(err));
        mcpdesk::ConfigStore reread(configPath);
        QVERIFY(reread.load());
        QCOMPARE(reread.server(QStringLiteral("dual"))
                     ->extraEndpoint.value(QStringLiteral("protocolVersion"))
                     .toString(),
                 QStringLiteral("1999-01-01"));
    }

    void knownServerCostsNoProbe()
    {
        QTemporaryDir home;
        const QString log = m_dir.filePath(QStringLiteral("cache.jsonl"));
        PeerProcess server;
        QVERIFY(
            server.startDualEra({QStringLiteral("--modern-only"), QStringLiteral("--log"), log}));
        const QStringList call{QStringLiteral("call"), server.url().toString(),
                               QStringLiteral("echo"), QStringLiteral("--args"),
                               QStringLiteral("{\"message\":\"x\"}")};
        CliRun r = runCli(call, dataHome(home.path()));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(methods(logged(log)),
                 (QStringList{QStringLiteral("server/discover"), QStringLiteral("tools/list"),
                              QStringLiteral("tools/call")}));
        r = runCli(call, dataHome(home.path()));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // The second call: no server/discover (the tool list is read for its headers).
        QCOMPARE(methods(logged(log)).mid(3),
                 (QStringList{QStringLiteral("tools/list"), QStringLiteral("tools/call")}));
        QVERIFY(QFile::exists(home.filePath(QStringLiteral("McpDesk/eras.json"))));
    }

    void serverThatChangesEraIsFoundAgain()
    {
        QTemporaryDir home;
        const quint16 port = PeerProcess::freePort();
        const auto echo = [&](const QString &path) {
            return runCli({QStringLiteral("call"),
                           QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path),
                           QStringLiteral("echo"), QStringLiteral("--args"),
                           QStringLiteral("{\"message\":\"again\"}")},
                          dataHome(home.path()));
        };
        const auto eraOf = [&] {
            return info(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port), {},
                        dataHome(home.path()))
                .value(QStringLiteral("era"))
                .toString();
        };
        {
            PeerProcess modern;
            QVERIFY(modern.startDualEra({QStringLiteral("--modern-only")}, port));
            const CliRun r = echo(QStringLiteral("/mcp"));
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        {
            // Now a legacy server listens there: the cached modern verdict fails once,
            // the server is probed again, and the call goes through.
            PeerProcess legacy;
            QVERIFY(legacy.startEverythingOnPort(port));
            const CliRun r = echo(QStringLiteral("/mcp"));
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QCOMPARE(r.out, QStringLiteral("Echo: again\n"));
            QCOMPARE(eraOf(), QStringLiteral("legacy"));
        }
        {
            // And back: a cached legacy verdict meets a modern-only server.
            PeerProcess modern;
            QVERIFY(modern.startDualEra({QStringLiteral("--modern-only")}, port));
            const CliRun r = echo(QStringLiteral("/mcp"));
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QCOMPARE(r.out, QStringLiteral("Echo: again\n"));
            QCOMPARE(eraOf(), QStringLiteral("modern"));
        }
    }

    void legacyStdioServerThatEndsOnTheProbe()
    {
        const QString target = QStringLiteral("stdio:%1 %2/exits-on-unknown.mjs")
                                   .arg(PeerProcess::node(), PeerProcess::peersDir());
        const CliRun r = runCli({QStringLiteral("call"), target, QStringLiteral("echo"),
                                 QStringLiteral("--args"), QStringLiteral("{\"message\":\"up\"}")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Echo: up\n"));
    }
};

QTEST_GUILESS_MAIN(TestCliEras)
#include "tst_cli_eras.moc"
