// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "Transport.h"

Q_LOGGING_CATEGORY(lcTransport, "mcpdesk.transport")

namespace mcpdesk {

QString transportKindName(TransportKind kind)
{
    switch (kind) {
    case TransportKind::StreamableHttp:
        return QStringLiteral("streamable-http");
    case TransportKind::LegacySse:
        return QStringLiteral("sse");
    case TransportKind::Stdio:
        return QStringLiteral("stdio");
    }
    return QString();
}

} // namespace mcpdesk
