// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "EndpointSpec.h"
#include "jsonrpc/McpError.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QLoggingCategory>
#include <QObject>

#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcTransport)

namespace mcpdesk {

// Moves JSON-RPC messages to and from one server. Implementations: Streamable
// HTTP, legacy HTTP+SSE, stdio. The session above owns the transport and never
// knows which one it talks through.
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual TransportKind kind() const = 0;
    // Prepare to send (start a process, open an SSE stream). Emits opened() or
    // failed(); for Streamable HTTP nothing needs to happen first.
    virtual void open() = 0;
    // Send one message. Failures to deliver a request come back as requestFailed().
    virtual void send(const QJsonObject &message) = 0;
    // We stopped waiting for request `id` (cancelled, timed out): drop its stream.
    virtual void abandon(const QJsonValue &id) { Q_UNUSED(id); }
    // Negotiated protocol revision, sent as a header where the transport needs it.
    virtual void setProtocolVersion(const QString &version) { Q_UNUSED(version); }
    // The handshake is answered: open what the transport opens only then, such as
    // the server's own message stream. `opened` runs once that stream is open or
    // known not to be (at once where there is none), never from inside this call's
    // caller's stack frame on HTTP: what the server sends the moment it hears
    // `notifications/initialized` needs a stream to arrive on.
    virtual void sessionStarted(std::function<void()> opened)
    {
        if (opened)
            opened();
    }
    // The server forgot the session: drop its id (and its streams) so that the
    // next message starts a new one.
    virtual void resetSession() {}
    virtual void close() = 0;
    // What the transport saw that helps explain a failure (a stdio server's
    // last words, lines that were not JSON), or empty.
    virtual QString diagnostics() const { return QString(); }
    // Number of outgoing messages not yet handed over to the server.
    virtual int pendingWrites() const { return 0; }
    // While messageReceived() is being emitted: the id of the request whose answer
    // stream carried the message (HTTP), so that a notification reaches the request
    // it belongs to; undefined otherwise.
    QJsonValue relatedRequest() const { return m_related; }

protected:
    QJsonValue m_related;

signals:
    void opened();
    // `bytes`: the size of the text it came in (for a batch, the whole batch's).
    void messageReceived(const QJsonObject &message, qsizetype bytes);
    void requestFailed(const QJsonValue &id, const McpError &error);
    void failed(const McpError &error);
    // A notification or response we sent was accepted by the server.
    void writeAccepted(const QString &method, int httpStatus);
    // Every outgoing message has been handed over (see pendingWrites()).
    void writesDrained();
    void closed();
    // A line that helps explain the server, not a message: a stdio server's stderr.
    void diagnosticLine(const QString &line);
};

} // namespace mcpdesk
