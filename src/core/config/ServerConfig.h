// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "transport/EndpointSpec.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace mcpdesk {

// One configured server, as kept in servers.json (the seed's record shape).
// Secrets are never part of it: secret header and environment values, static
// bearer tokens, client secrets and tokens live in the keychain, keyed by mcpId.
struct ServerConfig
{
    enum class AuthMethod { None, Bearer, OAuth2 };

    QString mcpId;
    QString name;
    QString description;
    TransportKind type = TransportKind::StreamableHttp;
    QUrl url;
    QList<QPair<QString, QString>> headers; // non-secret values, in order
    QStringList secretHeaders;              // names whose values are in the keychain
    QString command;
    QStringList args;
    QMap<QString, QString> env;
    QStringList secretEnv; // names whose values are in the keychain
    QString workingDirectory;
    bool enabled = true;
    // False for a stdio server that came from elsewhere than the person's own hands
    // (an import; later install links and bundles): it is never started until they
    // have seen its command line, arguments, working directory and environment
    // variable names and confirmed. Stored only when false ("confirmed": false), so
    // records saved before the field existed count as confirmed (they were started).
    bool confirmed = true;
    // Folders the user shares with this server (answers to roots/list), local paths.
    QStringList roots;

    AuthMethod authMethod = AuthMethod::None;
    QStringList scopes;
    QString provider;       // "github", "notion", "x"; empty = MCP discovery
    QJsonObject authConfig; // non-secret: client_id, redirect_uri, endpoint overrides

    qint64 createdAt = 0; // seconds since the epoch
    qint64 updatedAt = 0;
    // Fields McpDesk does not use, kept as they were (round trip of foreign records).
    QJsonObject extra;
    QJsonObject extraEndpoint;
    QJsonObject extraAuthorization;

    // Secret values found in a record (older files kept them in plaintext): they
    // are never written back; the app moves them into the keychain.
    QMap<QString, QString> legacySecrets;

    // Parses one record; nullopt (and `error`) when it is not a usable server.
    static std::optional<ServerConfig> fromJson(const QJsonObject &record, QString *error);
    QJsonObject toJson() const;

    // How to reach the server (secret values are filled in by the caller).
    EndpointSpec endpointSpec() const;
    // The protocol version pinned in `endpoint.protocolVersion`; empty ("auto" or
    // absent): detected.
    QString protocolPin() const;
    QString transportName() const { return transportKindName(type); }
    bool awaitsConfirmation() const { return type == TransportKind::Stdio && !confirmed; }
    bool mayStart() const { return enabled && !awaitsConfirmation(); }
    static QString typeToConfigName(TransportKind kind); // streamableHttp, sse, stdio
    static std::optional<TransportKind> typeFromConfigName(const QString &name);
    static QString authMethodName(AuthMethod m);

    // A new id from the name: lower-case ASCII words joined by '-'.
    static QString makeId(const QString &name);

    bool operator==(const ServerConfig &other) const { return toJson() == other.toJson(); }
};

} // namespace mcpdesk
