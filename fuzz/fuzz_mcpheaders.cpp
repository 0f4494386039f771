// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The SEP-2243 headers on arbitrary JSON: any tool schema is either refused or gives
// header names that are tokens, and any argument value becomes a valid header value
// (visible ASCII and inner spaces) or no header at all.
#include "FuzzCommon.h"
#include "protocol/McpHeaders.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

namespace {
void checkValue(const QByteArray &v)
{
    for (const char c : v)
        if (uchar(c) < 0x20 || uchar(c) > 0x7E)
            std::abort(); // would break the request or inject a header
    if (v.startsWith(' ') || v.endsWith(' '))
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzInitApp();
    const QJsonDocument doc = QJsonDocument::fromJson(fuzzBytes(data, size));
    const QJsonObject root = doc.object();
    const QJsonObject schema = root.value(QStringLiteral("inputSchema")).toObject();
    const QJsonObject arguments = root.value(QStringLiteral("arguments")).toObject();
    const auto tool = mcpdesk::mcpheaders::toolHeaders(schema.isEmpty() ? root : schema);
    if (!tool.isValid() && !tool.params.isEmpty())
        std::abort(); // a refused tool mirrors nothing
    for (const auto &[name, value] : mcpdesk::mcpheaders::paramHeaders(tool.params, arguments)) {
        checkValue(name);
        checkValue(value);
    }
    for (auto it = arguments.begin(); it != arguments.end(); ++it) {
        if (const auto v = mcpdesk::mcpheaders::encodeValue(it.value()))
            checkValue(*v);
        checkValue(mcpdesk::mcpheaders::encodeText(it.key()));
    }
    return 0;
}
