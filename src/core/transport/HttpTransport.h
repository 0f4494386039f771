// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "HttpClient.h"
#include "Transport.h"

#include <QJsonObject>
#include <QList>
#include <QSslCertificate>

#include <functional>

namespace mcpdesk {

// What the two HTTP transports (Streamable HTTP and HTTP+SSE) share: the user's
// headers, the Authorization header, extra certificate authorities, the trace of
// each request for the traffic log, and failures described in words.
class HttpTransport : public Transport
{
    Q_OBJECT
public:
    using Transport::Transport;

    // Headers sent with every request (configured by the user).
    void setHeaders(const HeaderList &headers) { m_headers = headers; }
    // Gives the Authorization header value for each HTTP request (empty: none).
    // Sent only to the server's own URL; redirects to another origin are refused.
    void setAuthorizationProvider(std::function<QByteArray()> provider)
    {
        m_authorization = std::move(provider);
    }
    // Extra certificate authorities to trust for this server.
    void setCaCertificates(const QList<QSslCertificate> &certs) { m_caCertificates = certs; }
    // Gives the headers a message carries besides the usual ones (MCP 2026-07-28's
    // Mcp-Method, Mcp-Name, Mcp-Param-*), or none; unset: none.
    void setMessageHeaders(std::function<HeaderList(const QJsonObject &message)> headers)
    {
        m_messageHeaders = std::move(headers);
    }
    // Called with each HTTP request as it is sent (the traffic log); unset: no cost.
    void setHttpTrace(std::function<void(const HttpRequest &request)> trace)
    {
        m_httpTrace = std::move(trace);
    }

    // Describes a network failure of `reply` in words (TLS details included).
    static McpError describeNetworkError(const HttpReply *reply);

protected:
    void traceHttp(const HttpRequest &request) const
    {
        if (m_httpTrace)
            m_httpTrace(request);
    }
    // An HTTP request to the server: the user's headers and the Authorization header.
    // (HttpClient follows same-origin redirects only: a token must never follow a
    // redirect to another site.)
    HttpRequest httpRequest(const QByteArray &verb, const QUrl &url) const;
    const QList<QSslCertificate> &caCertificates() const { return m_caCertificates; }
    HeaderList messageHeaders(const QJsonObject &message) const
    {
        return m_messageHeaders ? m_messageHeaders(message) : HeaderList();
    }
    // "host" or "host:port", as messages name a server.
    static QString hostOf(const QUrl &url);

private:
    HeaderList m_headers;
    std::function<QByteArray()> m_authorization;
    std::function<void(const HttpRequest &)> m_httpTrace;
    std::function<HeaderList(const QJsonObject &)> m_messageHeaders;
    QList<QSslCertificate> m_caCertificates;
};

} // namespace mcpdesk
