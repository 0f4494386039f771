// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Import from Claude Desktop, Cursor, VS Code and the seed's records; export to
// each; secrets go to the (real) keychain and never into McpDesk's config or an
// exported file.
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "config/ImportExport.h"
#include "servers/ServerManager.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace mcpdesk;

namespace {
QByteArray sample(const QString &name)
{
    QFile f(QStringLiteral(MCPDESK_SOURCE_DIR "/tests/data/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
const ImportedServer *byName(const ImportResult &r, const QString &name)
{
    for (const ImportedServer &s : r.servers)
        if (s.config.name == name)
            return &s;
    return nullptr;
}
} // namespace

class TestImportExport : public QObject
{
    Q_OBJECT
private slots:
    void claudeDesktop()
    {
        const ImportResult r =
            importServers(sample(QStringLiteral("import/claude_desktop_config.json")));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.format, ClientFormat::ClaudeDesktop);
        QCOMPARE(r.servers.size(), 3);
        const auto *gh = byName(r, QStringLiteral("github"));
        QVERIFY(gh);
        QCOMPARE(gh->config.type, TransportKind::Stdio);
        QCOMPARE(gh->config.command, QStringLiteral("npx"));
        QCOMPARE(gh->config.secretEnv, QStringList{QStringLiteral("GITHUB_PERSONAL_ACCESS_TOKEN")});
        QVERIFY(gh->config.env.isEmpty());
        QCOMPARE(gh->secrets.value(QStringLiteral("env:GITHUB_PERSONAL_ACCESS_TOKEN")),
                 QByteArray("example-token-not-real"));
        const auto *brave = byName(r, QStringLiteral("brave-search"));
        QCOMPARE(brave->config.env.value(QStringLiteral("LOG_LEVEL")),
                 QStringLiteral("info")); // not a secret
        QCOMPARE(brave->config.secretEnv, QStringList{QStringLiteral("BRAVE_API_KEY")});
        QCOMPARE(byName(r, QStringLiteral("filesystem"))->config.args.size(), 4);
    }

    void cursor()
    {
        const ImportResult r = importServers(sample(QStringLiteral("import/cursor-mcp.json")));
        QVERIFY(r.ok);
        QCOMPARE(r.format, ClientFormat::Cursor);
        const auto *remote = byName(r, QStringLiteral("remote-server"));
        QVERIFY(remote);
        QCOMPARE(remote->config.type, TransportKind::StreamableHttp);
        QCOMPARE(remote->config.url, QUrl(QStringLiteral("https://api.example.com/mcp")));
        QCOMPARE(remote->config.secretHeaders, QStringList{QStringLiteral("Authorization")});
        QCOMPARE(remote->config.headers.size(), 1);
        QCOMPARE(remote->config.headers.first().first, QStringLiteral("X-Team"));
        QCOMPARE(remote->secrets.value(QStringLiteral("header:Authorization")),
                 QByteArray("Bearer example-cursor-bearer-token"));
    }

    void vsCode()
    {
        const ImportResult r = importServers(sample(QStringLiteral("import/vscode-mcp.json")));
        QVERIFY(r.ok);
        QCOMPARE(r.format, ClientFormat::VsCode);
        QCOMPARE(r.servers.size(), 4);
        QCOMPARE(byName(r, QStringLiteral("legacy"))->config.type, TransportKind::LegacySse);
        QCOMPARE(byName(r, QStringLiteral("github-mcp"))->config.type,
                 TransportKind::StreamableHttp);
        // ${input:…} is a prompt in VS Code, not a value: marked secret, the user is told.
        const auto *p = byName(r, QStringLiteral("Perplexity"));
        QCOMPARE(p->config.secretEnv, QStringList{QStringLiteral("PERPLEXITY_API_KEY")});
        QVERIFY(p->secrets.isEmpty());
        QVERIFY(r.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("PERPLEXITY_API_KEY")));
        QCOMPARE(
            byName(r, QStringLiteral("legacy"))->secrets.value(QStringLiteral("header:X-Api-Key")),
            QByteArray("example-vscode-api-key"));
    }

    // A command from another program's settings is stored as not yet confirmed (it is
    // not run before the person has seen it); addresses need no confirmation. The flag
    // goes to servers.json only when false: records without it count as confirmed.
    void importedCommandsAwaitConfirmation()
    {
        const ImportResult r = importServers(sample(QStringLiteral("import/vscode-mcp.json")));
        QVERIFY(r.ok);
        int commands = 0;
        for (const ImportedServer &s : r.servers) {
            QCOMPARE(s.config.awaitsConfirmation(), s.config.type == TransportKind::Stdio);
            QCOMPARE(s.config.mayStart(), s.config.type != TransportKind::Stdio);
            commands += s.config.type == TransportKind::Stdio;
            const QJsonObject record = s.config.toJson();
            QCOMPARE(record.contains(QStringLiteral("confirmed")),
                     s.config.type == TransportKind::Stdio);
            QString why;
            const auto back = ServerConfig::fromJson(record, &why);
            QVERIFY(back);
            QCOMPARE(back->confirmed, s.config.confirmed);
        }
        QVERIFY(commands > 0);
        QJsonObject old = byName(r, QStringLiteral("Perplexity"))->config.toJson();
        old.remove(QStringLiteral("confirmed"));
        QString why;
        QVERIFY(ServerConfig::fromJson(old, &why)->confirmed);
    }

    void seedRecords()
    {
        QByteArray seed = sample(QStringLiteral("seed-servers.json"));
        seed.replace("<REDACTED_CLIENT_SECRET>", "seed-client-secret-xyz");
        seed.replace("<REDACTED_ACCESS_TOKEN>", "seed-access-token-xyz");
        const ImportResult r = importServers(seed);
        QVERIFY(r.ok);
        QCOMPARE(r.format, ClientFormat::McpDesk);
        QCOMPARE(r.servers.size(), 3);
        const auto *gh = byName(r, QStringLiteral("GitHub MCP Server"));
        QCOMPARE(gh->secrets.value(QStringLiteral("client_secret")),
                 QByteArray("seed-client-secret-xyz"));
        QCOMPARE(gh->secrets.value(QStringLiteral("imported:access_token")),
                 QByteArray("seed-access-token-xyz"));
        QVERIFY(gh->config.legacySecrets.isEmpty());
    }

    void badFiles()
    {
        QVERIFY(!importServers("{nope").ok);
        QVERIFY(importServers("{nope").error.contains(QStringLiteral("not valid JSON")));
        QVERIFY(!importServers("{\"other\": 1}").ok);
        const ImportResult r = importServers("{\"mcpServers\": {\"empty\": {}}}");
        QVERIFY(r.ok);
        QVERIFY(r.servers.isEmpty());
        QVERIFY(!r.warnings.isEmpty());
    }

    // Through the app's own path: the config holds no secret, the keychain all of them.
    void importedSecretsGoToTheKeychain()
    {
        QTemporaryDir dir;
        ConfigStore config(dir.filePath(QStringLiteral("servers.json")));
        QVERIFY(config.load());
        KeychainSecretStore keychain(QStringLiteral("McpDesk-test-") +
                                     QUuid::createUuid().toString(QUuid::WithoutBraces));
        SignInStore signIns(dir.filePath(QStringLiteral("signins.json")));
        ServerManager manager(&config, &keychain, &signIns);
        manager.setAutoConnect(false);
        manager.start();
        QList<QPair<QString, QHash<QString, QByteArray>>> expected;
        for (const QString &file :
             {QStringLiteral("import/claude_desktop_config.json"),
              QStringLiteral("import/cursor-mcp.json"), QStringLiteral("import/vscode-mcp.json")}) {
            for (const ImportedServer &s : importServers(sample(file)).servers) {
                const auto id = manager.addServer(s.config, s.secrets);
                QVERIFY2(id, qPrintable(manager.lastError()));
                expected.append({*id, s.secrets});
            }
        }
        const QByteArray saved = [&] {
            QFile f(config.path());
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        int secrets = 0;
        for (const auto &[id, values] : expected) {
            for (auto it = values.cbegin(); it != values.cend(); ++it) {
                ++secrets;
                QVERIFY2(!saved.contains(it.value()), it.value().constData());
                QString error;
                QTRY_COMPARE(
                    keychain.readNow(serverSecretKey(id, it.key()), &error).value_or("(missing)"),
                    it.value());
            }
        }
        QCOMPARE(secrets, 5);
        for (const auto &[id, values] : expected)
            for (auto it = values.cbegin(); it != values.cend(); ++it)
                keychain.removeNow(serverSecretKey(id, it.key()));
    }

    void exportHasNoSecrets()
    {
        QList<ServerConfig> servers;
        for (const QString &file :
             {QStringLiteral("import/claude_desktop_config.json"),
              QStringLiteral("import/cursor-mcp.json"), QStringLiteral("import/vscode-mcp.json")})
            for (const ImportedServer &s : importServers(sample(file)).servers)
                servers.append(s.config);
        for (ClientFormat f : {ClientFormat::ClaudeDesktop, ClientFormat::Cursor,
                               ClientFormat::VsCode, ClientFormat::McpDesk}) {
            const QByteArray out = exportServers(servers, f);
            for (const char *secret :
                 {"example-token-not-real", "example-brave-key", "example-cursor-api-key",
                  "example-cursor-bearer-token", "example-vscode-api-key"})
                QVERIFY2(!out.contains(secret), qPrintable(clientFormatName(f)));
            // What goes out comes back in, same servers (secrets marked, values left out).
            const ImportResult back = importServers(out);
            QVERIFY2(back.ok, qPrintable(back.error));
            QCOMPARE(back.servers.size(), servers.size());
            if (f != ClientFormat::ClaudeDesktop) {
                const auto *remote = byName(back, QStringLiteral("remote-server"));
                QVERIFY(remote);
                QCOMPARE(remote->config.url, QUrl(QStringLiteral("https://api.example.com/mcp")));
                QVERIFY(remote->config.secretHeaders.contains(QStringLiteral("Authorization")));
            }
        }
        QVERIFY(exportServers(servers, ClientFormat::VsCode)
                    .contains("${input:github-github_personal_access_token}"));
    }
};

QTEST_GUILESS_MAIN(TestImportExport)
#include "tst_importexport.moc"
