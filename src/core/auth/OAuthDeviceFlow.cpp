// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Provider presets (GitHub, Notion, X) and the device flow (RFC 8628).
#include "OAuthClient.h"

#include "CallbackRouter.h"
#include "LoopbackReceiver.h"
#include "OAuthHelpers.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace mcpdesk {

using namespace oauth;

void OAuthClient::startProviderSignIn()
{
    const auto preset = ProviderPreset::find(m_settings.provider, m_settings.providerConfig);
    if (!preset) {
        fail(tr("McpDesk has no sign-in preset called “%1”.").arg(m_settings.provider));
        return;
    }
    if (m_settings.clientId.isEmpty()) {
        fail(tr("Signing in to %1 needs the client ID of your own %1 app; enter it in this "
                "server's settings.")
                 .arg(preset->name));
        return;
    }
    m_as.issuer = origin(preset->tokenEndpoint);
    m_as.meta = QJsonObject();
    m_as.prm = QJsonObject();
    m_as.resource.clear(); // providers know no resource indicators
    m_as.authorizationEndpoint = preset->authorizationEndpoint;
    m_as.tokenEndpoint = preset->tokenEndpoint;
    m_as.revocationEndpoint = preset->revocationEndpoint;
    m_clientId = m_settings.clientId;
    m_clientSecret = m_settings.clientSecret;
    m_usePkce = preset->pkce;
    m_tokenJson = preset->tokenRequestJson;
    m_extraAuthParams = preset->extraAuthorizationParams;
    m_authMethod = m_clientSecret.isEmpty() ? QStringLiteral("none")
                   : preset->clientAuth == ProviderPreset::ClientAuth::Basic
                       ? QStringLiteral("client_secret_basic")
                       : QStringLiteral("client_secret_post");
    QStringList scopes = !m_settings.scopes.isEmpty() ? m_settings.scopes : preset->defaultScopes;
    if (!preset->refreshScope.isEmpty() && !scopes.contains(preset->refreshScope))
        scopes.append(preset->refreshScope);
    m_as.prmScopes.clear();
    m_flowScopeHint = scopes;
    if (m_settings.deviceFlow) {
        if (preset->deviceAuthorizationEndpoint.isEmpty()) {
            fail(tr("%1 does not offer signing in with a code.").arg(preset->name));
            return;
        }
        startDeviceFlow();
        return;
    }
    if (preset->secretRequired && m_clientSecret.isEmpty()) {
        fail(tr("%1 requires the client secret of your app for this sign-in; enter it in this "
                "server's settings.")
                 .arg(preset->name));
        return;
    }
    if (m_settings.clientSecret.size() > 0 && m_secrets)
        m_secrets->write(SecretStore::makeKey(QStringLiteral("registration"), m_as.issuer,
                                              QStringLiteral("client_secret")),
                         m_clientSecret, {});
    startAuthorization();
}

// RFC 8628: show a code, let the user enter it on another page, poll for the token.
void OAuthClient::startDeviceFlow()
{
    const auto preset = ProviderPreset::find(m_settings.provider, m_settings.providerConfig);
    const QList<QPair<QString, QString>> form{
        {QStringLiteral("client_id"), m_clientId},
        {QStringLiteral("scope"), m_flowScopeHint.join(QLatin1Char(' '))}};
    m_scopesRequested = m_flowScopeHint;
    m_authMethod = QStringLiteral("none"); // the device flow uses no secret
    m_clientSecret.clear();
    postForm(
        preset->deviceAuthorizationEndpoint, form, {},
        [this](int status, const QJsonObject &json, const QString &netError) {
            if (!m_flowRunning)
                return;
            const QString userCode = json.value(QStringLiteral("user_code")).toString();
            const QUrl verification(json.value(QStringLiteral("verification_uri")).toString());
            m_deviceCode = json.value(QStringLiteral("device_code")).toString().toUtf8();
            if (status != 200 || userCode.isEmpty() || m_deviceCode.isEmpty() ||
                !verification.isValid()) {
                fail(tr("The sign-in server gave no code to enter: %1")
                         .arg(describeTokenError(json, status, netError)));
                return;
            }
            if (!isSafeAuthorizationUrl(verification)) {
                fail(tr("The sign-in server gave an address McpDesk will not open in a browser: %1")
                         .arg(verification.toDisplayString().left(200)));
                return;
            }
            m_pollSeconds = std::max(1, json.value(QStringLiteral("interval")).toInt(5));
            const int expiresIn = json.value(QStringLiteral("expires_in")).toInt(900);
            m_deviceDeadline = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
            ++m_authorizations;
            emit deviceCodeReady(userCode, verification);
            emit statusMessage(
                tr("Enter the code %1 at %2.").arg(userCode, verification.toDisplayString()));
            if (m_settings.openBrowser)
                m_settings.openBrowser(verification);
            m_pollTimer.setSingleShot(true);
            m_pollTimer.setTimerType(Qt::PreciseTimer); // never sooner than the server allows
            m_pollTimer.disconnect(this);
            connect(&m_pollTimer, &QTimer::timeout, this, &OAuthClient::pollDevice);
            m_pollTimer.start(m_pollSeconds * 1000);
        });
}

void OAuthClient::pollDevice()
{
    if (!m_flowRunning)
        return;
    if (QDateTime::currentDateTimeUtc() > m_deviceDeadline) {
        fail(tr("The code expired before it was entered; sign in again."));
        return;
    }
    const QList<QPair<QString, QString>> form{
        {QStringLiteral("client_id"), m_clientId},
        {QStringLiteral("device_code"), QString::fromUtf8(m_deviceCode)},
        {QStringLiteral("grant_type"),
         QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")}};
    postForm(m_as.tokenEndpoint, form, {},
             [this](int status, const QJsonObject &json, const QString &netError) {
                 if (!m_flowRunning)
                     return;
                 const QString error = json.value(QStringLiteral("error")).toString();
                 if (!json.value(kAccess).toString().isEmpty()) {
                     m_deviceCode.clear();
                     applyTokenResponse(json, false, [this] {
                         m_flowRunning = false;
                         emit statusMessage(tr("Signed in."));
                         emit signedIn();
                         finishChallenge(true, McpError());
                     });
                     return;
                 }
                 if (error == QLatin1String("authorization_pending")) {
                     m_pollTimer.start(m_pollSeconds * 1000);
                 } else if (error == QLatin1String("slow_down")) {
                     // RFC 8628 §3.5: five seconds more, or what the server says.
                     m_pollSeconds = std::max(m_pollSeconds + 5,
                                              json.value(QStringLiteral("interval")).toInt(0));
                     m_pollTimer.start(m_pollSeconds * 1000);
                 } else if (error == QLatin1String("access_denied")) {
                     fail(tr("You declined the sign-in."));
                 } else if (error == QLatin1String("expired_token")) {
                     fail(tr("The code expired before it was entered; sign in again."));
                 } else {
                     fail(tr("The sign-in server did not give a token: %1")
                              .arg(describeTokenError(json, status, netError)));
                 }
             });
}

} // namespace mcpdesk
