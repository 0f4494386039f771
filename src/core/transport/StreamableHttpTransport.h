#pragma once

#include "MessageInbox.h"
#include "Transport.h"

#include <QHash>
#include <QList>
#include <QNetworkReply>
#include <QSet>
#include <QSslError>
#include <QUrl>

#include <memory>
#include <vector>

class QNetworkAccessManager;

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
// QNetworkAccessManager opens at most six connections per host and port, and an
// SSE answer holds its connection until the stream ends. So requests are spread
// over a small pool of managers (one more only when every one has six in flight),
// and the standalone stream has a manager of its own: it never starves calls.
class StreamableHttpTransport : public Transport
{
    Q_OBJECT
public:
    explicit StreamableHttpTransport(const QUrl &endpoint, QObject *parent = nullptr);
    ~StreamableHttpTransport() override;

    TransportKind kind() const override { return TransportKind::StreamableHttp; }
    void setHeaders(const HeaderList &headers) { m_headers = headers; }
    QUrl endpoint() const { return m_endpoint; }
    QByteArray sessionId() const { return m_sessionId; }
    void setMaxEventSize(qsizetype bytes) { m_maxEventSize = bytes; }
    // Delay before reconnecting when the server gave no `retry`.
    void setDefaultRetryMs(int ms) { m_defaultRetryMs = ms; }
    void setServerStreamEnabled(bool on) { m_serverStreamEnabled = on; }
    bool isServerStreamOpen() const;

signals:
    // The server's own message stream (the standalone GET) is open.
    void serverStreamOpened();

public:

    void open() override;
    void send(const QJsonObject &message) override;
    void abandon(const QJsonValue &id) override;
    void setProtocolVersion(const QString &version) override;
    void sessionStarted() override;
    void resetSession() override;
    void close() override;
    int pendingWrites() const override { return m_pendingWrites; }

    // Describes a network failure of `reply` in words (TLS details included).
    static McpError describeNetworkError(QNetworkReply *reply, const QList<QSslError> &sslErrors);

private:
    struct Stream;
    QNetworkAccessManager *pickManager();
    QNetworkRequest baseRequest() const;
    void attach(Stream *s, QNetworkReply *reply);
    void openGet(Stream *s);
    void scheduleGet(Stream *s, int delayMs);
    void onReadyRead(Stream *s);
    void onFinished(Stream *s);
    void onPostFinished(Stream *s, int status);
    void onGetFinished(Stream *s, int status);
    void startResponse(Stream *s);
    void deliver(Stream *s, const QByteArray &json);
    void dispatch(quint64 serial, const MessageInbox::Decoded &decoded);
    Stream *findStream(quint64 serial) const;
    void handleDecoded(Stream *s, const QJsonDocument &doc, const QJsonParseError &err);
    void failStream(Stream *s, const McpError &error);
    McpError httpError(Stream *s, int status) const;
    void destroy(Stream *s);
    void uncount(Stream *s);

    QUrl m_endpoint;
    HeaderList m_headers;
    QByteArray m_sessionId;
    QByteArray m_protocolVersion;
    qsizetype m_maxEventSize;
    int m_defaultRetryMs = 1000;
    bool m_serverStreamEnabled = true;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::unique_ptr<QNetworkAccessManager> m_streamManager; // the standalone GET only
    QHash<QNetworkAccessManager *, int> m_inFlight;
    QSet<Stream *> m_streams;
    Stream *m_serverStream = nullptr;
    quint64 m_nextSerial = 0;
    MessageInbox m_inbox;
    int m_pendingWrites = 0;
    bool m_closed = false;
};

} // namespace mcpdesk
