// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ProviderPresets.h"

namespace mcpdesk {

std::optional<ProviderPreset> ProviderPreset::find(const QString &id, const QJsonObject &config)
{
    ProviderPreset p;
    p.id = id.toLower();
    if (p.id == QLatin1String("github")) {
        // An OAuth App: client secret required for the browser flow; the device
        // flow needs none. Token endpoint answers JSON only with Accept: application/json.
        p.name = QStringLiteral("GitHub");
        p.authorizationEndpoint = QUrl(QStringLiteral("https://github.com/login/oauth/authorize"));
        p.tokenEndpoint = QUrl(QStringLiteral("https://github.com/login/oauth/access_token"));
        p.deviceAuthorizationEndpoint =
            QUrl(QStringLiteral("https://github.com/login/device/code"));
        p.clientAuth = ClientAuth::Post;
        p.secretRequired = true;
        p.pkce = true;
        p.defaultScopes = {QStringLiteral("repo"), QStringLiteral("read:user")};
    } else if (p.id == QLatin1String("notion")) {
        p.name = QStringLiteral("Notion");
        p.authorizationEndpoint = QUrl(QStringLiteral("https://api.notion.com/v1/oauth/authorize"));
        p.tokenEndpoint = QUrl(QStringLiteral("https://api.notion.com/v1/oauth/token"));
        p.clientAuth = ClientAuth::Basic;
        p.tokenRequestJson = true;
        p.secretRequired = true;
        p.pkce = false;
        p.extraAuthorizationParams = {{QStringLiteral("owner"), QStringLiteral("user")}};
    } else if (p.id == QLatin1String("x") || p.id == QLatin1String("twitter")) {
        p.id = QStringLiteral("x");
        p.name = QStringLiteral("X");
        p.authorizationEndpoint = QUrl(QStringLiteral("https://x.com/i/oauth2/authorize"));
        p.tokenEndpoint = QUrl(QStringLiteral("https://api.x.com/2/oauth2/token"));
        p.revocationEndpoint = QUrl(QStringLiteral("https://api.x.com/2/oauth2/revoke"));
        p.clientAuth = ClientAuth::Basic; // confidential clients; public ones send client_id
        p.pkce = true;
        p.defaultScopes = {QStringLiteral("tweet.read"), QStringLiteral("users.read")};
        p.refreshScope = QStringLiteral("offline.access");
    } else {
        return std::nullopt;
    }
    auto over = [&config](const char *key, QUrl &target) {
        const QString v = config.value(QLatin1String(key)).toString();
        if (!v.isEmpty())
            target = QUrl(v);
    };
    over("authorization_endpoint", p.authorizationEndpoint);
    over("token_endpoint", p.tokenEndpoint);
    over("device_authorization_endpoint", p.deviceAuthorizationEndpoint);
    over("revocation_endpoint", p.revocationEndpoint);
    return p;
}

} // namespace mcpdesk
