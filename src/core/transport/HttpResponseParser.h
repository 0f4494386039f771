// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "EndpointSpec.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace mcpdesk {

// Header names compare without regard to case.
bool sameHeaderName(QByteArrayView a, QByteArrayView b);
// A header's value (name in any case); repeated ones joined by ", ". Empty: none.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);
bool hasHeaderNamed(const HeaderList &headers, QByteArrayView name);

// Reads one HTTP/1.x response from bytes as they arrive, in any chunking: status
// line, headers (interim 1xx answers skipped), then a body framed by
// Content-Length, chunked encoding, or the end of the connection. Pure: HttpClient
// feeds it from its sockets, fuzz_http from anywhere.
class HttpResponseParser
{
    Q_DECLARE_TR_FUNCTIONS(mcpdesk::HttpResponseParser)
public:
    static constexpr qsizetype MaxHeaderBytes = 256 * 1024;

    struct Progress
    {
        bool headers = false; // the final status and headers are in (this feed)
        bool body = false;    // body bytes are waiting in takeBody()
        bool done = false;    // the response is complete
        QString error;        // in words; the connection cannot be used again
    };

    // Ready for the next response; a HEAD request's answer has no body.
    void start(bool headRequest = false);
    Progress feed(QByteArray data);
    // The connection ended: completes a body that runs until the end.
    bool finishAtEnd();

    int status() const { return m_status; }
    QByteArray reasonPhrase() const { return m_reason; }
    const HeaderList &headers() const { return m_headers; }
    QByteArray header(QByteArrayView name) const { return headerValue(m_headers, name); }
    bool hasHeader(QByteArrayView name) const { return hasHeaderNamed(m_headers, name); }
    QByteArray takeBody() { return std::exchange(m_body, QByteArray()); }
    // The connection may carry another request after this response.
    bool keepAlive() const { return m_keepAlive && m_pos >= m_buf.size(); }
    bool bodyRunsUntilClose() const { return m_state == State::UntilClose; }
    qint64 received() const { return m_received; }

private:
    enum class State {
        Status,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailers,
        UntilClose,
        Done
    };
    bool takeLine(QByteArrayView &line, Progress &p);
    void headersDone(Progress &p);
    void takeBody(qsizetype n);

    State m_state = State::Status;
    bool m_headRequest = false;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    qsizetype m_headerBytes = 0;
    qint64 m_remaining = 0;
    qint64 m_received = 0;
    bool m_keepAlive = true;
    int m_status = 0;
    QByteArray m_reason;
    HeaderList m_headers;
    QByteArray m_body;
};

} // namespace mcpdesk
