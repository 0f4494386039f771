// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The sign-in client: pre-registered, remembered, a Client ID Metadata Document,
// or registered now (RFC 7591); the loopback listener its redirect address names.
#include "OAuthClient.h"

#include "LoopbackReceiver.h"
#include "OAuthHelpers.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace mcpdesk {

using namespace oauth;

void OAuthClient::ensureClient(std::function<void()> next)
{
    m_registeredNow = false;
    const QStringList methods =
        toStringList(m_as.meta.value(QStringLiteral("token_endpoint_auth_methods_supported")));
    auto pickMethod = [&methods](bool haveSecret) {
        const QStringList supported =
            methods.isEmpty() ? QStringList{QStringLiteral("client_secret_basic")} : methods;
        if (haveSecret) {
            for (const char *m : {"client_secret_basic", "client_secret_post"})
                if (supported.contains(QLatin1String(m)))
                    return QString::fromLatin1(m);
        }
        return QStringLiteral("none");
    };
    // 1. A client the user registered themselves.
    if (!m_settings.clientId.isEmpty()) {
        m_clientId = m_settings.clientId;
        m_clientSecret = m_settings.clientSecret;
        m_authMethod = pickMethod(!m_clientSecret.isEmpty());
        // Kept in the keychain, so that a later refresh can authenticate.
        if (m_secrets && !m_clientSecret.isEmpty())
            m_secrets->write(SecretStore::makeKey(QStringLiteral("registration"), m_as.issuer,
                                                  QStringLiteral("client_secret")),
                             m_clientSecret, {});
        next();
        return;
    }
    // 2. A registration made earlier with this sign-in server.
    const QJsonObject reg = m_facts ? m_facts->registration(m_as.issuer) : QJsonObject();
    if (!reg.isEmpty() && !m_reregistered &&
        reg.value(QStringLiteral("kind")).toString() == QLatin1String("dcr")) {
        // The registration names one redirect address: listen on its port again. A
        // registration from before the address was kept, or a port now taken, means
        // registering anew (strict servers refuse any other redirect address).
        if (!listenForRedirect(QUrl(reg.value(QStringLiteral("redirectUri")).toString()))) {
            m_reregistered = true;
            ensureClient(next);
            return;
        }
        m_clientId = reg.value(QStringLiteral("clientId")).toString();
        m_authMethod = reg.value(QStringLiteral("authMethod")).toString(QStringLiteral("none"));
        if (m_authMethod == QLatin1String("none") || !m_secrets) {
            m_clientSecret.clear();
            next();
            return;
        }
        m_secrets->read(SecretStore::makeKey(QStringLiteral("registration"), m_as.issuer,
                                             QStringLiteral("client_secret")),
                        [this, next](std::optional<QByteArray> secret, const QString &) {
                            if (!secret) {
                                m_reregistered = true; // the secret is gone: register again
                                ensureClient(next);
                                return;
                            }
                            m_clientSecret = *secret;
                            next();
                        });
        return;
    }
    // 3. A Client ID Metadata Document, where the server accepts one.
    if (m_settings.clientMetadataUrl.isValid() && !m_settings.clientMetadataUrl.isEmpty() &&
        m_as.meta.value(QStringLiteral("client_id_metadata_document_supported")).toBool()) {
        m_clientId = m_settings.clientMetadataUrl.toString();
        m_clientSecret.clear();
        m_authMethod = QStringLiteral("none");
        next();
        return;
    }
    // 4. Dynamic Client Registration.
    if (m_as.registrationEndpoint.isValid() && !m_as.registrationEndpoint.isEmpty()) {
        registerClient(std::move(next));
        return;
    }
    // 5. Nothing left but the user.
    fail(tr("The sign-in server %1 does not let McpDesk register itself. Register an app with it "
            "and enter its client ID (and secret, if it has one) in this server's settings.")
             .arg(m_as.issuer));
}

bool OAuthClient::listenForRedirect(const QUrl &registered, QString *error)
{
    if (m_settings.customSchemeRouter && !m_settings.provider.isEmpty())
        return true; // mcpdesk:// callbacks: no listener
    const bool anyPort = registered.isEmpty();
    if (!anyPort && (registered.host() != QLatin1String("127.0.0.1") || registered.port() <= 0))
        return false;
    if (m_receiver && (anyPort || m_receiver->redirectUri() == registered))
        return true;
    delete m_receiver;
    m_receiver = new LoopbackReceiver(this);
    QString why;
    if (!m_receiver->listen(anyPort ? 0 : quint16(registered.port()), &why)) {
        delete m_receiver;
        m_receiver = nullptr;
        if (error)
            *error = why;
        return false;
    }
    return true;
}

void OAuthClient::registerClient(std::function<void()> next)
{
    // The loopback listener must exist first: its address is the redirect URI.
    QString error;
    if (!listenForRedirect(QUrl(), &error)) {
        fail(error);
        return;
    }
    const QStringList methods =
        toStringList(m_as.meta.value(QStringLiteral("token_endpoint_auth_methods_supported")));
    QString method = QStringLiteral("none");
    if (!methods.isEmpty() && !methods.contains(method)) {
        for (const char *m : {"client_secret_basic", "client_secret_post"})
            if (methods.contains(QLatin1String(m))) {
                method = QString::fromLatin1(m);
                break;
            }
    }
    QJsonArray grants{QStringLiteral("authorization_code")};
    if (m_as.supports(QStringLiteral("grant_types_supported"), QStringLiteral("refresh_token"),
                      true))
        grants.append(QStringLiteral("refresh_token"));
    const QJsonObject body{
        {QStringLiteral("client_name"), m_settings.clientName},
        {QStringLiteral("redirect_uris"), QJsonArray{m_receiver->redirectUri().toString()}},
        {QStringLiteral("grant_types"), grants},
        {QStringLiteral("response_types"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("token_endpoint_auth_method"), method},
        {QStringLiteral("application_type"), QStringLiteral("native")}};
    emit statusMessage(tr("Registering McpDesk with %1…").arg(QUrl(m_as.issuer).host()));
    postJson(
        m_as.registrationEndpoint, body,
        [this, method, next](int status, const QJsonObject &json, const QString &netError) {
            if (!m_flowRunning)
                return;
            if (status / 100 != 2 || json.value(QStringLiteral("client_id")).toString().isEmpty()) {
                fail(tr("McpDesk could not register with the sign-in server: %1")
                         .arg(describeTokenError(json, status, netError)));
                return;
            }
            const Registration reg = parseRegistrationResponse(json, method);
            m_clientId = reg.clientId;
            m_clientSecret = reg.clientSecret;
            m_authMethod = reg.authMethod;
            m_registeredNow = true;
            if (m_facts)
                m_facts->setRegistration(
                    m_as.issuer,
                    QJsonObject{
                        {QStringLiteral("kind"), QStringLiteral("dcr")},
                        {QStringLiteral("clientId"), m_clientId},
                        {QStringLiteral("authMethod"), m_authMethod},
                        {QStringLiteral("redirectUri"), m_receiver->redirectUri().toString()},
                        {QStringLiteral("registeredAt"), QDateTime::currentSecsSinceEpoch()}});
            if (m_secrets && !m_clientSecret.isEmpty())
                m_secrets->write(SecretStore::makeKey(QStringLiteral("registration"), m_as.issuer,
                                                      QStringLiteral("client_secret")),
                                 m_clientSecret, {});
            next();
        });
}

OAuthClient::Registration OAuthClient::parseRegistrationResponse(const QJsonObject &json,
                                                                 const QString &requestedMethod)
{
    Registration r;
    r.clientId = json.value(QStringLiteral("client_id")).toString();
    r.clientSecret = json.value(QStringLiteral("client_secret")).toString().toUtf8();
    r.authMethod =
        json.value(QStringLiteral("token_endpoint_auth_method")).toString(requestedMethod);
    // A method that needs a secret, without one, cannot work: use none.
    if (r.authMethod != QLatin1String("none") && r.clientSecret.isEmpty())
        r.authMethod = QStringLiteral("none");
    return r;
}

} // namespace mcpdesk
