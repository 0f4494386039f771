// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once
// The HTTP headers MCP 2026-07-28 mirrors from a request's body (SEP-2243):
// `Mcp-Name` and the `Mcp-Param-{Name}` headers a tool's `x-mcp-header`
// annotations ask for, with the value encoding the spec gives, and the checks that
// make a tool with a bad annotation unusable.

#include "transport/EndpointSpec.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace mcpdesk::mcpheaders {

// A text as a header value: as it is when it is visible ASCII and spaces, with no
// space at either end, and does not look like the sentinel; otherwise
// `=?base64?<Base64 of its UTF-8>?=`.
QByteArray encodeText(const QString &text);

// An argument as a header value: a string as encodeText(), an integer in decimal
// (within JavaScript's safe range), a boolean as `true`/`false`; null (or an
// absent value) gives no header; anything else its compact JSON, Base64-encoded.
std::optional<QByteArray> encodeValue(const QJsonValue &value);

// One `x-mcp-header` annotation: the property it sits on (the chain of
// `properties` keys from the schema root) and the header name it asks for.
struct ParamHeader
{
    QStringList path;
    QString name; // the header is `Mcp-Param-<name>`
};

// What a tool's `inputSchema` asks to mirror, or why the tool may not be used.
struct ToolHeaders
{
    QList<ParamHeader> params;
    QString error; // empty: valid
    bool isValid() const { return error.isEmpty(); }
};

// Reads and checks every `x-mcp-header` annotation of `inputSchema`: a non-empty
// RFC 9110 token, unique in any case, on a string, integer or boolean property
// reached from the root through `properties` keys only (not through `items`,
// composition, conditionals or `$ref`).
ToolHeaders toolHeaders(const QJsonObject &inputSchema);

// The `Mcp-Param-*` headers of one call with `arguments`.
HeaderList paramHeaders(const QList<ParamHeader> &params, const QJsonObject &arguments);

} // namespace mcpdesk::mcpheaders
