// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The authorization-code flow: the browser request (PKCE, state, resource, scope),
// the callback (state and issuer checked) and the code exchanged for tokens.
#include "OAuthClient.h"

#include "CallbackRouter.h"
#include "LoopbackReceiver.h"
#include "OAuthHelpers.h"

#include <QJsonArray>
#include <QUrlQuery>

namespace mcpdesk {

using namespace oauth;

void OAuthClient::startAuthorization()
{
    const bool customScheme = m_settings.customSchemeRouter && !m_settings.provider.isEmpty();
    QString error;
    if (!listenForRedirect(QUrl(), &error)) {
        fail(error);
        return;
    }
    m_verifier = randomUrlSafe(48); // 64 characters
    m_state = randomUrlSafe(24);
    if (customScheme) {
        // The browser hands mcpdesk://oauth/callback to a second mcpdesk, which
        // passes it to this process; the router checks the state.
        QPointer<OAuthClient> self(this);
        m_settings.customSchemeRouter->expect(m_state, [self](const QUrlQuery &q) {
            if (self)
                self->onCallback(q);
        });
        m_redirectUri = CallbackRouter::redirectUri().toString();
    } else {
        m_receiver->setTimeoutMs(m_settings.callbackTimeoutMs);
        m_receiver->setExpectedState(m_state);
        m_receiver->setExpectedIssuer(m_as.issuer, issResponseRequired());
        connect(m_receiver, &LoopbackReceiver::received, this, &OAuthClient::onCallback);
        connect(m_receiver, &LoopbackReceiver::failed, this,
                [this](const QString &reason) { fail(reason); });
    }

    const QStringList scopes = chooseScopes(m_flowScopeHint);
    m_scopesRequested = scopes;
    if (!customScheme)
        m_redirectUri = m_receiver->redirectUri().toString();
    QList<QPair<QString, QString>> q{{QStringLiteral("response_type"), QStringLiteral("code")},
                                     {QStringLiteral("client_id"), m_clientId},
                                     {QStringLiteral("redirect_uri"), m_redirectUri},
                                     {QStringLiteral("state"), QString::fromLatin1(m_state)}};
    if (m_usePkce) {
        q.append({QStringLiteral("code_challenge"), QString::fromLatin1(s256(m_verifier))});
        q.append({QStringLiteral("code_challenge_method"), QStringLiteral("S256")});
    }
    if (!m_as.resource.isEmpty())
        q.append({QStringLiteral("resource"), m_as.resource});
    if (!scopes.isEmpty())
        q.append({QStringLiteral("scope"), scopes.join(QLatin1Char(' '))});
    q += m_extraAuthParams;
    QByteArray encoded = m_as.authorizationEndpoint.toEncoded();
    encoded += m_as.authorizationEndpoint.hasQuery() ? '&' : '?';
    encoded += formEncode(q);
    const QUrl url = QUrl::fromEncoded(encoded, QUrl::StrictMode);
    if (!isSafeAuthorizationUrl(url) || !m_net->mayContact(url, nullptr)) {
        fail(tr("The sign-in server gave an address McpDesk will not open in a browser: %1")
                 .arg(m_as.authorizationEndpoint.toDisplayString(QUrl::RemoveQuery).left(200)));
        return;
    }
    ++m_authorizations;
    emit authorizationUrlReady(url);
    emit statusMessage(tr("Waiting for you to sign in in the browser…"));
    if (m_settings.openBrowser && !m_settings.openBrowser(url))
        emit statusMessage(tr("The browser could not be opened; open the address shown yourself."));
}

bool OAuthClient::issResponseRequired() const
{
    return m_as.meta.value(QStringLiteral("authorization_response_iss_parameter_supported"))
        .toBool();
}

void OAuthClient::onCallback(const QUrlQuery &query)
{
    if (m_receiver) {
        m_receiver->disconnect(this);
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
    // RFC 9207: the answer — an error as much as a code — must come from the issuer
    // we asked; one that does not is ignored, whatever it says.
    if (!LoopbackReceiver::fromIssuer(query, m_as.issuer, issResponseRequired())) {
        fail(tr("The sign-in answer did not come from %1; McpDesk ignored it.").arg(m_as.issuer));
        return;
    }
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        // The server's own words, as plain text (shown by the app and the CLI as text).
        const QString desc =
            query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded)
                .trimmed()
                .left(500);
        if (error == QLatin1String("access_denied"))
            fail(desc.isEmpty()
                     ? tr("You declined the sign-in.")
                     : tr("The sign-in was declined. The sign-in server said: “%1”").arg(desc));
        else
            fail(desc.isEmpty()
                     ? tr("The sign-in server refused: %1").arg(error.left(100))
                     : tr("The sign-in server refused (%1): “%2”").arg(error.left(100), desc));
        return;
    }
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty()) {
        fail(tr("The sign-in server sent no authorization code."));
        return;
    }
    exchangeCode(code);
}

void OAuthClient::addClientAuth(QList<QPair<QString, QString>> &form,
                                QList<QPair<QByteArray, QByteArray>> &headers) const
{
    if (m_authMethod == QLatin1String("client_secret_basic") && !m_clientSecret.isEmpty()) {
        const QByteArray pair = QUrl::toPercentEncoding(m_clientId) + ':' +
                                QUrl::toPercentEncoding(QString::fromUtf8(m_clientSecret));
        headers.append(
            {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + pair.toBase64()});
        return;
    }
    form.append({QStringLiteral("client_id"), m_clientId});
    if (m_authMethod == QLatin1String("client_secret_post") && !m_clientSecret.isEmpty())
        form.append({QStringLiteral("client_secret"), QString::fromUtf8(m_clientSecret)});
}

QString OAuthClient::describeTokenError(const QJsonObject &json, int status,
                                        const QString &networkError) const
{
    if (!networkError.isEmpty())
        return networkError;
    const QString error = json.value(QStringLiteral("error")).toString();
    const QString desc = json.value(QStringLiteral("error_description")).toString();
    if (!desc.isEmpty())
        return error.isEmpty() ? desc : QStringLiteral("%1 (%2)").arg(desc, error);
    if (!error.isEmpty())
        return error;
    return tr("HTTP %1").arg(status);
}

void OAuthClient::postToken(const QList<QPair<QString, QString>> &form, JsonDone done)
{
    QList<QPair<QString, QString>> f;
    for (const auto &kv : form)
        if (!(kv.first == QLatin1String("resource") && kv.second.isEmpty()) &&
            !(kv.first == QLatin1String("code_verifier") && kv.second.isEmpty()))
            f.append(kv); // providers without resource indicators or PKCE get neither
    QList<QPair<QByteArray, QByteArray>> headers;
    addClientAuth(f, headers);
    if (!m_tokenJson) {
        postForm(m_as.tokenEndpoint, f, headers, std::move(done));
        return;
    }
    // Notion: a JSON body, the client authenticated with HTTP Basic.
    QJsonObject body;
    for (const auto &kv : f)
        if (kv.first != QLatin1String("client_id") && kv.first != QLatin1String("client_secret"))
            body.insert(kv.first, kv.second);
    postJson(m_as.tokenEndpoint, body, std::move(done), headers);
}

void OAuthClient::exchangeCode(const QString &code)
{
    // The redirect URI exactly as sent in the authorization request.
    QList<QPair<QString, QString>> form{
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), code},
        {QStringLiteral("redirect_uri"), m_redirectUri},
        {QStringLiteral("code_verifier"), m_usePkce ? QString::fromLatin1(m_verifier) : QString()},
        {QStringLiteral("resource"), m_as.resource}};
    emit statusMessage(tr("Finishing the sign-in…"));
    postToken(form, [this](int status, const QJsonObject &json, const QString &netError) {
        m_verifier.clear();
        if (status != 200 || json.value(kAccess).toString().isEmpty()) {
            const QString err = json.value(QStringLiteral("error")).toString();
            if (err == QLatin1String("invalid_client") && m_registeredNow == false &&
                !m_reregistered && m_settings.clientId.isEmpty()) {
                // A remembered registration the server no longer knows: register again, once.
                m_reregistered = true;
                if (m_facts)
                    m_facts->removeRegistration(m_as.issuer);
                m_flowRunning = false;
                --m_authorizations;
                signIn(m_flowScopeHint);
                return;
            }
            fail(tr("The sign-in server did not give a token: %1")
                     .arg(describeTokenError(json, status, netError)));
            return;
        }
        applyTokenResponse(json, false, [this] {
            m_flowRunning = false;
            m_state.clear();
            emit statusMessage(tr("Signed in."));
            emit signedIn();
            finishChallenge(true, McpError());
        });
    });
}

} // namespace mcpdesk
