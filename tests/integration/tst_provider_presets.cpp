// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// GitHub, Notion and X/Twitter presets against local stand-ins of their OAuth
// endpoints, checking the request each provider requires and reading each one's
// real response shape; GitHub's device flow (RFC 8628) with slow_down.
#include "PeerProcess.h"

#include "HeadlessBrowser.h"
#include "auth/OAuthClient.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mcpdesk;

class TestProviderPresets : public QObject
{
    Q_OBJECT

    PeerProcess fake;
    QTemporaryDir dir;
    MemorySecretStore secrets;
    std::unique_ptr<SignInStore> facts;
    HeadlessBrowser browser;

    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(fake.port()); }
    std::unique_ptr<OAuthClient> client(const QString &provider, const QString &id,
                                        const QByteArray &secret, QJsonObject overrides,
                                        bool device = false)
    {
        OAuthSettings s;
        s.provider = provider;
        s.providerConfig = overrides;
        s.clientId = id;
        s.clientSecret = secret;
        s.deviceFlow = device;
        s.openBrowser = [this](const QUrl &u) { return browser.open(u); };
        auto c = std::make_unique<OAuthClient>(QUrl(QStringLiteral("http://127.0.0.1:1/mcp")),
                                               &secrets, facts.get(), s);
        c->setServerKey(QStringLiteral("preset:") + provider);
        return c;
    }
    static bool signIn(OAuthClient *c, int ms = 15000)
    {
        QSignalSpy ok(c, &OAuthClient::signedIn);
        QSignalSpy failed(c, &OAuthClient::signInFailed);
        c->signIn();
        QDeadlineTimer deadline(ms);
        while (ok.isEmpty() && failed.isEmpty() && !deadline.hasExpired())
            QTest::qWait(20);
        if (!failed.isEmpty())
            qWarning() << failed.first().first().value<McpError>().message;
        return !ok.isEmpty();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(fake.startScript(QStringLiteral("fake-providers.mjs"), {}));
        facts = std::make_unique<SignInStore>(dir.filePath(QStringLiteral("signins.json")));
    }

    void github()
    {
        auto c = client(QStringLiteral("github"), QStringLiteral("gh-client"), "gh-secret",
                        {{QStringLiteral("authorization_endpoint"),
                          base() + QStringLiteral("/github/login/oauth/authorize")},
                         {QStringLiteral("token_endpoint"),
                          base() + QStringLiteral("/github/login/oauth/access_token")}});
        QVERIFY(signIn(c.get()));
        QCOMPARE(c->accessToken(), QByteArray("gho_browser_token"));
        QCOMPARE(
            c->tokenInfo().scopesGranted,
            (QStringList{QStringLiteral("repo"), QStringLiteral("read:user")})); // "repo,read:user"
        QTRY_VERIFY(fake.lines().contains(
            QStringLiteral("github token accept=json auth=post verifier=yes")));
        QVERIFY(fake.lines().contains(QStringLiteral("github authorize scope=repo read:user")));
    }

    void githubNeedsItsSecret()
    {
        auto c = client(QStringLiteral("github"), QStringLiteral("gh-client"), QByteArray(), {});
        QSignalSpy failed(c.get(), &OAuthClient::signInFailed);
        c->signIn();
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().value<McpError>().message.contains(
            QStringLiteral("client secret")));
    }

    void githubDeviceFlow()
    {
        auto c = client(QStringLiteral("github"), QStringLiteral("gh-client"), QByteArray(),
                        {{QStringLiteral("device_authorization_endpoint"),
                          base() + QStringLiteral("/github/login/device/code")},
                         {QStringLiteral("token_endpoint"),
                          base() + QStringLiteral("/github/login/oauth/access_token")}},
                        true);
        QSignalSpy code(c.get(), &OAuthClient::deviceCodeReady);
        QElapsedTimer t;
        t.start();
        QVERIFY(signIn(c.get(), 30000));
        QCOMPARE(code.size(), 1);
        QCOMPARE(code.first().at(0).toString(), QStringLiteral("WDJB-MJHT"));
        QCOMPARE(code.first().at(1).toUrl().path(), QStringLiteral("/github/login/device"));
        QCOMPARE(c->accessToken(), QByteArray("gho_device_token"));
        QVERIFY(
            fake.lines().contains(QStringLiteral("github device scope=repo read:user secret=no")));
        QVERIFY(fake.lines().contains(
            QStringLiteral("github device page"))); // the verification page was opened
        QVERIFY(fake.lines().contains(QStringLiteral("github device poll 3 secret=no")));
        // interval 1 s, pending, then slow_down: at least 1 + 1 + 6 s
        QVERIFY2(t.elapsed() >= 8000, qPrintable(QString::number(t.elapsed())));
    }

    void notion()
    {
        auto c = client(QStringLiteral("notion"), QStringLiteral("notion-client"), "notion-secret",
                        {{QStringLiteral("authorization_endpoint"),
                          base() + QStringLiteral("/notion/v1/oauth/authorize")},
                         {QStringLiteral("token_endpoint"),
                          base() + QStringLiteral("/notion/v1/oauth/token")}});
        QVERIFY(signIn(c.get()));
        QVERIFY(c->accessToken().startsWith("ntn_token_"));
        QVERIFY(!c->tokenInfo().expiresAt.isValid()); // Notion tokens do not expire
        QVERIFY(c->tokenInfo().hasRefreshToken);
        QTRY_VERIFY(fake.lines().contains(
            QStringLiteral("notion token authorization_code basic=yes json=yes")));
        QVERIFY(fake.lines().contains(QStringLiteral("notion authorize owner=user")));
        const QByteArray before = c->accessToken();
        QSignalSpy refreshed(c.get(), &OAuthClient::refreshed);
        c->refresh();
        QVERIFY(refreshed.wait(5000));
        QVERIFY(refreshed.first().first().toBool());
        QVERIFY(c->accessToken() != before); // a new pair
        QVERIFY(
            fake.lines().contains(QStringLiteral("notion token refresh_token basic=yes json=yes")));
    }

    void xTwitter()
    {
        auto c = client(
            QStringLiteral("x"), QStringLiteral("x-client"), "x-secret",
            {{QStringLiteral("authorization_endpoint"),
              base() + QStringLiteral("/x/i/oauth2/authorize")},
             {QStringLiteral("token_endpoint"), base() + QStringLiteral("/x/2/oauth2/token")}});
        QVERIFY(signIn(c.get()));
        QVERIFY(c->accessToken().startsWith("x_access_"));
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(c->tokenInfo().expiresAt);
        QVERIFY(left > 7000 && left <= 7200); // 2-hour tokens
        QVERIFY(fake.lines().contains(
            QStringLiteral("x authorize pkce=S256 scope=tweet.read users.read offline.access")));
        QTRY_VERIFY(fake.lines().contains(
            QStringLiteral("x token authorization_code basic=yes verifier=yes")));
        QSignalSpy refreshed(c.get(), &OAuthClient::refreshed);
        c->refresh();
        QVERIFY(refreshed.wait(5000));
        QVERIFY(refreshed.first().first().toBool());
        QVERIFY(
            fake.lines().contains(QStringLiteral("x token refresh_token basic=yes verifier=-")));
    }

    void unknownPreset()
    {
        auto c = client(QStringLiteral("myspace"), QStringLiteral("id"), "s", {});
        QSignalSpy failed(c.get(), &OAuthClient::signInFailed);
        c->signIn();
        QCOMPARE(failed.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestProviderPresets)
#include "tst_provider_presets.moc"
