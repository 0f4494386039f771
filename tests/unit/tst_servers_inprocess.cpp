// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
//
// The server manager's connection state machine and the "current server" the panels
// watch, on in-memory transports: connect, fail and back off, recover, disconnect,
// disable, a refusal that needs a sign-in — in milliseconds, without Node.
#include "FakeTransport.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "servers/CurrentServer.h"
#include "servers/ServerManager.h"

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mcpdesk;

class TestServersInProcess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ConfigStore> m_config;
    MemorySecretStore m_secrets;
    std::unique_ptr<SignInStore> m_signIns;
    std::unique_ptr<ServerManager> m_manager;
    // What each new transport does: the test sets it; every transport made is kept.
    std::function<void(FakeTransport &)> m_setUp;
    QList<QPointer<FakeTransport>> m_made;

    QString add(const QString &name, ServerConfig::AuthMethod auth = ServerConfig::AuthMethod::None)
    {
        ServerConfig c;
        c.name = name;
        c.url = QUrl(QStringLiteral("http://127.0.0.1:9/mcp"));
        c.authMethod = auth;
        const auto id = m_manager->addServer(c);
        return id.value_or(QString());
    }
    FakeTransport *lastMade() const { return m_made.isEmpty() ? nullptr : m_made.last().data(); }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString base = m_dir.filePath(QString::number(QDateTime::currentMSecsSinceEpoch()));
        m_config = std::make_unique<ConfigStore>(base + QStringLiteral("/servers.json"));
        m_signIns = std::make_unique<SignInStore>(base + QStringLiteral("/signins.json"));
        m_manager = std::make_unique<ServerManager>(m_config.get(), &m_secrets, m_signIns.get());
        m_made.clear();
        m_setUp = [](FakeTransport &t) { t.serveAs(QStringLiteral("2025-11-25"), {}); };
        m_manager->setTransportMaker([this](const EndpointSpec &spec) {
            auto *t = new FakeTransport(spec.kind);
            m_setUp(*t);
            m_made.append(t);
            return t;
        });
        m_manager->setBackoffUnitMs(5);
        m_manager->start();
    }
    void cleanup()
    {
        m_manager.reset();
        m_signIns.reset();
        m_config.reset();
    }

    void connects()
    {
        const QString id = add(QStringLiteral("One"));
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE(m_manager->server(id)->state, ServerState::Connected);
        QCOMPARE(m_made.size(), 1);
        QVERIFY(m_manager->session(id));
        QCOMPARE(m_manager->session(id)->transport(), lastMade());
        QCOMPARE(m_manager->server(id)->failures, 0);
        // The traffic of a listed server is kept, and asking for it creates nothing.
        TrafficLog *log = m_manager->traffic(id);
        QVERIFY(log);
        QCOMPARE(m_manager->traffic(id), log);
        QVERIFY(log->size() >= 2); // initialize, its answer, …
        QCOMPARE(m_manager->traffic(QStringLiteral("no-such-server")), nullptr);
    }

    // Failures back off 1, 2, 4 … units; the server recovers on its own.
    void failuresBackOffAndRecover()
    {
        int failOpens = 3;
        m_setUp = [&failOpens](FakeTransport &t) {
            if (failOpens-- > 0)
                t.failOpenWith(McpError::make(McpError::Kind::Connection,
                                              QStringLiteral("Could not connect: refused.")));
            else
                t.serveAs(QStringLiteral("2025-11-25"), {});
        };
        QList<int> delays; // the retry timer's delay as each failure is shown
        QStringList reasons;
        connect(m_manager.get(), &ServerManager::serverChanged, this, [&](const QString &id) {
            const auto *s = m_manager->server(id);
            if (s && s->state == ServerState::Error && s->retryTimer && s->retryTimer->isActive() &&
                delays.size() < s->failures) {
                delays.append(s->retryTimer->interval());
                reasons.append(s->reason);
            }
        });
        const QString id = add(QStringLiteral("Flaky"));
        QTRY_COMPARE(m_manager->server(id)->state, ServerState::Connected);
        QCOMPARE(m_made.size(), 4);
        QCOMPARE(delays, (QList<int>{5, 10, 20})); // 1, 2, 4 units of 5 ms
        QCOMPARE(reasons.at(0), QStringLiteral("Could not connect: refused."));
        QCOMPARE(m_manager->server(id)->failures, 0);
    }

    // A 2026-07-28 server whose change stream keeps breaking stays connected, its
    // reason line saying that changes are not shown as they happen; one that refuses
    // to listen says so at once.
    void brokenListenWarnsButStaysConnected_data()
    {
        QTest::addColumn<bool>("refuse");
        QTest::newRow("keeps breaking") << false;
        QTest::newRow("refused") << true;
    }
    void brokenListenWarnsButStaysConnected()
    {
        QFETCH(bool, refuse);
        int listens = 0;
        m_setUp = [refuse, &listens](FakeTransport &t) {
            t.setHandler([refuse, &listens](FakeTransport &tr, const QJsonObject &m) {
                const QString method = m.value(QStringLiteral("method")).toString();
                const QJsonValue id = m.value(QStringLiteral("id"));
                if (method == QLatin1String("server/discover"))
                    tr.reply(id, QJsonObject{{QStringLiteral("supportedVersions"),
                                              QJsonArray{QStringLiteral("2026-07-28")}},
                                             {QStringLiteral("capabilities"), QJsonObject()}});
                else if (method == QLatin1String("subscriptions/listen") && refuse)
                    tr.replyError(id, -32601, QStringLiteral("Method not found"));
                else if (method == QLatin1String("subscriptions/listen") && ++listens)
                    tr.failRequest(id, McpError::make(McpError::Kind::Connection,
                                                      QStringLiteral("stream reset")));
            });
        };
        const QString id = add(QStringLiteral("Modern"));
        QTRY_COMPARE(m_manager->server(id)->state, ServerState::Connected);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_manager->server(id)->reason.contains(QStringLiteral("not shown as they happen")),
            10000);
        QCOMPARE(m_manager->server(id)->state, ServerState::Connected);
        QVERIFY(refuse || listens >= 3);
        QCOMPARE(m_made.size(), 1); // never reconnected for it
    }

    // A connected server whose connection breaks goes to Error and comes back.
    void droppedConnectionReconnects()
    {
        const QString id = add(QStringLiteral("Drops"));
        QTRY_COMPARE(m_manager->server(id)->state, ServerState::Connected);
        FakeTransport *first = lastMade();
        QSignalSpy changed(m_manager.get(), &ServerManager::serverChanged);
        first->failConnection(McpError::make(McpError::Kind::Connection, QStringLiteral("reset")));
        QCOMPARE(m_manager->server(id)->state, ServerState::Error);
        QCOMPARE(m_manager->server(id)->reason, QStringLiteral("reset"));
        QTRY_COMPARE(m_manager->server(id)->state, ServerState::Connected);
        QCOMPARE(m_made.size(), 2);
        QVERIFY(m_manager->session(id)->transport() != first);
    }

    void disconnectAndDisableStayPut()
    {
        const QString id = add(QStringLiteral("Quiet"));
        QTRY_COMPARE(m_manager->server(id)->state, ServerState::Connected);
        m_manager->disconnectServer(id);
        QCOMPARE(m_manager->server(id)->state, ServerState::Disconnected);
        QVERIFY(!m_manager->session(id));
        const auto *s = m_manager->server(id);
        QVERIFY(!s->retryTimer || !s->retryTimer->isActive()); // nothing reconnects on its own
        QCOMPARE(m_made.size(), 1);
        m_manager->connectServer(id);
        QTRY_COMPARE(m_manager->server(id)->state, ServerState::Connected);
        m_manager->setEnabled(id, false);
        QCOMPARE(m_manager->server(id)->state, ServerState::Disabled);
        QVERIFY(!m_manager->session(id));
        QVERIFY(!m_config->server(id)->enabled);
    }

    // A signed-in server refused (401) with no way to renew: "needs sign-in", no
    // retrying in a loop, and the reason names the server.
    void refusalNeedsSignIn()
    {
        m_setUp = [](FakeTransport &t) {
            t.setHandler([](FakeTransport &tr, const QJsonObject &m) {
                tr.failRequest(m.value(QStringLiteral("id")), httpRefusal(401, "Bearer"));
            });
        };
        QSignalSpy needs(m_manager.get(), &ServerManager::needsSignIn);
        const QString id = add(QStringLiteral("Locked"), ServerConfig::AuthMethod::OAuth2);
        QTRY_COMPARE(m_manager->server(id)->state, ServerState::NeedsSignIn);
        QCOMPARE(needs.count(), 1);
        QVERIFY2(m_manager->server(id)->reason.contains(QStringLiteral("127.0.0.1")),
                 qPrintable(m_manager->server(id)->reason));
        QCOMPARE(m_made.size(), 1);
        const auto *s = m_manager->server(id);
        QVERIFY(!s->retryTimer || !s->retryTimer->isActive()); // waits for the person
    }

    // Connected, a server's sign-in stops asking for a browser, and keeps everything
    // else it was made with (its client secret, the device flow).
    void connectedSignInKeepsItsSettings()
    {
        ServerConfig c;
        c.name = QStringLiteral("Confidential");
        c.url = QUrl(QStringLiteral("http://127.0.0.1:9/mcp"));
        c.authMethod = ServerConfig::AuthMethod::OAuth2;
        c.authConfig = QJsonObject{{QStringLiteral("client_id"), QStringLiteral("registered")},
                                   {QStringLiteral("flow"), QStringLiteral("device")}};
        const auto id =
            m_manager->addServer(c, {{QStringLiteral("client_secret"), "s3cret-not-real"}});
        QVERIFY(id);
        QTRY_COMPARE(m_manager->server(*id)->state, ServerState::Connected);
        const OAuthClient *oauth = m_manager->oauth(*id);
        QVERIFY(oauth);
        QVERIFY(!oauth->settings().interactive);
        QCOMPARE(oauth->settings().clientId, QStringLiteral("registered"));
        QCOMPARE(oauth->settings().clientSecret, QByteArray("s3cret-not-real"));
        QVERIFY(oauth->settings().deviceFlow);
    }

    // What a session is made from changed: the server starts again with it (the
    // working directory of a local server, the scopes or provider of a sign-in).
    void editsThatChangeTheSessionRestartIt_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("working directory") << QStringLiteral("workingDirectory");
        QTest::newRow("scopes") << QStringLiteral("scopes");
        QTest::newRow("provider") << QStringLiteral("provider");
        QTest::newRow("a secret header's name") << QStringLiteral("secretHeaders");
    }
    void editsThatChangeTheSessionRestartIt()
    {
        QFETCH(QString, field);
        ServerConfig c;
        c.name = QStringLiteral("Edited");
        if (field == QLatin1String("workingDirectory")) {
            c.type = TransportKind::Stdio;
            c.command = QStringLiteral("/bin/true");
        } else {
            c.url = QUrl(QStringLiteral("http://127.0.0.1:9/mcp"));
        }
        const auto id = m_manager->addServer(c);
        QVERIFY(id);
        QTRY_COMPARE(m_manager->server(*id)->state, ServerState::Connected);
        QCOMPARE(m_made.size(), 1);
        ServerConfig edited = *m_config->server(*id);
        if (field == QLatin1String("workingDirectory"))
            edited.workingDirectory = QDir::tempPath();
        else if (field == QLatin1String("scopes"))
            edited.scopes = {QStringLiteral("repo")};
        else if (field == QLatin1String("provider"))
            edited.provider = QStringLiteral("github");
        else
            edited.secretHeaders = {QStringLiteral("X-Api-Key")};
        QVERIFY(m_manager->updateServer(edited));
        QTRY_COMPARE(m_made.size(), 2);
        QTRY_COMPARE(m_manager->server(*id)->state, ServerState::Connected);
        QCOMPARE(m_manager->session(*id)->transport(), lastMade());
    }

    // A local (stdio) server's sign-in is forgotten with the server, and by signing out
    // when no client of it is running.
    void stdioSignInIsForgotten_data()
    {
        QTest::addColumn<bool>("remove");
        QTest::newRow("server removed") << true;
        QTest::newRow("signed out, not running") << false;
    }
    void stdioSignInIsForgotten()
    {
        QFETCH(bool, remove);
        ServerConfig c;
        c.name = QStringLiteral("Local with sign-in");
        c.type = TransportKind::Stdio;
        c.command = QStringLiteral("/bin/true");
        c.authMethod = ServerConfig::AuthMethod::OAuth2;
        c.enabled = false;
        const auto id = m_manager->addServer(c);
        QVERIFY(id);
        const QString key = QStringLiteral("stdio:") + *id;
        const QString issuer = QStringLiteral("https://as.example");
        const QString tokenKey = SecretStore::makeKey(key, issuer, QStringLiteral("access_token"));
        QVERIFY(m_signIns->setSignIn(key, QJsonObject{{QStringLiteral("issuer"), issuer}}));
        bool written = false;
        m_secrets.write(tokenKey, "stored-token", [&](bool ok, const QString &) { written = ok; });
        QTRY_VERIFY(written);
        auto stored = [&] {
            std::optional<QByteArray> value;
            bool read = false;
            m_secrets.read(tokenKey, [&](std::optional<QByteArray> v, const QString &) {
                value = v;
                read = true;
            });
            return QTest::qWaitFor([&] { return read; }) && value.has_value();
        };
        QVERIFY(stored());
        if (remove) {
            m_manager->setUndoTimeoutMs(1);
            QVERIFY(m_manager->removeServer(*id));
        } else {
            QVERIFY(!m_manager->oauth(*id)); // disabled: no client running
            m_manager->signOut(*id);
        }
        QTRY_VERIFY(m_signIns->signIn(key).isEmpty());
        QTRY_VERIFY(!stored());
    }

    // The panels' one object: told of a session when it comes and goes, and when
    // another server is chosen — not on every change of a server's state or status.
    void currentServerTellsOnlyWhatChanged()
    {
        const QString a = add(QStringLiteral("A"));
        const QString b = add(QStringLiteral("B"));
        QTRY_COMPARE(m_manager->server(a)->state, ServerState::Connected);
        QTRY_COMPARE(m_manager->server(b)->state, ServerState::Connected);
        CurrentServer current(m_manager.get());
        QSignalSpy sessions(&current, &CurrentServer::sessionChanged);
        QSignalSpy selected(&current, &CurrentServer::selected);
        QSignalSpy changed(&current, &CurrentServer::changed);

        current.select(a);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(sessions.count(), 1);
        QCOMPARE(current.session(), m_manager->session(a));
        QCOMPARE(current.traffic(), m_manager->traffic(a));

        // Changes of the other server, and changes that keep the session, say nothing
        // about the session.
        emit m_manager->serverChanged(b);
        emit m_manager->serverChanged(a);
        emit m_manager->serverChanged(a);
        QCOMPARE(sessions.count(), 1);
        QCOMPARE(changed.count(), 3); // select, and the two changes of A

        m_manager->disconnectServer(a);
        QCOMPARE(sessions.count(), 2);
        QCOMPARE(sessions.last().at(0).value<McpSession *>(), nullptr);
        QCOMPARE(current.session(), nullptr);

        m_manager->connectServer(a);
        QTRY_COMPARE(sessions.count(), 3);
        QCOMPARE(current.session(), m_manager->session(a));
        QVERIFY(current.session());

        current.select(b);
        QCOMPARE(sessions.count(), 4);
        QCOMPARE(current.session(), m_manager->session(b));
        current.select(b); // the same again: nothing
        QCOMPARE(selected.count(), 2);

        QVERIFY(m_manager->removeServer(b));
        QCOMPARE(current.server(), nullptr);
        QCOMPARE(current.session(), nullptr);
        QCOMPARE(sessions.count(), 5);
    }
};

QTEST_GUILESS_MAIN(TestServersInProcess)
#include "tst_servers_inprocess.moc"
