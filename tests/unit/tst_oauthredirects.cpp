// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
//
// A sign-in's requests follow a redirect only when its new address passes the same
// checks as the first one: the rules, and a discovery redirected to an internal
// address. Everything runs on loopback: a classifier makes 127.0.0.2 play an internal
// address and 127.0.0.1 a public host.
#include "auth/OAuthClient.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace mcpdesk;

namespace {
// An HTTP server that records each request's path and answers from a table.
class PathServer : public QObject
{
public:
    PathServer(const QHostAddress &address, std::function<QByteArray(const QByteArray &)> answer)
        : m_answer(std::move(answer))
    {
        listening = m_server.listen(address);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                auto buf = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, this, [this, s, buf] {
                    *buf += s->readAll();
                    const qsizetype end = buf->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const QByteArray path = buf->left(buf->indexOf("\r\n")).split(' ').value(1);
                    buf->clear();
                    paths.append(path);
                    s->write(m_answer(path));
                    s->disconnectFromHost();
                });
            }
        });
    }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://%1:%2%3")
                        .arg(m_server.serverAddress().toString())
                        .arg(m_server.serverPort())
                        .arg(path));
    }
    bool listening = false;
    QList<QByteArray> paths;

private:
    QTcpServer m_server;
    std::function<QByteArray(const QByteArray &)> m_answer;
};

QByteArray redirect(const QString &to)
{
    return "HTTP/1.1 302 Found\r\nLocation: " + to.toUtf8() +
           "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}
const QByteArray kNotFound = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: "
                             "close\r\n\r\n";
bool playsInternal(const QUrl &u)
{
    return u.host() == QLatin1String("127.0.0.2");
}
} // namespace

class TestOAuthRedirects : public QObject
{
    Q_OBJECT

private slots:
    void rules_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("withBody");
        QTest::addColumn<QString>("refusal"); // part of the words; empty: followed
        QTest::newRow("same site") << "https://as.example/a"
                                   << "https://as.example/b" << true << QString();
        QTest::newRow("GET to another public site")
            << "https://as.example/.well-known/x"
            << "https://cdn.example/x" << false << QString();
        QTest::newRow("https to http") << "https://as.example/token"
                                       << "http://as.example/token" << false
                                       << QStringLiteral("from https to http://as.example/token");
        QTest::newRow("token request to another site")
            << "https://as.example/token"
            << "https://evil.example/token" << true
            << QStringLiteral("does not send it to another site");
        QTest::newRow("to an internal address")
            << "https://as.example/.well-known/x"
            << "https://127.0.0.2/meta" << false << QStringLiteral("internal address 127.0.0.2");
    }
    void rules()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, withBody);
        QFETCH(QString, refusal);
        OAuthClient client(QUrl(QStringLiteral("https://mcp.example/mcp")), nullptr, nullptr,
                           OAuthSettings());
        client.setAddressClassifier(playsInternal);
        const QString why = client.refusedRedirect(QUrl(from), QUrl(to), withBody);
        if (refusal.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(refusal), qPrintable(why));
    }

    // A public server's discovery redirected to an internal address: not followed, the
    // internal address is never contacted; a redirect on the same site is followed.
    void discoveryRedirectToAnInternalAddressIsRefused()
    {
        PathServer internal(QHostAddress(QStringLiteral("127.0.0.2")),
                            [](const QByteArray &) { return kNotFound; });
        QVERIFY(internal.listening);
        const QUrl inside = internal.url(QStringLiteral("/metadata"));
        PathServer server(QHostAddress::LocalHost, [inside](const QByteArray &path) {
            if (path == "/.well-known/oauth-protected-resource/mcp")
                return redirect(inside.toString());
            if (path == "/.well-known/oauth-protected-resource")
                return redirect(QStringLiteral("/prm-here"));
            return kNotFound;
        });
        QVERIFY(server.listening);

        OAuthSettings settings;
        settings.openBrowser = [](const QUrl &) { return false; };
        settings.requestTimeoutMs = 10000;
        OAuthClient client(server.url(QStringLiteral("/mcp")), nullptr, nullptr, settings);
        client.setAddressClassifier(playsInternal);
        QSignalSpy handled(&client, &Authenticator::challengeHandled);
        McpError refusal = McpError::make(McpError::Kind::Unauthorized, QStringLiteral("401"));
        refusal.httpStatus = 401;
        refusal.wwwAuthenticate = "Bearer";
        client.handleChallenge(refusal);
        QTRY_COMPARE_WITH_TIMEOUT(handled.count(), 1, 15000);
        QVERIFY(!handled.at(0).at(0).toBool());
        QVERIFY2(server.paths.contains("/.well-known/oauth-protected-resource/mcp"),
                 server.paths.join(' ').constData());
        QVERIFY2(server.paths.contains("/prm-here"), server.paths.join(' ').constData());
        QVERIFY2(internal.paths.isEmpty(), internal.paths.join(' ').constData());
    }
};

QTEST_GUILESS_MAIN(TestOAuthRedirects)
#include "tst_oauthredirects.moc"
