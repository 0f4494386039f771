// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <algorithm>

namespace mcpdesk {

// Splits a byte stream into newline-terminated lines, whatever the chunking.
// Bytes already searched are not searched again, so a long line arriving in
// many small chunks costs linear time. A line is handed out without its "\n"
// (a "\r" before it is kept: the caller decides). The unfinished line is
// bounded by the caller: feed() reports when it has grown past `maxPending`.
class LineFramer
{
public:
    explicit LineFramer(qsizetype maxPending) : m_max(maxPending) {}

    // Appends `bytes` and calls `line(QByteArrayView)` for each complete line;
    // `line` returns false to stop (the rest is kept for the next feed). Returns
    // false when the unfinished line is longer than the limit (it is kept: the
    // caller looks at pending() and calls clear()).
    template <typename F> bool feed(QByteArrayView bytes, F &&line)
    {
        m_buffer.append(bytes.data(), bytes.size());
        return drain(line);
    }
    // Hands out the lines already buffered (after a feed that was stopped).
    template <typename F> bool drain(F &&line)
    {
        qsizetype start = 0;
        bool go = true;
        while (go) {
            const qsizetype nl = m_buffer.indexOf('\n', std::max(start, m_scanned));
            if (nl < 0)
                break;
            go = line(QByteArrayView(m_buffer.constData() + start, nl - start));
            start = nl + 1;
        }
        if (start > 0)
            m_buffer.remove(0, start);
        if (m_buffer.isEmpty() && m_buffer.capacity() > kKeptCapacity)
            m_buffer = QByteArray(); // an idle server keeps no large buffer
        m_scanned = go ? m_buffer.size() : 0;
        return m_buffer.size() <= m_max;
    }
    QByteArrayView pending() const { return m_buffer; }
    qsizetype maxPending() const { return m_max; }
    void clear()
    {
        m_buffer.clear();
        m_scanned = 0;
    }

private:
    static constexpr qsizetype kKeptCapacity = 4096;
    QByteArray m_buffer;
    qsizetype m_scanned = 0; // m_buffer[0, m_scanned) holds no newline
    qsizetype m_max;
};

} // namespace mcpdesk
