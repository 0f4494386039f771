// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The SSE parser on arbitrary bytes, fed in chunks whose sizes come from the input.
#include "FuzzCommon.h"
#include "transport/SseParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const size_t step = 1 + data[0] % 97; // chunk size from the first byte
    const QByteArray bytes = fuzzBytes(data + 1, size - 1);
    qsizetype total = 0;
    mcpdesk::SseParser parser(
        [&](const mcpdesk::SseEvent &e) { total += e.data.size() + e.lastEventId.size(); },
        4096); // a small limit, so the bound is exercised too
    for (qsizetype i = 0; i < bytes.size(); i += qsizetype(step))
        if (!parser.feed(
                QByteArrayView(bytes).sliced(i, std::min(qsizetype(step), bytes.size() - i))))
            break;
    parser.finish();
    return total < 0; // never: just keeps `total` alive
}
