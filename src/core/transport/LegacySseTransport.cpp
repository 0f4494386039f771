#include "LegacySseTransport.h"

#include "SseParser.h"
#include "StreamableHttpTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace mcpdesk {

LegacySseTransport::LegacySseTransport(const QUrl &sseUrl, QObject *parent)
    : Transport(parent), m_sseUrl(sseUrl)
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

QNetworkRequest LegacySseTransport::request(const QUrl &url) const
{
    return httpRequest(url, m_headers);
}

void LegacySseTransport::open()
{
    if (m_stream)
        return;
    m_closed = false;
    m_streamManager = std::make_unique<QNetworkAccessManager>();
    m_postManager = std::make_unique<QNetworkAccessManager>();
    m_parser = std::make_unique<SseParser>([this](const SseEvent &ev) {
        if (ev.type == "endpoint") {
            const QUrl target = m_sseUrl.resolved(QUrl(QString::fromUtf8(ev.data)));
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
    QNetworkRequest req = request(m_sseUrl);
    req.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream"));
    traceHttp("GET", req);
    m_stream = m_streamManager->get(req);
    connect(m_stream, &QNetworkReply::readyRead, this, &LegacySseTransport::onStreamData);
    connect(m_stream, &QNetworkReply::finished, this, &LegacySseTransport::onStreamFinished);
    connect(m_stream, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    m_endpointTimer.start(m_endpointTimeoutMs);
}

void LegacySseTransport::handleMessage(const MessageInbox::Decoded &d)
{
    if (m_closed)
        return;
    if (d.error.error != QJsonParseError::NoError) {
        qCWarning(lcTransport).noquote() << "ignoring an event that is not JSON:" << d.error.errorString();
        return;
    }
    if (d.doc.isObject()) {
        emit messageReceived(d.doc.object());
    } else if (d.doc.isArray()) {
        const QJsonArray arr = d.doc.array();
        for (const QJsonValue &v : arr)
            if (v.isObject())
                emit messageReceived(v.toObject());
    }
}

void LegacySseTransport::onStreamData()
{
    if (!m_stream || m_closed)
        return;
    const int status = m_stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300)
        return; // handled when finished
    if (!m_parser->feed(m_stream->readAll()))
        fail(McpError::make(McpError::Kind::Protocol, m_parser->errorString()));
}

void LegacySseTransport::onStreamFinished()
{
    QNetworkReply *reply = m_stream;
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
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttr.isValid()) {
        fail(StreamableHttpTransport::describeNetworkError(reply, m_sslErrors));
        return;
    }
    const int status = statusAttr.toInt();
    if (status == 401 || status == 403) {
        McpError e = McpError::make(McpError::Kind::Unauthorized,
                                    tr("%1 needs you to sign in (HTTP %2).")
                                        .arg(m_sseUrl.host())
                                        .arg(status));
        e.httpStatus = status;
        e.wwwAuthenticate = reply->rawHeader(QByteArrayLiteral("WWW-Authenticate"));
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
        QMetaObject::invokeMethod(m_stream, &QNetworkReply::abort, Qt::QueuedConnection);
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
    QNetworkRequest req = request(m_postUrl);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    traceHttp("POST", req);
    QNetworkReply *reply =
        m_postManager->post(req, QJsonDocument(message).toJson(QJsonDocument::Compact));
    ++m_pendingWrites;
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, this,
            [sslErrors](const QList<QSslError> &errors) { *sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, isRequest, id, method, sslErrors] {
        reply->deleteLater();
        const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const int status = statusAttr.toInt();
        if (!m_closed) {
            if (!statusAttr.isValid() || status >= 300) {
                McpError e = !statusAttr.isValid()
                                 ? StreamableHttpTransport::describeNetworkError(reply, *sslErrors)
                                 : McpError::make(status == 401 || status == 403
                                                      ? McpError::Kind::Unauthorized
                                                      : McpError::Kind::Connection,
                                                  tr("The server refused the message (HTTP %1).")
                                                      .arg(status));
                e.httpStatus = status;
                if (isRequest)
                    emit requestFailed(id, e);
                else
                    qCWarning(lcTransport).noquote() << "sending" << method << "failed:" << e.message;
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
        QMetaObject::invokeMethod(m_stream, &QNetworkReply::abort, Qt::QueuedConnection);
    emit closed();
}

} // namespace mcpdesk
