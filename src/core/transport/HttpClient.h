// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "EndpointSpec.h"

#include <QHash>
#include <QList>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include <deque>
#include <functional>

namespace mcpdesk {

// One HTTP request: what HttpClient sends.
struct HttpRequest
{
    QByteArray verb = QByteArrayLiteral("GET");
    QUrl url;
    HeaderList headers;
    QByteArray body;
    // No complete answer after this long fails the request (Error::Timeout, 0: no
    // limit): for requests that are not streams (sign-in, registry, icons).
    int totalTimeoutMs = 0;
    // A stream that sends nothing for this long fails (Error::Timeout, 0: no limit):
    // a connection that died without a word is noticed.
    int idleTimeoutMs = 0;
    // An answer body larger than this fails the request (Error::Protocol, 0: no limit).
    qint64 maxBodyBytes = 0;
    // Whether sending it twice does no harm. A kept connection that breaks before any
    // answer re-sends the request on a fresh one only when it is idempotent, or when
    // none of it left McpDesk; otherwise the error is the answer (it may have run).
    // GET, HEAD, OPTIONS, PUT and DELETE are idempotent by definition.
    bool idempotent = false;
    bool isIdempotent() const
    {
        return idempotent || verb == "GET" || verb == "HEAD" || verb == "OPTIONS" ||
               verb == "PUT" || verb == "DELETE";
    }
    // Decides each redirect hop: empty to follow it, or the reason it is refused (the
    // request then fails with Error::RedirectRefused and that reason). Unset: only
    // same-origin redirects are followed; others are handed back as they are.
    std::function<QString(const QUrl &from, const QUrl &to, bool withBody)> redirectCheck;
};

class HttpClient;
class HttpConnection;

// The answer to one HttpRequest, as it arrives: metaDataChanged() once the status
// and headers are in, readyRead() for each piece of the body, finished() once
// (also after an error or abort()). Same-origin redirects are followed; the
// reply then describes the last hop.
class HttpReply : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None,
        ConnectionRefused,
        HostNotFound,
        RemoteClosed,
        Timeout,
        Cancelled,
        Tls,
        Protocol,
        Proxy,           // the proxy could not be reached, or refused (407: credentials)
        RedirectRefused, // HttpRequest::redirectCheck said no
        NotResent,       // a kept connection broke after the request went out
        Other
    };
    ~HttpReply() override;

    const HttpRequest &request() const { return m_request; }
    QUrl url() const { return m_request.url; }
    int status() const { return m_status; } // 0 until the headers are in (or none came)
    QByteArray reasonPhrase() const { return m_reason; }
    // The value of a response header (name in any case); repeated ones joined by ", ".
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    const HeaderList &headers() const { return m_headers; }
    QByteArray readAll();
    QByteArray read(qsizetype max);
    qsizetype bytesAvailable() const { return m_body.size(); }
    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    QList<QSslError> sslErrors() const { return m_sslErrors; }
    // Stops the request and closes its connection; emits finished() (error Cancelled).
    void abort();

signals:
    void metaDataChanged();
    void readyRead();
    void finished();

private:
    friend class HttpClient;
    friend class HttpConnection;
    HttpReply(HttpClient *client, HttpRequest request);
    void resetResponse();
    void fail(Error error, const QString &message);
    void finish();
    void timerEvent(QTimerEvent *event) override;
    void startTimers();
    void gotBytes(); // the stream is alive: the idle timer starts again

    HttpClient *m_client;
    HttpRequest m_request;
    HttpConnection *m_connection = nullptr;
    int m_status = 0;
    QByteArray m_reason;
    HeaderList m_headers;
    QByteArray m_body;
    QList<QSslError> m_sslErrors;
    Error m_error = Error::None;
    QString m_errorString;
    int m_attempts = 0;
    int m_redirects = 0;
    bool m_finished = false;
    int m_totalTimer = 0;
    int m_idleTimer = 0;
};

// HTTP/1.1 over keep-alive connections of its own, on the calling thread's event
// loop: no hand-over to a network thread, so a call costs what its bytes cost.
// Connections are opened as needed (up to maxConnections per client, then requests
// wait for one), kept for the next request, and dropped when the server closes them.
// Enough of HTTP for MCP: Content-Length, chunked and until-close bodies, 1xx
// skipped, same-origin redirects (others when the request's check allows them), TLS
// with extra trusted CAs, timeouts (connect, total, idle), and the proxy the system
// (or the application) names: `http:` requests in absolute form (one request per
// connection: proxies close it after the answer without a word), `https:` through a
// CONNECT tunnel, Basic proxy authentication from the proxy's user and password. Cookies the
// servers set are kept in memory for the client's life (one client per server: a load balancer that
// pins a session with a cookie gets it back) and never written anywhere. No compression, no HTTP/2.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    void setCaCertificates(const QList<QSslCertificate> &certs) { m_caCertificates = certs; }
    void setMaxConnections(int n) { m_maxConnections = n; }
    // How long a new connection may take to be made (TLS handshake and proxy tunnel
    // included) before its request fails with Error::Timeout: a server that never
    // answers shows as an error in seconds, not when the request's own time is up.
    static constexpr int DefaultConnectTimeoutMs = 15000;
    void setConnectTimeoutMs(int ms) { m_connectTimeoutMs = ms; }
    // A kept connection unused for this long is closed: before the server closes it
    // (Node's servers do after 5 s), so that a request never goes out on a connection
    // the server is closing at that moment.
    static constexpr int DefaultIdleCloseMs = 4000;
    void setIdleCloseMs(int ms) { m_idleCloseMs = ms; }
    // The reply belongs to the client; delete it (deleteLater) when done with it.
    HttpReply *send(HttpRequest request);

    int openConnections() const { return int(m_connections.size()); }
    // The cookies the servers have set so far, for `url`.
    QList<QNetworkCookie> cookiesFor(const QUrl &url) const { return m_cookies.cookiesForUrl(url); }

private:
    friend class HttpConnection;
    friend class HttpReply;
    void dispatch(HttpReply *reply);
    void connectionIdle(HttpConnection *c);
    void connectionGone(HttpConnection *c);
    void forget(HttpReply *reply);
    void startQueued();

    // Keeps what Set-Cookie says (RFC 6265 parsing is Qt's), in memory only.
    void keepCookies(const HeaderList &headers, const QUrl &url);
    QByteArray cookieHeader(const QUrl &url) const;

    QList<QSslCertificate> m_caCertificates;
    QNetworkCookieJar m_cookies;
    int m_connectTimeoutMs = DefaultConnectTimeoutMs;
    int m_idleCloseMs = DefaultIdleCloseMs;
    QList<HttpConnection *> m_connections;
    QHash<QString, QList<HttpConnection *>> m_idle; // by origin
    std::deque<HttpReply *> m_queue;
    int m_maxConnections = 64;
};

} // namespace mcpdesk
