// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The long-lived side of a sign-in, against the project's fake authorization
// server (short tokens, rotation, refusal, revocation on demand): renewed
// before expiry, renewed once for many refused calls, the rotated refresh token
// kept at once, a refused refresh ends in "needs sign-in" without a loop.
#include "PeerProcess.h"
#include "ResultText.h"

#include "HeadlessBrowser.h"
#include "auth/OAuthClient.h"
#include "protocol/McpSession.h"
#include "transport/StreamableHttpTransport.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mcpdesk;

class TestOAuthRefresh : public QObject
{
    Q_OBJECT

    struct Rig
    {
        PeerProcess server;
        QTemporaryDir dir;
        MemorySecretStore secrets;
        std::unique_ptr<SignInStore> facts;
        HeadlessBrowser browser;
        std::unique_ptr<OAuthClient> oauth;
        std::unique_ptr<McpSession> session;

        bool start(const QStringList &serverArgs, bool interactive = true)
        {
            if (!server.startScript(QStringLiteral("fake-oauth-server.mjs"), serverArgs))
                return false;
            facts = std::make_unique<SignInStore>(dir.filePath(QStringLiteral("signins.json")));
            OAuthSettings s;
            s.interactive = interactive;
            s.openBrowser = [this](const QUrl &u) { return browser.open(u); };
            oauth = std::make_unique<OAuthClient>(server.url(), &secrets, facts.get(), s);
            session = std::make_unique<McpSession>(new StreamableHttpTransport(server.url()));
            session->setAuthenticator(oauth.get());
            QSignalSpy ready(session.get(), &McpSession::ready);
            session->open();
            return ready.wait(15000);
        }
        int count(const QString &prefix) const
        {
            int n = 0;
            for (const QString &l : server.lines())
                n += l.startsWith(prefix);
            return n;
        }
        RpcReply *call()
        {
            RpcReply *r = session->callTool(QStringLiteral("echo"), {});
            r->setAutoDelete(false);
            return r;
        }
    };

    static bool waitFor(RpcReply *r)
    {
        if (r->isFinished())
            return true;
        QSignalSpy done(r, &RpcReply::finished);
        return done.wait(15000);
    }

private slots:
    void signInThenRenewBeforeExpiry()
    {
        Rig rig;
        QVERIFY(rig.start({QStringLiteral("--token-seconds"), QStringLiteral("2")}));
        QCOMPARE(rig.count(QStringLiteral("authorize")), 1);
        QCOMPARE(rig.count(QStringLiteral("token code")), 1);
        QVERIFY(rig.oauth->tokenInfo().hasRefreshToken);
        const QByteArray firstRefresh =
            rig.secrets
                .readNow(SecretStore::makeKey(rig.oauth->serverKey(), rig.oauth->tokenInfo().issuer,
                                              QStringLiteral("refresh_token")))
                .value_or(QByteArray());
        QVERIFY(firstRefresh.startsWith("rt-1-"));
        // Renewed on its own shortly before the 2 s expiry, without any refusal.
        QSignalSpy changed(rig.oauth.get(), &OAuthClient::tokensChanged);
        QVERIFY(changed.wait(5000));
        QCOMPARE(rig.count(QStringLiteral("refresh rt-1-")), 1);
        QCOMPARE(rig.count(QStringLiteral("mcp tools/call 401")), 0);
        std::unique_ptr<RpcReply> r(rig.call());
        QVERIFY(waitFor(r.get()));
        QVERIFY2(r->isOk(), qPrintable(r->error().message));
        QCOMPARE(rig.count(QStringLiteral("mcp tools/call 401")), 0);
        // The rotated refresh token replaced the old one at once.
        const QByteArray rotated =
            rig.secrets
                .readNow(SecretStore::makeKey(rig.oauth->serverKey(), rig.oauth->tokenInfo().issuer,
                                              QStringLiteral("refresh_token")))
                .value_or(QByteArray());
        QVERIFY2(rotated.startsWith("rt-2-"), rotated.constData());
        QVERIFY(rig.oauth->tokenInfo().lastRefresh.isValid());
    }

    // The client does not know when the token expires: the server's 401s trigger
    // one refresh, and every refused call is sent again once.
    void manyRefusedCallsShareOneRefresh()
    {
        Rig rig;
        QVERIFY(rig.start({QStringLiteral("--token-seconds"), QStringLiteral("1"),
                           QStringLiteral("--hide-expiry")}));
        QTest::qWait(1300); // expired on the server's side
        std::vector<std::unique_ptr<RpcReply>> calls;
        for (int i = 0; i < 6; ++i)
            calls.emplace_back(rig.call());
        for (auto &c : calls) {
            QVERIFY(waitFor(c.get()));
            QVERIFY2(c->isOk(), qPrintable(c->error().message));
            QCOMPARE(firstText(c->result()), QStringLiteral("ok 2"));
        }
        QCOMPARE(rig.count(QStringLiteral("refresh ")), 1);
        QCOMPARE(rig.count(QStringLiteral("authorize")), 1); // no new browser sign-in
        QCOMPARE(rig.session->state(), ServerState::Connected);
    }

    void refusedRefreshMeansSignInAgain()
    {
        Rig rig;
        QVERIFY(rig.start({QStringLiteral("--token-seconds"), QStringLiteral("1"),
                           QStringLiteral("--hide-expiry")}));
        rig.oauth->setSettings([] {
            OAuthSettings s;
            s.interactive = false;
            return s;
        }()); // as the CLI: no browser
        QNetworkAccessManager nam;
        QNetworkReply *ctl = nam.get(QNetworkRequest(QUrl(
            QStringLiteral("http://127.0.0.1:%1/control/refuse-refresh").arg(rig.server.port()))));
        QSignalSpy ctlDone(ctl, &QNetworkReply::finished);
        QVERIFY(ctlDone.wait(5000));
        QTest::qWait(1300);
        std::unique_ptr<RpcReply> r(rig.call());
        QVERIFY(waitFor(r.get()));
        QVERIFY(!r->isOk());
        QCOMPARE(r->error().kind, McpError::Kind::Unauthorized);
        QVERIFY2(r->error().message.contains(QStringLiteral("could not be renewed")),
                 qPrintable(r->error().message));
        QTest::qWait(500);
        QCOMPARE(rig.count(QStringLiteral("refresh refused")), 1); // tried once, no loop
        QVERIFY(!rig.oauth->tokenInfo().hasRefreshToken);
        QCOMPARE(rig.session->state(), ServerState::NeedsSignIn);
        QCOMPARE(serverStateName(rig.session->state()), QStringLiteral("needs sign-in"));
        QVERIFY(rig.session->lastError().message.contains(QStringLiteral("sign in again")));
    }

    void signOutRevokes()
    {
        Rig rig;
        QVERIFY(rig.start({QStringLiteral("--token-seconds"), QStringLiteral("60")}));
        bool finished = false;
        bool ok = false;
        rig.oauth->signOut([&](bool o, const QString &) {
            finished = true;
            ok = o;
        });
        QTRY_VERIFY(finished);
        QVERIFY(ok);
        QTRY_COMPARE(rig.count(QStringLiteral("revoke rt-1-")), 1);
        QVERIFY(!rig.oauth->tokenInfo().signedIn);
        QVERIFY(!rig.secrets
                     .readNow(SecretStore::makeKey(rig.oauth->serverKey(),
                                                   rig.oauth->tokenInfo().issuer,
                                                   QStringLiteral("access_token")))
                     .has_value());
        QVERIFY(rig.facts->signIn(rig.oauth->serverKey()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOAuthRefresh)
#include "tst_oauth_refresh.moc"
