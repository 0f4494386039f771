// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "HttpClient.h"
#include "HttpTransport.h"
#include "MessageInbox.h"

#include <QTimer>
#include <QUrl>

#include <memory>

namespace mcpdesk {

class SseParser;

// The HTTP+SSE transport of protocol revision 2024-11-05.
//
//   open(): GET <sse url> --"endpoint" event--> POST url (resolved against the
//   SSE url) --> opened(); every answer arrives on that one event stream.
//
// POSTs are answered 202 (or 200); a POST that fails fails its request. The
// stream ending ends the connection (this revision cannot resume).
class LegacySseTransport : public HttpTransport
{
    Q_OBJECT
public:
    explicit LegacySseTransport(const QUrl &sseUrl, QObject *parent = nullptr);
    ~LegacySseTransport() override;

    TransportKind kind() const override { return TransportKind::LegacySse; }
    void setEndpointTimeoutMs(int ms) { m_endpointTimeoutMs = ms; }
    QUrl postUrl() const { return m_postUrl; }
    // The address the `endpoint` event names, resolved against the stream's as the
    // WHATWG URL parser does (what the SDKs use): leading and trailing spaces and
    // control characters stripped, tabs and newlines removed.
    static QUrl resolveEndpoint(const QUrl &sseUrl, const QByteArray &data);

    void open() override;
    void send(const QJsonObject &message) override;
    void close() override;
    int pendingWrites() const override { return m_pendingWrites; }

private:
    void handleMessage(const MessageInbox::Decoded &d);
    void onStreamData();
    void onStreamFinished();
    void fail(const McpError &error);

    QUrl m_sseUrl;
    QUrl m_postUrl;
    std::unique_ptr<HttpClient> m_http;
    HttpReply *m_stream = nullptr;
    std::unique_ptr<SseParser> m_parser;
    MessageInbox m_inbox{[this](quint64, const MessageInbox::Decoded &d) { handleMessage(d); }};
    QTimer m_endpointTimer;
    int m_endpointTimeoutMs = 30000;
    int m_pendingWrites = 0;
    bool m_closed = false;
    bool m_failed = false;
};

} // namespace mcpdesk
