// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The sign-in callback listener, attacked the way a hostile page or local
// program could: it must stay on 127.0.0.1, refuse what is not the browser's
// redirect, and keep waiting for the right one.
#include "auth/LoopbackReceiver.h"
#include "auth/OAuthClient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace mcpdesk;

namespace {
struct Answer
{
    int status = 0;
    QByteArray body;
};

Answer get(const QUrl &url)
{
    QNetworkAccessManager nam;
    QNetworkReply *r = nam.get(QNetworkRequest(url));
    QSignalSpy done(r, &QNetworkReply::finished);
    done.wait(5000);
    Answer a{r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), r->readAll()};
    delete r;
    return a;
}

// Sends raw bytes and returns what came back before the server closed (the
// receiver runs in this thread: wait with the event loop, never block).
QByteArray raw(quint16 port, const QByteArray &bytes)
{
    QTcpSocket s;
    QByteArray out;
    QObject::connect(&s, &QTcpSocket::readyRead, [&] { out += s.readAll(); });
    QSignalSpy connected(&s, &QTcpSocket::connected);
    QSignalSpy closed(&s, &QTcpSocket::disconnected);
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!connected.wait(2000))
        return "(no connection)";
    s.write(bytes);
    closed.wait(5000);
    out += s.readAll();
    return out;
}
} // namespace

class TestLoopbackReceiver : public QObject
{
    Q_OBJECT
private slots:
    void boundToLoopbackOnly()
    {
        LoopbackReceiver r;
        QString error;
        QVERIFY2(r.listen(0, &error), qPrintable(error));
        QCOMPARE(r.address(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(r.port() > 0);
        QCOMPARE(r.redirectUri().host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(r.redirectUri().path(), QStringLiteral("/callback"));
    }

    void wrongStateRefusedThenRightOneAccepted()
    {
        LoopbackReceiver r;
        QVERIFY(r.listen(0, nullptr));
        r.setExpectedState("the-right-state");
        QSignalSpy received(&r, &LoopbackReceiver::received);
        QUrl wrong = r.redirectUri();
        wrong.setQuery(QStringLiteral("code=stolen&state=forged"));
        const Answer refused = get(wrong);
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.body.contains("does not belong"));
        QCOMPARE(received.size(), 0);
        QVERIFY(r.isListening()); // still waiting

        QUrl right = r.redirectUri();
        right.setQuery(QStringLiteral("code=abc&state=the-right-state"));
        const Answer ok = get(right);
        QCOMPARE(ok.status, 200);
        QVERIFY2(ok.body.contains("You can close this tab"), ok.body.constData());
        QCOMPARE(received.size(), 1);
        QCOMPARE(received[0][0].value<QUrlQuery>().queryItemValue(QStringLiteral("code")),
                 QStringLiteral("abc"));
        QTRY_VERIFY(!r.isListening()); // closed after the first valid callback
    }

    void pageReachesTheBrowserEvenIfTheReceiverIsDeleted()
    {
        auto *r = new LoopbackReceiver;
        QVERIFY(r->listen(0, nullptr));
        r->setExpectedState("s");
        connect(r, &LoopbackReceiver::received, r, [r] { delete r; });
        QUrl right = r->redirectUri();
        right.setQuery(QStringLiteral("code=c&state=s"));
        const Answer ok = get(right);
        QCOMPARE(ok.status, 200);
        QVERIFY(ok.body.contains("return to McpDesk"));
    }

    void errorFromTheServerIsShown()
    {
        LoopbackReceiver r;
        QVERIFY(r.listen(0, nullptr));
        r.setExpectedState("s");
        QSignalSpy received(&r, &LoopbackReceiver::received);
        QUrl u = r.redirectUri();
        u.setQuery(QStringLiteral(
            "error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=s"));
        const Answer a = get(u);
        QCOMPARE(a.status, 200);
        QVERIFY(!a.body.contains("<script>")); // escaped, never run
        QVERIFY(a.body.contains("&lt;script&gt;"));
        QCOMPARE(received.size(), 1);
    }

    void garbageAndHugeAndPostRefused()
    {
        LoopbackReceiver r;
        QVERIFY(r.listen(0, nullptr));
        r.setExpectedState("s");
        QSignalSpy received(&r, &LoopbackReceiver::received);
        const QByteArray g = raw(r.port(), "\x01\x02garbage\r\n\r\n");
        QVERIFY2(g.startsWith("HTTP/1.1 400"), g.constData());
        QVERIFY(
            raw(r.port(),
                "POST /callback?code=c&state=s HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                .startsWith("HTTP/1.1 405"));
        QVERIFY(
            raw(r.port(), "GET /other?code=c&state=s HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 404"));
        // A 1 MB request line: answered after the first 8 KB, the rest never read.
        const QByteArray huge =
            "GET /callback?x=" + QByteArray(1024 * 1024, 'a') + " HTTP/1.1\r\n\r\n";
        QVERIFY(raw(r.port(), huge).startsWith("HTTP/1.1 431"));
        QCOMPARE(received.size(), 0);
        QVERIFY(r.isListening());
        QUrl right = r.redirectUri();
        right.setQuery(QStringLiteral("code=c&state=s"));
        QCOMPARE(get(right).status, 200);
        QCOMPARE(received.size(), 1);
    }

    void timeoutAndCancel()
    {
        LoopbackReceiver r;
        r.setTimeoutMs(200);
        QVERIFY(r.listen(0, nullptr));
        QSignalSpy failed(&r, &LoopbackReceiver::failed);
        QVERIFY(failed.wait(3000));
        QVERIFY(!r.isListening());
        LoopbackReceiver c;
        QVERIFY(c.listen(0, nullptr));
        QSignalSpy cancelled(&c, &LoopbackReceiver::failed);
        c.cancel();
        QCOMPARE(cancelled.size(), 1);
        QVERIFY(cancelled[0][0].toString().contains(QStringLiteral("cancelled")));
    }

    void twoSignInsAreKeptApart()
    {
        LoopbackReceiver a, b;
        QVERIFY(a.listen(0, nullptr));
        QVERIFY(b.listen(0, nullptr));
        QVERIFY(a.port() != b.port());
        a.setExpectedState("state-a");
        b.setExpectedState("state-b");
        QSignalSpy ra(&a, &LoopbackReceiver::received);
        QSignalSpy rb(&b, &LoopbackReceiver::received);
        QUrl crossed = a.redirectUri();
        crossed.setQuery(QStringLiteral("code=c&state=state-b"));
        QCOMPARE(get(crossed).status, 400);
        QUrl ua = a.redirectUri();
        ua.setQuery(QStringLiteral("code=c&state=state-a"));
        QCOMPARE(get(ua).status, 200);
        QCOMPARE(ra.size(), 1);
        QCOMPARE(rb.size(), 0);
    }

    void onlySafeAuthorizationUrlsOpen()
    {
        QVERIFY(OAuthClient::isSafeAuthorizationUrl(
            QUrl(QStringLiteral("https://github.com/login/oauth/authorize?x=1"))));
        QVERIFY(OAuthClient::isSafeAuthorizationUrl(
            QUrl(QStringLiteral("http://127.0.0.1:9/authorize"))));
        QVERIFY(OAuthClient::isSafeAuthorizationUrl(
            QUrl(QStringLiteral("http://localhost:9/authorize"))));
        for (const char *bad :
             {"javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>",
              "http://evil.example/authorize", "ftp://x/y", "https://user:pw@host/a",
              "mcpdesk://callback", "https:///nohost"})
            QVERIFY2(!OAuthClient::isSafeAuthorizationUrl(QUrl(QString::fromLatin1(bad))), bad);
    }

    void canonicalResource()
    {
        QCOMPARE(OAuthClient::canonicalResource(
                     QUrl(QStringLiteral("HTTPS://MCP.Example.com:443/mcp#frag"))),
                 QStringLiteral("https://mcp.example.com/mcp"));
        QCOMPARE(OAuthClient::canonicalResource(QUrl(QStringLiteral("https://mcp.example.com/"))),
                 QStringLiteral("https://mcp.example.com"));
        QCOMPARE(OAuthClient::canonicalResource(QUrl(QStringLiteral("http://127.0.0.1:8080/a/b"))),
                 QStringLiteral("http://127.0.0.1:8080/a/b"));
    }
};

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
