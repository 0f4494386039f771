// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The refresher: a timer before expiry and a refresh on refusal, one at a time.
#include "OAuthClient.h"

#include "OAuthHelpers.h"

namespace mcpdesk {

using namespace oauth;

bool OAuthClient::renewalDue() const
{
    return !m_refreshToken.isEmpty() && m_expiresAt.isValid() &&
           QDateTime::currentDateTimeUtc().msecsTo(m_expiresAt) <= kRenewBeforeMs;
}

void OAuthClient::scheduleRefresh()
{
    m_refreshTimer.stop();
    if (m_refreshToken.isEmpty() || !m_expiresAt.isValid())
        return;
    // Renew a minute before expiry (or at 80% of a short lifetime).
    const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(m_expiresAt);
    const qint64 margin = std::min<qint64>(kRenewBeforeMs, left / 5);
    m_refreshTimer.start(
        int(std::clamp<qint64>(left - margin, 1000, std::numeric_limits<int>::max())));
}

void OAuthClient::refresh()
{
    if (m_refreshing)
        return;
    if (m_refreshToken.isEmpty() || m_as.tokenEndpoint.isEmpty()) {
        emit refreshed(false,
                       McpError::make(McpError::Kind::Unauthorized,
                                      tr("There is no way to renew the sign-in; sign in again.")));
        return;
    }
    m_refreshing = true;
    QList<QPair<QString, QString>> form{
        {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
        {QStringLiteral("refresh_token"), QString::fromUtf8(m_refreshToken)},
        {QStringLiteral("resource"), m_as.resource}};
    postToken(form, [this](int status, const QJsonObject &json, const QString &netError) {
        m_refreshing = false;
        if (status != 200 || json.value(kAccess).toString().isEmpty()) {
            const QString why = describeTokenError(json, status, netError);
            // Refused (not just unreachable): this refresh token is finished.
            if (netError.isEmpty()) {
                m_accessToken.clear();
                m_refreshToken.clear();
                persist();
                emit tokensChanged();
            }
            emit refreshed(
                false,
                McpError::make(McpError::Kind::Unauthorized,
                               tr("Your sign-in to %1 could not be renewed (%2); sign in again.")
                                   .arg(m_serverUrl.host(), why)));
            return;
        }
        applyTokenResponse(json, true, [this] { emit refreshed(true, McpError()); });
    });
}

} // namespace mcpdesk
