// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "HttpClient.h"

#include "HttpResponseParser.h"

#include <QAuthenticator>
#include <QBasicTimer>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimerEvent>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace mcpdesk {

namespace {
constexpr int kMaxRedirects = 10;
constexpr int kMaxAttempts = 2; // a kept connection the server had just closed: once more

bool isTls(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
}

int portOf(const QUrl &url)
{
    return url.port(isTls(url) ? 443 : 80);
}

QString originOf(const QUrl &url)
{
    return url.scheme().toLower() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(portOf(url));
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// The proxy the user's settings name for `url` (the system's when the app asked for
// it, else Qt's application proxy). Loopback never goes through one. An HTTP proxy
// gets `http:` requests in absolute form and carries `https:` as a CONNECT tunnel.
QNetworkProxy proxyFor(const QUrl &url)
{
    const QHostAddress literal(url.host());
    if (literal.isLoopback() ||
        url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QList<QNetworkProxy> proxies =
        QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    for (const QNetworkProxy &p : proxies)
        if (p.type() == QNetworkProxy::HttpProxy || p.type() == QNetworkProxy::Socks5Proxy ||
            p.type() == QNetworkProxy::NoProxy)
            return p;
    return QNetworkProxy(QNetworkProxy::NoProxy);
}

HttpReply::Error errorOf(QAbstractSocket::SocketError e)
{
    switch (e) {
    case QAbstractSocket::ConnectionRefusedError:
        return HttpReply::Error::ConnectionRefused;
    case QAbstractSocket::HostNotFoundError:
        return HttpReply::Error::HostNotFound;
    case QAbstractSocket::RemoteHostClosedError:
        return HttpReply::Error::RemoteClosed;
    case QAbstractSocket::SocketTimeoutError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return HttpReply::Error::Timeout;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return HttpReply::Error::Tls;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
        return HttpReply::Error::Proxy;
    default:
        return HttpReply::Error::Other;
    }
}
} // namespace

// One TCP (or TLS) connection to one origin, carrying one request at a time.
class HttpConnection : public QObject
{
public:
    HttpConnection(HttpClient *client, const QUrl &url);
    ~HttpConnection() override;

    void start(HttpReply *reply);
    // Close it and forget it; the reply on it (if any) is left to the caller.
    void discard();
    bool isUsable() const
    {
        return !m_dead && m_socket->state() == QAbstractSocket::ConnectedState &&
               m_socket->bytesAvailable() == 0 && !peerHasClosed();
    }

    const QString origin;
    HttpReply *reply = nullptr;
    bool reused = false;
    void becameIdle(int closeAfterMs) { m_idleTimer.start(closeAfterMs, this); }

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void onConnected();
    void writeRequest();
    void onReadyRead();
    void onGone(QAbstractSocket::SocketError error);
    void complete();
    // The server's close (or stray bytes) already arrived but was not read yet: the
    // connection cannot take a request.
    bool peerHasClosed() const;
    QString proxyName() const
    {
        return m_proxy.hostName() + QLatin1Char(':') + QString::number(m_proxy.port());
    }
    // The proxy wants credentials (a 407, in absolute form or for a tunnel), in words.
    QString proxyAuthRefusal() const
    {
        return m_proxy.user().isEmpty()
                   ? HttpClient::tr("The proxy %1 asks for a user name and password.")
                         .arg(proxyName())
                   : HttpClient::tr("The proxy %1 refused the user name and password.")
                         .arg(proxyName());
    }

    HttpClient *m_client;
    QNetworkProxy m_proxy;
    bool m_absoluteForm = false; // http through an HTTP proxy: the proxy gets every request
    bool m_requestOut = false;   // some of the current request left for the network
    QTcpSocket *m_socket;
    QList<QSslError> m_sslErrors;
    bool m_tls;
    bool m_connected = false;
    bool m_dead = false;
    QBasicTimer m_connecting;    // until connected (TLS: encrypted)
    QBasicTimer m_idleTimer;     // kept without a request: closed when it fires
    HttpResponseParser m_parser; // the answer being read
    QUrl m_redirectTo;           // where it sends us, once its body is read (and dropped)
};

HttpConnection::HttpConnection(HttpClient *client, const QUrl &url)
    : QObject(client), origin(originOf(url)), m_client(client), m_proxy(proxyFor(url)),
      m_tls(isTls(url))
{
    m_absoluteForm = !m_tls && m_proxy.type() == QNetworkProxy::HttpProxy;
    if (m_tls) {
        auto *tls = new QSslSocket(this);
        if (!client->m_caCertificates.isEmpty()) {
            QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
            conf.addCaCertificates(client->m_caCertificates);
            tls->setSslConfiguration(conf);
        }
        connect(tls, &QSslSocket::sslErrors, this,
                [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
        connect(tls, &QSslSocket::encrypted, this, &HttpConnection::onConnected);
        connect(tls, &QSslSocket::encryptedBytesWritten, this, [this] { m_requestOut = true; });
        m_socket = tls;
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &HttpConnection::onConnected);
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { m_requestOut = true; });
    }
    // A tunnel's proxy that asks for credentials gets the ones its settings hold.
    connect(m_socket, &QTcpSocket::proxyAuthenticationRequired, this,
            [](const QNetworkProxy &proxy, QAuthenticator *auth) {
                if (!proxy.user().isEmpty() && auth->user().isEmpty()) {
                    auth->setUser(proxy.user());
                    auth->setPassword(proxy.password());
                }
            });
    connect(m_socket, &QTcpSocket::connected, this,
            [this] { m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onGone);
    connect(m_socket, &QTcpSocket::disconnected, this,
            [this] { onGone(QAbstractSocket::RemoteHostClosedError); });
    m_connecting.start(client->m_connectTimeoutMs, this);
    const QString host = url.host();
    if (auto *tls = qobject_cast<QSslSocket *>(m_socket)) {
        tls->setProxy(m_proxy);
        tls->connectToHostEncrypted(host, quint16(portOf(url)));
    } else if (m_absoluteForm) {
        m_socket->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        m_socket->connectToHost(m_proxy.hostName(), m_proxy.port());
    } else {
        m_socket->setProxy(m_proxy);
        m_socket->connectToHost(host, quint16(portOf(url)));
    }
}

bool HttpConnection::peerHasClosed() const
{
#ifdef Q_OS_UNIX
    const qintptr fd = m_socket->socketDescriptor();
    if (fd < 0)
        return false;
    char byte;
    const auto n = ::recv(int(fd), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n >= 0; // 0: the server closed it; more: bytes nobody asked for
#else
    return false;
#endif
}

HttpConnection::~HttpConnection()
{
    QObject::disconnect(m_socket, nullptr, this, nullptr);
    if (reply)
        reply->m_connection = nullptr;
}

void HttpConnection::onConnected()
{
    m_connecting.stop();
    m_connected = true;
    writeRequest();
}

void HttpConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_idleTimer.timerId()) {
        // Kept idle too long: closed by us before the server's keep-alive ends, so
        // that a request is never sent just as the server closes it.
        m_idleTimer.stop();
        if (!reply)
            discard();
        return;
    }
    if (event->timerId() != m_connecting.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_connecting.stop();
    if (m_connected || m_dead)
        return;
    HttpReply *r = reply;
    const double seconds = m_client->m_connectTimeoutMs / 1000.0;
    discard(); // detaches r
    if (r)
        r->fail(HttpReply::Error::Timeout,
                HttpClient::tr("No connection to the server after %1 s.").arg(seconds, 0, 'g', 3));
}

void HttpConnection::start(HttpReply *r)
{
    m_idleTimer.stop();
    reply = r;
    r->m_connection = this;
    m_requestOut = false;
    m_parser.start(r->m_request.verb == "HEAD");
    m_redirectTo.clear();
    if (m_connected)
        writeRequest();
}

void HttpConnection::writeRequest()
{
    if (!reply || m_dead)
        return;
    const HttpRequest &req = reply->m_request;
    QByteArray target = req.url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (req.url.hasQuery())
        target += '?' + req.url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = req.url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (req.url.port() > 0 && req.url.port() != (m_tls ? 443 : 80))
        host += ':' + QByteArray::number(req.url.port());

    if (m_absoluteForm) // the proxy must know where the request goes
        target = "http://" + host + target;

    QByteArray out;
    out.reserve(256 + req.body.size());
    out += req.verb + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    if (m_absoluteForm && !m_proxy.user().isEmpty())
        out += "Proxy-Authorization: Basic " +
               (m_proxy.user() + QLatin1Char(':') + m_proxy.password()).toUtf8().toBase64() +
               "\r\n";
    bool userAgent = false;
    bool userCookie = false;
    for (const auto &[name, value] : req.headers) {
        // A line break in a configured header would start a header of its own.
        if (name.isEmpty() || name.contains('\r') || name.contains('\n') || value.contains('\r') ||
            value.contains('\n') || sameHeaderName(name, "Host") ||
            sameHeaderName(name, "Content-Length") || sameHeaderName(name, "Transfer-Encoding") ||
            sameHeaderName(name, "Connection") || sameHeaderName(name, "Proxy-Authorization"))
            continue;
        userAgent = userAgent || sameHeaderName(name, "User-Agent");
        userCookie = userCookie || sameHeaderName(name, "Cookie");
        out += name + ": " + value + "\r\n";
    }
    // The cookies the server set, unless the person configured a Cookie header.
    if (const QByteArray cookies = userCookie ? QByteArray() : m_client->cookieHeader(req.url);
        !cookies.isEmpty())
        out += "Cookie: " + cookies + "\r\n";
    if (!userAgent)
        out += "User-Agent: McpDesk/" MCPDESK_VERSION "\r\n";
    if (!req.body.isEmpty() || req.verb == "POST" || req.verb == "PUT" || req.verb == "PATCH")
        out += "Content-Length: " + QByteArray::number(req.body.size()) + "\r\n";
    out += "\r\n";
    out += req.body;
    m_socket->write(out);
    if (m_socket->flush()) // now, not on the next turn of the event loop
        m_requestOut = true;
}

void HttpConnection::onReadyRead()
{
    if (m_dead)
        return;
    QByteArray data = m_socket->readAll();
    if (!reply) {
        discard(); // nothing asked: a kept connection the server speaks on (408, close)
        return;
    }
    QPointer<HttpReply> r = reply;
    r->gotBytes();
    const HttpResponseParser::Progress p = m_parser.feed(std::move(data));
    auto stillOurs = [&] { return r && r->m_connection == this && !m_dead; };
    if (!p.error.isEmpty()) {
        discard(); // detaches r
        r->fail(HttpReply::Error::Protocol, p.error);
        return;
    }
    if (p.headers) {
        const int status = m_parser.status();
        if (status == 407 && m_absoluteForm) {
            discard(); // detaches r
            r->fail(HttpReply::Error::Proxy, proxyAuthRefusal());
            return;
        }
        m_client->keepCookies(m_parser.headers(), r->m_request.url);
        if (isRedirect(status) && m_parser.hasHeader("Location") &&
            r->m_redirects < kMaxRedirects) {
            const QUrl from = r->m_request.url;
            const QUrl to = from.resolved(QUrl::fromEncoded(m_parser.header("Location")));
            const bool web = to.scheme() == QLatin1String("http") || isTls(to);
            if (r->m_request.redirectCheck && web) {
                const QString why = r->m_request.redirectCheck(
                    from, to, !r->m_request.body.isEmpty() && (status == 307 || status == 308));
                if (!why.isEmpty()) {
                    discard(); // detaches r
                    r->fail(HttpReply::Error::RedirectRefused, why);
                    return;
                }
                m_redirectTo = to;
            } else if (web && originOf(to) == originOf(from)) {
                m_redirectTo = to;
            }
        }
        if (m_redirectTo.isEmpty()) {
            r->m_status = status;
            r->m_reason = m_parser.reasonPhrase();
            r->m_headers = m_parser.headers();
            emit r->metaDataChanged();
            if (!stillOurs())
                return;
        }
    }
    if (p.body) {
        QByteArray body = m_parser.takeBody();
        if (m_redirectTo.isEmpty()) { // the body of a redirect: nobody reads it
            if (r->m_request.maxBodyBytes > 0 &&
                r->m_body.size() + body.size() > r->m_request.maxBodyBytes) {
                discard(); // detaches r
                r->fail(HttpReply::Error::Protocol,
                        HttpClient::tr("The answer is larger than %1 bytes; McpDesk stopped "
                                       "reading it.")
                            .arg(r->m_request.maxBodyBytes));
                return;
            }
            if (r->m_body.isEmpty())
                r->m_body = std::move(body);
            else
                r->m_body += body;
            emit r->readyRead();
            if (!stillOurs())
                return;
        }
    }
    if (p.done)
        complete();
}

void HttpConnection::complete()
{
    HttpReply *r = reply;
    reply = nullptr;
    r->m_connection = nullptr;
    const QUrl redirectTo = m_redirectTo;
    const int status = m_parser.status(); // (a queued request may reuse this connection below)
    m_redirectTo.clear();
    // Through an HTTP proxy, a connection carries one request: proxies such as
    // tinyproxy close it after the answer without saying so.
    if (m_parser.keepAlive() && !m_absoluteForm)
        m_client->connectionIdle(this);
    else
        discard();
    if (!redirectTo.isEmpty()) {
        HttpRequest &req = r->m_request;
        if ((status == 301 || status == 302 || status == 303) && req.verb != "GET" &&
            req.verb != "HEAD") {
            req.verb = "GET"; // as browsers do; 307 and 308 repeat the request as it was
            req.body.clear();
        }
        req.url = redirectTo;
        ++r->m_redirects;
        r->m_attempts = 0;
        r->resetResponse();
        m_client->dispatch(r);
        return;
    }
    r->finish();
}

void HttpConnection::onGone(QAbstractSocket::SocketError error)
{
    if (m_dead)
        return;
    if (reply && m_socket->bytesAvailable() > 0) {
        QPointer<HttpConnection> self = this;
        onReadyRead(); // what came before the end
        if (!self || m_dead)
            return;
    }
    if (reply && error == QAbstractSocket::RemoteHostClosedError && m_parser.finishAtEnd()) {
        complete(); // the end of the connection is the end of this answer
        return;
    }
    HttpReply *r = reply;
    const bool wasReused = reused;
    const bool wasConnected = m_connected;
    const bool requestOut = m_requestOut;
    const qint64 received = m_parser.received();
    const QString why = m_socket->errorString();
    const QList<QSslError> sslErrors = m_sslErrors;
    discard(); // detaches r
    if (!r)
        return;
    r->m_sslErrors = sslErrors;
    if (received == 0 && wasReused && r->m_attempts < kMaxAttempts && r->m_client) {
        // The server had closed the kept connection. Sent again on a fresh one only
        // when that cannot run it twice: none of it went out, or it is idempotent.
        if (!requestOut || r->m_request.isIdempotent()) {
            r->resetResponse();
            r->m_client->dispatch(r);
            return;
        }
        r->fail(HttpReply::Error::NotResent,
                HttpClient::tr("The connection to %1 broke just after the request was sent, "
                               "before any answer. It may have reached the server, so McpDesk "
                               "did not send it again.")
                    .arg(r->m_request.url.host()));
        return;
    }
    if (m_absoluteForm && !wasConnected) {
        r->fail(HttpReply::Error::Proxy,
                HttpClient::tr("Could not reach the proxy %1: %2").arg(proxyName(), why));
        return;
    }
    if (errorOf(error) == HttpReply::Error::Proxy) {
        r->fail(HttpReply::Error::Proxy,
                error == QAbstractSocket::ProxyAuthenticationRequiredError
                    ? proxyAuthRefusal()
                    : HttpClient::tr("The proxy %1 failed: %2").arg(proxyName(), why));
        return;
    }
    if (error == QAbstractSocket::RemoteHostClosedError && received > 0)
        r->fail(HttpReply::Error::RemoteClosed,
                HttpClient::tr("The server closed the connection before the answer was complete."));
    else
        r->fail(errorOf(error), why);
}

void HttpConnection::discard()
{
    if (m_dead)
        return;
    m_dead = true;
    QObject::disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    if (reply) {
        reply->m_connection = nullptr;
        reply = nullptr;
    }
    m_client->connectionGone(this);
}

// --- HttpReply ---------------------------------------------------------------

HttpReply::HttpReply(HttpClient *client, HttpRequest request)
    : QObject(client), m_client(client), m_request(std::move(request))
{
}

HttpReply::~HttpReply()
{
    if (m_connection)
        m_connection->discard(); // mid-answer: the connection cannot carry another request
    if (m_client)
        m_client->forget(this);
}

QByteArray HttpReply::header(QByteArrayView name) const
{
    return headerValue(m_headers, name);
}

bool HttpReply::hasHeader(QByteArrayView name) const
{
    return hasHeaderNamed(m_headers, name);
}

QByteArray HttpReply::readAll()
{
    return std::exchange(m_body, QByteArray());
}

QByteArray HttpReply::read(qsizetype max)
{
    if (max >= m_body.size())
        return readAll();
    QByteArray part = m_body.first(max);
    m_body.remove(0, max);
    return part;
}

void HttpReply::resetResponse()
{
    m_status = 0;
    m_reason.clear();
    m_headers.clear();
    m_body.clear();
}

void HttpReply::abort()
{
    if (m_finished)
        return;
    if (m_connection)
        m_connection->discard(); // detaches this reply
    else if (m_client)
        m_client->forget(this);
    fail(Error::Cancelled, tr("The request was cancelled."));
}

void HttpReply::fail(Error error, const QString &message)
{
    if (m_finished)
        return;
    m_error = error;
    m_errorString = message;
    finish();
}

void HttpReply::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_totalTimer)
        killTimer(std::exchange(m_totalTimer, 0));
    if (m_idleTimer)
        killTimer(std::exchange(m_idleTimer, 0));
    emit finished();
}

void HttpReply::startTimers()
{
    if (m_request.totalTimeoutMs > 0)
        m_totalTimer = startTimer(m_request.totalTimeoutMs);
    if (m_request.idleTimeoutMs > 0)
        m_idleTimer = startTimer(m_request.idleTimeoutMs);
}

void HttpReply::gotBytes()
{
    if (m_idleTimer) {
        killTimer(m_idleTimer);
        m_idleTimer = startTimer(m_request.idleTimeoutMs);
    }
}

void HttpReply::timerEvent(QTimerEvent *event)
{
    const bool total = event->timerId() == m_totalTimer;
    if (!total && event->timerId() != m_idleTimer) {
        QObject::timerEvent(event);
        return;
    }
    const double seconds = (total ? m_request.totalTimeoutMs : m_request.idleTimeoutMs) / 1000.0;
    const QString host = m_request.url.host();
    if (m_connection)
        m_connection->discard(); // detaches this reply
    else if (m_client)
        m_client->forget(this);
    fail(Error::Timeout,
         total ? tr("%1 sent no complete answer within %2 s.").arg(host).arg(seconds, 0, 'g', 3)
               : tr("%1 sent nothing for %2 s; McpDesk gave up on the connection.")
                     .arg(host)
                     .arg(seconds, 0, 'g', 3));
}

// --- HttpClient --------------------------------------------------------------

HttpClient::HttpClient(QObject *parent) : QObject(parent) {}

HttpClient::~HttpClient()
{
    const auto replies = findChildren<HttpReply *>(Qt::FindDirectChildrenOnly);
    for (HttpReply *r : replies) {
        r->m_client = nullptr;
        r->m_connection = nullptr;
    }
    for (HttpConnection *c : std::as_const(m_connections)) {
        c->reply = nullptr;
        delete c;
    }
    m_connections.clear();
    m_queue.clear();
    qDeleteAll(replies);
}

HttpReply *HttpClient::send(HttpRequest request)
{
    auto *reply = new HttpReply(this, std::move(request));
    reply->startTimers();
    dispatch(reply);
    return reply;
}

void HttpClient::dispatch(HttpReply *reply)
{
    ++reply->m_attempts;
    const QString origin = originOf(reply->m_request.url);
    const auto it = m_idle.find(origin);
    if (it != m_idle.end()) {
        while (!it->isEmpty()) {
            HttpConnection *c = it->takeLast();
            if (c->isUsable()) {
                c->start(reply);
                return;
            }
            c->discard();
        }
    }
    if (m_connections.size() >= m_maxConnections) {
        m_queue.push_back(reply);
        return;
    }
    auto *c = new HttpConnection(this, reply->m_request.url);
    m_connections.append(c);
    c->start(reply);
}

void HttpClient::connectionIdle(HttpConnection *c)
{
    c->reused = true;
    c->becameIdle(m_idleCloseMs);
    m_idle[c->origin].append(c);
    startQueued();
}

void HttpClient::connectionGone(HttpConnection *c)
{
    m_connections.removeOne(c);
    const auto it = m_idle.find(c->origin);
    if (it != m_idle.end())
        it->removeOne(c);
    c->deleteLater();
    startQueued();
}

void HttpClient::forget(HttpReply *reply)
{
    const auto it = std::find(m_queue.begin(), m_queue.end(), reply);
    if (it != m_queue.end())
        m_queue.erase(it);
}

void HttpClient::startQueued()
{
    while (!m_queue.empty()) {
        HttpReply *next = m_queue.front();
        const auto idle = m_idle.constFind(originOf(next->m_request.url));
        const bool hasIdle = idle != m_idle.constEnd() && !idle->isEmpty();
        if (!hasIdle && m_connections.size() >= m_maxConnections) {
            // Full: make room by closing a kept connection to another server, if any.
            HttpConnection *spare = nullptr;
            for (const auto &list : std::as_const(m_idle))
                if (!list.isEmpty())
                    spare = list.first();
            if (!spare)
                return;
            spare->discard();
            continue;
        }
        m_queue.pop_front();
        dispatch(next);
    }
}

void HttpClient::keepCookies(const HeaderList &headers, const QUrl &url)
{
    for (const auto &[name, value] : headers) // one by one: a cookie's date has commas
        if (sameHeaderName(name, "Set-Cookie"))
            m_cookies.setCookiesFromUrl(QNetworkCookie::parseCookies(value), url);
}

QByteArray HttpClient::cookieHeader(const QUrl &url) const
{
    QByteArray header;
    for (const QNetworkCookie &c : m_cookies.cookiesForUrl(url)) {
        if (!header.isEmpty())
            header += "; ";
        header += c.toRawForm(QNetworkCookie::NameAndValueOnly);
    }
    return header;
}

} // namespace mcpdesk
