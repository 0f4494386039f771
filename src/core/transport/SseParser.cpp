// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "SseParser.h"

#include "util/Format.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace mcpdesk {

namespace {
constexpr char kBom[] = "\xEF\xBB\xBF";

inline const char *findLineEnd(const char *p, const char *end)
{
    // The first CR or LF (both rare in JSON payloads), 16 bytes at a time.
#ifdef __SSE2__
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    for (; end - p >= 16; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const int mask =
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (mask != 0)
            return p + __builtin_ctz(unsigned(mask));
    }
#endif
    for (; p < end; ++p) {
        const char c = *p;
        if (c == '\n' || c == '\r')
            return p;
    }
    return end;
}
} // namespace

SseParser::SseParser(EventHandler handler, qsizetype maxEventSize)
    : m_handler(std::move(handler)), m_maxEventSize(maxEventSize)
{
}

void SseParser::reset()
{
    m_line.clear();
    m_bomBuffer.clear();
    m_data.clear();
    m_eventType.clear();
    m_typeSet = false;
    m_lastEventIdBuffer.clear();
    m_lastEventId.clear();
    m_retryMs.reset();
    m_error.clear();
    m_skipLeadingLf = false;
    m_bomDone = false;
    m_hasData = false;
}

QString SseParser::tooLargeMessage() const
{
    return QCoreApplication::translate("SseParser",
                                       "The server sent an event larger than the limit of %1; the "
                                       "stream was stopped.")
        .arg(formatByteSize(m_maxEventSize));
}

bool SseParser::overLimit(qsizetype pendingLine) const
{
    return m_data.size() + pendingLine > m_maxEventSize;
}

bool SseParser::feed(QByteArrayView chunk)
{
    if (hasError())
        return false;
    const char *p = chunk.data();
    const char *end = p + chunk.size();
    if (!m_bomDone) {
        // Collect bytes while they are still a prefix of the BOM.
        while (p < end && m_bomBuffer.size() < 3 && *p == kBom[m_bomBuffer.size()])
            m_bomBuffer.append(*p++);
        if (m_bomBuffer.size() == 3) {
            m_bomDone = true; // a full BOM: drop it
            m_bomBuffer.clear();
        } else if (p < end) {
            m_bomDone = true; // not a BOM: the held bytes are content
            if (!m_bomBuffer.isEmpty()) {
                const QByteArray held = std::exchange(m_bomBuffer, {});
                if (!feedBody(held.constData(), held.constData() + held.size()))
                    return false;
            }
        } else {
            return true; // still undecided
        }
    }
    return feedBody(p, end);
}

bool SseParser::feedBody(const char *p, const char *end)
{
    if (m_skipLeadingLf && p < end) {
        m_skipLeadingLf = false;
        if (*p == '\n')
            ++p;
    }
    while (p < end) {
        const char *eol = findLineEnd(p, end);
        if (eol == end) {
            // No line end in the rest of this chunk: keep it for the next one.
            if (overLimit(m_line.size() + (end - p))) {
                m_error = tooLargeMessage();
                m_line.clear();
                m_data.clear();
                return false;
            }
            m_line.append(p, end - p);
            return true;
        }
        if (m_line.isEmpty()) {
            processLine(p, eol);
        } else {
            m_line.append(p, eol - p);
            if (!takeDataLine())
                processLine(m_line.constData(), m_line.constData() + m_line.size());
            m_line.clear();
        }
        if (hasError())
            return false;
        if (*eol == '\r') {
            if (eol + 1 == end) {
                m_skipLeadingLf = true; // a CRLF may be split across chunks
                return true;
            }
            if (eol[1] == '\n')
                ++eol;
        }
        p = eol + 1;
    }
    return true;
}

bool SseParser::takeDataLine()
{
    // A long "data:" line gathered over several chunks becomes the event's data
    // in place (its prefix moved out) instead of being copied once more.
    if (m_hasData || !m_line.startsWith("data:"))
        return false;
    const qsizetype start = m_line.size() > 5 && m_line.at(5) == ' ' ? 6 : 5;
    if (overLimit(m_line.size() - start + 1))
        return false; // processLine reports it
    m_data = std::move(m_line);
    m_data.remove(0, start);
    m_line = QByteArray();
    m_hasData = true;
    return true;
}

void SseParser::processLine(const char *begin, const char *end)
{
    if (begin == end) {
        dispatch();
        return;
    }
    if (*begin == ':')
        return; // comment
    const char *colon = static_cast<const char *>(std::memchr(begin, ':', end - begin));
    const char *fieldEnd = colon ? colon : end;
    const char *value = colon ? colon + 1 : end;
    if (value < end && *value == ' ')
        ++value;
    const QByteArrayView field(begin, fieldEnd - begin);
    const QByteArrayView val(value, end - value);

    if (field == "data") {
        if (overLimit(val.size() + 1)) {
            m_error = tooLargeMessage();
            m_data.clear();
            return;
        }
        if (m_hasData)
            m_data.append('\n');
        m_data.append(val.data(), val.size());
        m_hasData = true;
    } else if (field == "event") {
        if (QByteArrayView(m_eventType) != val)
            setBytes(m_eventType, val);
        m_typeSet = true;
    } else if (field == "id") {
        if (!val.contains('\0'))
            setBytes(m_lastEventIdBuffer, val);
    } else if (field == "retry") {
        if (!val.isEmpty() &&
            std::all_of(val.begin(), val.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            bool ok = false;
            const qint64 ms = val.toByteArray().toLongLong(&ok);
            if (ok)
                m_retryMs = ms;
        }
    }
}

void SseParser::dispatch()
{
    setBytes(m_lastEventId, m_lastEventIdBuffer);
    const bool typed = std::exchange(m_typeSet, false);
    if (!m_hasData)
        return;
    m_hasData = false;
    {
        static const QByteArray message = QByteArrayLiteral("message");
        SseEvent ev;
        ev.type = typed && !m_eventType.isEmpty() ? m_eventType : message;
        ev.data = m_data;
        ev.lastEventId = m_lastEventId;
        if (m_handler)
            m_handler(ev);
    }
    // The data buffer serves the next event too, unless the handler kept it or it is large.
    if (m_data.isDetached() && m_data.capacity() <= kReusedDataBytes)
        m_data.resize(0);
    else
        m_data = QByteArray();
}

void SseParser::setBytes(QByteArray &target, QByteArrayView bytes)
{
    // In place when the buffer is ours alone: no allocation per event for ids and types.
    if (target.isDetached() && bytes.size() <= target.capacity()) {
        target.resize(bytes.size());
        if (!bytes.isEmpty())
            std::memcpy(target.data(), bytes.data(), size_t(bytes.size()));
    } else {
        target = bytes.toByteArray();
    }
}

void SseParser::finish()
{
    // An unterminated block is never dispatched.
    m_line.clear();
    m_data.clear();
    m_eventType.clear();
    m_typeSet = false;
    m_hasData = false;
    m_skipLeadingLf = false;
    m_bomBuffer.clear();
}

} // namespace mcpdesk
