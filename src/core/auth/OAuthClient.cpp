// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "OAuthClient.h"

#include "CallbackRouter.h"
#include "LoopbackReceiver.h"
#include "OAuthHelpers.h"
#include "WwwAuthenticate.h"

#include <QTimer>

#include <utility>

Q_LOGGING_CATEGORY(lcAuth, "mcpdesk.auth")

namespace mcpdesk {

using namespace oauth;

OAuthClient::OAuthClient(const QUrl &serverUrl, SecretStore *secrets, SignInStore *facts,
                         const OAuthSettings &settings, QObject *parent)
    : Authenticator(parent), m_serverUrl(serverUrl), m_serverKey(canonicalResource(serverUrl)),
      m_secrets(secrets), m_facts(facts), m_net(new SignInHttp(serverUrl, this)),
      m_discovery(new OAuthDiscovery(m_net, serverUrl, this))
{
    setSettings(settings);
    m_as.resource = m_serverKey;
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!m_refreshToken.isEmpty() && !m_refreshing)
            refresh();
    });
}

OAuthClient::~OAuthClient() = default;

void OAuthClient::setSettings(const OAuthSettings &settings)
{
    m_settings = settings;
    m_net->setTimeoutMs(settings.requestTimeoutMs);
    // A preset's addresses (and their overrides) come from the person, not a server.
    m_net->setAddressesFromPerson(!settings.provider.isEmpty());
}

// ---------------------------------------------------------------- persistence

// ---------------------------------------------------------------- HTTP

// ---------------------------------------------------------------- the session's side

QByteArray OAuthClient::authorizationHeader() const
{
    if (m_accessToken.isEmpty())
        return QByteArray();
    return QByteArrayLiteral("Bearer ") + m_accessToken;
}

void OAuthClient::finishChallenge(bool ok, const McpError &error)
{
    if (!m_inChallenge)
        return;
    m_inChallenge = false;
    emit challengeHandled(ok, error);
}

void OAuthClient::handleChallenge(const McpError &error)
{
    m_inChallenge = true;
    m_challengeStatus = error.httpStatus;
    const auto challenge = bearerChallenge(error.wwwAuthenticate);
    const QUrl resourceMetadata(challenge ? challenge->param(QStringLiteral("resource_metadata"))
                                          : QString());
    const QStringList challengeScopes =
        challenge
            ? challenge->param(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts)
            : QStringList();
    const QString errorCode = challenge ? challenge->param(QStringLiteral("error")) : QString();
    m_challenged = true;
    m_challengeResourceMetadata = resourceMetadata;
    m_challengeScopes = challengeScopes;

    auto interactive = [this, resourceMetadata](const QStringList &scopes) {
        if (!m_settings.interactive) {
            // Why, when a renewal was just refused: "could not be renewed (…)".
            McpError e =
                m_renewalFailure.kind != McpError::Kind::None
                    ? std::exchange(m_renewalFailure, McpError())
                    : McpError::make(McpError::Kind::Unauthorized,
                                     tr("%1 needs you to sign in.").arg(m_serverUrl.host()));
            finishChallenge(false, e);
            return;
        }
        signIn(scopes, resourceMetadata);
    };

    if (error.httpStatus == 403) {
        if (errorCode != QLatin1String("insufficient_scope")) {
            finishChallenge(
                false,
                McpError::make(McpError::Kind::Unauthorized,
                               tr("%1 refused access with this sign-in.").arg(m_serverUrl.host())));
            return;
        }
        // Step-up: ask for what we had plus what the server now wants.
        QStringList scopes = m_scopesRequested.isEmpty() ? m_scopesGranted : m_scopesRequested;
        for (const QString &s : challengeScopes)
            if (!scopes.contains(s))
                scopes.append(s);
        interactive(scopes);
        return;
    }
    // 401: a refresh first when there is a refresh token; else (or if it fails) sign in.
    if (!m_refreshToken.isEmpty() && !m_as.tokenEndpoint.isEmpty()) {
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn = connect(this, &OAuthClient::refreshed, this,
                        [this, conn, interactive, challengeScopes](bool ok, const McpError &e) {
                            disconnect(*conn);
                            if (ok) {
                                finishChallenge(true, McpError());
                                return;
                            }
                            if (m_settings.interactive)
                                interactive(challengeScopes);
                            else
                                finishChallenge(false, e);
                        });
        if (!m_refreshing)
            refresh();
        return;
    }
    interactive(challengeScopes);
}

// ---------------------------------------------------------------- sign-in flow

void OAuthClient::fail(const QString &given)
{
    // An address refused on the way explains most later failures: say so.
    QString message = given;
    if (const QString refusal = m_net->takeRefusal();
        !refusal.isEmpty() && !message.contains(refusal))
        message += QStringLiteral(" (") + refusal + QLatin1Char(')');
    qCWarning(lcAuth).noquote() << "sign-in failed:" << message;
    m_flowRunning = false;
    m_discovery->cancel();
    if (m_settings.customSchemeRouter && !m_state.isEmpty())
        m_settings.customSchemeRouter->forget(m_state);
    if (m_receiver) {
        m_receiver->disconnect(this);
        m_receiver->close();
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
    m_verifier.clear();
    m_state.clear();
    const McpError e = McpError::make(McpError::Kind::Unauthorized, message);
    emit signInFailed(e);
    finishChallenge(false, e);
}

void OAuthClient::signIn(const QStringList &scopes, const QUrl &resourceMetadata)
{
    if (m_flowRunning)
        return;
    if (m_authorizations >= m_settings.maxAuthorizations) {
        fail(tr("The server keeps refusing after %n sign-in(s); McpDesk stopped asking. It may "
                "want permissions this account cannot grant.",
                nullptr, m_authorizations));
        return;
    }
    m_flowRunning = true;
    m_flowScopeHint = scopes;
    if (!m_settings.provider.isEmpty()) {
        startProviderSignIn();
        return;
    }
    m_usePkce = true;
    m_tokenJson = false;
    m_extraAuthParams.clear();
    emit statusMessage(tr("Looking up how to sign in to %1…").arg(m_serverUrl.host()));
    m_discovery->run(resourceMetadata, [this](const QString &error) {
        if (!m_flowRunning)
            return;
        if (!error.isEmpty()) {
            fail(error);
            return;
        }
        m_as = m_discovery->result();
        // PKCE S256 or nothing (the no-metadata fallback cannot say, and is assumed).
        if (!m_as.meta.isEmpty() &&
            !toStringList(m_as.meta.value(QStringLiteral("code_challenge_methods_supported")))
                 .contains(QStringLiteral("S256"))) {
            fail(tr("The sign-in server %1 does not support PKCE with S256, which McpDesk "
                    "requires to keep your sign-in safe.")
                     .arg(m_as.issuer));
            return;
        }
        ensureClient([this] { startAuthorization(); });
    });
}

void OAuthClient::signInNow()
{
    if (m_flowRunning)
        return;
    m_authorizations = 0;
    m_settings.interactive = true;
    signIn(m_challengeScopes, m_challengeResourceMetadata);
}

void OAuthClient::cancelSignIn()
{
    m_pollTimer.stop();
    if (m_flowRunning)
        fail(tr("The sign-in was cancelled."));
}

QStringList OAuthClient::chooseScopes(const QStringList &hint) const
{
    // The user's choice, else the server's challenge, else what the resource
    // supports, else none.
    QStringList scopes = !m_settings.scopes.isEmpty() ? m_settings.scopes : hint;
    if (!m_settings.scopes.isEmpty())
        for (const QString &s : hint)
            if (!scopes.contains(s))
                scopes.append(s);
    if (scopes.isEmpty())
        scopes = m_as.prmScopes;
    // A refresh token is asked for only where the sign-in server offers one.
    if (!scopes.isEmpty() && !scopes.contains(QStringLiteral("offline_access")) &&
        m_as.supports(QStringLiteral("scopes_supported"), QStringLiteral("offline_access"), false))
        scopes.append(QStringLiteral("offline_access"));
    return scopes;
}

} // namespace mcpdesk
