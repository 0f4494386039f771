// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "Deflate.h"

#include <QtEndian>

#include <limits>

#include <zlib.h>

namespace mcpdesk {

QByteArray deflated(const QByteArray &data)
{
    struct Stream
    {
        z_stream z{};
        bool ok = deflateInit2(&z, 1, Z_DEFLATED, 12, 2, Z_DEFAULT_STRATEGY) == Z_OK;
        Stream() = default;
        Stream(const Stream &) = delete;
        Stream &operator=(const Stream &) = delete;
        ~Stream()
        {
            if (ok)
                deflateEnd(&z);
        }
    };
    thread_local Stream s;
    if (!s.ok || data.size() > qsizetype(std::numeric_limits<uInt>::max() / 2))
        return {};
    const auto n = uLong(data.size());
    QByteArray out(qsizetype(4 + deflateBound(&s.z, n)), Qt::Uninitialized);
    auto *p = reinterpret_cast<uchar *>(out.data());
    qToBigEndian(quint32(n), p);
    s.z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    s.z.avail_in = uInt(n);
    s.z.next_out = p + 4;
    s.z.avail_out = uInt(out.size() - 4);
    const bool done = deflate(&s.z, Z_FINISH) == Z_STREAM_END;
    const qsizetype size = 4 + qsizetype(s.z.total_out);
    deflateReset(&s.z);
    return done ? QByteArray(out.constData(), size) : QByteArray(); // a copy of exactly its size
}

QByteArray packedText(QByteArray text, qsizetype over, qsizetype upTo, bool *isDeflated)
{
    QByteArray packed = text.size() > over && text.size() <= upTo ? deflated(text) : QByteArray();
    *isDeflated = !packed.isEmpty();
    if (*isDeflated)
        return packed;
    text.squeeze();
    return text;
}

QByteArray inflatedHead(const QByteArray &packed, qsizetype n)
{
    if (packed.size() < 4 || n <= 0)
        return {};
    const qsizetype whole = qFromBigEndian<quint32>(packed.constData());
    QByteArray out(std::min(n, whole), Qt::Uninitialized);
    z_stream z{};
    if (inflateInit(&z) != Z_OK)
        return {};
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(packed.constData() + 4));
    z.avail_in = uInt(packed.size() - 4);
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    int rc = Z_OK;
    while (z.avail_out > 0 && rc == Z_OK)
        rc = inflate(&z, Z_SYNC_FLUSH);
    const qsizetype got = qsizetype(z.total_out);
    inflateEnd(&z);
    if (rc != Z_OK && rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && z.avail_out == 0))
        return {};
    out.truncate(got);
    return out;
}

} // namespace mcpdesk
