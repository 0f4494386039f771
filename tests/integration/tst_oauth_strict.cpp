// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Sign-in against a strict, certified authorization server (oidc-provider, with
// the project's configuration: DCR, PKCE required, resource indicators → JWT
// `aud`, short tokens, refresh-token rotation, revocation) and a token-checking
// resource server in front of the real server-everything — through mcpdesk-cli,
// with the tokens in the test session's real keychain.
#include "PeerProcess.h"

#include "auth/OAuthClient.h"
#include "auth/SecretStore.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace mcpdesk;

namespace {
constexpr int kTokenSeconds = 3;

// A browser: follows every redirect by hand (cookies kept), so the last hop
// reaches the CLI's loopback callback over real HTTP.
int browse(QUrl url)
{
    QNetworkAccessManager nam; // has a cookie jar: the provider's interaction cookies
    for (int hop = 0; hop < 12; ++hop) {
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *r = nam.get(req);
        QSignalSpy done(r, &QNetworkReply::finished);
        done.wait(10000);
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray location = r->rawHeader("Location");
        delete r;
        if (status / 100 != 3 || location.isEmpty())
            return status;
        url = url.resolved(QUrl::fromEncoded(location));
    }
    return -1;
}
} // namespace

class TestOAuthStrict : public QObject
{
    Q_OBJECT

    PeerProcess everything;
    PeerProcess strict;
    QTemporaryDir home;
    QProcessEnvironment env;
    QString url;
    quint16 authPort = 0;

    struct Run
    {
        int code = -1;
        QString out, err;
    };
    Run cli(const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MCPDESK_CLI), args);
        p.waitForFinished(30000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }
    QJsonObject facts()
    {
        QFile f(home.filePath(QStringLiteral("config/McpDesk/signins.json")));
        f.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(f.readAll())
            .object()
            .value(QStringLiteral("signins"))
            .toObject()
            .value(url)
            .toObject();
    }
    QByteArray storedRefreshToken()
    {
        KeychainSecretStore keychain;
        return keychain
            .readNow(SecretStore::makeKey(url, facts().value(QStringLiteral("issuer")).toString(),
                                          QStringLiteral("refresh_token")))
            .value_or(QByteArray());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(everything.startEverything());
        authPort = PeerProcess::freePort();
        QVERIFY(strict.startScript(
            QStringLiteral("strict-oauth.mjs"),
            {QStringLiteral("--auth-port"), QString::number(authPort), QStringLiteral("--upstream"),
             QStringLiteral("http://127.0.0.1:%1").arg(everything.port()),
             QStringLiteral("--token-seconds"), QString::number(kTokenSeconds)}));
        url = strict.url().toString();
        env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    }

    void signIn()
    {
        QCOMPARE(cli({QStringLiteral("tools"), url}).code, 6);
        QProcess login;
        login.setProcessEnvironment(env);
        login.start(QStringLiteral(MCPDESK_CLI),
                    {QStringLiteral("login"), url, QStringLiteral("--no-browser")});
        QString err;
        QUrl authUrl;
        QDeadlineTimer deadline(20000);
        while (!authUrl.isValid() && !deadline.hasExpired()) {
            login.waitForReadyRead(100);
            err += QString::fromUtf8(login.readAllStandardError());
            const auto m = QRegularExpression(QStringLiteral("\\n  (http\\S+)\\n")).match(err);
            if (m.hasMatch())
                authUrl = QUrl::fromEncoded(m.captured(1).toUtf8());
        }
        QVERIFY2(authUrl.isValid(), qPrintable(err));
        QCOMPARE(QUrlQuery(authUrl).queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded),
                 url);
        QCOMPARE(browse(authUrl), 200);
        QVERIFY(login.waitForFinished(20000));
        err += QString::fromUtf8(login.readAllStandardError());
        QVERIFY2(login.exitCode() == 0, qPrintable(err));
        QVERIFY(QString::fromUtf8(login.readAllStandardOutput())
                    .contains(QStringLiteral("refresh token: yes")));
        QTRY_VERIFY(strict.lines().contains(QStringLiteral("token authorization_code")));
        const Run call =
            cli({QStringLiteral("call"), url, QStringLiteral("echo"), QStringLiteral("--args"),
                 QStringLiteral("{\"message\":\"strict\"}")});
        QVERIFY2(call.code == 0, qPrintable(call.err));
        QCOMPARE(call.out, QStringLiteral("Echo: strict\n"));
    }

    // Past expiry, a new CLI process renews silently; the rotated refresh token
    // is the one stored, and the next process renews with it.
    void silentRefreshAndRotation()
    {
        const QByteArray first = storedRefreshToken();
        QVERIFY(!first.isEmpty());
        QTest::qWait((kTokenSeconds + 1) * 1000);
        Run call =
            cli({QStringLiteral("call"), url, QStringLiteral("echo"), QStringLiteral("--args"),
                 QStringLiteral("{\"message\":\"after expiry\"}")});
        QVERIFY2(call.code == 0, qPrintable(call.err));
        QCOMPARE(call.out, QStringLiteral("Echo: after expiry\n"));
        QTRY_VERIFY(strict.lines().contains(QStringLiteral("token refresh_token")));
        const QByteArray second = storedRefreshToken();
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first); // rotated, and the new one saved at once
        QTest::qWait((kTokenSeconds + 1) * 1000);
        call = cli({QStringLiteral("call"), url, QStringLiteral("echo"), QStringLiteral("--args"),
                    QStringLiteral("{\"message\":\"again\"}")});
        QVERIFY2(call.code == 0, qPrintable(call.err)); // oidc-provider would refuse the old one
        const QByteArray third = storedRefreshToken();
        QVERIFY(third != second);
        QVERIFY(cli({QStringLiteral("token"), url}).out.contains(QStringLiteral("last refresh: ")));
    }

    // A refresh token revoked at the server: the next renewal fails once and the
    // CLI says "sign in" (exit 6), no loop.
    void revokedRefreshTokenMeansSignIn()
    {
        const QByteArray rt = storedRefreshToken();
        const QJsonObject f = facts();
        QNetworkAccessManager nam;
        QNetworkRequest req(
            QUrl(QStringLiteral("http://127.0.0.1:%1/token/revocation").arg(authPort)));
        req.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
        QNetworkReply *r = nam.post(
            req, "token=" + QUrl::toPercentEncoding(QString::fromUtf8(rt)) +
                     "&token_type_hint=refresh_token&client_id=" +
                     QUrl::toPercentEncoding(f.value(QStringLiteral("clientId")).toString()));
        QSignalSpy done(r, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete r;
        QTest::qWait((kTokenSeconds + 1) * 1000);
        const Run call = cli({QStringLiteral("call"), url, QStringLiteral("echo"),
                              QStringLiteral("--args"), QStringLiteral("{\"message\":\"x\"}")});
        QCOMPARE(call.code, 6);
        QVERIFY2(call.err.contains(QStringLiteral("could not be renewed")) &&
                     call.err.contains(QStringLiteral("mcpdesk-cli login")),
                 qPrintable(call.err));
    }

    void signOutRevokes()
    {
        // Sign in again, then log out: the server is told (revocation) and the keychain forgets.
        signIn();
        const Run out = cli({QStringLiteral("logout"), url});
        QCOMPARE(out.code, 0);
        QVERIFY(storedRefreshToken().isEmpty());
        QCOMPARE(cli({QStringLiteral("tools"), url}).code, 6);
    }
};

QTEST_GUILESS_MAIN(TestOAuthStrict)
#include "tst_oauth_strict.moc"
