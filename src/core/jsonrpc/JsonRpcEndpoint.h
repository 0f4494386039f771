// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "McpError.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcRpc)

namespace mcpdesk {

class JsonRpcEndpoint;

struct RpcRequestOptions
{
    qint64 timeoutMs = -1;  // -1: the endpoint's default
    qint64 maxTotalMs = -1; // hard limit even when progress keeps coming; -1: default
    bool resetTimeoutOnProgress = true;
    bool withProgress = false; // attach a progress token
    bool cancellable = true;   // `initialize` must never be cancelled
};

// The handle of one outgoing request (or of an operation made of several, such
// as a paginated list). It finishes exactly once: with a result, or with an error
// (the server's JSON-RPC error, a transport failure, a timeout or a cancel).
// It deletes itself after `finished` has been emitted, unless it is parented
// elsewhere or setAutoDelete(false) was called.
class RpcReply : public QObject
{
    Q_OBJECT
public:
    explicit RpcReply(QObject *parent = nullptr);
    ~RpcReply() override;

    QJsonValue id() const { return m_id; }
    QString method() const { return m_method; }
    bool isFinished() const { return m_finished; }
    bool isOk() const { return m_finished && !m_error.isError(); }
    QJsonValue result() const { return m_result; }
    McpError error() const { return m_error; }
    void setAutoDelete(bool on) { m_autoDelete = on; }

    // Asks the peer to stop (notifications/cancelled) and finishes at once as
    // Cancelled; a result that arrives later is ignored.
    void cancel(const QString &reason = QString());

    // For composite operations built on top of requests.
    void finishWithResult(const QJsonValue &result);
    void finishWithError(const McpError &error);
    void setCancelHandler(std::function<void(const QString &)> handler)
    {
        m_cancelHandler = std::move(handler);
    }

signals:
    // total is NaN when the server did not send one.
    void progress(double progress, double total, const QString &message);
    // A log message the server sent about this request (on its answer's stream).
    void logMessage(const QString &level, const QString &logger, const QJsonValue &data);
    // The server needs the person's answer before this request can go on (a form, a
    // page to visit, a sampling reply): true while a window asks, false once answered.
    void waitingForAnswer(bool waiting);
    void finished();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    friend class JsonRpcEndpoint;
    void finish();

    QPointer<JsonRpcEndpoint> m_endpoint;
    QJsonValue m_id;
    QString m_method;
    QJsonValue m_result;
    QJsonObject m_message; // as sent, for a resend after re-initializing
    int m_sendTag = 0;     // what the tagger said when it was last sent
    McpError m_error;
    std::function<void(const QString &)> m_cancelHandler;
    QBasicTimer m_timer;
    QElapsedTimer m_started;
    qint64 m_timeoutMs = 0;
    qint64 m_maxTotalMs = 0;
    qint64 m_key = 0;
    qint64 m_progressKey = -1; // its progress token, when it has one
    bool m_resetOnProgress = true;
    bool m_finished = false;
    bool m_autoDelete = true;
};

// JSON-RPC 2.0 over any message transport: request ids (never reused), the
// pending-request table, timeouts, cancellation, progress routing, and dispatch of
// requests and notifications that the peer sends.
class JsonRpcEndpoint : public QObject
{
    Q_OBJECT
public:
    using RequestOptions = RpcRequestOptions;

    // Answers a request from the peer, exactly once.
    class Responder
    {
    public:
        Responder() = default;
        // A responder whose answer goes to `answer` instead of the peer (MCP
        // 2026-07-28 asks for input inside a result, not with a request of its own):
        // `error` is empty for a result, else {code, message, data}. `key` names the
        // input among those the server asked for at once (its `inputRequests` key);
        // `id` is what id() says (what names the question to whoever answers it).
        using Answer = std::function<void(const QJsonValue &result, const QJsonObject &error)>;
        static Responder toCallback(Answer answer, const QString &key = {},
                                    const QJsonValue &id = {});
        void result(const QJsonValue &result) const;
        void error(int code, const QString &message, const QJsonValue &data = {}) const;
        QJsonValue id() const { return m_id; }
        // The input request's key (a modern server's `inputRequests`); empty for a
        // legacy server's own request.
        QString inputKey() const { return m_key; }

    private:
        friend class JsonRpcEndpoint;
        QPointer<JsonRpcEndpoint> m_endpoint;
        QJsonValue m_id;
        QString m_key;
        std::shared_ptr<Answer> m_answer;
    };
    using RequestHandler = std::function<void(const QJsonObject &params, const Responder &)>;
    using MessageSink = std::function<void(const QJsonObject &)>;

    explicit JsonRpcEndpoint(QObject *parent = nullptr);
    ~JsonRpcEndpoint() override;

    void setSink(MessageSink sink) { m_sink = std::move(sink); }
    // Called each time a request is sent; its value is kept with the request
    // (the session stores which token generation signed it).
    void setSendTagger(std::function<int()> tagger) { m_tagger = std::move(tagger); }
    int sendTag(const QJsonValue &id) const;
    // Sees each error a pending request is about to finish with (a JSON-RPC error
    // answer, or a failure passed to failRequest()); returns true when it took the
    // request over (to send it again, say), which then stays pending.
    using ErrorHook = std::function<bool(const QJsonValue &id, const McpError &error)>;
    void setErrorHook(ErrorHook hook) { m_errorHook = std::move(hook); }
    // Checks each result before its request finishes with it; an error returned
    // finishes the request with that error instead.
    using ResultCheck = std::function<McpError(const QString &method, const QJsonValue &result)>;
    void setResultCheck(ResultCheck check) { m_resultCheck = std::move(check); }
    // The method of pending request `id`, or empty.
    QString pendingMethod(const QJsonValue &id) const;
    // The reply of pending request `id`, or null.
    RpcReply *pendingReply(const QJsonValue &id) const;
    // Sees each result before its request finishes with it; returns true when it
    // took the request over (to send it again with more, say), which stays pending.
    using ResultHook = std::function<bool(const QJsonValue &id, const QJsonValue &result)>;
    void setResultHook(ResultHook hook) { m_resultHook = std::move(hook); }
    // The params pending request `id` was first sent with.
    QJsonObject pendingParams(const QJsonValue &id) const;
    // Sends pending request `id` again as a new request — a new id, `params` — that
    // its reply (and its progress token) now stands for. Returns the new id, or an
    // undefined value when `id` is not pending.
    QJsonValue reissue(const QJsonValue &id, const QJsonObject &params);
    void setDefaultTimeout(qint64 ms) { m_defaultTimeoutMs = ms; }
    qint64 defaultTimeout() const { return m_defaultTimeoutMs; }
    void setMaxTotalTimeout(qint64 ms) { m_maxTotalMs = ms; }

    RpcReply *request(const QString &method, const QJsonObject &params = {},
                      const RequestOptions &options = {});
    RpcReply *request(const QString &method, const QJsonObject &params,
                      const RequestOptions &options, RpcReply *reply);
    void notify(const QString &method, const QJsonObject &params = {});
    void setRequestHandler(const QString &method, RequestHandler handler);

    // Feed one decoded message from the transport.
    void handleMessage(const QJsonObject &message);
    // The transport could not deliver request `id` or lost its answer.
    void failRequest(const QJsonValue &id, const McpError &error);
    // Sends pending request `id` again, unchanged (same id). False if it is not pending.
    // The timeout restarts from zero.
    bool resend(const QJsonValue &id);
    // Stops the clock of a pending request (while the user signs in, say).
    void pauseTimeout(const QJsonValue &id);
    bool isPending(const QJsonValue &id) const;
    // The connection is gone: every pending request fails with `error`.
    void failAll(const McpError &error);

    int pendingCount() const { return int(m_pending.size()); }

signals:
    void notificationReceived(const QString &method, const QJsonObject &params);
    // A message that is not valid JSON-RPC, or a response to no known request.
    void protocolViolation(const QString &description);
    // A request was cancelled by us (the transport may stop waiting for it).
    void requestAbandoned(const QJsonValue &id);

private:
    friend class RpcReply;
    void send(const QJsonObject &message);
    void onReplyTimeout(RpcReply *reply);
    void onReplyCancel(RpcReply *reply, const QString &reason, McpError::Kind kind);
    void detach(RpcReply *reply);
    void handleResponse(const QJsonObject &message);
    void handleRequest(const QJsonObject &message);
    void handleNotification(const QString &method, const QJsonObject &params);
    static qint64 keyOf(const QJsonValue &id, bool *ok);

    MessageSink m_sink;
    std::function<int()> m_tagger;
    ErrorHook m_errorHook;
    ResultCheck m_resultCheck;
    ResultHook m_resultHook;
    QHash<qint64, RpcReply *> m_pending;        // by numeric request id
    QHash<qint64, RpcReply *> m_progressTokens; // our tokens are our request ids
    QMap<QString, RequestHandler> m_handlers;   // a few: a hash would take 3 KB per session
    qint64 m_nextId = 1;
    qint64 m_defaultTimeoutMs = 60000;
    qint64 m_maxTotalMs = 10 * 60000;
};

} // namespace mcpdesk
