// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerManager.h"

#include "protocol/McpSession.h"
#include "transport/TransportFactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

#include <array>
#include <memory>
#include <tuple>
#include <utility>

Q_LOGGING_CATEGORY(lcServers, "mcpdesk.servers")

namespace mcpdesk {

namespace {
constexpr int kMaxBackoffSeconds = 60;
}

ServerManager::ServerManager(ConfigStore *config, SecretStore *secrets, SignInStore *signIns,
                             QObject *parent)
    : QObject(parent), m_config(config), m_secrets(secrets), m_signIns(signIns)
{
    m_undoTimer.setSingleShot(true);
    connect(&m_undoTimer, &QTimer::timeout, this, &ServerManager::lapseUndo);
    connect(m_config, &ConfigStore::serversChanged, this, &ServerManager::reconcile);
    connect(&m_pingTimer, &QTimer::timeout, this, &ServerManager::ping);
    m_pingTimer.start(20000);
    // A sign-in made elsewhere (mcpdesk-cli login, another window) is picked up.
    m_signInDebounce.setSingleShot(true);
    m_signInDebounce.setInterval(150);
    connect(&m_signInDebounce, &QTimer::timeout, this, &ServerManager::onSignInsChanged);
    if (m_signIns) {
        const QFileInfo info(m_signIns->path());
        QDir().mkpath(info.absolutePath());
        m_signInWatcher.addPath(info.absolutePath());
        if (info.exists())
            m_signInWatcher.addPath(info.absoluteFilePath());
        connect(&m_signInWatcher, &QFileSystemWatcher::directoryChanged, &m_signInDebounce,
                qOverload<>(&QTimer::start));
        connect(&m_signInWatcher, &QFileSystemWatcher::fileChanged, &m_signInDebounce,
                qOverload<>(&QTimer::start));
    }
}

void ServerManager::onSignInsChanged()
{
    const QString file = m_signIns->path();
    if (QFileInfo::exists(file) && !m_signInWatcher.files().contains(file))
        m_signInWatcher.addPath(file);
    for (auto &s : m_servers) {
        if (s->state != ServerState::NeedsSignIn || s->signingIn ||
            s->config.type == TransportKind::Stdio)
            continue;
        if (m_signIns->signIn(OAuthClient::canonicalResource(s->config.url)).isEmpty())
            continue;
        qCInfo(lcServers) << "signed in elsewhere; reconnecting" << s->config.mcpId;
        if (s->config.authMethod != ServerConfig::AuthMethod::OAuth2) {
            ServerConfig c = s->config;
            c.authMethod = ServerConfig::AuthMethod::OAuth2;
            m_config->update(c);
            m_config->save(); // reconcile() restarts it
            continue;
        }
        s->failures = 0;
        startSession(*s, false);
    }
}

ServerManager::~ServerManager()
{
    for (auto &s : m_servers)
        teardown(*s);
}

void ServerManager::lapseUndo()
{
    // The undo lapsed: now the server's secrets and sign-in go too.
    m_undoTimer.stop();
    if (!m_lastRemoved)
        return;
    const ServerConfig gone = *m_lastRemoved;
    m_lastRemoved.reset();
    if (m_config->server(gone.mcpId))
        return; // it came back some other way
    if (m_secrets) {
        for (const QString &h : gone.secretHeaders)
            m_secrets->remove(serverSecretKey(gone.mcpId, QStringLiteral("header:") + h), {});
        for (const QString &e : gone.secretEnv)
            m_secrets->remove(serverSecretKey(gone.mcpId, QStringLiteral("env:") + e), {});
        m_secrets->remove(serverSecretKey(gone.mcpId, QStringLiteral("bearer")), {});
        m_secrets->remove(serverSecretKey(gone.mcpId, QStringLiteral("client_secret")), {});
    }
    // Its sign-in, whichever transport it spoke (a stdio server's is kept by its id).
    OAuthClient *forget = storedSignIn(gone);
    forget->load(
        [forget] { forget->signOut([forget](bool, const QString &) { forget->deleteLater(); }); });
}

OAuthClient *ServerManager::storedSignIn(const ServerConfig &c)
{
    auto *oauth = new OAuthClient(c.url, m_secrets, m_signIns, OAuthSettings(), this);
    if (c.type == TransportKind::Stdio)
        oauth->setServerKey(QStringLiteral("stdio:") + c.mcpId); // no URL: keyed by the server
    return oauth;
}

void ServerManager::setPingIntervalMs(int ms)
{
    m_pingTimer.start(ms);
}

ServerManager::Server *ServerManager::find(const QString &id)
{
    auto it = m_servers.find(id);
    return it == m_servers.end() ? nullptr : it.value().get();
}

const ServerManager::Server *ServerManager::server(const QString &id) const
{
    auto it = m_servers.constFind(id);
    return it == m_servers.constEnd() ? nullptr : it.value().get();
}

McpSession *ServerManager::session(const QString &id) const
{
    const Server *s = server(id);
    return s ? s->session.data() : nullptr;
}

OAuthClient *ServerManager::oauth(const QString &id) const
{
    const Server *s = server(id);
    return s ? s->oauth.data() : nullptr;
}

void ServerManager::start(bool connectNow)
{
    if (!m_config->load() && !m_config->lastError().isEmpty()) {
        if (m_config->recovery().damaged) {
            m_damageNotice = m_config->lastError();
            emit serverListDamaged(m_damageNotice);
        } else {
            emit errorOccurred(m_config->lastError());
        }
    }
    m_config->setWatching(true);
    // The list is there at once; connecting waits (200 servers cost about 17 ms to start).
    m_deferStart = true;
    reconcile();
    m_deferStart = false;
    if (connectNow)
        QTimer::singleShot(0, this, &ServerManager::connectWaiting);
}

void ServerManager::connectWaiting()
{
    const QStringList ids = std::exchange(m_deferred, {});
    for (const QString &id : ids)
        if (Server *s = find(id); s && s->config.mayStart() && !s->session &&
                                  !s->userDisconnected && s->state == ServerState::Disconnected)
            startSession(*s, false);
}

// Brings the runtime list in line with the configuration (ours or another
// process's changes): new servers start, removed ones stop, changed ones restart.
namespace {
// Everything a running session was made from: a change to any of it needs a new session
// (where and how to reach the server, and how to sign in to it).
auto sessionInputs(const ServerConfig &c)
{
    return std::tuple(c.endpointSpec(), c.secretHeaders, c.secretEnv, c.authMethod, c.authConfig,
                      c.scopes, c.provider);
}
} // namespace

void ServerManager::reconcile()
{
    const QList<ServerConfig> configs = m_config->servers();
    QStringList order;
    bool listChangedNow = false;
    for (const ServerConfig &c : configs) {
        order.append(c.mcpId);
        Server *s = find(c.mcpId);
        if (!s) {
            auto fresh = std::make_shared<Server>();
            fresh->config = c;
            fresh->traffic = std::make_unique<TrafficLog>();
            fresh->state = c.mayStart() ? ServerState::Disconnected : ServerState::Disabled;
            if (c.awaitsConfirmation())
                fresh->reason = awaitingReason();
            m_servers.insert(c.mcpId, fresh);
            listChangedNow = true;
            if (c.mayStart() && m_autoConnect && !m_holdNewSessions) {
                if (m_deferStart)
                    m_deferred.append(c.mcpId);
                else
                    startSession(*fresh, false);
            }
            continue;
        }
        if (s->config == c)
            continue;
        const bool endpointChanged = sessionInputs(s->config) != sessionInputs(c);
        const bool enabledChanged = s->config.mayStart() != c.mayStart();
        const bool rootsChanged = s->config.roots != c.roots;
        s->config = c;
        if (!c.mayStart()) {
            teardown(*s);
            setState(*s, ServerState::Disabled,
                     c.awaitsConfirmation() ? awaitingReason() : QString());
        } else if (enabledChanged || (endpointChanged && s->state != ServerState::Disconnected)) {
            teardown(*s);
            s->userDisconnected = false;
            setState(*s, ServerState::Disconnected);
            if (m_autoConnect || enabledChanged)
                startSession(*s, false);
        } else {
            if (rootsChanged && s->session)
                s->session->notifyRootsChanged();
            emit serverChanged(c.mcpId);
        }
    }
    for (const QString &id : m_order) {
        if (!order.contains(id)) {
            if (Server *s = find(id))
                teardown(*s);
            m_servers.remove(id);
            listChangedNow = true;
        }
    }
    if (order != m_order)
        listChangedNow = true;
    m_order = order;
    if (listChangedNow)
        emit listChanged();
}

void ServerManager::setState(Server &s, ServerState state, const QString &reason)
{
    s.state = state;
    s.reason = reason;
    if (state != ServerState::Error)
        s.nextAttempt = QDateTime();
    emit serverChanged(s.config.mcpId);
}

void ServerManager::teardown(Server &s, bool keepSignIn)
{
    if (s.retryTimer)
        s.retryTimer->stop();
    if (s.session) {
        s.session->disconnect(this);
        s.session->close();
        s.session->deleteLater();
        s.session = nullptr;
    }
    if (s.oauth && !keepSignIn) {
        s.oauth->disconnect(this);
        s.oauth->cancelSignIn();
        s.oauth->deleteLater();
        s.oauth = nullptr;
    }
    s.signingIn = false;
    s.signInUrl = QUrl();
    s.deviceCode.clear();
}

void ServerManager::readSecrets(const ServerConfig &c, std::function<void(ServerSecrets)> done)
{
    QPointer<ServerManager> self(this);
    readServerSecrets(m_secrets, c, [self, done](ServerSecrets secrets) {
        if (self)
            done(std::move(secrets));
    });
}

void ServerManager::writeSecrets(const QString &id, const QHash<QString, QByteArray> &secrets)
{
    if (!m_secrets)
        return;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (it.value().isEmpty())
            m_secrets->remove(serverSecretKey(id, it.key()), {});
        else
            m_secrets->write(serverSecretKey(id, it.key()), it.value(),
                             [this](bool ok, const QString &error) {
                                 if (!ok)
                                     emit errorOccurred(error);
                             });
    }
}

OAuthClient *ServerManager::makeOAuth(Server &srv, const QHash<QString, QByteArray> &secrets,
                                      bool interactive)
{
    const ServerConfig &c = srv.config;
    const QString id = c.mcpId;
    OAuthSettings settings = signInSettings(c, secrets, m_router);
    settings.interactive = interactive;
    settings.openBrowser = m_opener;
    OAuthClient *oauth = storedSignIn(c);
    oauth->setSettings(settings);
    oauth->setCaCertificates(readCertificates(c.endpointSpec().caFile));
    srv.oauth = oauth;
    connect(oauth, &OAuthClient::authorizationUrlReady, this, [this, id](const QUrl &url) {
        if (Server *x = find(id)) {
            x->signingIn = true;
            x->signInUrl = url;
            emit serverChanged(id);
        }
    });
    connect(oauth, &OAuthClient::deviceCodeReady, this,
            [this, id](const QString &code, const QUrl &uri) {
                if (Server *x = find(id)) {
                    x->signingIn = true;
                    x->deviceCode = code;
                    x->deviceUri = uri;
                    emit serverChanged(id);
                }
            });
    connect(oauth, &OAuthClient::statusMessage, this, [this, id](const QString &m) {
        if (Server *x = find(id)) {
            x->signInStatus = m;
            emit serverChanged(id);
        }
    });
    connect(oauth, &OAuthClient::tokensChanged, this, [this, id] { emit serverChanged(id); });
    connect(oauth, &OAuthClient::warning, this, &ServerManager::errorOccurred);
    return oauth;
}

void ServerManager::startSession(Server &s, bool interactive, bool keepSignIn)
{
    if (s.config.awaitsConfirmation()) {
        // Never run a command the person has not seen (see ServerConfig::confirmed).
        setState(s, ServerState::Disabled, awaitingReason());
        return;
    }
    teardown(s, keepSignIn);
    s.userDisconnected = false;
    setState(s, ServerState::Connecting);
    const QString id = s.config.mcpId;
    readSecrets(s.config, [this, id, interactive](ServerSecrets secrets) {
        Server *srv = find(id);
        if (!srv || srv->state != ServerState::Connecting || srv->session)
            return;
        const ServerConfig &c = srv->config;
        EndpointSpec spec = sessionSpec(c, secrets);
        if (c.authMethod != ServerConfig::AuthMethod::OAuth2) {
            openSession(*srv, spec);
            return;
        }
        if (srv->oauth && c.type != TransportKind::Stdio) {
            openSession(*srv, spec); // its sign-in client stays, tokens and all
            return;
        }
        OAuthClient *oauth = makeOAuth(*srv, secrets, interactive);
        if (c.type != TransportKind::Stdio) {
            // HTTP: the token goes as the bearer of every request; a sign-in made
            // earlier (tokens from the keychain) is loaded first.
            oauth->load([this, id, spec] {
                if (Server *x = find(id); x && x->state == ServerState::Connecting && !x->session)
                    openSession(*x, spec);
            });
            return;
        }
        // A local program gets the token of its sign-in in an environment variable.
        oauth->load([this, id, spec]() mutable {
            Server *x = find(id);
            if (!x || x->state != ServerState::Connecting || !x->oauth)
                return;
            const QString var = x->config.authConfig.value(QStringLiteral("token_env")).toString();
            const QByteArray token = x->oauth->accessToken();
            if (token.isEmpty() || var.isEmpty()) {
                setState(
                    *x, ServerState::NeedsSignIn,
                    var.isEmpty()
                        ? tr("Name the environment variable that receives the token (token_env).")
                        : tr("Sign in to start this server."));
                emit needsSignIn(x->config.mcpId, x->reason);
                return;
            }
            spec.command.environment.insert(var, QString::fromUtf8(token));
            openSession(*x, spec);
        });
    });
}

void ServerManager::openSession(Server &srv, EndpointSpec spec)
{
    const QString id = srv.config.mcpId;
    McpSession *session = McpSession::create(spec, this, m_transportMaker);
    srv.session = session;
    // What the server may ask of the user (from the app), and the folders it may see.
    ClientFeatures features = m_features ? m_features(id) : ClientFeatures();
    features.roots = [this, id] {
        QJsonArray roots;
        if (const Server *x = find(id)) {
            for (const QString &folder : x->config.roots)
                roots.append(
                    QJsonObject{{QStringLiteral("uri"), QUrl::fromLocalFile(folder).toString()},
                                {QStringLiteral("name"), QFileInfo(folder).fileName()}});
        }
        return roots;
    };
    session->setClientFeatures(features);
    session->setTrafficLog(traffic(id));
    if (srv.oauth && srv.config.type != TransportKind::Stdio)
        session->setAuthenticator(srv.oauth);
    connect(session, &McpSession::stateChanged, this, [this, id](ServerState st) {
        Server *x = find(id);
        if (!x || !x->session)
            return;
        if (st == ServerState::Connected) {
            x->failures = 0;
            x->signingIn = false;
            x->signInUrl = QUrl();
            x->deviceCode.clear();
            // A browser sign-in only when asked for: later refusals show "needs sign-in".
            // (Only that changes: the client secret, the device flow and the callback
            // router it was made with stay.)
            if (x->oauth)
                x->oauth->setInteractive(false);
            setState(*x, ServerState::Connected);
        } else if (st == ServerState::Connecting) {
            setState(*x, ServerState::Connecting);
        }
    });
    connect(session, &McpSession::failed, this, [this, id](const McpError &e) {
        Server *x = find(id);
        if (!x)
            return;
        x->signingIn = false;
        x->signInUrl = QUrl();
        x->deviceCode.clear();
        if (e.kind == McpError::Kind::Unauthorized) {
            setState(*x, ServerState::NeedsSignIn, e.message);
            emit needsSignIn(id, e.message);
            return;
        }
        ++x->failures;
        setState(*x, ServerState::Error, e.message);
        scheduleRetry(*x);
    });
    session->open();
}

void ServerManager::scheduleRetry(Server &s)
{
    if (!s.config.mayStart() || s.userDisconnected)
        return;
    const int seconds = std::min(kMaxBackoffSeconds, 1 << std::min(s.failures - 1, 6));
    s.nextAttempt = QDateTime::currentDateTime().addMSecs(qint64(seconds) * m_backoffUnitMs);
    if (!s.retryTimer) {
        s.retryTimer = std::make_unique<QTimer>();
        s.retryTimer->setSingleShot(true);
        const QString id = s.config.mcpId;
        connect(s.retryTimer.get(), &QTimer::timeout, this, [this, id] {
            Server *x = find(id);
            if (x && x->state == ServerState::Error && x->config.mayStart() && !x->userDisconnected)
                startSession(*x, false);
        });
    }
    s.retryTimer->start(seconds * m_backoffUnitMs);
    emit serverChanged(s.config.mcpId);
}

void ServerManager::ping()
{
    // A dead server is noticed even when nothing else talks to it.
    for (auto &s : m_servers) {
        if (s->state != ServerState::Connected || !s->session)
            continue;
        RpcReply *r = s->session->ping();
        const QString id = s->config.mcpId;
        connect(r, &RpcReply::finished, this, [this, r, id] {
            if (r->isOk() || r->error().kind != McpError::Kind::Connection)
                return;
            Server *x = find(id);
            if (x && x->state == ServerState::Connected) {
                teardown(*x);
                ++x->failures;
                setState(*x, ServerState::Error, r->error().message);
                scheduleRetry(*x);
            }
        });
    }
}

void ServerManager::connectServer(const QString &id)
{
    Server *s = find(id);
    if (!s)
        return;
    if (s->config.awaitsConfirmation())
        return; // only confirmServer() starts it: the person must see its command first
    if (!s->config.enabled) {
        setEnabled(id, true);
        return;
    }
    s->failures = 0;
    startSession(*s, false);
}

void ServerManager::disconnectServer(const QString &id)
{
    Server *s = find(id);
    if (!s)
        return;
    teardown(*s);
    s->userDisconnected = true;
    s->failures = 0;
    setState(*s, s->config.mayStart() ? ServerState::Disconnected : ServerState::Disabled,
             s->config.awaitsConfirmation() ? awaitingReason() : QString());
}

QString ServerManager::awaitingReason()
{
    return tr("Not started: it was added from elsewhere. Review its command and enable it.");
}

bool ServerManager::confirmServer(const QString &id)
{
    Server *s = find(id);
    if (!s)
        return false;
    ServerConfig c = s->config;
    c.confirmed = true;
    c.enabled = true;
    if (!m_config->update(c) || !m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return false;
    }
    return true; // reconcile() starts it
}

void ServerManager::setEnabled(const QString &id, bool enabled)
{
    Server *s = find(id);
    if (!s || s->config.enabled == enabled)
        return;
    ServerConfig c = s->config;
    c.enabled = enabled;
    if (!m_config->update(c) || !m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
    }
}

std::optional<QString> ServerManager::addServer(const ServerConfig &config,
                                                const QHash<QString, QByteArray> &secrets)
{
    // The new server's session starts only once its secrets are written: adding it
    // to the list is what would start it, and it reads its secrets at start.
    m_holdNewSessions = true;
    const auto added = m_config->add(config);
    m_holdNewSessions = false;
    if (!added) {
        m_lastError = m_config->lastError();
        return std::nullopt;
    }
    writeSecrets(added->mcpId, secrets);
    if (Server *s = find(added->mcpId); s && s->config.mayStart() && m_autoConnect && !s->session &&
                                        s->state == ServerState::Disconnected) {
        if (m_deferStart)
            m_deferred.append(added->mcpId);
        else
            startSession(*s, false);
    }
    if (!m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return std::nullopt;
    }
    return added->mcpId;
}

bool ServerManager::updateServer(const ServerConfig &config,
                                 const QHash<QString, QByteArray> &secrets)
{
    writeSecrets(config.mcpId, secrets);
    if (!m_config->update(config) || !m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return false;
    }
    if (!secrets.isEmpty()) {
        if (Server *s = find(config.mcpId); s && s->config.mayStart()) {
            s->failures = 0;
            startSession(*s, false); // new secrets take effect now
        }
    }
    return true;
}

TrafficLog *ServerManager::traffic(const QString &id) const
{
    const Server *s = server(id);
    return s ? s->traffic.get() : nullptr;
}

bool ServerManager::setRoots(const QString &id, const QStringList &folders)
{
    const Server *s = find(id);
    if (!s)
        return false;
    ServerConfig c = s->config;
    c.roots = folders;
    return updateServer(c); // the server is told when the saved list comes back
}

bool ServerManager::removeServer(const QString &id)
{
    Server *s = find(id);
    if (!s)
        return false;
    const ServerConfig removed = s->config;
    if (m_lastRemoved)
        lapseUndo();         // the previous undo lapses now
    m_lastRemoved = removed; // before the save: views updating on it can offer the undo
    if (!m_config->remove(id) || !m_config->save()) {
        m_lastRemoved.reset();
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return false;
    }
    m_undoTimer.start(m_undoMs);
    return true;
}

std::optional<QString> ServerManager::undoRemove()
{
    if (!m_lastRemoved)
        return std::nullopt;
    ServerConfig back = *m_lastRemoved;
    m_lastRemoved.reset();
    m_undoTimer.stop();
    const auto added = m_config->add(back);
    if (!added || !m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return std::nullopt;
    }
    return added->mcpId;
}

void ServerManager::signIn(const QString &id)
{
    Server *s = find(id);
    if (!s || (s->config.type == TransportKind::Stdio && s->config.provider.isEmpty()))
        return;
    if (s->config.authMethod != ServerConfig::AuthMethod::OAuth2) {
        // Signing in means OAuth from now on.
        ServerConfig c = s->config;
        c.authMethod = ServerConfig::AuthMethod::OAuth2;
        m_config->update(c);
        m_config->save();
        s = find(id);
        if (!s)
            return;
        s->config = c;
    }
    s->signingIn = true;
    s->signInStatus = tr("Looking up how to sign in…");
    if (s->config.type == TransportKind::Stdio) {
        // A local program: sign in to its provider first, then start it with the token.
        teardown(*s);
        s->signingIn = true;
        readSecrets(s->config, [this, id](ServerSecrets secrets) {
            Server *x = find(id);
            if (!x)
                return;
            OAuthClient *oauth = makeOAuth(*x, secrets, true);
            connect(oauth, &OAuthClient::signedIn, this, [this, id] {
                if (Server *y = endSignIn(id))
                    startSession(*y, false);
            });
            connect(oauth, &OAuthClient::signInFailed, this, [this, id](const McpError &e) {
                if (Server *y = endSignIn(id))
                    setState(*y, ServerState::NeedsSignIn, e.message);
            });
            oauth->signIn();
        });
        emit serverChanged(id);
        return;
    }
    if (s->oauth && s->oauth->knowsSignInServer()) {
        signInDirectly(*s);
        return;
    }
    startSession(*s, true);
    emit serverChanged(id);
}

ServerManager::Server *ServerManager::endSignIn(const QString &id)
{
    Server *x = find(id);
    if (x) {
        x->signingIn = false;
        x->signInUrl = QUrl();
        x->deviceCode.clear();
    }
    return x;
}

void ServerManager::signInDirectly(Server &s)
{
    // The server's refusal said where to sign in: the flow starts now, and the
    // session starts again once it is done (no new session to provoke a refusal).
    const QString id = s.config.mcpId;
    OAuthClient *oauth = s.oauth;
    auto links = std::make_shared<std::array<QMetaObject::Connection, 2>>();
    auto unlink = [links] {
        for (const QMetaObject::Connection &c : *links)
            QObject::disconnect(c);
    };
    (*links)[0] = connect(oauth, &OAuthClient::signedIn, this, [this, id, unlink] {
        unlink();
        Server *x = endSignIn(id);
        if (!x)
            return;
        if (x->state == ServerState::Connected) // the new token serves the live session
            emit serverChanged(id);
        else
            startSession(*x, false, true);
    });
    (*links)[1] =
        connect(oauth, &OAuthClient::signInFailed, this, [this, id, unlink](const McpError &e) {
            unlink();
            if (Server *x = endSignIn(id))
                setState(*x, ServerState::NeedsSignIn, e.message);
        });
    if (s.state != ServerState::Connected)
        setState(s, ServerState::Connecting);
    oauth->signInNow();
    emit serverChanged(id);
}

void ServerManager::cancelSignIn(const QString &id)
{
    Server *s = find(id);
    if (!s || !s->signingIn)
        return;
    if (s->oauth)
        s->oauth->cancelSignIn();
    s->signingIn = false;
    s->signInUrl = QUrl();
    emit serverChanged(id);
}

void ServerManager::signOut(const QString &id)
{
    Server *s = find(id);
    if (!s)
        return;
    OAuthClient *oauth = s->oauth;
    auto after = [this, id](bool, const QString &note) {
        if (!note.isEmpty())
            emit errorOccurred(note);
        if (Server *x = find(id)) {
            teardown(*x);
            setState(*x, ServerState::NeedsSignIn, tr("Signed out."));
        }
    };
    if (oauth) {
        oauth->signOut(after);
        return;
    }
    // No live client: forget what is stored.
    OAuthClient *forget = storedSignIn(s->config);
    forget->load([forget, after] {
        forget->signOut([forget, after](bool ok, const QString &n) {
            after(ok, n);
            forget->deleteLater();
        });
    });
}

} // namespace mcpdesk
