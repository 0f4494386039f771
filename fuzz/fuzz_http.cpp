// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// An HTTP/1.1 response from a server, as HttpClient reads it: fed whole and in
// chunks whose size comes from the input. Both ways must agree on everything (status,
// headers, body, done, error), the body never holds more than was sent, and the
// header block stays within its limit.
#include "FuzzCommon.h"
#include "transport/HttpResponseParser.h"

#include <cstdlib>

namespace {
struct Outcome
{
    int status = 0;
    mcpdesk::HeaderList headers;
    QByteArray body;
    bool done = false;
    bool error = false;
    bool keepAlive = false;
};

Outcome parse(const QByteArray &bytes, qsizetype step, bool head)
{
    mcpdesk::HttpResponseParser parser;
    parser.start(head);
    Outcome o;
    qsizetype fed = 0;
    for (qsizetype i = 0; i < bytes.size() && !o.done && !o.error; i += step) {
        fed = std::min(bytes.size(), i + step);
        const auto p = parser.feed(bytes.mid(i, step));
        o.body += parser.takeBody();
        o.done = p.done;
        o.error = !p.error.isEmpty();
        if (p.headers && parser.status() < 200 && parser.status() != 101)
            std::abort(); // interim answers are never handed out
    }
    if (!o.done && !o.error)
        o.done = parser.finishAtEnd();
    o.status = parser.status();
    o.headers = parser.headers();
    // Bytes after the answer (never fed, or left in the parser) mean the connection is spoiled.
    o.keepAlive = o.done && parser.keepAlive() && fed == bytes.size();
    return o;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qsizetype step = 1 + data[0] % 97;
    const bool head = data[0] & 0x80;
    const QByteArray bytes = fuzzBytes(data + 1, size - 1);
    const Outcome whole = parse(bytes, bytes.size() + 1, head);
    const Outcome pieces = parse(bytes, step, head);
    if (whole.body.size() > bytes.size())
        std::abort();
    // An error may show up sooner or later depending on where a chunk ends, but a
    // completed answer is the same however it arrived.
    if (whole.done && pieces.done &&
        (whole.status != pieces.status || whole.headers != pieces.headers ||
         whole.body != pieces.body || whole.keepAlive != pieces.keepAlive))
        std::abort();
    if (whole.done != pieces.done && !whole.error && !pieces.error)
        std::abort();
    qsizetype headerBytes = 0;
    for (const auto &h : whole.headers)
        headerBytes += h.first.size() + h.second.size();
    if (headerBytes > mcpdesk::HttpResponseParser::MaxHeaderBytes)
        std::abort();
    return 0;
}
