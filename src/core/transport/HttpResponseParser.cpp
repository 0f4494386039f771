// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "HttpResponseParser.h"

#include <QCoreApplication>

namespace mcpdesk {

bool sameHeaderName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

void HttpResponseParser::start(bool headRequest)
{
    m_state = State::Status;
    m_headRequest = headRequest;
    m_headerBytes = 0;
    m_remaining = 0;
    m_received = 0;
    m_keepAlive = true;
    m_status = 0;
    m_reason.clear();
    m_headers.clear();
    m_body.clear();
    if (m_pos >= m_buf.size()) {
        m_buf.clear();
        m_pos = 0;
    }
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    QByteArray value;
    bool found = false;
    for (const auto &h : headers) {
        if (!sameHeaderName(h.first, name))
            continue;
        if (found)
            value += ", ";
        value += h.second;
        found = true;
    }
    return value;
}

bool hasHeaderNamed(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers)
        if (sameHeaderName(h.first, name))
            return true;
    return false;
}

bool HttpResponseParser::takeLine(QByteArrayView &line, Progress &p)
{
    const qsizetype nl = m_buf.indexOf('\n', m_pos);
    const qsizetype used = (nl < 0 ? m_buf.size() : nl + 1) - m_pos;
    if (m_headerBytes + used > MaxHeaderBytes) {
        p.error = tr("The server's answer began with more than %1 KB of headers.")
                      .arg(MaxHeaderBytes / 1024);
        return false;
    }
    if (nl < 0)
        return false;
    qsizetype end = nl;
    if (end > m_pos && m_buf.at(end - 1) == '\r')
        --end;
    line = QByteArrayView(m_buf.constData() + m_pos, end - m_pos);
    m_headerBytes += used;
    m_pos = nl + 1;
    return true;
}

HttpResponseParser::Progress HttpResponseParser::feed(QByteArray data)
{
    Progress p;
    m_received += data.size();
    if (m_pos >= m_buf.size()) {
        m_buf = std::move(data);
        m_pos = 0;
    } else {
        if (m_pos > 0) {
            m_buf.remove(0, m_pos);
            m_pos = 0;
        }
        m_buf += data;
    }
    while (p.error.isEmpty() && m_state != State::Done) {
        QByteArrayView line;
        switch (m_state) {
        case State::Status: {
            if (!takeLine(line, p))
                return p;
            if (line.isEmpty())
                continue; // tolerate a stray blank line before the status
            if (line.size() < 12 || !line.startsWith("HTTP/1.") || line.at(8) != ' ') {
                p.error = tr("The server did not answer in HTTP/1.1.");
                return p;
            }
            bool ok = false;
            const int status = line.sliced(9, 3).toByteArray().toInt(&ok);
            if (!ok || status < 100 || status > 999 || (line.size() > 12 && line.at(12) != ' ')) {
                p.error = tr("The server sent an HTTP status line McpDesk cannot read.");
                return p;
            }
            m_status = status;
            m_reason = line.size() > 13 ? line.sliced(13).trimmed().toByteArray() : QByteArray();
            m_headers.clear();
            m_keepAlive = line.at(7) == '1';
            m_state = State::Headers;
            break;
        }
        case State::Headers: {
            if (!takeLine(line, p))
                return p;
            if (line.isEmpty()) {
                headersDone(p);
                break;
            }
            if (line.front() == ' ' || line.front() == '\t') {
                // obs-fold (RFC 9112 §5.2): a header continued on the next line. Read
                // as a header of its own it could change the answer's framing.
                p.error = tr("The server sent a header folded over two lines, which HTTP no "
                             "longer allows.");
                return p;
            }
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue; // not a header: ignore it, as browsers do
            m_headers.append({line.first(colon).trimmed().toByteArray(),
                              line.sliced(colon + 1).trimmed().toByteArray()});
            break;
        }
        case State::Body:
        case State::ChunkData: {
            const qsizetype n = qsizetype(std::min<qint64>(m_remaining, m_buf.size() - m_pos));
            if (n == 0)
                return p;
            takeBody(n);
            p.body = true;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::Done : State::ChunkEnd;
            break;
        }
        case State::ChunkSize: {
            if (!takeLine(line, p))
                return p;
            m_headerBytes = 0;
            const qsizetype semi = line.indexOf(';');
            const QByteArrayView digits = (semi < 0 ? line : line.first(semi)).trimmed();
            bool ok = !digits.isEmpty() && digits.size() <= 15;
            for (char c : digits)
                ok = ok && std::isxdigit(static_cast<unsigned char>(c));
            m_remaining = ok ? digits.toByteArray().toLongLong(&ok, 16) : 0;
            if (!ok) {
                p.error = tr("The server sent a broken chunked answer.");
                return p;
            }
            m_state = m_remaining == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::ChunkEnd:
            if (!takeLine(line, p))
                return p;
            m_headerBytes = 0;
            if (!line.isEmpty()) {
                p.error = tr("The server sent a broken chunked answer.");
                return p;
            }
            m_state = State::ChunkSize;
            break;
        case State::Trailers:
            if (!takeLine(line, p))
                return p;
            if (line.isEmpty())
                m_state = State::Done;
            break;
        case State::UntilClose:
            if (m_pos < m_buf.size()) {
                takeBody(m_buf.size() - m_pos);
                p.body = true;
            }
            return p;
        case State::Done:
            break;
        }
    }
    p.done = m_state == State::Done && p.error.isEmpty();
    return p;
}

void HttpResponseParser::headersDone(Progress &p)
{
    if (m_status >= 100 && m_status < 200 && m_status != 101) {
        m_state = State::Status; // 100 Continue, 103 Early Hints: the answer follows
        m_headers.clear();
        return;
    }
    m_headerBytes = 0;
    if (header("Connection").toLower().contains("close"))
        m_keepAlive = false;
    p.headers = true;
    if (m_headRequest || m_status == 204 || m_status == 304 || m_status == 101) {
        m_state = State::Done;
        if (m_status == 101)
            m_keepAlive = false;
    } else if (hasHeader("Transfer-Encoding")) {
        // Both framings at once is how requests are smuggled past proxies (RFC 9112
        // §6.3): refused, as is any coding but chunked (McpDesk would hand on bytes
        // still compressed). The codings are a list; "chunked" must be all of it.
        if (hasHeader("Content-Length")) {
            p.error = tr("The server framed its answer both by Transfer-Encoding and by "
                         "Content-Length.");
            return;
        }
        QList<QByteArray> codings;
        for (const QByteArray &c : header("Transfer-Encoding").split(','))
            if (const QByteArray name = c.split(';').constFirst().trimmed().toLower();
                !name.isEmpty())
                codings.append(name);
        if (codings != QList<QByteArray>{QByteArrayLiteral("chunked")}) {
            p.error = tr("The server sent its answer with a transfer coding McpDesk does not "
                         "read (%1).")
                          .arg(QString::fromLatin1(header("Transfer-Encoding")));
            return;
        }
        m_state = State::ChunkSize;
    } else if (hasHeader("Content-Length")) {
        bool ok = false;
        m_remaining = header("Content-Length").toLongLong(&ok);
        if (!ok || m_remaining < 0) {
            p.error = tr("The server sent an invalid Content-Length.");
            return;
        }
        m_state = m_remaining == 0 ? State::Done : State::Body;
    } else {
        m_state = State::UntilClose;
        m_keepAlive = false;
    }
}

void HttpResponseParser::takeBody(qsizetype n)
{
    if (m_pos == 0 && n == m_buf.size() && m_body.isEmpty()) {
        m_body = std::move(m_buf); // a large body moves, it is not copied
        m_buf = QByteArray();
    } else {
        m_body.append(m_buf.constData() + m_pos, n);
        m_pos += n;
    }
}

bool HttpResponseParser::finishAtEnd()
{
    if (m_state != State::UntilClose)
        return false;
    m_state = State::Done;
    return true;
}

} // namespace mcpdesk
