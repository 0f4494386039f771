// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Security: a server on the internet may not point the sign-in at this machine or
// the local network (SSRF); decided from the address literal before connecting.
// No traffic leaves the machine: every connection goes to a dead loopback proxy,
// and a listener on 127.0.0.1 proves the refused address is never contacted.
#include "auth/OAuthClient.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"

#include <QJsonDocument>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace mcpdesk;

class TestAddressPolicy : public QObject
{
    Q_OBJECT
private slots:
    void internalAddresses_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("internal");
        for (const char *u :
             {"http://127.0.0.1:8080/x", "http://127.9.9.9/", "http://[::1]/", "http://localhost/",
              "http://api.localhost/", "http://10.1.2.3/", "http://172.16.0.1/",
              "http://172.31.255.255/", "http://192.168.1.1/",
              "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/", "http://[fd00::1]/",
              "http://100.64.0.1/", "http://0.0.0.0/", "http://[::ffff:10.0.0.1]/", "http://[::]/"})
            QTest::newRow(u) << QString::fromLatin1(u) << true;
        for (const char *u : {"https://auth.example.com/", "https://8.8.8.8/", "http://172.32.0.1/",
                              "http://192.169.0.1/", "https://[2001:db8::1]/",
                              "http://100.128.0.1/", "https://11.0.0.1/"})
            QTest::newRow(u) << QString::fromLatin1(u) << false;
    }
    void internalAddresses()
    {
        QFETCH(QString, url);
        QFETCH(bool, internal);
        QCOMPARE(OAuthClient::isInternalAddress(QUrl(url)), internal);
    }

    void onlyInternalServersMayPointInside()
    {
        const QUrl publicServer(QStringLiteral("https://mcp.example.com/mcp"));
        const QUrl localServer(QStringLiteral("http://127.0.0.1:3000/mcp"));
        const QUrl lanServer(QStringLiteral("http://192.168.1.20/mcp"));
        QVERIFY(!OAuthClient::allowedTarget(publicServer,
                                            QUrl(QStringLiteral("http://169.254.169.254/token"))));
        QVERIFY(!OAuthClient::allowedTarget(
            publicServer,
            QUrl(QStringLiteral("http://127.0.0.1:9000/.well-known/oauth-protected-resource"))));
        QVERIFY(OAuthClient::allowedTarget(publicServer,
                                           QUrl(QStringLiteral("https://auth.example.com/token"))));
        QVERIFY(OAuthClient::allowedTarget(localServer,
                                           QUrl(QStringLiteral("http://127.0.0.1:9000/token"))));
        QVERIFY(
            OAuthClient::allowedTarget(lanServer, QUrl(QStringLiteral("http://10.0.0.5/token"))));
        QVERIFY(OAuthClient::allowedTarget(localServer,
                                           QUrl(QStringLiteral("https://auth.example.com/token"))));
    }

    // Token responses as servers really send them, and as hostile ones might.
    void tokenResponsesReadDefensively()
    {
        auto parse = [](const char *json) {
            return OAuthClient::parseTokenResponse(QJsonDocument::fromJson(json).object());
        };
        QCOMPARE(parse(R"({"access_token":"a","expires_in":3600})").expiresInSeconds, 3600);
        QCOMPARE(parse(R"({"access_token":"a","expires_in":"120"})").expiresInSeconds,
                 120); // a string, as some send it
        QCOMPARE(parse(R"({"access_token":"a","expires_in":-5})").expiresInSeconds, 0);
        QCOMPARE(parse(R"({"access_token":"a","expires_in":1e300})").expiresInSeconds,
                 qint64(10.0 * 366 * 24 * 3600));
        QCOMPARE(parse(R"({"access_token":"a","expires_in":"soon"})").expiresInSeconds, 0);
        QCOMPARE(parse(R"({"access_token":"a"})").tokenType, QStringLiteral("Bearer"));
        const auto scoped = parse(R"({"access_token":"a","scope":"read write"})");
        QVERIFY(scoped.hasScope);
        QCOMPARE(scoped.scopes, (QStringList{QStringLiteral("read"), QStringLiteral("write")}));
        QVERIFY(!parse(R"({"access_token":"a"})").hasScope);
    }

    void resourceMustBeThisServer()
    {
        const QUrl server(QStringLiteral("https://mcp.example.com/v1/mcp"));
        QVERIFY(OAuthClient::resourceMatches(QUrl(QStringLiteral("https://mcp.example.com/v1/mcp")),
                                             server));
        QVERIFY(OAuthClient::resourceMatches(QUrl(QStringLiteral("https://mcp.example.com/v1")),
                                             server));
        QVERIFY(
            OAuthClient::resourceMatches(QUrl(QStringLiteral("https://MCP.example.com")), server));
        QVERIFY(!OAuthClient::resourceMatches(
            QUrl(QStringLiteral("https://mcp.example.com/v1/mcp-other")), server));
        QVERIFY(!OAuthClient::resourceMatches(
            QUrl(QStringLiteral("https://evil.example.com/v1/mcp")), server));
        QVERIFY(!OAuthClient::resourceMatches(QUrl(QStringLiteral("http://mcp.example.com/v1/mcp")),
                                              server));
        QVERIFY(!OAuthClient::resourceMatches(
            QUrl(QStringLiteral("https://mcp.example.com:8443/v1/mcp")), server));
        QVERIFY(!OAuthClient::resourceMatches(QUrl(), server));
        // A trailing slash names another resource (the token's audience would differ).
        QVERIFY(!OAuthClient::resourceMatches(
            QUrl(QStringLiteral("https://mcp.example.com/v1/mcp/")), server));
        QVERIFY(!OAuthClient::resourceMatches(
            QUrl(QStringLiteral("https://mcp.example.com/v1/mcp//")), server));
        QVERIFY(OAuthClient::resourceMatches(QUrl(QStringLiteral("https://mcp.example.com/v1/")),
                                             server)); // a parent
        QVERIFY(
            OAuthClient::resourceMatches(QUrl(QStringLiteral("https://mcp.example.com/")), server));
        const QUrl slashed(QStringLiteral("https://mcp.example.com/v1/mcp/"));
        QVERIFY(OAuthClient::resourceMatches(
            QUrl(QStringLiteral("https://mcp.example.com/v1/mcp/")), slashed));
        QVERIFY(OAuthClient::resourceMatches(QUrl(QStringLiteral("https://mcp.example.com/v1/mcp")),
                                             slashed)); // a parent
    }

    // A sign-in for a server on a public address whose challenge names metadata on
    // 127.0.0.1: refused before any connection, and said so in the error.
    void signInRefusesInternalMetadata()
    {
        QTcpServer dead; // the proxy every connection is sent to: accepts nothing
        QVERIFY(dead.listen(QHostAddress::LocalHost));
        const quint16 deadPort = dead.serverPort();
        dead.close();
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), deadPort));
        QTcpServer trap; // the internal address the server points at
        QVERIFY(trap.listen(QHostAddress::LocalHost));
        QTemporaryDir dir;
        MemorySecretStore secrets;
        SignInStore facts(dir.filePath(QStringLiteral("signins.json")));
        OAuthSettings settings;
        settings.openBrowser = [](const QUrl &) { return false; };
        OAuthClient oauth(QUrl(QStringLiteral("https://203.0.113.10/mcp")), &secrets, &facts,
                          settings);
        QSignalSpy failed(&oauth, &OAuthClient::signInFailed);
        oauth.signIn({},
                     QUrl(QStringLiteral("http://127.0.0.1:%1/.well-known/oauth-protected-resource")
                              .arg(trap.serverPort())));
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 20000);
        const QString message = failed.first().first().value<McpError>().message;
        QVERIFY2(message.contains(QStringLiteral("refused to contact")), qPrintable(message));
        QVERIFY(!trap.hasPendingConnections());
        QTest::qWait(100);
        QVERIFY(!trap.hasPendingConnections());
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    }
};

QTEST_GUILESS_MAIN(TestAddressPolicy)
#include "tst_addresspolicy.moc"
