// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "config/ConfigStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace mcpdesk;

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}
ServerConfig everyField()
{
    ServerConfig c;
    c.mcpId = QStringLiteral("full");
    c.name = QStringLiteral("Every Field 服务器");
    c.description = QStringLiteral("All the things");
    c.type = TransportKind::Stdio;
    c.url = QUrl(QStringLiteral("http://127.0.0.1:1/unused"));
    c.headers = {{QStringLiteral("X-One"), QStringLiteral("1")},
                 {QStringLiteral("X-Two"), QStringLiteral("two")}};
    c.secretHeaders = {QStringLiteral("Authorization")};
    c.command = QStringLiteral("npx");
    c.args = {QStringLiteral("-y"), QStringLiteral("@scope/server"), QStringLiteral("--flag=a b")};
    c.env = {{QStringLiteral("MODE"), QStringLiteral("fast")},
             {QStringLiteral("LANG"), QStringLiteral("zh_CN.UTF-8")}};
    c.secretEnv = {QStringLiteral("API_KEY")};
    c.workingDirectory = QStringLiteral("/tmp");
    c.enabled = false;
    c.authMethod = ServerConfig::AuthMethod::OAuth2;
    c.scopes = {QStringLiteral("repo"), QStringLiteral("read:user")};
    c.provider = QStringLiteral("github");
    c.authConfig = {{QStringLiteral("client_id"), QStringLiteral("Iv1.abc")},
                    {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1/callback")}};
    c.extra = {{QStringLiteral("icon"), QStringLiteral("gh.svg")},
               {QStringLiteral("isBuiltin"), false}};
    c.extraEndpoint = {{QStringLiteral("timeoutMs"), 5000}};
    c.extraAuthorization = {{QStringLiteral("note"), QStringLiteral("kept")}};
    return c;
}
} // namespace

class TestConfigStore : public QObject
{
    Q_OBJECT
    QTemporaryDir dir;
    QString path(const QString &name) { return dir.filePath(name); }

private slots:
    void missingFileIsEmpty()
    {
        ConfigStore store(path(QStringLiteral("none/servers.json")));
        QVERIFY(store.load());
        QVERIFY(store.servers().isEmpty());
    }

    void roundTripOfEveryField()
    {
        const QString file = path(QStringLiteral("rt/servers.json"));
        ConfigStore a(file);
        QVERIFY(a.load());
        const auto added = a.add(everyField());
        QVERIFY(added);
        QVERIFY2(a.save(), qPrintable(a.lastError()));
        ConfigStore b(file);
        QVERIFY(b.load());
        QCOMPARE(b.servers().size(), 1);
        const ServerConfig back = b.servers().first();
        QCOMPARE(back.toJson(), added->toJson());
        QCOMPARE(back.args, everyField().args);
        QCOMPARE(back.env, everyField().env);
        QCOMPARE(back.headers, everyField().headers);
        QCOMPARE(back.scopes, everyField().scopes);
        QCOMPARE(back.authMethod, ServerConfig::AuthMethod::OAuth2);
        QCOMPARE(back.enabled, false);
        QCOMPARE(back.extra.value(QStringLiteral("icon")).toString(), QStringLiteral("gh.svg"));
        QCOMPARE(back.extraEndpoint.value(QStringLiteral("timeoutMs")).toInt(), 5000);
        QVERIFY(back.createdAt > 0);
        // The file is the user's alone.
        QCOMPARE(QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }

    void seedRecordsLoad()
    {
        const QString file = path(QStringLiteral("seed/servers.json"));
        QDir().mkpath(path(QStringLiteral("seed")));
        QFile::copy(QStringLiteral(MCPDESK_SOURCE_DIR "/tests/data/seed-servers.json"), file);
        ConfigStore store(file);
        QVERIFY2(store.load(), qPrintable(store.lastError()));
        QCOMPARE(store.servers().size(), 3);
        const auto gh = store.server(QStringLiteral("github-mcp"));
        QVERIFY(gh);
        QCOMPARE(gh->name, QStringLiteral("GitHub MCP Server"));
        QCOMPARE(gh->type, TransportKind::StreamableHttp);
        QCOMPARE(gh->url, QUrl(QStringLiteral("http://localhost:8089/mcp")));
        QCOMPARE(gh->authMethod, ServerConfig::AuthMethod::OAuth2);
        QCOMPARE(gh->scopes, QStringList{QStringLiteral("repo")});
        QCOMPARE(gh->authConfig.value(QStringLiteral("client_id")).toString(),
                 QStringLiteral("<REDACTED_CLIENT_ID>"));
        QVERIFY(!gh->authConfig.contains(QStringLiteral("client_secret")));
        const auto x = store.server(QStringLiteral("Twitter MCP Server")); // by name
        QVERIFY(x);
        QVERIFY(x->scopes.contains(QStringLiteral("offline.access")));
        QCOMPARE(x->enabled, true);
        QCOMPARE(store.server(QStringLiteral("notion-mcp"))->enabled, false);
        QCOMPARE(x->extra.value(QStringLiteral("userId")).toString(),
                 QStringLiteral("did:plc:<USER>"));
    }

    // Secrets found in plaintext are never written back, and never lost.
    void plaintextSecretsAreNotWrittenBack()
    {
        const QString file = path(QStringLiteral("legacy/servers.json"));
        QDir().mkpath(path(QStringLiteral("legacy")));
        QByteArray seed =
            readAll(QStringLiteral(MCPDESK_SOURCE_DIR "/tests/data/seed-servers.json"));
        seed.replace("<REDACTED_CLIENT_SECRET>", "not-a-real-secret-123");
        seed.replace("<REDACTED_ACCESS_TOKEN>", "not-a-real-token-456");
        writeAll(file, seed);
        ConfigStore store(file);
        QVERIFY(store.load());
        QCOMPARE(store.server(QStringLiteral("github-mcp"))
                     ->legacySecrets.value(QStringLiteral("client_secret")),
                 QStringLiteral("not-a-real-secret-123"));
        QVERIFY(store.save());
        const QByteArray saved = readAll(file);
        QVERIFY(!saved.contains("not-a-real-secret-123"));
        QVERIFY(!saved.contains("not-a-real-token-456"));
        QVERIFY(!saved.contains("credentials"));
        // The original is kept once, for the user only, until the secrets are in the keychain.
        QCOMPARE(readAll(file + QStringLiteral(".pre-migration")), seed);
        QCOMPARE(QFile::permissions(file + QStringLiteral(".pre-migration")) &
                     QFileDevice::ReadOther,
                 QFileDevice::Permissions());
        QCOMPARE(store.server(QStringLiteral("github-mcp"))
                     ->legacySecrets.value(QStringLiteral("access_token")),
                 QStringLiteral("not-a-real-token-456"));
        QCOMPARE(store.servers().size(), 3);
    }

    void corruptFileIsKeptAside()
    {
        const QString file = path(QStringLiteral("corrupt/servers.json"));
        QDir().mkpath(path(QStringLiteral("corrupt")));
        const QByteArray broken(
            "{\"servers\": [ {\"mcpId\": \"a\", \"name\": \"A\", \n \"endpoint\": {\"url\": ");
        writeAll(file, broken);
        ConfigStore store(file);
        QSignalSpy errors(&store, &ConfigStore::errorOccurred);
        QVERIFY(!store.load());
        QCOMPARE(errors.size(), 1);
        QVERIFY(!store.backupPath().isEmpty());
        QCOMPARE(readAll(store.backupPath()), broken);
        QVERIFY2(store.lastError().contains(store.backupPath()), qPrintable(store.lastError()));
        QVERIFY2(store.lastError().contains(QStringLiteral("line 2")),
                 qPrintable(store.lastError()));
        QVERIFY(store.recovery().damaged);
        QCOMPARE(store.recovery().recovered, 0);
        QCOMPARE(store.recovery().lost, 1); // the record cut off by the end of the file
        // What was recovered (nothing here) is written back, so the next start is clean.
        ConfigStore reread(file);
        QVERIFY(reread.load());
        QCOMPARE(reread.servers().size(), 0);
        // The user goes on: the next save starts a fresh list; the copy stays.
        ServerConfig c;
        c.name = QStringLiteral("New");
        c.url = QUrl(QStringLiteral("http://127.0.0.1:9/mcp"));
        QVERIFY(store.add(c));
        QVERIFY(store.save());
        QCOMPARE(readAll(store.backupPath()), broken);
        ConfigStore again(file);
        QVERIFY(again.load());
        QCOMPARE(again.servers().size(), 1);
    }

    void unusableRecordKeepsTheFile()
    {
        const QString file = path(QStringLiteral("badrecord/servers.json"));
        QDir().mkpath(path(QStringLiteral("badrecord")));
        // (moc in Qt 6.4 cannot read multi-line raw strings, hence the plain literal)
        writeAll(
            file,
            "{\"servers\":[{\"mcpId\":\"ok\",\"name\":\"OK\",\"endpoint\":{\"type\":"
            "\"streamableHttp\",\"url\":\"http://h/mcp\"}},{\"mcpId\":\"bad\",\"name\":\"Bad\","
            "\"endpoint\":{\"type\":\"carrier-pigeon\"}}]}");
        ConfigStore store(file);
        QVERIFY(!store.load());
        QVERIFY2(store.lastError().contains(QStringLiteral("carrier-pigeon")),
                 qPrintable(store.lastError()));
        QCOMPARE(store.servers().size(), 1);
        QCOMPARE(store.recovery().lost, 1);
        QVERIFY(QFile::exists(store.backupPath()));
        QVERIFY(readAll(store.backupPath()).contains("carrier-pigeon")); // kept, not dropped
    }

    // Records that still parse are recovered from a file that is not valid JSON; the
    // damage is kept aside once per distinct content however often it is seen.
    void damagedFileRecoversRecords()
    {
        const QString file = path(QStringLiteral("recover/servers.json"));
        QDir().mkpath(path(QStringLiteral("recover")));
        const QByteArray damaged(
            "{\"servers\": [ {\"mcpId\": \"a\", \"name\": \"A, with \\\"quotes\\\" and }\", "
            "\"endpoint\": {\"url\": \"http://127.0.0.1:9/a\"}},\n"
            "{\"mcpId\": \"b\" \"name\": \"B\"},\n"
            "{\"mcpId\": \"c\", \"name\": \"C\", \"endpoint\": {\"url\": "
            "\"http://127.0.0.1:9/c\"}} ] }\n}");
        for (int i = 0; i < 3; ++i) {
            writeAll(file, damaged);
            ConfigStore store(file);
            QVERIFY(!store.load());
            QCOMPARE(store.recovery().recovered, 2);
            QCOMPARE(store.recovery().lost, 1);
            QCOMPARE(store.servers().size(), 2);
            QCOMPARE(store.servers().at(0).name, QStringLiteral("A, with \"quotes\" and }"));
            QCOMPARE(store.servers().at(1).mcpId, QStringLiteral("c"));
            ConfigStore clean(file);
            QVERIFY(clean.load());
            QCOMPARE(clean.servers().size(), 2);
        }
        const QStringList copies = QDir(path(QStringLiteral("recover")))
                                       .entryList({QStringLiteral("servers.json.corrupt-*")});
        QCOMPARE(copies.size(), 1);
        QCOMPARE(readAll(path(QStringLiteral("recover/")) + copies.first()), damaged);
    }

    void folderCannotBeCreated()
    {
        const QString blocker = path(QStringLiteral("a-regular-file"));
        writeAll(blocker, "x");
        ConfigStore store(blocker + QStringLiteral("/McpDesk/servers.json"));
        QVERIFY(store.load()); // nothing there yet
        ServerConfig c;
        c.name = QStringLiteral("X");
        c.url = QUrl(QStringLiteral("http://127.0.0.1:9/mcp"));
        QVERIFY(store.add(c));
        QVERIFY(!store.save());
        QVERIFY2(store.lastError().contains(QStringLiteral("Cannot create the folder")),
                 qPrintable(store.lastError()));
        QVERIFY(store.hasUnsavedChanges()); // nothing was dropped
        QCOMPARE(store.servers().size(), 1);
    }

    // A save applies this store's changes on top of what is on disk.
    void saveNeverDiscardsUnseenChanges()
    {
        const QString file = path(QStringLiteral("merge/servers.json"));
        ConfigStore a(file), b(file);
        QVERIFY(a.load());
        QVERIFY(b.load());
        ServerConfig x;
        x.name = QStringLiteral("From B");
        x.url = QUrl(QStringLiteral("http://127.0.0.1:1/mcp"));
        QVERIFY(b.add(x));
        QVERIFY(b.save());
        ServerConfig y;
        y.name = QStringLiteral("From A");
        y.url = QUrl(QStringLiteral("http://127.0.0.1:2/mcp"));
        QVERIFY(a.add(y));
        QVERIFY(a.save()); // a never saw B's server
        ConfigStore c(file);
        QVERIFY(c.load());
        QStringList names;
        for (const auto &s : c.servers())
            names.append(s.name);
        QCOMPARE(names, (QStringList{QStringLiteral("From B"), QStringLiteral("From A")}));
        QCOMPARE(a.servers().size(), 2); // and a now sees both
        // Same id chosen by both: both kept.
        ServerConfig same;
        same.name = QStringLiteral("Twin");
        same.url = QUrl(QStringLiteral("http://127.0.0.1:3/mcp"));
        QVERIFY(a.add(same));
        same.url = QUrl(QStringLiteral("http://127.0.0.1:4/mcp"));
        ConfigStore d(file);
        QVERIFY(d.load());
        QVERIFY(d.add(same));
        QVERIFY(a.save());
        QVERIFY(d.save());
        ConfigStore e(file);
        QVERIFY(e.load());
        QCOMPARE(e.servers().size(), 4);
        QVERIFY(e.server(QStringLiteral("twin")));
        QVERIFY(e.server(QStringLiteral("twin-2")));
        // A removal elsewhere is not undone by a later save here.
        QVERIFY(e.remove(QStringLiteral("from-b")));
        QVERIFY(e.save());
        ServerConfig z;
        z.name = QStringLiteral("Z");
        z.url = QUrl(QStringLiteral("http://127.0.0.1:5/mcp"));
        QVERIFY(a.add(z));
        QVERIFY(a.save());
        ConfigStore f(file);
        QVERIFY(f.load());
        QVERIFY(!f.server(QStringLiteral("from-b")));
        QCOMPARE(f.servers().size(), 4);
    }

    void changesByAnotherProcessArePickedUp()
    {
        const QString file = path(QStringLiteral("watch/servers.json"));
        ConfigStore writer(file);
        QVERIFY(writer.load());
        ServerConfig first;
        first.name = QStringLiteral("First");
        first.url = QUrl(QStringLiteral("http://127.0.0.1:1/mcp"));
        writer.add(first);
        QVERIFY(writer.save());
        ConfigStore app(file);
        QVERIFY(app.load());
        app.setWatching(true);
        QSignalSpy changed(&app, &ConfigStore::serversChanged);
        QProcess cli;
        cli.start(QStringLiteral(MCPDESK_CLI),
                  {QStringLiteral("add"), QStringLiteral("Added by CLI"),
                   QStringLiteral("http://127.0.0.1:7/mcp"), QStringLiteral("--config"), file});
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(app.server(QStringLiteral("Added by CLI")).has_value(), 5000);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(app.servers().size(), 2);
    }

    void parallelProcessesLoseNothing()
    {
        const QString file = path(QStringLiteral("parallel/servers.json"));
        constexpr int n = 8;
        std::vector<std::unique_ptr<QProcess>> procs;
        for (int i = 0; i < n; ++i) {
            auto p = std::make_unique<QProcess>();
            p->start(QStringLiteral(MCPDESK_CLI),
                     {QStringLiteral("add"), QStringLiteral("Server %1").arg(i),
                      QStringLiteral("http://127.0.0.1:%1/mcp").arg(1000 + i),
                      QStringLiteral("--config"), file});
            procs.push_back(std::move(p));
        }
        for (auto &p : procs) {
            QVERIFY(p->waitForFinished(20000));
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        }
        ConfigStore store(file);
        QVERIFY(store.load());
        QCOMPARE(store.servers().size(), n);
        for (int i = 0; i < n; ++i)
            QVERIFY(store.server(QStringLiteral("Server %1").arg(i)));
    }

    // kill -9 in the middle of saves: the file always parses, and every server whose
    // save had finished before is still there (the write is atomic: QSaveFile renames).
    void killNineLosesNothingSaved()
    {
        const QString file = path(QStringLiteral("killed/servers.json"));
        QStringList saved;
        int killed = 0;
        for (int i = 0; i < 40; ++i) {
            QProcess p;
            const QString name = QStringLiteral("Kill test %1").arg(i);
            p.start(QStringLiteral(MCPDESK_CLI),
                    {QStringLiteral("add"), name,
                     QStringLiteral("http://127.0.0.1:%1/mcp").arg(2000 + i),
                     QStringLiteral("--config"), file});
            QVERIFY(p.waitForStarted(5000));
            // Every other one is killed at a varying moment, most of them mid-run.
            if (i % 2) {
                QTest::qSleep((i * 7) % 40);
                ::kill(pid_t(p.processId()), SIGKILL);
            }
            QVERIFY(p.waitForFinished(20000));
            if (p.exitStatus() == QProcess::CrashExit)
                ++killed;
            else if (p.exitCode() == 0)
                saved << name;
            ConfigStore store(file);
            if (QFile::exists(file)) {
                QVERIFY2(store.load(), qPrintable(store.lastError()));
                for (const QString &n : saved)
                    QVERIFY2(store.server(n).has_value(),
                             qPrintable(n + QStringLiteral(" was lost")));
            }
        }
        QVERIFY(killed > 0);
        QVERIFY(saved.size() >= 20);
        qInfo("%d saves finished, %d processes killed mid-run, nothing lost", int(saved.size()),
              killed);
    }
};

QTEST_GUILESS_MAIN(TestConfigStore)
#include "tst_configstore.moc"
