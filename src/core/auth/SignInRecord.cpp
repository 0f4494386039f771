// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The sign-in record: the tokens in the keychain, the facts in signins.json, read
// back on start, renewed, and revoked and forgotten on sign-out.
#include "OAuthClient.h"

#include "OAuthHelpers.h"

#include <QJsonArray>
#include <cmath>

namespace mcpdesk {

using namespace oauth;

void OAuthClient::load(std::function<void()> done)
{
    const QJsonObject f = m_facts ? m_facts->signIn(m_serverKey) : QJsonObject();
    if (f.isEmpty() || !m_secrets) {
        done();
        return;
    }
    m_as.issuer = f.value(QStringLiteral("issuer")).toString();
    m_clientId = f.value(QStringLiteral("clientId")).toString();
    m_authMethod = f.value(QStringLiteral("authMethod")).toString(QStringLiteral("none"));
    m_as.tokenEndpoint = QUrl(f.value(QStringLiteral("tokenEndpoint")).toString());
    m_as.revocationEndpoint = QUrl(f.value(QStringLiteral("revocationEndpoint")).toString());
    m_as.resource = f.value(QStringLiteral("resource")).toString(m_serverKey);
    m_scopesRequested = toStringList(f.value(QStringLiteral("scopesRequested")));
    m_scopesGranted = toStringList(f.value(QStringLiteral("scopesGranted")));
    m_tokenType = f.value(QStringLiteral("tokenType")).toString();
    if (!m_settings.provider.isEmpty()) {
        if (const auto preset =
                ProviderPreset::find(m_settings.provider, m_settings.providerConfig)) {
            m_tokenJson = preset->tokenRequestJson;
            m_usePkce = preset->pkce;
        }
    }
    if (f.contains(QStringLiteral("expiresAt")))
        m_expiresAt =
            QDateTime::fromSecsSinceEpoch(qint64(f.value(QStringLiteral("expiresAt")).toDouble()));
    if (f.contains(QStringLiteral("lastRefresh")))
        m_lastRefresh = QDateTime::fromSecsSinceEpoch(
            qint64(f.value(QStringLiteral("lastRefresh")).toDouble()));
    const QString issuer = m_as.issuer;
    m_secrets->read(SecretStore::makeKey(m_serverKey, issuer, kAccess), [this, issuer,
                                                                         done](std::optional<
                                                                                   QByteArray>
                                                                                   access,
                                                                               const QString &) {
        if (access)
            m_accessToken = *access;
        m_secrets->read(
            SecretStore::makeKey(m_serverKey, issuer, kRefresh),
            [this, issuer, done](std::optional<QByteArray> refresh, const QString &) {
                if (refresh)
                    m_refreshToken = *refresh;
                m_secrets->read(
                    SecretStore::makeKey(QStringLiteral("registration"), issuer,
                                         QStringLiteral("client_secret")),
                    [this, done](std::optional<QByteArray> secret, const QString &) {
                        if (secret &&
                            (m_settings.clientId.isEmpty() || m_settings.clientSecret.isEmpty()))
                            m_clientSecret = *secret;
                        if (renewalDue()) {
                            // Stored by another process (or an earlier run) and about to expire:
                            // renew before the first use, not after it was refused.
                            qCDebug(lcAuth)
                                << "the stored token expires within a minute: renewing it first";
                            auto once = std::make_shared<QMetaObject::Connection>();
                            *once = connect(this, &OAuthClient::refreshed, this,
                                            [this, once, done](bool ok, const McpError &e) {
                                                QObject::disconnect(*once);
                                                if (!ok)
                                                    m_renewalFailure =
                                                        e; // said when the server then refuses
                                                done();
                                            });
                            this->refresh();
                            return;
                        }
                        scheduleRefresh();
                        done();
                    });
            });
    });
}

void OAuthClient::persist(std::function<void()> done)
{
    QJsonObject f{
        {QStringLiteral("issuer"), m_as.issuer},
        {QStringLiteral("clientId"), m_clientId},
        {QStringLiteral("authMethod"), m_authMethod},
        {QStringLiteral("tokenEndpoint"), m_as.tokenEndpoint.toString()},
        {QStringLiteral("resource"), m_as.resource},
        {QStringLiteral("scopesRequested"), QJsonArray::fromStringList(m_scopesRequested)},
        {QStringLiteral("scopesGranted"), QJsonArray::fromStringList(m_scopesGranted)},
        {QStringLiteral("tokenType"), m_tokenType},
        {QStringLiteral("hasRefreshToken"), !m_refreshToken.isEmpty()}};
    if (m_as.revocationEndpoint.isValid())
        f.insert(QStringLiteral("revocationEndpoint"), m_as.revocationEndpoint.toString());
    if (m_expiresAt.isValid())
        f.insert(QStringLiteral("expiresAt"), m_expiresAt.toSecsSinceEpoch());
    if (m_lastRefresh.isValid())
        f.insert(QStringLiteral("lastRefresh"), m_lastRefresh.toSecsSinceEpoch());
    if (!m_secrets) {
        if (done)
            done();
        return;
    }
    // Secrets first; the facts file once they are safe; `done` when all is written.
    auto pending = std::make_shared<int>(2);
    auto onWritten = [this, pending, f, done](bool ok, const QString &error) {
        if (!ok && m_persistent) {
            m_persistent = false;
            emit warning(tr("The sign-in works for now but will not be kept: %1").arg(error));
        }
        if (--*pending > 0)
            return;
        if (m_facts) {
            QString e;
            if (!m_facts->setSignIn(m_serverKey, f, &e) && m_persistent) {
                // Without its facts the next start finds no sign-in: say so now.
                m_persistent = false;
                emit warning(tr("The sign-in works for now but will not be kept: %1").arg(e));
            }
        }
        if (done)
            done();
    };
    m_secrets->write(SecretStore::makeKey(m_serverKey, m_as.issuer, kAccess), m_accessToken,
                     onWritten);
    if (!m_refreshToken.isEmpty())
        m_secrets->write(SecretStore::makeKey(m_serverKey, m_as.issuer, kRefresh), m_refreshToken,
                         onWritten);
    else
        m_secrets->remove(SecretStore::makeKey(m_serverKey, m_as.issuer, kRefresh),
                          [onWritten](bool, const QString &) { onWritten(true, QString()); });
}

void OAuthClient::applyTokenResponse(const QJsonObject &json, bool isRefresh,
                                     std::function<void()> saved)
{
    ++m_generation;
    const TokenResponse t = parseTokenResponse(json);
    m_accessToken = t.accessToken;
    m_tokenType = t.tokenType;
    if (!t.refreshToken.isEmpty())
        m_refreshToken = t.refreshToken; // rotation: the new one replaces the old at once
    else if (!isRefresh)
        m_refreshToken.clear();
    m_expiresAt = t.expiresInSeconds > 0
                      ? QDateTime::currentDateTimeUtc().addSecs(t.expiresInSeconds)
                      : QDateTime();
    if (t.hasScope)
        m_scopesGranted = t.scopes;
    else if (!isRefresh)
        m_scopesGranted = m_scopesRequested;
    if (isRefresh)
        m_lastRefresh = QDateTime::currentDateTimeUtc();
    scheduleRefresh();
    emit tokensChanged();
    persist(std::move(saved));
}

OAuthClient::TokenResponse OAuthClient::parseTokenResponse(const QJsonObject &json)
{
    TokenResponse t;
    t.accessToken = json.value(kAccess).toString().toUtf8();
    t.tokenType = json.value(QStringLiteral("token_type")).toString(QStringLiteral("Bearer"));
    t.refreshToken = json.value(kRefresh).toString().toUtf8();
    // A number or a numeric string; anything else, negative or absurd: no expiry known.
    const QJsonValue expiresIn = json.value(QStringLiteral("expires_in"));
    double seconds = expiresIn.isString() ? expiresIn.toString().toDouble() : expiresIn.toDouble();
    constexpr double TenYears = 10.0 * 366 * 24 * 3600;
    t.expiresInSeconds =
        std::isfinite(seconds) && seconds > 0 ? qint64(std::min(seconds, TenYears)) : 0;
    t.hasScope = json.contains(QStringLiteral("scope"));
    if (t.hasScope)
        t.scopes = toStringList(json.value(QStringLiteral("scope")));
    return t;
}

OAuthClient::TokenInfo OAuthClient::tokenInfo() const
{
    TokenInfo t;
    t.signedIn = !m_accessToken.isEmpty();
    t.issuer = m_as.issuer;
    t.clientId = m_clientId;
    t.scopesRequested = m_scopesRequested;
    t.scopesGranted = m_scopesGranted;
    t.expiresAt = m_expiresAt;
    t.tokenType = m_tokenType;
    t.hasRefreshToken = !m_refreshToken.isEmpty();
    t.lastRefresh = m_lastRefresh;
    t.persistent = m_persistent && m_secrets && m_secrets->isPersistent();
    return t;
}

void OAuthClient::signOut(std::function<void(bool, const QString &)> done)
{
    m_refreshTimer.stop();
    auto forget = [this, done](const QString &revokeNote) {
        const QString issuer = m_as.issuer;
        m_accessToken.clear();
        m_refreshToken.clear();
        m_expiresAt = QDateTime();
        if (m_facts)
            m_facts->removeSignIn(m_serverKey);
        emit tokensChanged();
        if (!m_secrets) {
            done(true, revokeNote);
            return;
        }
        // The second removal needs nothing of this client: whoever signed out may
        // delete it before the keychain answers (ServerManager does).
        const QString refreshKey = SecretStore::makeKey(m_serverKey, issuer, kRefresh);
        m_secrets->remove(
            SecretStore::makeKey(m_serverKey, issuer, kAccess),
            [secrets = m_secrets, refreshKey, done, revokeNote](bool ok1, const QString &e1) {
                auto finish = [done, ok1, e1, revokeNote](bool ok2, const QString &e2) {
                    done(ok1 && ok2, !e1.isEmpty() ? e1 : !e2.isEmpty() ? e2 : revokeNote);
                };
                if (secrets)
                    secrets->remove(refreshKey, finish);
                else
                    finish(false, tr("The keychain went away before the sign-in was forgotten."));
            });
    };
    if (!m_as.revocationEndpoint.isValid() || m_as.revocationEndpoint.isEmpty() ||
        (m_refreshToken.isEmpty() && m_accessToken.isEmpty())) {
        forget(QString());
        return;
    }
    // RFC 7009: revoke the refresh token (which ends its access tokens too), else the access token.
    const bool useRefresh = !m_refreshToken.isEmpty();
    QList<QPair<QString, QString>> form{
        {QStringLiteral("token"), QString::fromUtf8(useRefresh ? m_refreshToken : m_accessToken)},
        {QStringLiteral("token_type_hint"), useRefresh ? kRefresh : kAccess}};
    QList<QPair<QByteArray, QByteArray>> headers;
    addClientAuth(form, headers);
    postForm(m_as.revocationEndpoint, form, headers,
             [forget](int status, const QJsonObject &, const QString &netError) {
                 forget(status == 200
                            ? QString()
                            : tr("The server could not be told to revoke the sign-in (%1); it was "
                                 "forgotten here.")
                                  .arg(netError.isEmpty() ? tr("HTTP %1").arg(status) : netError));
             });
}

} // namespace mcpdesk
