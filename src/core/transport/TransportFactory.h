// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "StdioTransport.h"
#include "Transport.h"

#include <QUrl>

namespace mcpdesk {

class McpSession;

// Everything needed to reach one server, whichever transport it speaks.
struct EndpointSpec
{
    TransportKind kind = TransportKind::StreamableHttp;
    // Streamable HTTP only: fall back to HTTP+SSE when initialize gets 400/404/405.
    bool allowFallback = true;
    QUrl url;
    HeaderList headers;
    StdioTransport::Command command;
    // Extra certificate authorities to trust (PEM file), besides the system's.
    QString caFile;
};

Transport *createTransport(const EndpointSpec &spec);
// A session on a new transport for `spec`, with the HTTP+SSE fallback set up.
McpSession *createSession(const EndpointSpec &spec, QObject *parent = nullptr);

} // namespace mcpdesk
