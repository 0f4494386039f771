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

} // namespace mcpdesk
