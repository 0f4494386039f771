// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <optional>

namespace mcpdesk {

// One dispatched server-sent event.
struct SseEvent
{
    QByteArray type;        // "message" when the stream gave no `event:` field
    QByteArray data;        // the data lines joined with '\n' (no trailing newline)
    QByteArray lastEventId; // the stream's last event id at dispatch time (may be empty)
};

// Incremental text/event-stream parser following the WHATWG HTML "event stream
// interpretation" rules:
//  - lines end in "\n", "\r\n" or "\r", and a line end may be split across two
//    chunks anywhere (a "\r" at a chunk's end followed by "\n" is ONE line end);
//  - one leading UTF-8 BOM is skipped, even when it arrives byte by byte;
//  - ":" lines are comments; "event", "data", "id" (ignored if it contains NUL) and
//    "retry" (ASCII digits only) fields; other fields are ignored;
//  - a blank line dispatches; an event with no data line is not dispatched but
//    still updates the last event id; a block not ended by a blank line when the
//    stream ends is dropped.
// Bytes are scanned once; a line that does not span chunks is never copied, data
// values are copied once into the event buffer.
//
// The event size (pending line + buffered data) is bounded: past maxEventSize the
// parser stops with an error instead of growing without limit.
class SseParser
{
public:
    using EventHandler = std::function<void(const SseEvent &)>;

    static constexpr qsizetype DefaultMaxEventSize = 64 * 1024 * 1024; // as stdio's longest line

    explicit SseParser(EventHandler handler, qsizetype maxEventSize = DefaultMaxEventSize);

    // Feeds a chunk of the stream. Returns false once the parser is in error
    // (every later call returns false too and dispatches nothing).
    bool feed(QByteArrayView chunk);
    // The stream ended: an unterminated block is discarded.
    void finish();
    // Forget everything, including the last event id and retry (a new stream).
    void reset();

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // The id of the last event dispatched (the WHATWG "last event ID string"):
    // what to send as Last-Event-ID when resuming. An `id:` line of an event
    // that was cut off before its blank line does not count.
    QByteArray lastEventId() const { return m_lastEventId; }
    // The reconnection time in milliseconds from the last valid `retry:` field.
    std::optional<qint64> retryMs() const { return m_retryMs; }
    qsizetype maxEventSize() const { return m_maxEventSize; }

private:
    bool feedBody(const char *p, const char *end);
    void processLine(const char *begin, const char *end);
    bool takeDataLine();
    void dispatch();
    static void setBytes(QByteArray &target, QByteArrayView bytes);
    static constexpr qsizetype kReusedDataBytes = 1024 * 1024;
    bool overLimit(qsizetype pendingLine) const;
    QString tooLargeMessage() const;

    EventHandler m_handler;
    qsizetype m_maxEventSize;
    QByteArray m_line;      // a line that spans chunks
    QByteArray m_bomBuffer; // up to 2 bytes of a possible BOM at stream start
    QByteArray m_data;
    QByteArray m_eventType;
    QByteArray m_lastEventIdBuffer;
    QByteArray m_lastEventId;
    std::optional<qint64> m_retryMs;
    QString m_error;
    bool m_skipLeadingLf = false; // the previous chunk ended with '\r'
    bool m_bomDone = false;
    bool m_hasData = false;
    bool m_typeSet = false; // an `event:` field in this block (m_eventType keeps its buffer)
};

} // namespace mcpdesk
