// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// What a server sends, as the traffic log keeps it: the message (any JSON object the
// input parses to) masked, written compactly and deflated when over the limit. Checks
// that what the log gives back is what it was given, masked: the whole text parses to
// the masked message, every head is the start of the whole, the raw bytes of the
// deflated form read back by qUncompress and by inflatedHead alike; and that
// inflatedHead takes any bytes without harm.
#include "FuzzCommon.h"
#include "protocol/TrafficLog.h"
#include "util/Deflate.h"
#include "util/Redaction.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qsizetype n = 1 + data[0] * 17; // a summary's length, up to ~4 KB
    const QByteArray bytes = fuzzBytes(data + 1, size - 1);

    // Any bytes as "deflated" data: no crash, never more than asked for.
    if (mcpdesk::inflatedHead(bytes, n).size() > n)
        std::abort();
    // Any bytes deflated: back exactly, whole and in part.
    const QByteArray packed = mcpdesk::deflated(bytes);
    if (packed.isEmpty() || qUncompress(packed) != bytes ||
        mcpdesk::inflatedHead(packed, n) != bytes.left(n))
        std::abort();

    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return 0;
    mcpdesk::TrafficLog log;
    log.addMessage(mcpdesk::TrafficLog::Direction::Received, doc.object(), bytes.size());
    const mcpdesk::TrafficLog::Entry &e = log.at(0);
    const QByteArray whole = e.compactJson();
    const QJsonObject masked = mcpdesk::maskSecrets(doc.object()).toObject();
    if (QJsonDocument::fromJson(whole).object() != masked || e.message() != masked)
        std::abort();
    if (e.deflated != (whole.size() > mcpdesk::TrafficLog::PackLimit))
        std::abort();
    for (qsizetype k : {qsizetype(1), n, whole.size(), whole.size() + 1})
        if (e.compactJsonHead(k) != whole.left(k))
            std::abort();
    return 0;
}
