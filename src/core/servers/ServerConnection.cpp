// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// One connection per server: its session, state, pings and backoff.
#include "ServerManager.h"

#include <QFileInfo>
#include <QJsonArray>
#include <algorithm>

namespace mcpdesk {

namespace {
constexpr int kMaxBackoffSeconds = 60;
constexpr int kListenBreaksToTell = 3; // listens in a row that ended early
constexpr int kListenSteadyMs = 30000; // a listen that held this long clears the warning
} // namespace

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
        EndpointSpec spec = c.endpointSpec();
        addSecrets(spec, c, secrets);
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
    if (spec.protocolVersion.isEmpty())
        spec.protocolVersion = m_defaultProtocol; // the app's setting, where the server has no pin
    McpSession *session = McpSession::create(spec, this, m_transportMaker);
    session->setEraCache(m_eraCache);
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
    // A modern server tells of changed lists only to a listen: keep one open, so that
    // the lists stay live on both eras.
    session->setListenForChanges(true);
    // A listen that keeps breaking leaves the server connected, with a warning in its
    // reason line until a listen has held for a while.
    auto listenBreaks = std::make_shared<int>(0);
    connect(session, &McpSession::listenInterrupted, this,
            [this, id, listenBreaks](const QString &why, int retryInMs) {
                Server *x = find(id);
                if (!x || x->state != ServerState::Connected)
                    return;
                if (retryInMs < 0 || ++*listenBreaks >= kListenBreaksToTell)
                    setState(*x, ServerState::Connected,
                             tr("changes on the server are not shown as they happen: %1").arg(why));
            });
    connect(session, &McpSession::listening, this, [this, id, session, listenBreaks] {
        const int seen = *listenBreaks;
        QTimer::singleShot(kListenSteadyMs, session, [this, id, listenBreaks, seen] {
            if (*listenBreaks != seen)
                return; // it broke again meanwhile
            *listenBreaks = 0;
            Server *x = find(id);
            if (x && x->state == ServerState::Connected && !x->reason.isEmpty())
                setState(*x, ServerState::Connected);
        });
    });
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

void ServerManager::detectEraAgain(const QString &id)
{
    Server *s = find(id);
    if (!s || !s->config.mayStart())
        return;
    if (m_eraCache && s->session)
        m_eraCache->forget(s->session->eraKey());
    s->failures = 0;
    startSession(*s, false, true); // the sign-in stays
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

} // namespace mcpdesk
