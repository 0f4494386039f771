#pragma once

#include "Transport.h"

#include <QHash>
#include <QList>
#include <QNetworkReply>
#include <QSslError>
#include <QUrl>

#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace mcpdesk {

class SseParser;

// MCP Streamable HTTP (2025-03-26 … 2025-11-25): one POST per message with
// `Accept: application/json, text/event-stream`; the answer comes back as a JSON
// body or as an SSE stream on that POST; 202 for notifications and responses.
//
// QNetworkAccessManager opens at most six connections per host and port, and an
// SSE answer holds its connection until the stream ends. So requests are spread
// over a small pool of managers: a new manager is added only when every existing
// one already has six requests in flight, and long calls never starve short ones.
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

    void open() override;
    void send(const QJsonObject &message) override;
    void abandon(const QJsonValue &id) override;
    void setProtocolVersion(const QString &version) override;
    void close() override;
    int pendingWrites() const override { return m_pendingWrites; }

    // Describes a network failure of `reply` in words (TLS details included).
    static McpError describeNetworkError(QNetworkReply *reply, const QList<QSslError> &sslErrors);

private:
    struct Exchange;
    QNetworkAccessManager *pickManager();
    void onReadyRead(Exchange *ex);
    void onFinished(Exchange *ex);
    void startResponse(Exchange *ex);
    void deliver(Exchange *ex, const QByteArray &json);
    void failExchange(Exchange *ex, const McpError &error);
    void release(Exchange *ex);

    QUrl m_endpoint;
    HeaderList m_headers;
    QByteArray m_sessionId;
    QByteArray m_protocolVersion;
    qsizetype m_maxEventSize;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    QHash<QNetworkAccessManager *, int> m_inFlight;
    QHash<QNetworkReply *, Exchange *> m_exchanges;
    int m_pendingWrites = 0;
    bool m_closed = false;
};

} // namespace mcpdesk
