// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace mcpdesk {

enum class TransportKind { StreamableHttp, LegacySse, Stdio };
QString transportKindName(TransportKind kind); // "streamable-http", "sse", "stdio"

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The program a stdio server runs as.
struct StdioCommand
{
    QString program;
    QStringList arguments;
    QMap<QString, QString> environment; // added to (and overriding) the user's environment
    QString workingDirectory;

    bool operator==(const StdioCommand &) const = default;
};

// Everything needed to reach one server, whichever transport it speaks.
struct EndpointSpec
{
    TransportKind kind = TransportKind::StreamableHttp;
    // Streamable HTTP only: fall back to HTTP+SSE when initialize gets 400/404/405.
    bool allowFallback = true;
    QUrl url;
    HeaderList headers;
    StdioCommand command;
    // Extra certificate authorities to trust (PEM file), besides the system's.
    QString caFile;
    // The MCP protocol version to use instead of detecting one (empty: detect).
    QString protocolVersion;

    bool operator==(const EndpointSpec &) const = default;
};

} // namespace mcpdesk
