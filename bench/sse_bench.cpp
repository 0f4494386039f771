// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// SSE parsing throughput (issue "Performance", item 2): McpDesk's parser fed the
// generated streams in 64 KiB chunks and in 1-byte chunks, beside a memchr newline
// scan of the same bytes (what touching every byte once costs). Also writes the
// streams to a folder so tests/peers/bench-sse.mjs parses exactly the same bytes.
//
//   sse_bench [--mib N] [--runs R] [--write DIR]
// Prints one line per measurement: "<stream> <reader> <chunk> <MB/s median> <min> <max>".
#include "transport/SseParser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace mcpdesk;

namespace {
QByteArray smallEvents(qsizetype bytes)
{
    // ~300-byte JSON-RPC notifications, as a chatty server sends them.
    QByteArray out;
    out.reserve(bytes + 512);
    for (int i = 0; out.size() < bytes; ++i) {
        out += "event: message\nid: ";
        out += QByteArray::number(i);
        out += "\ndata: "
               "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/"
               "progress\",\"params\":{\"progressToken\":7,"
               "\"progress\":";
        out += QByteArray::number(i);
        out += ",\"total\":100000,\"message\":\"step ";
        out += QByteArray::number(i);
        out += " of a long operation, with some words to make it the size of a real one\"}}";
        out += QByteArray(300 - 230, ' ');
        out += "\n\n";
    }
    return out;
}

QByteArray bigEvents(qsizetype bytes)
{
    // 1 MiB results, one data line each.
    QByteArray out;
    const QByteArray payload(1024 * 1024 - 64, 'x');
    for (int i = 0; out.size() < bytes; ++i) {
        out += "event: message\nid: " + QByteArray::number(i) +
               "\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + QByteArray::number(i) + ",\"result\":\"";
        out += payload;
        out += "\"}\n\n";
    }
    return out;
}

double parse(const QByteArray &stream, qsizetype chunk, qsizetype *events)
{
    qsizetype n = 0, bytes = 0;
    SseParser p(
        [&](const SseEvent &e) {
            ++n;
            bytes += e.data.size();
        },
        8 * 1024 * 1024);
    QElapsedTimer t;
    t.start();
    const char *d = stream.constData();
    for (qsizetype i = 0; i < stream.size(); i += chunk)
        p.feed(QByteArrayView(d + i, std::min(chunk, stream.size() - i)));
    p.finish();
    const qint64 ns = t.nsecsElapsed();
    *events = n + (bytes == -1);
    return stream.size() / 1e6 / (ns / 1e9);
}

double scan(const QByteArray &stream, qsizetype chunk, qsizetype *lines)
{
    qsizetype n = 0;
    QElapsedTimer t;
    t.start();
    const char *d = stream.constData();
    for (qsizetype i = 0; i < stream.size(); i += chunk) {
        const char *p = d + i;
        const char *end = d + std::min(i + chunk, stream.size());
        while ((p = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)))) != nullptr) {
            ++n;
            ++p;
        }
    }
    const qint64 ns = t.nsecsElapsed();
    *lines = n;
    return stream.size() / 1e6 / (ns / 1e9);
}

void report(const char *stream, const char *reader, const char *chunk, std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.front() < 10)
        std::printf("%s %s %s %.3f %.3f %.3f\n", stream, reader, chunk, v[v.size() / 2], v.front(),
                    v.back());
    else
        std::printf("%s %s %s %.1f %.1f %.1f\n", stream, reader, chunk, v[v.size() / 2], v.front(),
                    v.back());
    std::fflush(stdout);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto opt = [&](const QString &name, const QString &def) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : def;
    };
    const qsizetype mib = opt(QStringLiteral("--mib"), QStringLiteral("64")).toLongLong();
    const int runs = opt(QStringLiteral("--runs"), QStringLiteral("5")).toInt();
    const QString dir = opt(QStringLiteral("--write"), QString());
    const QByteArray small = smallEvents(mib * 1024 * 1024);
    const QByteArray big = bigEvents(mib * 1024 * 1024);
    // 1-byte chunks on the first 256 KiB (the rate is what counts; the SDK's pipeline
    // manages a few tens of KB/s that way).
    const QByteArray smallTiny = small.left(std::min<qsizetype>(small.size(), 256 * 1024));
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        for (const auto &[name, data] : {std::pair{"small.sse", &small}, std::pair{"big.sse", &big},
                                         std::pair{"small-tiny.sse", &smallTiny}}) {
            QFile f(dir + QLatin1Char('/') + QLatin1String(name));
            if (!f.open(QIODevice::WriteOnly) || f.write(*data) != data->size())
                return 1;
        }
    }
    qsizetype count = 0;
    for (const auto &[name, data] :
         {std::pair{"small-events", &small}, std::pair{"1MiB-events", &big}}) {
        std::vector<double> p64, m64;
        for (int r = 0; r < runs; ++r) {
            p64.push_back(parse(*data, 64 * 1024, &count));
            m64.push_back(scan(*data, 64 * 1024, &count));
        }
        report(name, "mcpdesk", "64KiB", p64);
        report(name, "memchr", "64KiB", m64);
    }
    std::vector<double> p1;
    for (int r = 0; r < runs; ++r)
        p1.push_back(parse(smallTiny, 1, &count));
    report("small-events", "mcpdesk", "1B", p1);
    return count < 0;
}
