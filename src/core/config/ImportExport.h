// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ServerConfig.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace mcpdesk {

// Server lists of other MCP clients, in and out.
//   Claude Desktop  claude_desktop_config.json  {"mcpServers": {name: {command, args, env}}}
//   Cursor          mcp.json                    {"mcpServers": {name: {command, args, env} | {url,
//   headers}}} VS Code         mcp.json                    {"servers": {name: {type, command, args,
//   env, url, headers}}} McpDesk / seed  servers.json                {"servers": [records]}
// Secrets found on the way in (tokens in env or headers, client secrets, access
// tokens) are separated out for the keychain; nothing secret is ever written out.
enum class ClientFormat { ClaudeDesktop, Cursor, VsCode, McpDesk };

struct ImportedServer
{
    ServerConfig config;
    // kind (env:<name>, header:<name>, bearer, client_secret, …) -> value
    QHash<QString, QByteArray> secrets;
};

struct ImportResult
{
    bool ok = false;
    ClientFormat format = ClientFormat::McpDesk;
    QList<ImportedServer> servers;
    QString error;
    QStringList warnings;
};

QString clientFormatName(ClientFormat format);
ImportResult importServers(const QByteArray &json);
QByteArray exportServers(const QList<ServerConfig> &servers, ClientFormat format);
// Names that look like they hold a secret (API_KEY, GITHUB_TOKEN, Authorization …).
bool looksSecret(const QString &name);

} // namespace mcpdesk
