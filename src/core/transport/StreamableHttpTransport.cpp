// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "StreamableHttpTransport.h"

#include "SseParser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSslCertificate>
#include <QTimer>

#include <utility>

namespace mcpdesk {

namespace {
constexpr qsizetype kMaxErrorBody = 64 * 1024; // what we keep of an error page
constexpr qsizetype kMaxJsonBody = 64 * 1024 * 1024;
const QByteArray kSessionHeader = QByteArrayLiteral("Mcp-Session-Id");
const QByteArray kVersionHeader = QByteArrayLiteral("MCP-Protocol-Version");
} // namespace

struct StreamableHttpTransport::Stream
{
    enum class Kind { Post, Get };
    enum class Mode { Unknown, Json, Sse, Error, Other };
    Kind kind = Kind::Post;
    HttpReply *reply = nullptr;
    QJsonValue requestId; // the request this stream answers; undefined otherwise
    QString method;
    QByteArray body;
    std::unique_ptr<SseParser> sse;
    QByteArray lastEventId;
    qint64 retryMs = -1;
    std::unique_ptr<QTimer> retryTimer;
    Mode mode = Mode::Unknown;
    int failedAttempts = 0; // consecutive GETs that brought nothing new
    bool isRequest = false;
    bool answered = false;
    bool abandoned = false;
    bool sentSessionId = false;
    bool gotEvent = false;
    quint64 serial = 0;             // names it in the inbox (a pointer could be reused)
    int decoding = 0;               // its messages still in the inbox
    bool finishWhenDecoded = false; // the reply ended while they were: finish after
    bool bodyDelivered = false;     // a JSON body has gone to the inbox
    bool isWrite() const { return kind == Kind::Post && !isRequest; }
};

namespace {
constexpr int kMaxResumeAttempts = 3;
constexpr int kMaxServerStreamFailures = 5;
} // namespace

StreamableHttpTransport::StreamableHttpTransport(const QUrl &endpoint, QObject *parent)
    : HttpTransport(parent), m_endpoint(endpoint), m_maxEventSize(SseParser::DefaultMaxEventSize),
      m_inbox([this](quint64 serial, const MessageInbox::Decoded &d) { dispatch(serial, d); })
{
}

StreamableHttpTransport::~StreamableHttpTransport()
{
    m_closed = true;
    const auto streams = m_streams;
    m_streams.clear();
    for (Stream *s : streams) {
        if (s->reply) {
            s->reply->disconnect(this);
            s->reply->abort();
            s->reply->deleteLater();
        }
        delete s;
    }
}

void StreamableHttpTransport::open()
{
    m_closed = false;
    // Nothing to set up: every message opens its own POST.
    QTimer::singleShot(0, this, &Transport::opened);
}

void StreamableHttpTransport::setProtocolVersion(const QString &version)
{
    m_protocolVersion = version.toUtf8();
}

bool StreamableHttpTransport::isServerStreamOpen() const
{
    return m_serverStream && m_serverStream->reply && m_serverStream->mode == Stream::Mode::Sse;
}

HttpClient *StreamableHttpTransport::http()
{
    if (!m_http) {
        m_http = std::make_unique<HttpClient>();
        m_http->setCaCertificates(caCertificates());
    }
    return m_http.get();
}

HttpRequest StreamableHttpTransport::baseRequest(const QByteArray &verb) const
{
    HttpRequest req = httpRequest(verb, m_endpoint);
    if (!m_sessionId.isEmpty())
        req.headers.append({kSessionHeader, m_sessionId});
    if (!m_protocolVersion.isEmpty())
        req.headers.append({kVersionHeader, m_protocolVersion});
    return req;
}

void StreamableHttpTransport::attach(Stream *s, HttpReply *reply)
{
    s->reply = reply;
    s->mode = Stream::Mode::Unknown;
    s->body.clear();
    s->gotEvent = false;
    connect(reply, &HttpReply::readyRead, this, [this, s] { onReadyRead(s); });
    connect(reply, &HttpReply::finished, this, [this, s] { onFinished(s); });
    if (s == m_serverStream) {
        // The server's own stream may send nothing for a long time: its headers
        // alone tell that it is open.
        connect(reply, &HttpReply::metaDataChanged, this, [this, s] {
            if (s->mode == Stream::Mode::Unknown && !s->abandoned)
                startResponse(s);
            if (s->mode == Stream::Mode::Sse)
                emit serverStreamOpened();
            serverStreamSettled(); // open, or refused (405): either way known
        });
    }
}

void StreamableHttpTransport::send(const QJsonObject &message)
{
    auto *s = new Stream;
    s->method = message.value(QStringLiteral("method")).toString();
    s->isRequest = !s->method.isEmpty() && message.contains(QStringLiteral("id"));
    if (s->isRequest)
        s->requestId = message.value(QStringLiteral("id"));

    if (m_closed) {
        if (s->isRequest) {
            const QJsonValue id = s->requestId;
            QTimer::singleShot(0, this, [this, id] {
                emit requestFailed(id, McpError::make(McpError::Kind::Connection,
                                                      tr("The connection is closed.")));
            });
        }
        delete s;
        return;
    }

    HttpRequest req = baseRequest(QByteArrayLiteral("POST"));
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    req.headers.append(
        {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json, text/event-stream")});
    req.headers.append(messageHeaders(message));
    req.body = QJsonDocument(message).toJson(QJsonDocument::Compact);
    // Reading requests change nothing on the server: sent again when a kept
    // connection breaks under them. A tool call never is (it may have run).
    static const QStringList kReads = {
        QStringLiteral("ping"),           QStringLiteral("tools/list"),
        QStringLiteral("prompts/list"),   QStringLiteral("prompts/get"),
        QStringLiteral("resources/list"), QStringLiteral("resources/templates/list"),
        QStringLiteral("resources/read"), QStringLiteral("completion/complete")};
    req.idempotent = s->isRequest && kReads.contains(s->method);
    s->sentSessionId = !m_sessionId.isEmpty();
    if (s->isWrite())
        ++m_pendingWrites;
    s->serial = ++m_nextSerial;
    m_streams.insert(s);
    traceHttp(req);
    attach(s, http()->send(std::move(req)));
}

void StreamableHttpTransport::sessionStarted(std::function<void()> opened)
{
    m_serverStreamSettled = std::move(opened);
    if (!m_serverStreamEnabled || m_serverStream || m_closed) {
        serverStreamSettled();
        return;
    }
    auto *s = new Stream;
    s->kind = Stream::Kind::Get;
    m_serverStream = s;
    s->serial = ++m_nextSerial;
    m_streams.insert(s);
    openGet(s);
}

void StreamableHttpTransport::serverStreamSettled()
{
    // Queued: the caller goes on to send, which must not happen inside a reply's signal.
    if (auto settled = std::exchange(m_serverStreamSettled, {}))
        QTimer::singleShot(0, this, std::move(settled));
}

void StreamableHttpTransport::resetSession()
{
    m_sessionId.clear();
    m_protocolVersion.clear();
    if (Stream *s = m_serverStream) {
        s->abandoned = true;
        if (s->retryTimer)
            s->retryTimer->stop();
        if (s->reply)
            QMetaObject::invokeMethod(s->reply, &HttpReply::abort, Qt::QueuedConnection);
        else
            destroy(s);
        m_serverStream = nullptr;
    }
}

void StreamableHttpTransport::openGet(Stream *s)
{
    if (m_closed)
        return;
    s->kind = Stream::Kind::Get;
    HttpRequest req = baseRequest(QByteArrayLiteral("GET"));
    req.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream")});
    if (!s->lastEventId.isEmpty())
        req.headers.append({QByteArrayLiteral("Last-Event-ID"), s->lastEventId});
    if (s == m_serverStream)
        req.idleTimeoutMs = m_streamIdleTimeoutMs;
    s->sentSessionId = !m_sessionId.isEmpty();
    qCDebug(lcTransport) << "GET stream" << (s == m_serverStream ? "(server)" : "(resume)")
                         << "last event id" << s->lastEventId;
    traceHttp(req);
    attach(s, http()->send(std::move(req)));
}

void StreamableHttpTransport::scheduleGet(Stream *s, int delayMs)
{
    if (!s->retryTimer) {
        s->retryTimer = std::make_unique<QTimer>();
        s->retryTimer->setSingleShot(true);
        s->retryTimer->setTimerType(Qt::PreciseTimer);
        connect(s->retryTimer.get(), &QTimer::timeout, this, [this, s] { openGet(s); });
    }
    s->retryTimer->start(std::max(0, delayMs));
}

void StreamableHttpTransport::startResponse(Stream *s)
{
    HttpReply *reply = s->reply;
    const int status = reply->status();
    const QByteArray sid = reply->header(kSessionHeader); // header names are case-insensitive
    if (!sid.isEmpty() && status >= 200 && status < 300)
        m_sessionId = sid;
    if (status < 200 || status >= 300) {
        s->mode = Stream::Mode::Error;
        return;
    }
    const QByteArray ct = reply->header("Content-Type").toLower();
    if (ct.startsWith("text/event-stream")) {
        s->mode = Stream::Mode::Sse;
        s->sse = std::make_unique<SseParser>(
            [this, s](const SseEvent &ev) {
                s->gotEvent = true;
                s->lastEventId = ev.lastEventId;
                if (ev.type != "message" || ev.data.isEmpty())
                    return; // priming events carry an id and no data
                deliver(s, ev.data);
            },
            m_maxEventSize);
    } else if (ct.startsWith("application/json") ||
               (ct.isEmpty() && s->kind == Stream::Kind::Post)) {
        s->mode = Stream::Mode::Json;
    } else {
        s->mode = Stream::Mode::Other;
    }
}

void StreamableHttpTransport::onReadyRead(Stream *s)
{
    if (s->abandoned)
        return;
    if (s->mode == Stream::Mode::Unknown)
        startResponse(s);
    HttpReply *reply = s->reply;
    switch (s->mode) {
    case Stream::Mode::Sse: {
        const QByteArray chunk = reply->readAll();
        const bool ok = s->sse->feed(chunk);
        if (!s->sse->lastEventId().isEmpty())
            s->lastEventId = s->sse->lastEventId();
        if (s->sse->retryMs())
            s->retryMs = *s->sse->retryMs();
        if (!ok) {
            failStream(s, McpError::make(McpError::Kind::Protocol, s->sse->errorString()));
            s->abandoned = true;
            QMetaObject::invokeMethod(reply, &HttpReply::abort, Qt::QueuedConnection);
        }
        break;
    }
    case Stream::Mode::Json:
        s->body += reply->readAll();
        if (s->body.size() > kMaxJsonBody) {
            failStream(s, McpError::make(McpError::Kind::Protocol,
                                         tr("The server's answer is larger than %1 MB.")
                                             .arg(kMaxJsonBody / (1024 * 1024))));
            s->abandoned = true;
            QMetaObject::invokeMethod(reply, &HttpReply::abort, Qt::QueuedConnection);
        }
        break;
    default:
        if (s->body.size() < kMaxErrorBody)
            s->body += reply->read(kMaxErrorBody - s->body.size());
        else
            reply->readAll();
        break;
    }
}

void StreamableHttpTransport::deliver(Stream *s, const QByteArray &json)
{
    ++s->decoding;
    m_inbox.push(s->serial, json);
}

StreamableHttpTransport::Stream *StreamableHttpTransport::findStream(quint64 serial) const
{
    for (Stream *candidate : std::as_const(m_streams))
        if (candidate->serial == serial)
            return candidate;
    return nullptr;
}

void StreamableHttpTransport::dispatch(quint64 serial, const MessageInbox::Decoded &decoded)
{
    Stream *s = findStream(serial);
    if (!s)
        return; // the stream is gone (closed, or abandoned and destroyed)
    --s->decoding;
    if (!s->abandoned)
        handleDecoded(s, decoded);
    s = findStream(serial); // still there? (whoever got the message may have closed us)
    if (s && s->decoding == 0 && s->finishWhenDecoded) {
        s->finishWhenDecoded = false;
        onFinished(s);
    }
}

void StreamableHttpTransport::handleDecoded(Stream *s, const MessageInbox::Decoded &decoded)
{
    const QJsonDocument &doc = decoded.doc;
    const QJsonParseError &err = decoded.error;
    if (err.error != QJsonParseError::NoError) {
        const McpError e = McpError::make(McpError::Kind::Protocol,
                                          tr("The server sent a message that is not valid JSON "
                                             "(%1 at byte %2).")
                                              .arg(err.errorString())
                                              .arg(err.offset));
        if (s->isRequest)
            failStream(s, e);
        else
            qCWarning(lcTransport).noquote() << e.message;
        return;
    }
    auto handleOne = [this, s, bytes = decoded.bytes](const QJsonObject &msg) {
        if (s->isRequest && !s->answered && msg.value(QStringLiteral("id")) == s->requestId &&
            !msg.contains(QStringLiteral("method")))
            s->answered = true;
        m_related = s->requestId; // s may be gone after the emit: not read again
        emit messageReceived(msg, bytes);
        m_related = QJsonValue(QJsonValue::Undefined);
    };
    if (doc.isObject()) {
        handleOne(doc.object());
    } else if (doc.isArray()) {
        const QJsonArray arr = doc.array();
        for (const QJsonValue &v : arr)
            if (v.isObject())
                handleOne(v.toObject());
    } else if (s->isRequest) {
        failStream(s, McpError::make(McpError::Kind::Protocol,
                                     tr("The server sent JSON that is not a JSON-RPC message.")));
    }
}

void StreamableHttpTransport::failStream(Stream *s, const McpError &error)
{
    if (s->isRequest && !s->answered) {
        s->answered = true; // report once
        emit requestFailed(s->requestId, error);
    } else if (s->isWrite()) {
        qCWarning(lcTransport).noquote()
            << "delivering" << (s->method.isEmpty() ? QStringLiteral("a response") : s->method)
            << "failed:" << error.message;
    } else {
        qCDebug(lcTransport).noquote() << "stream error:" << error.message;
    }
}

namespace {
QString describeBody(const QByteArray &body, const QByteArray &contentType)
{
    const QByteArray ct = contentType.toLower();
    if (ct.contains("json")) {
        const QJsonObject obj = QJsonDocument::fromJson(body).object();
        const QString msg = obj.value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString();
        if (!msg.isEmpty())
            return msg;
        const QString desc = obj.value(QStringLiteral("error_description")).toString();
        if (!desc.isEmpty())
            return desc;
    }
    if (ct.contains("html") || body.trimmed().startsWith('<'))
        return StreamableHttpTransport::tr("the server sent an HTML page");
    QString text = QString::fromUtf8(body.left(300)).simplified();
    if (body.size() > 300)
        text += QStringLiteral("…");
    return text;
}
} // namespace

McpError StreamableHttpTransport::httpError(Stream *s, int status) const
{
    HttpReply *reply = s->reply;
    McpError e;
    e.httpStatus = status;
    const QString reason = QString::fromLatin1(reply->reasonPhrase());
    const QString statusText = reason.isEmpty() ? QString::number(status)
                                                : QStringLiteral("%1 %2").arg(status).arg(reason);
    const QByteArray ct = reply->header("Content-Type");
    const QString detail = describeBody(s->body, ct);
    // A JSON-RPC error in the body (MCP 2026-07-28 answers a refused request with
    // HTTP 400 and one): its code and data decide what happens next.
    const QJsonObject rpcError =
        QJsonDocument::fromJson(s->body).object().value(QStringLiteral("error")).toObject();
    if (const QJsonValue code = rpcError.value(QStringLiteral("code")); code.isDouble()) {
        e.isRpcError = true;
        e.rpcCode = code.toInt();
        e.rpcData = rpcError.value(QStringLiteral("data"));
    }
    if (status == 401 || status == 403) {
        e.kind = McpError::Kind::Unauthorized;
        e.wwwAuthenticate = reply->header("WWW-Authenticate");
        e.message =
            status == 401
                ? tr("%1 needs you to sign in (HTTP %2).").arg(hostOf(m_endpoint), statusText)
                : tr("%1 refused access (HTTP %2).").arg(hostOf(m_endpoint), statusText);
    } else if (status == 404 && s->sentSessionId) {
        e.kind = McpError::Kind::SessionExpired;
        e.message = tr("The server no longer knows this session (HTTP 404).");
        return e;
    } else if (status >= 300 && status < 400 && reply->hasHeader("Location")) {
        // Same-origin redirects are followed by HttpClient; this one was not.
        e.kind = McpError::Kind::Connection;
        const QUrl to = reply->url().resolved(QUrl::fromEncoded(reply->header("Location")));
        e.message =
            tr("The server redirected to %1, another site (HTTP %2). McpDesk does not follow "
               "such redirects, so that what it sends this server (and its sign-in) goes nowhere "
               "else; use that address if you trust it.")
                .arg(to.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery), statusText);
        return e;
    } else {
        e.kind = McpError::Kind::Connection;
        e.message = tr("The server answered HTTP %1.").arg(statusText);
    }
    if (!detail.isEmpty())
        e.message += QLatin1Char(' ') + tr("Details: %1").arg(detail);
    return e;
}

void StreamableHttpTransport::onFinished(Stream *s)
{
    HttpReply *reply = s->reply;
    if (s->abandoned || m_closed) {
        destroy(s);
        return;
    }
    if (s->mode == Stream::Mode::Unknown)
        startResponse(s);
    onReadyRead(s); // drain what is left
    if (s->abandoned) {
        destroy(s);
        return;
    }
    if (s->mode == Stream::Mode::Json && !s->bodyDelivered) {
        // The whole body is here: hand it to the inbox now, so that a large one
        // (parsed on a worker) is waited for below like an SSE event would be.
        s->bodyDelivered = true;
        const QByteArray body = std::exchange(s->body, {});
        if (!body.trimmed().isEmpty()) {
            const quint64 serial = s->serial;
            deliver(s, body); // a small one is handled at once, and may close us
            s = findStream(serial);
            if (!s)
                return;
            if (s->abandoned || m_closed) {
                destroy(s);
                return;
            }
            reply = s->reply;
        }
    }
    if (s->decoding > 0) {
        // A large message is still being parsed: whether the answer came is known
        // only then. The reply stays as it is until dispatch() finishes it.
        s->finishWhenDecoded = true;
        return;
    }
    const int status = reply->status(); // 0: no answer came
    // This reply is done (it stays readable until control returns to the event
    // loop); a stream that goes on does so with a new reply.
    reply->disconnect(this);
    reply->deleteLater();
    if (s->kind == Stream::Kind::Post)
        onPostFinished(s, status);
    else
        onGetFinished(s, status);
}

void StreamableHttpTransport::onPostFinished(Stream *s, int status)
{
    HttpReply *reply = s->reply;
    if (status == 0) {
        failStream(s, describeNetworkError(reply));
        destroy(s);
        return;
    }
    if (status >= 300) {
        failStream(s, httpError(s, status));
        destroy(s);
        return;
    }
    if (s->isWrite())
        emit writeAccepted(s->method, status);
    const QByteArray ct = reply->header("Content-Type");
    switch (s->mode) {
    case Stream::Mode::Json:
        break; // delivered by onFinished(), and handled by now
    case Stream::Mode::Sse: {
        const bool cut = reply->error() != HttpReply::Error::None;
        s->sse->finish();
        if (s->isRequest && !s->answered && !s->lastEventId.isEmpty()) {
            // The server gave event ids: the answer can still come on a resumed stream.
            s->failedAttempts = 0;
            s->reply = nullptr;
            scheduleGet(s, int(s->retryMs >= 0 ? s->retryMs : m_defaultRetryMs));
            return;
        }
        if (cut && s->isRequest && !s->answered) {
            McpError e = McpError::make(McpError::Kind::Connection,
                                        tr("The event stream from the server broke off before "
                                           "the answer arrived: %1")
                                            .arg(reply->errorString()));
            e.streamBroken = true;
            failStream(s, e);
        }
        break;
    }
    case Stream::Mode::Other:
        if (s->isRequest && !s->body.trimmed().isEmpty()) {
            failStream(
                s, McpError::make(McpError::Kind::Protocol,
                                  tr("The server answered with “%1” instead of JSON or an "
                                     "event stream: %2")
                                      .arg(QString::fromLatin1(ct), describeBody(s->body, ct))));
        }
        break;
    default:
        break;
    }
    if (s->isRequest && !s->answered) {
        McpError e = McpError::make(
            McpError::Kind::Protocol,
            s->mode == Stream::Mode::Sse
                ? tr("The server closed the event stream before it sent "
                     "the answer.")
                : tr("The server sent no answer to “%1” (HTTP %2).").arg(s->method).arg(status));
        e.streamBroken = s->mode == Stream::Mode::Sse;
        failStream(s, e);
    }
    destroy(s);
}

void StreamableHttpTransport::onGetFinished(Stream *s, int status)
{
    HttpReply *reply = s->reply;
    const bool serverStream = s == m_serverStream;
    if (serverStream)
        serverStreamSettled(); // ended before its headers told anything
    if (s->mode == Stream::Mode::Sse)
        s->sse->finish();
    if (serverStream && status == 405) {
        qCDebug(lcTransport) << "the server offers no stream of its own (405)";
        destroy(s);
        return;
    }
    if (!serverStream && s->answered) {
        destroy(s); // the resumed stream brought the answer
        return;
    }
    // A stream that went quiet past its idle timeout ends as a clean end does.
    const bool quiet = reply && reply->error() == HttpReply::Error::Timeout && status == 200;
    const bool ok = status >= 200 && status < 300 && s->mode == Stream::Mode::Sse;
    if (quiet)
        qCDebug(lcTransport) << "the server stream was quiet too long; opening it again";
    if (ok && (s->gotEvent || quiet))
        s->failedAttempts = 0;
    else
        ++s->failedAttempts;

    if (serverStream) {
        if (status == 0 && reply && reply->error() != HttpReply::Error::Cancelled &&
            reply->error() != HttpReply::Error::Timeout) {
            // The server's own stream cannot even reach the server: it is gone (a
            // stream held without headers past its idle time is only tried again).
            const McpError e = describeNetworkError(reply);
            destroy(s);
            emit failed(e);
            return;
        }
        if (status == 404 && s->sentSessionId) {
            emit failed(httpError(s, status));
            destroy(s);
            return;
        }
        if (s->failedAttempts >= kMaxServerStreamFailures) {
            qCDebug(lcTransport) << "giving up on the server stream";
            destroy(s);
            return;
        }
        // A clean end: come back after `retry`; errors: back off 1 s, 2 s, 4 s …
        const int base = int(s->retryMs >= 0 ? s->retryMs : m_defaultRetryMs);
        const int delay = ok ? base : base * (1 << std::min(s->failedAttempts - 1, 5));
        s->reply = nullptr;
        scheduleGet(s, delay);
        return;
    }
    // Resuming a request's stream.
    if (status >= 300 || status == 0 || s->failedAttempts >= kMaxResumeAttempts) {
        McpError e = status == 0     ? describeNetworkError(reply)
                     : status >= 300 ? httpError(s, status)
                                     : McpError::make(McpError::Kind::Connection,
                                                      tr("The server did not resume the event "
                                                         "stream with the answer."));
        if (status == 405)
            e = McpError::make(McpError::Kind::Connection,
                               tr("The event stream broke off and the server cannot resume it "
                                  "(HTTP 405)."));
        e.streamBroken = true; // the request's own stream broke before this
        failStream(s, e);
        destroy(s);
        return;
    }
    s->reply = nullptr;
    scheduleGet(s, int(s->retryMs >= 0 ? s->retryMs : m_defaultRetryMs));
}

void StreamableHttpTransport::abandon(const QJsonValue &id)
{
    for (Stream *s : std::as_const(m_streams)) {
        if (s->isRequest && !s->abandoned && s->requestId == id) {
            s->abandoned = true;
            if (s->retryTimer)
                s->retryTimer->stop();
            if (s->reply) {
                // Stop reading its stream so that the connection is free again.
                QMetaObject::invokeMethod(s->reply, &HttpReply::abort, Qt::QueuedConnection);
            } else {
                // By serial: the pointer may be freed and reused by then.
                QTimer::singleShot(0, this, [this, serial = s->serial] {
                    if (Stream *gone = findStream(serial))
                        destroy(gone);
                });
            }
            return;
        }
    }
}

void StreamableHttpTransport::destroy(Stream *s)
{
    if (!m_streams.remove(s))
        return;
    if (s->reply) {
        s->reply->disconnect(this);
        s->reply->deleteLater();
    }
    if (s == m_serverStream) {
        m_serverStream = nullptr;
        serverStreamSettled();
    }
    const bool wasWrite = s->isWrite();
    delete s;
    if (wasWrite && --m_pendingWrites == 0)
        emit writesDrained();
}

void StreamableHttpTransport::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_serverStreamSettled = {};
    m_inbox.clear(); // nothing more is delivered after close()
    const auto streams = m_streams;
    for (Stream *s : streams) {
        s->abandoned = true;
        if (s->retryTimer)
            s->retryTimer->stop();
        if (s->finishWhenDecoded) {
            // Its reply has ended already. Later: close() may run from inside dispatch().
            QTimer::singleShot(0, this, [this, serial = s->serial] {
                if (Stream *gone = findStream(serial))
                    destroy(gone);
            });
        } else if (s->reply) {
            // Queued: close() may run from inside one of these replies' own signals.
            QMetaObject::invokeMethod(s->reply, &HttpReply::abort, Qt::QueuedConnection);
        } else {
            destroy(s);
        }
    }
    if (!m_sessionId.isEmpty()) {
        // Tell the server that this session is over.
        HttpRequest req = baseRequest(QByteArrayLiteral("DELETE"));
        traceHttp(req);
        HttpReply *del = http()->send(std::move(req));
        ++m_pendingWrites;
        connect(del, &HttpReply::finished, this, [this, del] {
            del->deleteLater();
            if (--m_pendingWrites == 0)
                emit writesDrained();
        });
    }
    m_sessionId.clear();
    emit closed();
}

} // namespace mcpdesk
