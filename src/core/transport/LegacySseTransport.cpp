// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "LegacySseTransport.h"

#include "SseParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace mcpdesk {

LegacySseTransport::LegacySseTransport(const QUrl &sseUrl, QObject *parent)
    : HttpTransport(parent), m_sseUrl(sseUrl)
{
    m_endpointTimer.setSingleShot(true);
    connect(&m_endpointTimer, &QTimer::timeout, this, [this] {
        fail(McpError::make(McpError::Kind::Protocol,
                            tr("The server opened its event stream but never said where to send "
                               "messages (no “endpoint” event).")));
    });
}

LegacySseTransport::~LegacySseTransport()
{
    m_closed = true;
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->abort();
        m_stream->deleteLater();
    }
}

QUrl LegacySseTransport::resolveEndpoint(const QUrl &sseUrl, const QByteArray &data)
{
    qsizetype from = 0, to = data.size();
    while (from < to && quint8(data.at(from)) <= 0x20)
        ++from;
    while (to > from && quint8(data.at(to - 1)) <= 0x20)
        --to;
    QByteArray text = data.mid(from, to - from);
    text.replace('\t', QByteArray()).replace('\n', QByteArray()).replace('\r', QByteArray());
    return sseUrl.resolved(QUrl(QString::fromUtf8(text), QUrl::TolerantMode));
}

void LegacySseTransport::open()
{
    if (m_stream)
        return;
    m_closed = false;
    m_http = std::make_unique<HttpClient>();
    m_http->setCaCertificates(caCertificates());
    m_parser = std::make_unique<SseParser>([this](const SseEvent &ev) {
        if (ev.type == "endpoint") {
            const QUrl target = resolveEndpoint(m_sseUrl, ev.data);
            // Messages go to the same origin as the stream, nowhere else.
            if (target.scheme() != m_sseUrl.scheme() || target.host() != m_sseUrl.host() ||
                target.port() != m_sseUrl.port()) {
                fail(McpError::make(McpError::Kind::Protocol,
                                    tr("The server asked for messages to be sent to another "
                                       "site (%1); McpDesk refused.")
                                        .arg(target.toDisplayString())));
                return;
            }
            const bool first = m_postUrl.isEmpty();
            m_postUrl = target;
            if (first) {
                m_endpointTimer.stop();
                emit opened();
            }
            return;
        }
        if (ev.type != "message" || ev.data.isEmpty())
            return;
        m_inbox.push(0, ev.data); // large messages are parsed off the event loop
    });
    HttpRequest req = httpRequest(QByteArrayLiteral("GET"), m_sseUrl);
    req.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream")});
    traceHttp(req);
    m_stream = m_http->send(std::move(req));
    connect(m_stream, &HttpReply::readyRead, this, &LegacySseTransport::onStreamData);
    connect(m_stream, &HttpReply::finished, this, &LegacySseTransport::onStreamFinished);
    m_endpointTimer.start(m_endpointTimeoutMs);
}

void LegacySseTransport::handleMessage(const MessageInbox::Decoded &d)
{
    if (m_closed)
        return;
    if (d.error.error != QJsonParseError::NoError) {
        qCWarning(lcTransport).noquote()
            << "ignoring an event that is not JSON:" << d.error.errorString();
        return;
    }
    if (d.doc.isObject()) {
        emit messageReceived(d.doc.object(), d.bytes);
    } else if (d.doc.isArray()) {
        const QJsonArray arr = d.doc.array();
        for (const QJsonValue &v : arr)
            if (v.isObject())
                emit messageReceived(v.toObject(), d.bytes);
    }
}

void LegacySseTransport::onStreamData()
{
    if (!m_stream || m_closed)
        return;
    const int status = m_stream->status();
    if (status < 200 || status >= 300)
        return; // handled when finished
    if (!m_parser->feed(m_stream->readAll()))
        fail(McpError::make(McpError::Kind::Protocol, m_parser->errorString()));
}

void LegacySseTransport::onStreamFinished()
{
    HttpReply *reply = m_stream;
    if (!reply)
        return;
    if (!m_inbox.isEmpty() && !m_closed) {
        // What the stream brought before it ended is still being parsed: hand it out first.
        m_inbox.whenDrained([this] { onStreamFinished(); });
        return;
    }
    m_stream = nullptr;
    reply->deleteLater();
    if (m_closed)
        return;
    const int status = reply->status();
    if (status == 0) {
        fail(describeNetworkError(reply));
        return;
    }
    if (status == 401 || status == 403) {
        McpError e = McpError::make(
            McpError::Kind::Unauthorized,
            tr("%1 needs you to sign in (HTTP %2).").arg(m_sseUrl.host()).arg(status));
        e.httpStatus = status;
        e.wwwAuthenticate = reply->header("WWW-Authenticate");
        fail(e);
        return;
    }
    if (status >= 300) {
        McpError e = McpError::make(McpError::Kind::Connection,
                                    tr("The server answered HTTP %1 when McpDesk opened its event "
                                       "stream.")
                                        .arg(status));
        e.httpStatus = status;
        fail(e);
        return;
    }
    fail(McpError::make(McpError::Kind::Connection,
                        m_postUrl.isEmpty()
                            ? tr("The server closed its event stream before it said where to "
                                 "send messages.")
                            : tr("The server closed the event stream; the connection is over.")));
}

void LegacySseTransport::fail(const McpError &error)
{
    if (m_failed || m_closed)
        return;
    m_failed = true;
    m_endpointTimer.stop();
    if (m_stream)
        QMetaObject::invokeMethod(m_stream, &HttpReply::abort, Qt::QueuedConnection);
    emit failed(error);
}

void LegacySseTransport::send(const QJsonObject &message)
{
    const QString method = message.value(QStringLiteral("method")).toString();
    const bool isRequest = !method.isEmpty() && message.contains(QStringLiteral("id"));
    const QJsonValue id = message.value(QStringLiteral("id"));
    if (m_postUrl.isEmpty() || m_closed || m_failed) {
        if (isRequest)
            QTimer::singleShot(0, this, [this, id] {
                emit requestFailed(id, McpError::make(McpError::Kind::Connection,
                                                      tr("The connection is closed.")));
            });
        return;
    }
    HttpRequest req = httpRequest(QByteArrayLiteral("POST"), m_postUrl);
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    req.body = QJsonDocument(message).toJson(QJsonDocument::Compact);
    traceHttp(req);
    HttpReply *reply = m_http->send(std::move(req));
    ++m_pendingWrites;
    connect(reply, &HttpReply::finished, this, [this, reply, isRequest, id, method] {
        reply->deleteLater();
        const int status = reply->status();
        if (!m_closed) {
            if (status == 0 || status >= 300) {
                McpError e = status == 0
                                 ? describeNetworkError(reply)
                                 : McpError::make(
                                       status == 401 || status == 403 ? McpError::Kind::Unauthorized
                                                                      : McpError::Kind::Connection,
                                       tr("The server refused the message (HTTP %1).").arg(status));
                e.httpStatus = status;
                if (isRequest)
                    emit requestFailed(id, e);
                else
                    qCWarning(lcTransport).noquote()
                        << "sending" << method << "failed:" << e.message;
            } else if (!isRequest) {
                emit writeAccepted(method, status);
            }
        }
        if (--m_pendingWrites == 0)
            emit writesDrained();
    });
}

void LegacySseTransport::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_endpointTimer.stop();
    m_inbox.clear(); // nothing more is delivered; a finish that waited for it runs now
    if (m_stream)
        QMetaObject::invokeMethod(m_stream, &HttpReply::abort, Qt::QueuedConnection);
    emit closed();
}

} // namespace mcpdesk
