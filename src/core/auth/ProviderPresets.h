// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace mcpdesk {

// Signing in to GitHub, Notion or X/Twitter directly (the seed's model): McpDesk
// gets the provider's token and hands it to the MCP server. Defaults are the
// providers' real endpoints; every one can be overridden in the server's config
// (authorization.config: authorization_endpoint, token_endpoint,
// device_authorization_endpoint, revocation_endpoint). No client credentials
// ship with McpDesk: the user's own app's client id (and secret) are used.
struct ProviderPreset
{
    enum class ClientAuth { None, Post, Basic };
    QString id; // "github", "notion", "x"
    QString name;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl deviceAuthorizationEndpoint; // RFC 8628 (GitHub)
    QUrl revocationEndpoint;
    QChar scopeSeparator = QLatin1Char(' ');
    ClientAuth clientAuth = ClientAuth::Post; // for a client with a secret
    bool tokenRequestJson = false;            // Notion: JSON body
    bool pkce = true;
    bool secretRequired = false;
    QList<QPair<QString, QString>> extraAuthorizationParams; // Notion: owner=user
    QStringList defaultScopes;
    QString refreshScope; // X: offline.access

    // The preset `id`, with the overrides of `config` applied.
    static std::optional<ProviderPreset> find(const QString &id, const QJsonObject &config = {});
};

} // namespace mcpdesk
