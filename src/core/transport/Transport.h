// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "jsonrpc/McpError.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QUrl>

#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcTransport)

namespace mcpdesk {

enum class TransportKind { StreamableHttp, LegacySse, Stdio };
QString transportKindName(TransportKind kind); // "streamable-http", "sse", "stdio"

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One HTTP request as the HTTP transports send it (see HttpClient).
struct HttpRequest
{
    QByteArray verb = QByteArrayLiteral("GET");
    QUrl url;
    HeaderList headers;
    QByteArray body;
};

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
    // The handshake is done (the session is established): open what the
    // transport opens only then, such as the server's own message stream.
    virtual void sessionStarted() {}
    // The server forgot the session: drop its id (and its streams) so that the
    // next message starts a new one.
    virtual void resetSession() {}
    virtual void close() = 0;
    // What the transport saw that helps explain a failure (a stdio server's
    // last words, lines that were not JSON), or empty.
    virtual QString diagnostics() const { return QString(); }
    // Gives the Authorization header value for each HTTP request (empty: none).
    // Sent only to the server's own URL; redirects to another origin are refused.
    void setAuthorizationProvider(std::function<QByteArray()> provider)
    {
        m_authorization = std::move(provider);
    }
    // Extra certificate authorities to trust for this server (HTTP transports).
    void setCaCertificates(const QList<QSslCertificate> &certs) { m_caCertificates = certs; }
    // Number of outgoing messages not yet handed over to the server.
    virtual int pendingWrites() const { return 0; }
    // Called with each HTTP request as it is sent (the traffic log); unset: no cost.
    void setHttpTrace(std::function<void(const HttpRequest &request)> trace)
    {
        m_httpTrace = std::move(trace);
    }

protected:
    void traceHttp(const HttpRequest &request) const
    {
        if (m_httpTrace)
            m_httpTrace(request);
    }
    QByteArray authorization() const { return m_authorization ? m_authorization() : QByteArray(); }
    // An HTTP request to the server: the user's headers and the Authorization header.
    // (HttpClient follows same-origin redirects only: a token must never follow a
    // redirect to another site.)
    HttpRequest httpRequest(const QByteArray &verb, const QUrl &url,
                            const HeaderList &headers) const;
    const QList<QSslCertificate> &caCertificates() const { return m_caCertificates; }

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

private:
    std::function<QByteArray()> m_authorization;
    std::function<void(const HttpRequest &)> m_httpTrace;
    QList<QSslCertificate> m_caCertificates;
};

} // namespace mcpdesk
