// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "JsonRpcEndpoint.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimerEvent>

#include <cmath>
#include <limits>

Q_LOGGING_CATEGORY(lcRpc, "mcpdesk.jsonrpc")

namespace mcpdesk {

namespace {
const QString kJsonRpc = QStringLiteral("jsonrpc");
const QString kVersion = QStringLiteral("2.0");
const QString kId = QStringLiteral("id");
const QString kMethod = QStringLiteral("method");
const QString kParams = QStringLiteral("params");
const QString kResult = QStringLiteral("result");
const QString kError = QStringLiteral("error");
} // namespace

// ---------------------------------------------------------------- RpcReply

RpcReply::RpcReply(QObject *parent) : QObject(parent) {}

RpcReply::~RpcReply()
{
    if (m_endpoint && !m_finished)
        m_endpoint->detach(this);
}

void RpcReply::cancel(const QString &reason)
{
    if (m_finished)
        return;
    if (m_cancelHandler) {
        auto handler = m_cancelHandler;
        handler(reason);
        return;
    }
    if (m_endpoint) {
        m_endpoint->onReplyCancel(this, reason, McpError::Kind::Cancelled);
        return;
    }
    finishWithError(McpError::make(McpError::Kind::Cancelled, tr("Cancelled.")));
}

void RpcReply::finishWithResult(const QJsonValue &result)
{
    if (m_finished)
        return;
    m_result = result;
    finish();
}

void RpcReply::finishWithError(const McpError &error)
{
    if (m_finished)
        return;
    m_error = error;
    finish();
}

void RpcReply::finish()
{
    m_finished = true;
    m_timer.stop();
    if (m_endpoint)
        m_endpoint->detach(this);
    m_endpoint = nullptr;
    emit finished();
    if (m_autoDelete && !parent())
        deleteLater();
}

void RpcReply::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    if (m_endpoint)
        m_endpoint->onReplyTimeout(this);
}

// ---------------------------------------------------------------- Responder

JsonRpcEndpoint::Responder JsonRpcEndpoint::Responder::toCallback(Answer answer, const QString &key,
                                                                  const QJsonValue &id)
{
    Responder r;
    r.m_key = key;
    r.m_id = id;
    r.m_answer = std::make_shared<Answer>(std::move(answer));
    return r;
}

void JsonRpcEndpoint::Responder::result(const QJsonValue &result) const
{
    if (m_answer) {
        if (*m_answer)
            std::exchange(*m_answer, {})(result, {}); // once
        return;
    }
    if (!m_endpoint)
        return;
    QJsonObject msg{{kJsonRpc, kVersion}, {kId, m_id}, {kResult, result}};
    m_endpoint->send(msg);
}

void JsonRpcEndpoint::Responder::error(int code, const QString &message,
                                       const QJsonValue &data) const
{
    QJsonObject err{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!data.isUndefined() && !data.isNull())
        err.insert(QStringLiteral("data"), data);
    if (m_answer) {
        if (*m_answer)
            std::exchange(*m_answer, {})(QJsonValue(), err); // once
        return;
    }
    if (!m_endpoint)
        return;
    m_endpoint->send(QJsonObject{{kJsonRpc, kVersion}, {kId, m_id}, {kError, err}});
}

// ---------------------------------------------------------------- JsonRpcEndpoint

JsonRpcEndpoint::JsonRpcEndpoint(QObject *parent) : QObject(parent) {}

JsonRpcEndpoint::~JsonRpcEndpoint()
{
    const auto pending = m_pending.values();
    m_pending.clear();
    m_progressTokens.clear();
    for (RpcReply *r : pending) {
        r->m_endpoint = nullptr;
        // Nobody can answer it any more; one that would have deleted itself when
        // finished goes now (without a signal: its listeners may be going too).
        if (r->m_autoDelete && !r->parent())
            r->deleteLater();
    }
}

void JsonRpcEndpoint::send(const QJsonObject &message)
{
    if (m_sink)
        m_sink(message);
}

RpcReply *JsonRpcEndpoint::request(const QString &method, const QJsonObject &params,
                                   const RequestOptions &options)
{
    return request(method, params, options, new RpcReply);
}

RpcReply *JsonRpcEndpoint::request(const QString &method, const QJsonObject &params,
                                   const RequestOptions &options, RpcReply *reply)
{
    const qint64 key = m_nextId++; // ids are never reused within an endpoint
    reply->m_endpoint = this;
    reply->m_id = QJsonValue(key);
    reply->m_key = key;
    reply->m_method = method;
    reply->m_timeoutMs = options.timeoutMs >= 0 ? options.timeoutMs : m_defaultTimeoutMs;
    reply->m_maxTotalMs = options.maxTotalMs >= 0 ? options.maxTotalMs : m_maxTotalMs;
    reply->m_resetOnProgress = options.resetTimeoutOnProgress;
    if (!options.cancellable)
        reply->setCancelHandler([](const QString &) {}); // ignore cancel requests
    m_pending.insert(key, reply);

    QJsonObject p = params;
    if (options.withProgress) {
        QJsonObject meta = p.value(QStringLiteral("_meta")).toObject();
        meta.insert(QStringLiteral("progressToken"), key);
        p.insert(QStringLiteral("_meta"), meta);
        m_progressTokens.insert(key, reply);
        reply->m_progressKey = key;
    }
    reply->m_started.start();
    if (reply->m_timeoutMs > 0)
        reply->m_timer.start(
            int(std::min<qint64>(reply->m_timeoutMs, reply->m_maxTotalMs > 0 ? reply->m_maxTotalMs
                                                                             : reply->m_timeoutMs)),
            Qt::PreciseTimer, reply);

    QJsonObject msg{{kJsonRpc, kVersion}, {kId, key}, {kMethod, method}};
    if (!p.isEmpty())
        msg.insert(kParams, p);
    qCDebug(lcRpc) << "->" << method << "id" << key;
    reply->m_message = msg;
    reply->m_sendTag = m_tagger ? m_tagger() : 0;
    send(msg);
    return reply;
}

void JsonRpcEndpoint::notify(const QString &method, const QJsonObject &params)
{
    QJsonObject msg{{kJsonRpc, kVersion}, {kMethod, method}};
    if (!params.isEmpty())
        msg.insert(kParams, params);
    qCDebug(lcRpc) << "->" << method;
    send(msg);
}

void JsonRpcEndpoint::setRequestHandler(const QString &method, RequestHandler handler)
{
    if (handler)
        m_handlers.insert(method, std::move(handler));
    else
        m_handlers.remove(method);
}

void JsonRpcEndpoint::detach(RpcReply *reply)
{
    auto it = m_pending.find(reply->m_key);
    if (it != m_pending.end() && it.value() == reply)
        m_pending.erase(it);
    auto pt = m_progressTokens.find(reply->m_progressKey);
    if (pt != m_progressTokens.end() && pt.value() == reply)
        m_progressTokens.erase(pt);
}

void JsonRpcEndpoint::onReplyTimeout(RpcReply *reply)
{
    const qint64 elapsed = reply->m_started.elapsed();
    const bool hardLimit = reply->m_maxTotalMs > 0 && elapsed >= reply->m_maxTotalMs;
    McpError::Kind kind = McpError::Kind::Timeout;
    QString reason = hardLimit ? QStringLiteral("Request exceeded the maximum total time")
                               : QStringLiteral("Request timed out");
    onReplyCancel(reply, reason, kind);
}

void JsonRpcEndpoint::onReplyCancel(RpcReply *reply, const QString &reason, McpError::Kind kind)
{
    if (reply->m_finished)
        return;
    const QJsonValue id = reply->m_id;
    const bool isInitialize = reply->m_method == QLatin1String("initialize");
    detach(reply);
    if (!isInitialize) {
        QJsonObject params{{QStringLiteral("requestId"), id}};
        if (!reason.isEmpty())
            params.insert(QStringLiteral("reason"), reason);
        notify(QStringLiteral("notifications/cancelled"), params);
    }
    emit requestAbandoned(id);
    QString message;
    if (kind == McpError::Kind::Timeout) {
        const double secs = reply->m_started.elapsed() / 1000.0;
        message = tr("The server did not answer “%1” within %2 seconds.")
                      .arg(reply->m_method)
                      .arg(secs, 0, 'f', secs < 10 ? 1 : 0);
    } else {
        message = tr("“%1” was cancelled.").arg(reply->m_method);
    }
    reply->finishWithError(McpError::make(kind, message));
}

qint64 JsonRpcEndpoint::keyOf(const QJsonValue &id, bool *ok)
{
    *ok = false;
    if (id.isDouble()) {
        const double d = id.toDouble();
        if (d == std::floor(d) && std::abs(d) < 9.0e15) {
            *ok = true;
            return qint64(d);
        }
    }
    // Our ids (and progress tokens) are numbers, and JSON-RPC ids match only with the
    // same type and value: a string "2" is not an answer to request 2.
    return 0;
}

void JsonRpcEndpoint::failRequest(const QJsonValue &id, const McpError &error)
{
    bool ok = false;
    const qint64 key = keyOf(id, &ok);
    if (!ok)
        return;
    RpcReply *reply = m_pending.value(key);
    if (!reply)
        return;
    if (m_errorHook && m_errorHook(id, error))
        return;
    reply->finishWithError(error);
}

QJsonObject JsonRpcEndpoint::pendingParams(const QJsonValue &id) const
{
    bool ok = false;
    const qint64 key = keyOf(id, &ok);
    const RpcReply *reply = ok ? m_pending.value(key) : nullptr;
    return reply ? reply->m_message.value(kParams).toObject() : QJsonObject();
}

QJsonValue JsonRpcEndpoint::reissue(const QJsonValue &id, const QJsonObject &params)
{
    bool ok = false;
    const qint64 old = keyOf(id, &ok);
    RpcReply *reply = ok ? m_pending.value(old) : nullptr;
    if (!reply)
        return QJsonValue(QJsonValue::Undefined);
    const qint64 key = m_nextId++;
    m_pending.remove(old);
    m_pending.insert(key, reply); // its progress token stays what it was
    reply->m_key = key;
    reply->m_id = QJsonValue(key);
    QJsonObject msg{{kJsonRpc, kVersion}, {kId, key}, {kMethod, reply->m_method}};
    if (!params.isEmpty())
        msg.insert(kParams, params);
    qCDebug(lcRpc) << "->" << reply->m_method << "id" << key << "(again, as" << old << ")";
    reply->m_started.restart();
    reply->m_sendTag = m_tagger ? m_tagger() : 0;
    if (reply->m_timeoutMs > 0)
        reply->m_timer.start(int(reply->m_timeoutMs), Qt::PreciseTimer, reply);
    reply->m_message = msg;
    send(msg);
    return reply->m_id;
}

QString JsonRpcEndpoint::pendingMethod(const QJsonValue &id) const
{
    bool ok = false;
    const qint64 key = keyOf(id, &ok);
    const RpcReply *reply = ok ? m_pending.value(key) : nullptr;
    return reply ? reply->m_method : QString();
}

RpcReply *JsonRpcEndpoint::pendingReply(const QJsonValue &id) const
{
    bool ok = false;
    const qint64 key = keyOf(id, &ok);
    return ok ? m_pending.value(key) : nullptr;
}

bool JsonRpcEndpoint::isPending(const QJsonValue &id) const
{
    bool ok = false;
    const qint64 key = keyOf(id, &ok);
    return ok && m_pending.contains(key);
}

bool JsonRpcEndpoint::resend(const QJsonValue &id)
{
    bool ok = false;
    const qint64 key = keyOf(id, &ok);
    RpcReply *reply = ok ? m_pending.value(key) : nullptr;
    if (!reply)
        return false;
    qCDebug(lcRpc) << "-> (again)" << reply->m_method << "id" << key;
    reply->m_started.restart();
    reply->m_sendTag = m_tagger ? m_tagger() : 0;
    if (reply->m_timeoutMs > 0)
        reply->m_timer.start(int(reply->m_timeoutMs), Qt::PreciseTimer, reply);
    send(reply->m_message);
    return true;
}

int JsonRpcEndpoint::sendTag(const QJsonValue &id) const
{
    bool ok = false;
    const qint64 key = keyOf(id, &ok);
    const RpcReply *reply = ok ? m_pending.value(key) : nullptr;
    return reply ? reply->m_sendTag : 0;
}

void JsonRpcEndpoint::pauseTimeout(const QJsonValue &id)
{
    bool ok = false;
    const qint64 key = keyOf(id, &ok);
    if (RpcReply *reply = ok ? m_pending.value(key) : nullptr)
        reply->m_timer.stop();
}

void JsonRpcEndpoint::failAll(const McpError &error)
{
    const auto pending = m_pending.values();
    for (RpcReply *reply : pending)
        reply->finishWithError(error);
}

void JsonRpcEndpoint::handleMessage(const QJsonObject &message)
{
    if (message.value(kJsonRpc).toString() != kVersion) {
        emit protocolViolation(tr("A message from the server is not JSON-RPC 2.0 (the \"jsonrpc\" "
                                  "member is missing or not \"2.0\")."));
        // Still try to route a response so that a caller is not left waiting.
    }
    const QJsonValue method = message.value(kMethod);
    if (method.isString()) {
        if (message.contains(kId))
            handleRequest(message);
        else
            handleNotification(method.toString(), message.value(kParams).toObject());
        return;
    }
    if (message.contains(kResult) || message.contains(kError)) {
        handleResponse(message);
        return;
    }
    emit protocolViolation(tr("The server sent a message that is neither a request, a "
                              "notification nor a response."));
}

void JsonRpcEndpoint::handleResponse(const QJsonObject &message)
{
    bool ok = false;
    const qint64 key = keyOf(message.value(kId), &ok);
    RpcReply *reply = ok ? m_pending.value(key) : nullptr;
    if (!reply) {
        // A late answer to a cancelled or timed-out request: ignored on purpose.
        qCDebug(lcRpc) << "ignoring response to unknown or finished request" << message.value(kId);
        return;
    }
    if (message.contains(kError)) {
        const QJsonObject err = message.value(kError).toObject();
        McpError e;
        e.kind = McpError::Kind::Protocol;
        e.isRpcError = true;
        e.rpcCode = err.value(QStringLiteral("code")).toInt();
        e.rpcData = err.value(QStringLiteral("data"));
        const QString text = err.value(QStringLiteral("message")).toString();
        e.message = tr("The server answered “%1” with error %2: %3")
                        .arg(reply->m_method)
                        .arg(e.rpcCode)
                        .arg(text.isEmpty() ? tr("(no message)") : text);
        if (m_errorHook && m_errorHook(reply->m_id, e))
            return;
        reply->finishWithError(e);
        return;
    }
    if (m_resultHook && m_resultHook(reply->m_id, message.value(kResult)))
        return;
    if (m_resultCheck) {
        const McpError bad = m_resultCheck(reply->m_method, message.value(kResult));
        if (bad.isError()) {
            reply->finishWithError(bad);
            return;
        }
    }
    reply->finishWithResult(message.value(kResult));
}

void JsonRpcEndpoint::handleRequest(const QJsonObject &message)
{
    Responder responder;
    responder.m_endpoint = this;
    responder.m_id = message.value(kId);
    const QString method = message.value(kMethod).toString();
    qCDebug(lcRpc) << "<- request" << method;
    auto it = m_handlers.constFind(method);
    if (it != m_handlers.constEnd()) {
        it.value()(message.value(kParams).toObject(), responder);
        return;
    }
    if (method == QLatin1String("ping")) {
        responder.result(QJsonObject());
        return;
    }
    responder.error(-32601, QStringLiteral("Method not found: ") + method);
}

void JsonRpcEndpoint::handleNotification(const QString &method, const QJsonObject &params)
{
    if (method == QLatin1String("notifications/progress")) {
        bool ok = false;
        const qint64 key = keyOf(params.value(QStringLiteral("progressToken")), &ok);
        RpcReply *reply = ok ? m_progressTokens.value(key) : nullptr;
        if (!reply)
            return; // progress for a finished or unknown request
        if (reply->m_resetOnProgress && reply->m_timeoutMs > 0) {
            qint64 next = reply->m_timeoutMs;
            if (reply->m_maxTotalMs > 0)
                next = std::min(next, reply->m_maxTotalMs - reply->m_started.elapsed());
            reply->m_timer.start(int(std::max<qint64>(next, 0)), Qt::PreciseTimer, reply);
        }
        const QJsonValue total = params.value(QStringLiteral("total"));
        emit reply->progress(params.value(QStringLiteral("progress")).toDouble(),
                             total.isDouble() ? total.toDouble()
                                              : std::numeric_limits<double>::quiet_NaN(),
                             params.value(QStringLiteral("message")).toString());
        return;
    }
    emit notificationReceived(method, params);
}

} // namespace mcpdesk
