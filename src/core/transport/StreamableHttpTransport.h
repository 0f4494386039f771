// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "HttpClient.h"
#include "HttpTransport.h"
#include "MessageInbox.h"

#include <QList>
#include <QSet>
#include <QUrl>

#include <memory>

namespace mcpdesk {

class SseParser;

// MCP Streamable HTTP (2025-03-26 … 2025-11-25).
//
// Each message goes out as its own POST with `Accept: application/json,
// text/event-stream`; the answer comes back as a JSON body or as an SSE stream on
// that POST; notifications and responses get 202. After the handshake a GET opens
// the optional stream for server-initiated messages (405 = the server has none).
//
// Streams that break are resumed:
//
//   POST answer stream --ends without the answer, had an event id--> wait `retry`
//        --> GET + Last-Event-ID --ends again--> wait `retry` --> GET ... (until
//        the answer arrives, or 3 attempts in a row bring nothing new)
//   standalone GET stream --ends--> wait `retry` --> GET + Last-Event-ID
//        (405: never again; errors back off 1 s, 2 s, 4 s … and stop after 5)
//
// Requests go through an HttpClient of the transport's own, on this thread: an
// SSE answer holds its connection until the stream ends, so another connection is
// opened whenever every kept one is busy (up to 64, then requests wait).
class StreamableHttpTransport : public HttpTransport
{
    Q_OBJECT
public:
    explicit StreamableHttpTransport(const QUrl &endpoint, QObject *parent = nullptr);
    ~StreamableHttpTransport() override;

    TransportKind kind() const override { return TransportKind::StreamableHttp; }
    QUrl endpoint() const { return m_endpoint; }
    QByteArray sessionId() const { return m_sessionId; }
    void setMaxEventSize(qsizetype bytes) { m_maxEventSize = bytes; }
    // Delay before reconnecting when the server gave no `retry`.
    void setDefaultRetryMs(int ms) { m_defaultRetryMs = ms; }
    void setServerStreamEnabled(bool on) { m_serverStreamEnabled = on; }
    // A GET event stream that brings nothing (not even a comment) for this long is
    // opened again: a connection that died without a word is noticed.
    static constexpr int DefaultStreamIdleTimeoutMs = 5 * 60 * 1000;
    void setStreamIdleTimeoutMs(int ms) { m_streamIdleTimeoutMs = ms; }
    bool isServerStreamOpen() const;

signals:
    // The server's own message stream (the standalone GET) is open.
    void serverStreamOpened();

public:
    void open() override;
    void send(const QJsonObject &message) override;
    void abandon(const QJsonValue &id) override;
    void setProtocolVersion(const QString &version) override;
    void sessionStarted(std::function<void()> opened) override;
    void resetSession() override;
    void close() override;
    int pendingWrites() const override { return m_pendingWrites; }

private:
    struct Stream;
    HttpClient *http();
    HttpRequest baseRequest(const QByteArray &verb) const;
    void attach(Stream *s, HttpReply *reply);
    void openGet(Stream *s);
    void scheduleGet(Stream *s, int delayMs);
    void serverStreamSettled();
    void onReadyRead(Stream *s);
    void onFinished(Stream *s);
    void onPostFinished(Stream *s, int status);
    void onGetFinished(Stream *s, int status);
    void startResponse(Stream *s);
    void deliver(Stream *s, const QByteArray &json);
    void dispatch(quint64 serial, const MessageInbox::Decoded &decoded);
    Stream *findStream(quint64 serial) const;
    void handleDecoded(Stream *s, const MessageInbox::Decoded &decoded);
    void failStream(Stream *s, const McpError &error);
    McpError httpError(Stream *s, int status) const;
    void destroy(Stream *s);

    QUrl m_endpoint;
    QByteArray m_sessionId;
    QByteArray m_protocolVersion;
    qsizetype m_maxEventSize;
    int m_defaultRetryMs = 1000;
    int m_streamIdleTimeoutMs = DefaultStreamIdleTimeoutMs;
    bool m_serverStreamEnabled = true;
    std::unique_ptr<HttpClient> m_http;
    QSet<Stream *> m_streams;
    Stream *m_serverStream = nullptr;
    std::function<void()> m_serverStreamSettled; // sessionStarted()'s `opened`
    quint64 m_nextSerial = 0;
    MessageInbox m_inbox;
    int m_pendingWrites = 0;
    bool m_closed = false;
};

} // namespace mcpdesk
