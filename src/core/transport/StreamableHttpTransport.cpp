#include "StreamableHttpTransport.h"

#include "SseParser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QTimer>

Q_LOGGING_CATEGORY(lcTransport, "mcpdesk.transport")

namespace mcpdesk {

namespace {
constexpr int kConnectionsPerManager = 6;    // QNetworkAccessManager's HTTP/1.1 limit
constexpr qsizetype kMaxErrorBody = 64 * 1024; // what we keep of an error page
constexpr qsizetype kMaxJsonBody = 64 * 1024 * 1024;
const QByteArray kSessionHeader = QByteArrayLiteral("Mcp-Session-Id");
const QByteArray kVersionHeader = QByteArrayLiteral("MCP-Protocol-Version");

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
}
} // namespace

QString transportKindName(TransportKind kind)
{
    switch (kind) {
    case TransportKind::StreamableHttp:
        return QStringLiteral("streamable-http");
    case TransportKind::LegacySse:
        return QStringLiteral("sse");
    case TransportKind::Stdio:
        return QStringLiteral("stdio");
    }
    return QString();
}

struct StreamableHttpTransport::Exchange
{
    enum class Mode { Unknown, Json, Sse, Error, Other };
    QNetworkReply *reply = nullptr;
    QNetworkAccessManager *manager = nullptr;
    QJsonValue requestId; // undefined for notifications and responses
    QString method;
    QByteArray body;
    std::unique_ptr<SseParser> sse;
    QList<QSslError> sslErrors;
    Mode mode = Mode::Unknown;
    bool isRequest = false;
    bool answered = false;
    bool abandoned = false;
    bool sentSessionId = false;
};

StreamableHttpTransport::StreamableHttpTransport(const QUrl &endpoint, QObject *parent)
    : Transport(parent), m_endpoint(endpoint), m_maxEventSize(SseParser::DefaultMaxEventSize)
{
}

StreamableHttpTransport::~StreamableHttpTransport()
{
    m_closed = true;
    const auto exchanges = m_exchanges.values();
    m_exchanges.clear();
    for (Exchange *ex : exchanges) {
        ex->reply->disconnect(this);
        ex->reply->abort();
        ex->reply->deleteLater();
        delete ex;
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

QNetworkAccessManager *StreamableHttpTransport::pickManager()
{
    QNetworkAccessManager *best = nullptr;
    int bestLoad = std::numeric_limits<int>::max();
    for (const auto &m : m_managers) {
        const int load = m_inFlight.value(m.get());
        if (load < bestLoad) {
            best = m.get();
            bestLoad = load;
        }
    }
    if (best && bestLoad < kConnectionsPerManager)
        return best;
    auto manager = std::make_unique<QNetworkAccessManager>();
    manager->setAutoDeleteReplies(false);
    best = manager.get();
    m_managers.push_back(std::move(manager));
    qCDebug(lcTransport) << "connection pool grown to" << m_managers.size() << "managers";
    return best;
}

void StreamableHttpTransport::send(const QJsonObject &message)
{
    auto *ex = new Exchange;
    ex->method = message.value(QStringLiteral("method")).toString();
    ex->isRequest = !ex->method.isEmpty() && message.contains(QStringLiteral("id"));
    if (ex->isRequest)
        ex->requestId = message.value(QStringLiteral("id"));

    if (m_closed) {
        if (ex->isRequest) {
            const QJsonValue id = ex->requestId;
            QTimer::singleShot(0, this, [this, id] {
                emit requestFailed(id, McpError::make(McpError::Kind::Connection,
                                                      tr("The connection is closed.")));
            });
        }
        delete ex;
        return;
    }

    QNetworkRequest req(m_endpoint);
    for (const auto &h : std::as_const(m_headers))
        req.setRawHeader(h.first, h.second);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader(QByteArrayLiteral("Accept"),
                     QByteArrayLiteral("application/json, text/event-stream"));
    if (!m_sessionId.isEmpty()) {
        req.setRawHeader(kSessionHeader, m_sessionId);
        ex->sentSessionId = true;
    }
    if (!m_protocolVersion.isEmpty())
        req.setRawHeader(kVersionHeader, m_protocolVersion);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::NoLessSafeRedirectPolicy);

    ex->manager = pickManager();
    ++m_inFlight[ex->manager];
    if (!ex->isRequest)
        ++m_pendingWrites;
    const QByteArray body = QJsonDocument(message).toJson(QJsonDocument::Compact);
    ex->reply = ex->manager->post(req, body);
    m_exchanges.insert(ex->reply, ex);

    connect(ex->reply, &QNetworkReply::readyRead, this, [this, ex] { onReadyRead(ex); });
    connect(ex->reply, &QNetworkReply::finished, this, [this, ex] { onFinished(ex); });
    connect(ex->reply, &QNetworkReply::sslErrors, this,
            [ex](const QList<QSslError> &errors) { ex->sslErrors = errors; });
}

void StreamableHttpTransport::startResponse(Exchange *ex)
{
    QNetworkReply *reply = ex->reply;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray sid = reply->rawHeader(kSessionHeader); // header names are case-insensitive
    if (!sid.isEmpty() && status >= 200 && status < 300)
        m_sessionId = sid;
    if (status < 200 || status >= 300) {
        ex->mode = Exchange::Mode::Error;
        return;
    }
    const QByteArray ct = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
    if (ct.startsWith("text/event-stream")) {
        ex->mode = Exchange::Mode::Sse;
        ex->sse = std::make_unique<SseParser>(
            [this, ex](const SseEvent &ev) {
                if (ev.type != "message" || ev.data.isEmpty())
                    return; // priming events carry an id and no data
                deliver(ex, ev.data);
            },
            m_maxEventSize);
    } else if (ct.startsWith("application/json") || ct.isEmpty()) {
        ex->mode = Exchange::Mode::Json;
    } else {
        ex->mode = Exchange::Mode::Other;
    }
}

void StreamableHttpTransport::onReadyRead(Exchange *ex)
{
    if (ex->abandoned)
        return;
    if (ex->mode == Exchange::Mode::Unknown)
        startResponse(ex);
    QNetworkReply *reply = ex->reply;
    switch (ex->mode) {
    case Exchange::Mode::Sse: {
        const QByteArray chunk = reply->readAll();
        if (!ex->sse->feed(chunk)) {
            McpError e = McpError::make(McpError::Kind::Protocol, ex->sse->errorString());
            failExchange(ex, e);
            ex->abandoned = true;
            QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
        }
        break;
    }
    case Exchange::Mode::Json:
        ex->body += reply->readAll();
        if (ex->body.size() > kMaxJsonBody) {
            failExchange(ex, McpError::make(McpError::Kind::Protocol,
                                            tr("The server's answer is larger than %1 MB.")
                                                .arg(kMaxJsonBody / (1024 * 1024))));
            ex->abandoned = true;
            QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
        }
        break;
    default:
        if (ex->body.size() < kMaxErrorBody)
            ex->body += reply->read(kMaxErrorBody - ex->body.size());
        else
            reply->readAll();
        break;
    }
}

void StreamableHttpTransport::deliver(Exchange *ex, const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        failExchange(ex, McpError::make(McpError::Kind::Protocol,
                                        tr("The server sent a message that is not valid JSON "
                                           "(%1 at byte %2).")
                                            .arg(err.errorString())
                                            .arg(err.offset)));
        return;
    }
    auto handleOne = [this, ex](const QJsonObject &msg) {
        if (ex->isRequest && !ex->answered && msg.value(QStringLiteral("id")) == ex->requestId &&
            !msg.contains(QStringLiteral("method")))
            ex->answered = true;
        emit messageReceived(msg);
    };
    if (doc.isObject()) {
        handleOne(doc.object());
    } else if (doc.isArray()) {
        const QJsonArray arr = doc.array();
        for (const QJsonValue &v : arr)
            if (v.isObject())
                handleOne(v.toObject());
    } else {
        failExchange(ex, McpError::make(McpError::Kind::Protocol,
                                        tr("The server sent JSON that is not a JSON-RPC message.")));
    }
}

void StreamableHttpTransport::failExchange(Exchange *ex, const McpError &error)
{
    if (ex->isRequest && !ex->answered) {
        ex->answered = true; // report once
        emit requestFailed(ex->requestId, error);
    } else if (!ex->isRequest) {
        qCWarning(lcTransport).noquote()
            << "delivering" << (ex->method.isEmpty() ? QStringLiteral("a response") : ex->method)
            << "failed:" << error.message;
    }
}

McpError StreamableHttpTransport::describeNetworkError(QNetworkReply *reply,
                                                       const QList<QSslError> &sslErrors)
{
    const QUrl url = reply->url();
    const QString host = hostOf(url);
    McpError e;
    e.kind = McpError::Kind::Connection;
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        e.message = tr("Could not connect to %1: the connection was refused. Is the server "
                       "running?")
                        .arg(host);
        break;
    case QNetworkReply::HostNotFoundError:
        e.message = tr("The server name “%1” could not be found (DNS lookup failed).")
                        .arg(url.host());
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.message = tr("%1 closed the connection before answering.").arg(host);
        break;
    case QNetworkReply::TimeoutError:
        e.message = tr("The connection to %1 timed out.").arg(host);
        break;
    case QNetworkReply::OperationCanceledError:
        e.kind = McpError::Kind::Cancelled;
        e.message = tr("The request to %1 was cancelled.").arg(host);
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
    default:
        if (!sslErrors.isEmpty()) {
            const QSslError &first = sslErrors.first();
            const QSslCertificate cert = first.certificate();
            QString detail = first.errorString();
            if (!cert.isNull())
                detail += tr(" (certificate for “%1”, issued by “%2”)")
                              .arg(cert.subjectDisplayName(), cert.issuerDisplayName());
            e.message =
                tr("The secure connection to %1 could not be trusted: %2").arg(host, detail);
        } else if (reply->error() == QNetworkReply::SslHandshakeFailedError) {
            e.message = tr("The secure connection to %1 failed: %2").arg(host, reply->errorString());
        } else {
            e.message = tr("Network error talking to %1: %2").arg(host, reply->errorString());
        }
        break;
    }
    return e;
}

namespace {
QString describeBody(const QByteArray &body, const QByteArray &contentType)
{
    const QByteArray ct = contentType.toLower();
    if (ct.contains("json")) {
        const QJsonObject obj = QJsonDocument::fromJson(body).object();
        const QString msg = obj.value(QStringLiteral("error")).toObject().value(
            QStringLiteral("message")).toString();
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

void StreamableHttpTransport::onFinished(Exchange *ex)
{
    QNetworkReply *reply = ex->reply;
    if (ex->abandoned || m_closed) {
        release(ex);
        return;
    }
    if (ex->mode == Exchange::Mode::Unknown)
        startResponse(ex);
    onReadyRead(ex); // drain what is left
    if (ex->abandoned) {
        release(ex);
        return;
    }
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttr.isValid()) {
        failExchange(ex, describeNetworkError(reply, ex->sslErrors));
        release(ex);
        return;
    }
    const int status = statusAttr.toInt();
    const QByteArray ct = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (status >= 300) {
        McpError e;
        e.httpStatus = status;
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        const QString statusText =
            reason.isEmpty() ? QString::number(status) : QStringLiteral("%1 %2").arg(status).arg(reason);
        const QString detail = describeBody(ex->body, ct);
        if (status == 401 || status == 403) {
            e.kind = McpError::Kind::Unauthorized;
            e.wwwAuthenticate = reply->rawHeader(QByteArrayLiteral("WWW-Authenticate"));
            e.message = status == 401
                            ? tr("%1 needs you to sign in (HTTP %2).").arg(hostOf(m_endpoint), statusText)
                            : tr("%1 refused access (HTTP %2).").arg(hostOf(m_endpoint), statusText);
        } else if (status == 404 && ex->sentSessionId) {
            e.kind = McpError::Kind::SessionExpired;
            e.message = tr("The server no longer knows this session (HTTP 404).");
        } else {
            e.kind = McpError::Kind::Connection;
            e.message = tr("The server answered HTTP %1.").arg(statusText);
        }
        if (!detail.isEmpty() && e.kind != McpError::Kind::SessionExpired)
            e.message += QLatin1Char(' ') + tr("Details: %1").arg(detail);
        failExchange(ex, e);
        release(ex);
        return;
    }
    switch (ex->mode) {
    case Exchange::Mode::Json:
        if (!ex->body.trimmed().isEmpty())
            deliver(ex, ex->body);
        break;
    case Exchange::Mode::Sse: {
        const bool parseError = ex->sse->hasError();
        ex->sse->finish();
        if (!parseError && reply->error() != QNetworkReply::NoError && ex->isRequest &&
            !ex->answered) {
            failExchange(ex, McpError::make(McpError::Kind::Connection,
                                            tr("The event stream from the server broke off "
                                               "before the answer arrived: %1")
                                                .arg(reply->errorString())));
        }
        break;
    }
    case Exchange::Mode::Other:
        if (ex->isRequest && !ex->body.trimmed().isEmpty()) {
            failExchange(ex, McpError::make(McpError::Kind::Protocol,
                                            tr("The server answered with “%1” instead of JSON or "
                                               "an event stream: %2")
                                                .arg(QString::fromLatin1(ct), describeBody(ex->body, ct))));
        }
        break;
    default:
        break;
    }
    if (ex->isRequest && !ex->answered) {
        failExchange(ex, McpError::make(McpError::Kind::Protocol,
                                        ex->mode == Exchange::Mode::Sse
                                            ? tr("The server closed the event stream before it "
                                                 "sent the answer.")
                                            : tr("The server sent no answer to “%1” (HTTP %2).")
                                                  .arg(ex->method)
                                                  .arg(status)));
    }
    release(ex);
}

void StreamableHttpTransport::abandon(const QJsonValue &id)
{
    for (Exchange *ex : std::as_const(m_exchanges)) {
        if (ex->isRequest && !ex->abandoned && ex->requestId == id) {
            ex->abandoned = true;
            // Stop reading its stream so that the connection is free again.
            QMetaObject::invokeMethod(ex->reply, &QNetworkReply::abort, Qt::QueuedConnection);
            return;
        }
    }
}

void StreamableHttpTransport::release(Exchange *ex)
{
    if (!m_exchanges.remove(ex->reply))
        return;
    if (--m_inFlight[ex->manager] < 0)
        m_inFlight[ex->manager] = 0;
    const bool wasWrite = !ex->isRequest;
    ex->reply->disconnect(this);
    ex->reply->deleteLater();
    delete ex;
    if (wasWrite && --m_pendingWrites == 0)
        emit writesDrained();
}

void StreamableHttpTransport::close()
{
    if (m_closed)
        return;
    m_closed = true;
    const auto exchanges = m_exchanges.values();
    for (Exchange *ex : exchanges) {
        ex->abandoned = true;
        // Queued: close() may run from inside one of these replies' own signals.
        QMetaObject::invokeMethod(ex->reply, &QNetworkReply::abort, Qt::QueuedConnection);
    }
    if (!m_sessionId.isEmpty() && !m_managers.empty()) {
        // Tell the server that this session is over; nobody waits for the answer.
        QNetworkRequest req(m_endpoint);
        for (const auto &h : std::as_const(m_headers))
            req.setRawHeader(h.first, h.second);
        req.setRawHeader(kSessionHeader, m_sessionId);
        if (!m_protocolVersion.isEmpty())
            req.setRawHeader(kVersionHeader, m_protocolVersion);
        QNetworkReply *del = m_managers.front()->deleteResource(req);
        connect(del, &QNetworkReply::finished, del, &QObject::deleteLater);
    }
    m_sessionId.clear();
    emit closed();
}

} // namespace mcpdesk
