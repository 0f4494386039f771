// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// HttpClient, the transports' HTTP/1.1 client, against a scripted server in this
// process: keep-alive, chunked answers in pieces, interim answers, redirects (same
// origin only), a kept connection the server closed, and the faults no real MCP
// server produces on purpose (garbage, cut answers, endless headers). The real
// servers (tst_everything, the conformance runs) use it for everything else.
#include "transport/HttpClient.h"

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <functional>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace mcpdesk;

namespace {

struct Seen
{
    int connection = 0;
    int onConnection = 0; // 1 = the first request on its connection
    QByteArray verb, path, headers, body;
};

// Reads requests (Content-Length bodies) and lets the test answer each one.
class ScriptedServer : public QObject
{
public:
    using Handler = std::function<void(QTcpSocket *, const Seen &)>;
    explicit ScriptedServer(Handler handler) : m_handler(std::move(handler))
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                const int id = ++m_connections;
                ++m_open;
                m_maxOpen = std::max(m_maxOpen, m_open);
                auto buf = std::make_shared<QByteArray>();
                auto count = std::make_shared<int>(0);
                connect(s, &QTcpSocket::disconnected, this, [this, s] {
                    --m_open;
                    s->deleteLater();
                });
                connect(s, &QTcpSocket::readyRead, this, [this, s, buf, id, count] {
                    *buf += s->readAll();
                    for (;;) {
                        const qsizetype end = buf->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        Seen seen;
                        seen.connection = id;
                        const QByteArray head = buf->left(end);
                        const QList<QByteArray> first = head.left(head.indexOf("\r\n")).split(' ');
                        seen.verb = first.value(0);
                        seen.path = first.value(1);
                        seen.headers = head.mid(head.indexOf("\r\n") + 2);
                        qsizetype length = 0;
                        for (const QByteArray &line : seen.headers.split('\n'))
                            if (line.toLower().startsWith("content-length:"))
                                length = line.mid(15).trimmed().toLongLong();
                        if (buf->size() < end + 4 + length)
                            return;
                        seen.body = buf->mid(end + 4, length);
                        buf->remove(0, end + 4 + length);
                        seen.onConnection = ++*count;
                        requests.append(seen);
                        m_handler(s, seen);
                        if (s->state() != QAbstractSocket::ConnectedState)
                            return;
                    }
                });
            }
        });
    }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    int connections() const { return m_connections; }
    int maxOpen() const { return m_maxOpen; }
    int openConnections() const { return m_open; }
    QList<Seen> requests;

private:
    QTcpServer m_server;
    Handler m_handler;
    int m_connections = 0;
    int m_open = 0;
    int m_maxOpen = 0;
};

QByteArray ok(const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Waits for the reply to finish; returns the body it read along the way.
QByteArray finish(HttpReply *reply, int *readyReads = nullptr)
{
    QByteArray body;
    QObject::connect(reply, &HttpReply::readyRead, reply, [reply, &body, readyReads] {
        body += reply->readAll();
        if (readyReads)
            ++*readyReads;
    });
    QSignalSpy done(reply, &HttpReply::finished);
    if (!reply->isFinished() && !done.wait(10000))
        qWarning("the reply did not finish");
    body += reply->readAll();
    return body;
}

HttpRequest get(const QUrl &url)
{
    HttpRequest r;
    r.url = url;
    return r;
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT
private slots:
    void keepsTheConnection()
    {
        ScriptedServer server(
            [](QTcpSocket *s, const Seen &seen) { s->write(ok("answer to " + seen.path)); });
        HttpClient client;
        for (int i = 0; i < 20; ++i) {
            HttpReply *r = client.send(get(server.url(QStringLiteral("/n%1").arg(i))));
            QCOMPARE(finish(r), "answer to /n" + QByteArray::number(i));
            QCOMPARE(r->status(), 200);
            QCOMPARE(r->header("content-type"), QByteArray("text/plain"));
            QCOMPARE(r->error(), HttpReply::Error::None);
            delete r;
        }
        QCOMPARE(server.connections(), 1);
        QCOMPARE(client.openConnections(), 1);
        QCOMPARE(server.requests.last().onConnection, 20);
        QVERIFY(server.requests.first().headers.contains("Host: 127.0.0.1:"));
    }

    // A kept connection left unused is closed by the client (before the server's own
    // keep-alive ends); the next request opens a new one.
    void idleConnectionIsClosed()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &) { s->write(ok("x")); });
        HttpClient client;
        client.setIdleCloseMs(50);
        std::unique_ptr<HttpReply> first(client.send(get(server.url(QStringLiteral("/a")))));
        QCOMPARE(finish(first.get()), QByteArray("x"));
        QCOMPARE(client.openConnections(), 1);
        QTRY_COMPARE(client.openConnections(), 0);
        QTRY_COMPARE(server.openConnections(), 0); // the server saw it end
        std::unique_ptr<HttpReply> second(client.send(get(server.url(QStringLiteral("/b")))));
        QCOMPARE(finish(second.get()), QByteArray("x"));
        QCOMPARE(server.connections(), 2);
        QCOMPARE(second->error(), HttpReply::Error::None);
    }

    // A cookie the server sets comes back on the next requests to it (a load balancer
    // pins the session that way), from memory only; two clients share none.
    void cookiesComeBack()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &seen) {
            if (seen.path == "/first")
                s->write("HTTP/1.1 200 OK\r\nSet-Cookie: AWSALB=node-7; Path=/; Expires=Wed, 09 "
                         "Jun 2100 10:18:14 GMT\r\nSet-Cookie: lang=en\r\nContent-Length: "
                         "2\r\n\r\nok");
            else
                s->write(ok("next"));
        });
        HttpClient client;
        std::unique_ptr<HttpReply> first(client.send(get(server.url(QStringLiteral("/first")))));
        QCOMPARE(finish(first.get()), QByteArray("ok"));
        QVERIFY(!server.requests.at(0).headers.contains("Cookie:"));
        std::unique_ptr<HttpReply> second(client.send(get(server.url(QStringLiteral("/mcp")))));
        QCOMPARE(finish(second.get()), QByteArray("next"));
        QVERIFY2(server.requests.at(1).headers.contains("Cookie: AWSALB=node-7; lang=en\r\n") ||
                     server.requests.at(1).headers.contains("Cookie: lang=en; AWSALB=node-7\r\n"),
                 server.requests.at(1).headers.constData());
        HttpClient other;
        std::unique_ptr<HttpReply> third(other.send(get(server.url(QStringLiteral("/mcp")))));
        QCOMPARE(finish(third.get()), QByteArray("next"));
        QVERIFY(!server.requests.at(2).headers.contains("Cookie:"));
    }

    // A chunked answer (extension, trailer) that arrives a few bytes at a time.
    void chunkedInPieces()
    {
        const QByteArray wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: "
                                "text/event-stream\r\n\r\n"
                                "5;name=value\r\nhello\r\n"
                                "7\r\n, world\r\n"
                                "A\r\n0123456789\r\n"
                                "0\r\nX-Trailer: yes\r\n\r\n";
        ScriptedServer server([wire](QTcpSocket *s, const Seen &) {
            auto pos = std::make_shared<qsizetype>(0);
            auto *timer = new QTimer(s);
            QObject::connect(timer, &QTimer::timeout, s, [s, wire, pos, timer] {
                s->write(wire.mid(*pos, 3));
                s->flush();
                *pos += 3;
                if (*pos >= wire.size())
                    timer->stop();
            });
            timer->start(1);
        });
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(get(server.url(QStringLiteral("/sse")))));
        int readyReads = 0;
        QCOMPARE(finish(r.get(), &readyReads), QByteArray("hello, world0123456789"));
        QVERIFY2(readyReads > 3, "the body arrives as it comes, not at the end");
        QCOMPARE(r->error(), HttpReply::Error::None);
        // And the connection is good for the next request.
        std::unique_ptr<HttpReply> next(client.send(get(server.url(QStringLiteral("/again")))));
        QCOMPARE(finish(next.get()), QByteArray("hello, world0123456789"));
        QCOMPARE(server.connections(), 1);
    }

    void skipsInterimAnswers()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &) {
            s->write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n" +
                     ok("final"));
        });
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(get(server.url(QStringLiteral("/")))));
        QCOMPARE(finish(r.get()), QByteArray("final"));
        QCOMPARE(r->status(), 200);
        QVERIFY(!r->hasHeader("Link"));
    }

    // 307/308 repeat the request, 303 asks for a GET; another origin is never followed.
    void followsRedirectsOnTheSameOriginOnly()
    {
        ScriptedServer *self = nullptr;
        ScriptedServer server([&self](QTcpSocket *s, const Seen &seen) {
            if (seen.path == "/old")
                s->write("HTTP/1.1 307 Temporary Redirect\r\nLocation: /new\r\nContent-Length: "
                         "5\r\n\r\nmoved");
            else if (seen.path == "/see-other")
                s->write("HTTP/1.1 303 See Other\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n");
            else if (seen.path == "/away")
                s->write("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:" +
                         QByteArray::number(self->url(QString()).port()) +
                         "/stolen\r\nContent-Length: 0\r\n\r\n");
            else
                s->write(ok(seen.verb + " " + seen.path + " " + seen.body));
        });
        self = &server;
        HttpClient client;
        HttpRequest post;
        post.verb = "POST";
        post.url = server.url(QStringLiteral("/old"));
        post.body = "{\"x\":1}";
        post.headers = {{"Authorization", "Bearer not-a-real-token"}};
        std::unique_ptr<HttpReply> r(client.send(post));
        QCOMPARE(finish(r.get()), QByteArray("POST /new {\"x\":1}"));
        QCOMPARE(r->status(), 200);
        QCOMPARE(r->url().path(), QStringLiteral("/new"));

        post.url = server.url(QStringLiteral("/see-other"));
        r.reset(client.send(post));
        QCOMPARE(finish(r.get()), QByteArray("GET /new "));

        // The same with another request waiting for the one connection: it takes the
        // connection as the 303 ends, and the redirect is still a GET.
        {
            HttpClient one;
            one.setMaxConnections(1);
            post.url = server.url(QStringLiteral("/see-other"));
            std::unique_ptr<HttpReply> first(one.send(post));
            HttpRequest other = post;
            other.url = server.url(QStringLiteral("/plain"));
            std::unique_ptr<HttpReply> second(one.send(other));
            QCOMPARE(finish(first.get()), QByteArray("GET /new "));
            QCOMPARE(finish(second.get()), QByteArray("POST /plain {\"x\":1}"));
        }

        post.url = server.url(QStringLiteral("/away"));
        r.reset(client.send(post));
        finish(r.get());
        QCOMPARE(r->status(), 302); // handed back as it is: the transport says why in words
        QCOMPARE(r->url().path(), QStringLiteral("/away"));
        for (const Seen &seen : std::as_const(server.requests))
            QVERIFY(seen.path != "/stolen");
    }

    // The server closes a kept connection just as the next request arrives (its
    // idle timeout): the request goes again on a new connection, once.
    void retriesAKeptConnectionTheServerClosed()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &seen) {
            if (seen.connection == 1 && seen.onConnection == 2)
                s->abort();
            else
                s->write(ok("fine"));
        });
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(get(server.url(QStringLiteral("/1")))));
        QCOMPARE(finish(r.get()), QByteArray("fine"));
        r.reset(client.send(get(server.url(QStringLiteral("/2")))));
        QCOMPARE(finish(r.get()), QByteArray("fine"));
        QCOMPARE(r->error(), HttpReply::Error::None);
        QCOMPARE(server.connections(), 2);
        QCOMPARE(server.requests.size(), 3); // /1, /2 (dropped), /2 again
    }

    // A fresh connection that breaks is not retried: the error is the answer.
    void aFreshConnectionIsNotRetried()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &) { s->abort(); });
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(get(server.url(QStringLiteral("/")))));
        finish(r.get());
        QCOMPARE(r->error(), HttpReply::Error::RemoteClosed);
        QCOMPARE(r->status(), 0);
        QCOMPARE(server.requests.size(), 1);
    }

    // A POST (a tool call may run twice) is not sent again when a kept connection
    // breaks after it went out: the error says it may have reached the server. One
    // marked idempotent (a list) is.
    void aPostThatWentOutIsNotResent()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &seen) {
            if (seen.onConnection == 2)
                s->abort();
            else
                s->write(ok("fine"));
        });
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(get(server.url(QStringLiteral("/1")))));
        QCOMPARE(finish(r.get()), QByteArray("fine"));
        HttpRequest call;
        call.verb = "POST";
        call.url = server.url(QStringLiteral("/call"));
        call.body = "{\"method\":\"tools/call\"}";
        r.reset(client.send(call));
        finish(r.get());
        QCOMPARE(r->error(), HttpReply::Error::NotResent);
        QVERIFY2(r->errorString().contains(QStringLiteral("may have reached the server")),
                 qPrintable(r->errorString()));
        QCOMPARE(server.requests.size(), 2); // /1, /call: never twice

        r.reset(client.send(get(server.url(QStringLiteral("/3"))))); // a fresh connection
        QCOMPARE(finish(r.get()), QByteArray("fine"));
        HttpRequest list = call;
        list.url = server.url(QStringLiteral("/list"));
        list.idempotent = true;
        r.reset(client.send(list));
        QCOMPARE(finish(r.get()), QByteArray("fine"));
        QCOMPARE(server.requests.size(), 5); // /3, /list (dropped), /list again
    }

    // A request without a complete answer in its total time fails in words; so does
    // a stream that goes quiet past its idle time, while one that keeps talking lives.
    void totalAndIdleTimeouts()
    {
        QList<QPointer<QTcpSocket>> held;
        ScriptedServer server([&held](QTcpSocket *s, const Seen &seen) {
            if (seen.path == "/hang") {
                held.append(s); // never answers
            } else if (seen.path == "/quiet") {
                s->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n: hi\n\n");
                held.append(s);
            } else {
                s->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
                auto *t = new QTimer(s);
                QObject::connect(t, &QTimer::timeout, s, [s] { s->write(": ping\n\n"); });
                t->start(20);
                held.append(s);
            }
        });
        HttpClient client;
        HttpRequest hang = get(server.url(QStringLiteral("/hang")));
        hang.totalTimeoutMs = 200;
        std::unique_ptr<HttpReply> r(client.send(hang));
        finish(r.get());
        QCOMPARE(r->error(), HttpReply::Error::Timeout);
        QCOMPARE(r->errorString(),
                 QStringLiteral("127.0.0.1 sent no complete answer within 0.2 s."));

        HttpRequest quiet = get(server.url(QStringLiteral("/quiet")));
        quiet.idleTimeoutMs = 200;
        r.reset(client.send(quiet));
        const QByteArray got = finish(r.get());
        QCOMPARE(got, QByteArray(": hi\n\n"));
        QCOMPARE(r->status(), 200);
        QCOMPARE(r->error(), HttpReply::Error::Timeout);
        QVERIFY2(r->errorString().contains(QStringLiteral("sent nothing for 0.2 s")),
                 qPrintable(r->errorString()));

        HttpRequest talking = get(server.url(QStringLiteral("/talking")));
        talking.idleTimeoutMs = 200;
        r.reset(client.send(talking));
        QSignalSpy done(r.get(), &HttpReply::finished);
        QVERIFY(!done.wait(600)); // three idle times, and it is still going
        QCOMPARE(r->error(), HttpReply::Error::None);
        r->abort();
    }

    // A request with a redirect check: each hop is put to it, another origin is
    // followed when it says yes, and the refusal is the error when it says no.
    void redirectHopsAreChecked()
    {
        ScriptedServer target(
            [](QTcpSocket *s, const Seen &seen) { s->write(ok("arrived " + seen.path)); });
        const QByteArray there =
            "http://localhost:" + QByteArray::number(target.url(QString()).port()) + "/meta";
        ScriptedServer first([there](QTcpSocket *s, const Seen &) {
            s->write("HTTP/1.1 302 Found\r\nLocation: " + there + "\r\nContent-Length: 0\r\n\r\n");
        });
        QList<QPair<QUrl, QUrl>> asked;
        HttpRequest req = get(first.url(QStringLiteral("/start")));
        req.redirectCheck = [&asked](const QUrl &from, const QUrl &to, bool withBody) {
            asked.append({from, to});
            return withBody ? QStringLiteral("not with a body") : QString();
        };
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(req));
        QCOMPARE(finish(r.get()), QByteArray("arrived /meta"));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked[0].first.path(), QStringLiteral("/start"));
        QCOMPARE(asked[0].second, QUrl(QString::fromLatin1(there)));

        req.redirectCheck = [](const QUrl &, const QUrl &to, bool) {
            return QStringLiteral("no to %1").arg(to.host());
        };
        r.reset(client.send(req));
        finish(r.get());
        QCOMPARE(r->error(), HttpReply::Error::RedirectRefused);
        QCOMPARE(r->errorString(), QStringLiteral("no to localhost"));
        QCOMPARE(target.requests.size(), 1);
    }

    // An answer larger than the request allows is not read to the end.
    void answerSizeIsBounded()
    {
        ScriptedServer server(
            [](QTcpSocket *s, const Seen &) { s->write(ok(QByteArray(5000, 'x'))); });
        HttpClient client;
        HttpRequest req = get(server.url(QStringLiteral("/big")));
        req.maxBodyBytes = 1000;
        std::unique_ptr<HttpReply> r(client.send(req));
        finish(r.get());
        QCOMPARE(r->error(), HttpReply::Error::Protocol);
        QVERIFY2(r->errorString().contains(QStringLiteral("larger than 1000 bytes")),
                 qPrintable(r->errorString()));
    }

    void bodyUntilClose()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &) {
            s->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nno length, the end is the end");
            s->disconnectFromHost();
        });
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(get(server.url(QStringLiteral("/")))));
        QCOMPARE(finish(r.get()), QByteArray("no length, the end is the end"));
        QCOMPARE(r->error(), HttpReply::Error::None);
        QCOMPARE(client.openConnections(), 0);
    }

    void cutAnswerIsAnError()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &) {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");
            s->flush();
            s->disconnectFromHost();
        });
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(get(server.url(QStringLiteral("/")))));
        QCOMPARE(finish(r.get()), QByteArray("only ten.."));
        QCOMPARE(r->error(), HttpReply::Error::RemoteClosed);
        QCOMPARE(
            r->errorString(),
            QStringLiteral("The server closed the connection before the answer was complete."));
    }

    void faultsAreErrorsInWords_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QString>("words");
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n")
                                  << QStringLiteral("did not answer in HTTP/1.1");
        QTest::newRow("bad status")
            << QByteArray("HTTP/1.1 abc Nope\r\n\r\n") << QStringLiteral("status line");
        QTest::newRow("bad chunk")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
            << QStringLiteral("broken chunked");
        QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n")
                                    << QStringLiteral("invalid Content-Length");
        QTest::newRow("endless headers")
            << "HTTP/1.1 200 OK\r\n" + QByteArray("X-Filler: ").append(QByteArray(300 * 1024, 'a'))
            << QStringLiteral("more than 256 KB of headers");
    }
    void faultsAreErrorsInWords()
    {
        QFETCH(QByteArray, wire);
        QFETCH(QString, words);
        ScriptedServer server([wire](QTcpSocket *s, const Seen &) { s->write(wire); });
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(get(server.url(QStringLiteral("/")))));
        finish(r.get());
        QCOMPARE(r->error(), HttpReply::Error::Protocol);
        QVERIFY2(r->errorString().contains(words), qPrintable(r->errorString()));
        QCOMPARE(client.openConnections(), 0); // that connection is not used again
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        HttpClient client;
        std::unique_ptr<HttpReply> r(
            client.send(get(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)))));
        finish(r.get());
        QCOMPARE(r->error(), HttpReply::Error::ConnectionRefused);
    }

    // A server whose connection queue is full never completes the handshake (its SYNs
    // are dropped): the request fails with a timeout in words after the connect
    // timeout, not when its own time is up; the client is usable afterwards.
    void connectTimesOut()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
        QCOMPARE(::listen(fd, 0), 0); // room for one waiting connection
        socklen_t len = sizeof addr;
        QCOMPARE(::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len), 0);
        const quint16 port = ntohs(addr.sin_port);
        QTcpSocket filler; // takes that room
        filler.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(filler.waitForConnected(2000));
        HttpClient client;
        client.setConnectTimeoutMs(400);
        QElapsedTimer clock;
        clock.start();
        std::unique_ptr<HttpReply> r(
            client.send(get(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)))));
        finish(r.get());
        ::close(fd);
        QCOMPARE(r->error(), HttpReply::Error::Timeout);
        QCOMPARE(r->errorString(), QStringLiteral("No connection to the server after 0.4 s."));
        QCOMPARE(client.openConnections(), 0);
        ScriptedServer server([](QTcpSocket *s, const Seen &) {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });
        r.reset(client.send(get(server.url(QStringLiteral("/"))))); // and on to one that answers
        QCOMPARE(finish(r.get()), QByteArray("ok"));
        QCOMPARE(r->status(), 200);
    }

    // abort() in the middle of an answer: finished once, Cancelled; the next request works.
    void abortMidAnswer()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &seen) {
            if (seen.path == "/slow")
                s->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: "
                         "chunked\r\n\r\n5\r\nfirst\r\n");
            else
                s->write(ok("next"));
        });
        HttpClient client;
        std::unique_ptr<HttpReply> r(client.send(get(server.url(QStringLiteral("/slow")))));
        int finishedCount = 0;
        connect(r.get(), &HttpReply::finished, this, [&] { ++finishedCount; });
        connect(r.get(), &HttpReply::readyRead, r.get(), [&r] { r->abort(); });
        QTRY_COMPARE(finishedCount, 1);
        QCOMPARE(r->error(), HttpReply::Error::Cancelled);
        QTest::qWait(20);
        QCOMPARE(finishedCount, 1);
        std::unique_ptr<HttpReply> next(client.send(get(server.url(QStringLiteral("/next")))));
        QCOMPARE(finish(next.get()), QByteArray("next"));
        QCOMPARE(server.connections(), 2);
    }

    // A configured header with a line break does not become a header of its own.
    void noHeaderInjection()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &) { s->write(ok("x")); });
        HttpClient client;
        HttpRequest req = get(server.url(QStringLiteral("/")));
        req.headers = {{"X-Fine", "yes"}, {"X-Bad", "a\r\nX-Evil: 1"}};
        std::unique_ptr<HttpReply> r(client.send(req));
        finish(r.get());
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(server.requests[0].headers.contains("X-Fine: yes"));
        QVERIFY(!server.requests[0].headers.contains("X-Evil"));
    }

    // An `http:` request goes to the proxy the settings name in absolute form, with
    // the proxy's credentials (Basic); the proxy resolves the server's name. Loopback
    // never goes through it.
    void goesThroughTheConfiguredProxy()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &) { s->write(ok("direct")); });
        ScriptedServer proxy(
            [](QTcpSocket *s, const Seen &seen) { s->write(ok("via proxy " + seen.path)); });
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"),
                          quint16(proxy.url(QString()).port()), QStringLiteral("ann"),
                          QStringLiteral("pässword")));
        HttpClient client;
        std::unique_ptr<HttpReply> r(
            client.send(get(QUrl(QStringLiteral("http://mcp.example.test:8123/mcp?x=1")))));
        const QByteArray body = finish(r.get());
        r.reset(client.send(get(server.url(QStringLiteral("/direct")))));
        const QByteArray direct = finish(r.get());
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        QCOMPARE(body, QByteArray("via proxy http://mcp.example.test:8123/mcp?x=1"));
        const QByteArray headers = proxy.requests.value(0).headers;
        QVERIFY(headers.contains("Host: mcp.example.test:8123"));
        QVERIFY(headers.contains("Proxy-Authorization: Basic " +
                                 QStringLiteral("ann:pässword").toUtf8().toBase64()));
        QCOMPARE(direct, QByteArray("direct"));
        QCOMPARE(proxy.requests.size(), 1);
    }

    // A proxy that wants credentials it did not get, in words that name it.
    void proxyAuthenticationRequiredInWords()
    {
        ScriptedServer proxy([](QTcpSocket *s, const Seen &) {
            s->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                     "Proxy-Authenticate: Basic realm=\"x\"\r\nContent-Length: 0\r\n\r\n");
        });
        const quint16 port = quint16(proxy.url(QString()).port());
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), port));
        HttpClient client;
        std::unique_ptr<HttpReply> r(
            client.send(get(QUrl(QStringLiteral("http://mcp.example.test/mcp")))));
        finish(r.get());
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        QCOMPARE(r->error(), HttpReply::Error::Proxy);
        QCOMPARE(
            r->errorString(),
            QStringLiteral("The proxy 127.0.0.1:%1 asks for a user name and password.").arg(port));
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), port,
                          QStringLiteral("ann"), QStringLiteral("wrong-one")));
        r.reset(client.send(get(QUrl(QStringLiteral("http://mcp.example.test/mcp")))));
        finish(r.get());
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        QCOMPARE(
            r->errorString(),
            QStringLiteral("The proxy 127.0.0.1:%1 refused the user name and password.").arg(port));
    }

    // Beyond the connection limit requests wait their turn; none is lost.
    void waitsForAFreeConnection()
    {
        ScriptedServer server([](QTcpSocket *s, const Seen &seen) {
            QPointer<QTcpSocket> socket = s;
            QTimer::singleShot(30, s, [socket, seen] {
                if (socket)
                    socket->write(ok(seen.path));
            });
        });
        HttpClient client;
        client.setMaxConnections(2);
        std::vector<std::unique_ptr<HttpReply>> replies;
        for (int i = 0; i < 6; ++i)
            replies.emplace_back(client.send(get(server.url(QStringLiteral("/r%1").arg(i)))));
        for (int i = 0; i < 6; ++i)
            QCOMPARE(finish(replies[i].get()), "/r" + QByteArray::number(i));
        QCOMPARE(server.maxOpen(), 2);
        QCOMPARE(server.connections(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
