// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace mcpdesk {

// Plain-text renderings of MCP content, shared by the CLI and the GUI's copy action.

// Size in bytes of base64 text once decoded, without decoding it.
qint64 decodedBase64Size(const QString &base64);

// One content item of a tool result or prompt message: text items give their
// text; everything else a one-line summary such as "[image image/png 1.2 KB]".
QString formatContentItem(const QJsonObject &item);

// The whole tool result as the CLI prints it: the content items one after the
// other, or the structured content as JSON when there is no content.
QString formatToolResult(const QJsonObject &result);

// Compact JSON for any value (strings as they are, without quotes).
QString formatJsonValue(const QJsonValue &value);

} // namespace mcpdesk
