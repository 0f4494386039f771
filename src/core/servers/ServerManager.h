// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auth/CallbackRouter.h"
#include "auth/OAuthClient.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "protocol/McpSession.h"
#include "servers/ServerInputs.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcServers)

namespace mcpdesk {

// The live side of the server list, shared by the app's windows: one session per
// configured server, its state in the six words, reconnects with backoff, sign-in.
// Widgets never touch the network; they watch this object.
//
//   enabled + not disconnected by the user --> Connecting --> Connected
//   Error --(backoff 1 s, 2 s, 4 s … 60 s; nextAttempt shown)--> Connecting
//   NeedsSignIn --(signIn(): browser)--> Connecting --> Connected
//   Disabled: no session at all.
//
// In three files: the list of servers (ServerManager.cpp: reconcile, add, update,
// remove and undo, confirm, enable), one connection per server
// (ServerConnection.cpp: session, state, pings, backoff) and the sign-in
// coordinator (SignInCoordinator.cpp: each server's sign-in client, Sign in,
// Cancel, Sign out, sign-ins made elsewhere).
class ServerManager : public QObject
{
    Q_OBJECT
public:
    struct Server
    {
        ServerConfig config;
        ServerState state = ServerState::Disconnected;
        QString reason;        // for Error / NeedsSignIn
        QDateTime nextAttempt; // when an Error is retried
        int failures = 0;
        bool userDisconnected = false;
        bool signingIn = false;
        QUrl signInUrl;     // the authorization URL while signing in
        QString deviceCode; // device flow: the code to enter …
        QUrl deviceUri;     // … and where
        QString signInStatus;
        QPointer<McpSession> session;
        QPointer<OAuthClient> oauth;
        std::unique_ptr<QTimer> retryTimer;
        std::unique_ptr<TrafficLog> traffic; // across reconnects, while the server is listed
    };

    ServerManager(ConfigStore *config, SecretStore *secrets, SignInStore *signIns,
                  QObject *parent = nullptr);
    ~ServerManager() override;

    // Loads the list and connects every enabled server: soon (once the event loop
    // runs), or with connectNow false only when connectWaiting() is called (the app:
    // after its window's first paint, so that 200 servers do not delay it).
    void start(bool connectNow = true);
    void connectWaiting();
    // Opens the authorization URL (the GUI: QDesktopServices; tests: a headless follower).
    void setBrowserOpener(std::function<bool(const QUrl &)> opener)
    {
        m_opener = std::move(opener);
    }
    void setAutoConnect(bool on) { m_autoConnect = on; }
    // Where mcpdesk://oauth/callback URLs arrive (presets with "redirect": "mcpdesk").
    void setCallbackRouter(CallbackRouter *router) { m_router = router; }
    void setPingIntervalMs(int ms);
    // How sessions get their transport (tests: in memory); unset: the real ones.
    void setTransportMaker(McpSession::TransportMaker maker)
    {
        m_transportMaker = std::move(maker);
    }
    // Where each server's MCP era is remembered (not owned; unset: found on each
    // connection). The app passes the one the CLI shares.
    void setEraCache(EraCache *cache) { m_eraCache = cache; }
    // The MCP version asked for where a server pins none (empty: find out); used from
    // each server's next connection on.
    void setDefaultProtocolVersion(const QString &version) { m_defaultProtocol = version; }
    QString defaultProtocolVersion() const { return m_defaultProtocol; }
    // The unit of the retry backoff (1, 2, 4 … 60 units): a second, but in tests.
    void setBackoffUnitMs(int ms) { m_backoffUnitMs = ms; }
    // The answers to a server's requests (elicitation, sampling) for server `id`, from
    // the app; sessions opened later declare what it offers. Roots come from the config.
    void setClientFeaturesFactory(std::function<ClientFeatures(const QString &id)> factory)
    {
        m_features = std::move(factory);
    }
    // The folders server `id` may see (roots): saved, and the server is told.
    bool setRoots(const QString &id, const QStringList &folders);

    QStringList ids() const { return m_order; }
    const Server *server(const QString &id) const;
    McpSession *session(const QString &id) const;
    // What went over the wire with server `id` (kept while the server is listed).
    TrafficLog *traffic(const QString &id) const;
    OAuthClient *oauth(const QString &id) const;
    ConfigStore *config() const { return m_config; }
    SecretStore *secrets() const { return m_secrets; }

    void connectServer(const QString &id);
    // Forgets which era the server was found to speak and connects again, probing.
    void detectEraAgain(const QString &id);
    void disconnectServer(const QString &id);
    void setEnabled(const QString &id, bool enabled);
    // The person has seen the command of a server that came from elsewhere (an import)
    // and allows it to run: it is enabled and started.
    bool confirmServer(const QString &id);
    // Why a server that awaits confirmation is not started.
    static QString awaitingReason();
    // What start() found when the server list was damaged (what was recovered, what
    // was lost, where the damaged file was kept); empty when it was not.
    QString damageNotice() const { return m_damageNotice; }

    // Secret values (header:<name>, env:<name>, bearer, client_secret) go to the keychain.
    std::optional<QString> addServer(const ServerConfig &config,
                                     const QHash<QString, QByteArray> &secrets = {});
    bool updateServer(const ServerConfig &config, const QHash<QString, QByteArray> &secrets = {});
    // Removed at once; undoRemove() brings it back until the undo lapses, then
    // its keychain entries are deleted.
    bool removeServer(const QString &id);
    bool canUndoRemove() const { return m_lastRemoved.has_value(); }
    std::optional<QString> undoRemove();
    void setUndoTimeoutMs(int ms) { m_undoMs = ms; }

    void signIn(const QString &id);
    void cancelSignIn(const QString &id);
    void signOut(const QString &id);
    QString lastError() const { return m_lastError; }

signals:
    // The server list was damaged when it was read (see damageNotice()).
    void serverListDamaged(const QString &notice);
    void serverChanged(const QString &id);
    void listChanged(); // servers added, removed or reordered
    void needsSignIn(const QString &id, const QString &reason);
    void errorOccurred(const QString &message);

private:
    Server *find(const QString &id);
    void reconcile();
    // `keepSignIn`: the server's sign-in client stays (with its tokens in memory).
    void startSession(Server &s, bool interactive, bool keepSignIn = false);
    OAuthClient *makeOAuth(Server &s, const QHash<QString, QByteArray> &secrets, bool interactive);
    // A client for what is stored of server `c`'s sign-in (the one place its key is made).
    OAuthClient *storedSignIn(const ServerConfig &c);
    void openSession(Server &s, EndpointSpec spec);
    void teardown(Server &s, bool keepSignIn = false);
    // Sign in with the server's client now, then start the session again.
    void signInDirectly(Server &s);
    // The sign-in of server `id` ended, either way: nothing of it is shown any more.
    Server *endSignIn(const QString &id);
    void setState(Server &s, ServerState state, const QString &reason = QString());
    void scheduleRetry(Server &s);
    void readSecrets(const ServerConfig &c, std::function<void(ServerSecrets)> done);
    void writeSecrets(const QString &id, const QHash<QString, QByteArray> &secrets);
    void ping();
    void lapseUndo();
    void onSignInsChanged();

    ConfigStore *m_config;
    QPointer<SecretStore> m_secrets;
    SignInStore *m_signIns;
    std::function<bool(const QUrl &)> m_opener;
    std::function<ClientFeatures(const QString &)> m_features;
    QPointer<CallbackRouter> m_router;
    QHash<QString, std::shared_ptr<Server>> m_servers;
    QStringList m_order;
    std::optional<ServerConfig> m_lastRemoved;
    QTimer m_undoTimer;
    QFileSystemWatcher m_signInWatcher;
    QTimer m_signInDebounce;
    QTimer m_pingTimer;
    int m_undoMs = 10000;
    int m_backoffUnitMs = 1000;
    bool m_holdNewSessions = false; // addServer(): started once their secrets are written
    McpSession::TransportMaker m_transportMaker;
    EraCache *m_eraCache = nullptr;
    QString m_defaultProtocol;
    bool m_autoConnect = true;
    bool m_deferStart = false; // start(): sessions begin once the event loop runs
    QStringList m_deferred;
    QString m_lastError;
    QString m_damageNotice;
};

} // namespace mcpdesk
