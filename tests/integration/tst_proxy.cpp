// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Through a real proxy: Debian's tinyproxy with Basic authentication, started on
// 127.0.0.1 for each test. mcpdesk-cli reaches a plain-http server-everything by this
// computer's host name (not a loopback literal, which never goes through a proxy):
// the proxy gets the requests in absolute form, and says no without the right
// user name and password, which the person reads in words. An https: server goes
// through a CONNECT tunnel the proxy opens with those credentials.
#include "CliRun.h"
#include "PeerProcess.h"
#include "Tinyproxy.h"

#include "transport/HttpClient.h"

#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <tuple>

using namespace mcpdesk;

namespace {
const QString kUser = Tinyproxy::user();
const QString kPassword = Tinyproxy::password();

CliRun runThrough(const QStringList &args, const QString &proxy)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                             "ALL_PROXY", "no_proxy", "NO_PROXY"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("http_proxy"), proxy);
    return runCli(args, env, 60000);
}
} // namespace

class TestProxy : public QObject
{
    Q_OBJECT

    PeerProcess everything; // listens on every address of this computer
    QString host;           // this computer's name, which the proxy resolves

    QString serverUrl() const
    {
        return QStringLiteral("http://%1:%2/mcp").arg(host).arg(everything.port());
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("tinyproxy")).isEmpty(),
                 "tinyproxy is not installed (scripts/dev.sh setup installs it)");
        host = QHostInfo::localHostName();
        const QHostInfo info = QHostInfo::fromName(host);
        QVERIFY2(
            !host.isEmpty() && !info.addresses().isEmpty(),
            qPrintable(QStringLiteral("this computer's name “%1” does not resolve").arg(host)));
        QVERIFY(everything.startEverything());
    }

    // With the right credentials the proxy carries every request, in absolute form.
    void plainHttpServerThroughTheProxy()
    {
        Tinyproxy proxy;
        QVERIFY(proxy.start());
        const CliRun r = runThrough(
            {QStringLiteral("tools"), serverUrl()},
            QStringLiteral("http://%1:%2@127.0.0.1:%3").arg(kUser, kPassword).arg(proxy.port()));
        QVERIFY2(r.code == 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY2(r.out.contains(QStringLiteral("echo\t")), qPrintable(r.out));
        QTRY_VERIFY2(proxy.log().contains(QStringLiteral("POST ") + serverUrl() +
                                          QStringLiteral(" HTTP/1.1")),
                     qPrintable(proxy.log()));
    }

    // No credentials: the proxy's 407 becomes a sentence that names it, exit 3.
    // (Wrong ones: tinyproxy answers 401 as if it were the server; tst_httpclient
    // checks the words for a proxy that answers 407 to them.)
    void proxyAuthenticationInWords()
    {
        Tinyproxy proxy;
        QVERIFY(proxy.start());
        const CliRun r = runThrough({QStringLiteral("tools"), serverUrl()},
                                    QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        QVERIFY2(r.code == 3, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("The proxy 127.0.0.1:%1 asks for a user name and "
                                               "password")
                                    .arg(proxy.port())),
                 qPrintable(r.err));
    }

    // An https: server is reached through a CONNECT tunnel the proxy opens with its
    // credentials (Basic); without them the refusal is in words that name the proxy.
    void httpsThroughATunnel()
    {
        QTemporaryDir certs;
        QVERIFY(makeTestCertificate(certs.path(), host, false));
        const QSslCertificate cert =
            QSslCertificate::fromPath(certs.filePath(QStringLiteral("cert.pem"))).value(0);
        QFile keyFile(certs.filePath(QStringLiteral("key.pem")));
        QVERIFY(!cert.isNull() && keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(cert);
        conf.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa));
        QSslServer server;
        server.setSslConfiguration(conf);
        QVERIFY(server.listen(QHostInfo::fromName(host).addresses().value(0)));
        connect(&server, &QSslServer::pendingConnectionAvailable, this, [&server] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                auto request = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::readyRead, s, [s, request] {
                    *request += s->readAll();
                    if (request->contains("\r\n\r\n"))
                        s->write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\ntunnelled");
                });
            }
        });
        const QUrl url(QStringLiteral("https://%1:%2/mcp").arg(host).arg(server.serverPort()));
        Tinyproxy proxy;
        QVERIFY(proxy.start());
        auto get = [&](const QString &user, const QString &password) {
            QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::HttpProxy,
                                                             QStringLiteral("127.0.0.1"),
                                                             proxy.port(), user, password));
            HttpClient client;
            client.setCaCertificates({cert});
            HttpRequest req;
            req.url = url;
            std::unique_ptr<HttpReply> reply(client.send(req));
            QSignalSpy done(reply.get(), &HttpReply::finished);
            if (!reply->isFinished())
                done.wait(20000);
            QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy));
            return std::tuple(reply->error(), reply->errorString(), reply->readAll());
        };
        const auto [error, words, body] = get(kUser, kPassword);
        QVERIFY2(error == HttpReply::Error::None, qPrintable(words));
        QCOMPARE(body, QByteArray("tunnelled"));
        QTRY_VERIFY2(proxy.log().contains(
                         QStringLiteral("CONNECT %1:%2").arg(host).arg(server.serverPort())),
                     qPrintable(proxy.log()));

        const auto [refused, why, nothing] = get(QString(), QString());
        QCOMPARE(refused, HttpReply::Error::Proxy);
        QCOMPARE(why, QStringLiteral("The proxy 127.0.0.1:%1 asks for a user name and password.")
                          .arg(proxy.port()));
        QVERIFY(nothing.isEmpty());
    }

    // A proxy that is not there: said so, naming it, not the server.
    void unreachableProxyInWords()
    {
        const quint16 port = PeerProcess::freePort();
        const CliRun r = runThrough({QStringLiteral("tools"), serverUrl()},
                                    QStringLiteral("http://127.0.0.1:%1").arg(port));
        QVERIFY2(r.code == 3, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("Could not reach the proxy 127.0.0.1:%1").arg(port)),
                 qPrintable(r.err));
    }

    // Servers on this computer never go through the proxy (it would refuse them).
    void loopbackBypassesTheProxy()
    {
        Tinyproxy proxy;
        QVERIFY(proxy.start());
        const CliRun r = runThrough({QStringLiteral("tools"), everything.url().toString()},
                                    QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        QVERIFY2(r.code == 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY(!proxy.log().contains(QStringLiteral("Request (file descriptor")));
    }
};

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
