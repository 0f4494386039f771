// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// What a local server writes to stdout: newline-delimited JSON-RPC, in chunks whose
// sizes come from the input, split by the same framer StdioTransport uses and
// decoded the same way. Checks that no byte is lost or invented: the lines handed
// out, joined with "\n", are exactly the input up to its last newline.
#include "FuzzCommon.h"
#include "transport/LineFramer.h"

#include <QJsonDocument>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qsizetype step = 1 + data[0] % 61;
    const QByteArray bytes = fuzzBytes(data + 1, size - 1);
    mcpdesk::LineFramer framer(1 << 20); // above any input libFuzzer makes: no overflow here
    QByteArray rebuilt;
    int messages = 0;
    for (qsizetype i = 0; i < bytes.size(); i += step) {
        const bool ok =
            framer.feed(QByteArrayView(bytes).sliced(i, std::min(step, bytes.size() - i)),
                        [&](QByteArrayView line) {
                            if (line.contains('\n'))
                                std::abort();
                            rebuilt += line;
                            rebuilt += '\n';
                            const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray());
                            messages += doc.isObject() || doc.isArray();
                            return true;
                        });
        if (!ok)
            std::abort();
    }
    if (rebuilt + framer.pending().toByteArray() != bytes)
        std::abort();
    // And with a small limit, the unfinished line never grows past limit + one chunk.
    mcpdesk::LineFramer small(64);
    for (qsizetype i = 0; i < bytes.size(); i += step) {
        if (!small.feed(QByteArrayView(bytes).sliced(i, std::min(step, bytes.size() - i)),
                        [](QByteArrayView) { return true; }))
            small.clear();
        if (small.pending().size() > 64 + step)
            std::abort();
    }
    return messages < 0;
}
