// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The sign-in coordinator: each server's sign-in client, Sign in, Cancel and
// Sign out, and sign-ins made elsewhere (mcpdesk-cli) picked up.
#include "ServerManager.h"

#include "transport/TransportFactory.h"

#include <QFileInfo>

#include <array>
#include <memory>

namespace mcpdesk {

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

OAuthClient *ServerManager::storedSignIn(const ServerConfig &c)
{
    auto *oauth = new OAuthClient(c.url, m_secrets, m_signIns, OAuthSettings(), this);
    if (c.type == TransportKind::Stdio)
        oauth->setServerKey(QStringLiteral("stdio:") + c.mcpId); // no URL: keyed by the server
    return oauth;
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
        // The session goes first: a request of it refused while the sign-out is under
        // way would mark the server "needs sign-in" early, and a Sign in made then
        // would be cancelled when the sign-out ends.
        teardown(*s, true);
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
