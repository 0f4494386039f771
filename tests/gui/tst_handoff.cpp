// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// One McpDesk per user, and the mcpdesk:// hand-off: a second process with a
// sign-in callback URL passes it to the running one and exits 0; the running one
// checks the state. End to end with X's preset against its local stand-in.
#include "PeerProcess.h"

#include "SingleInstance.h"
#include "auth/CallbackRouter.h"
#include "auth/OAuthClient.h"
#include "config/ConfigStore.h"

#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace mcpdesk;

class TestHandOff : public QObject
{
    Q_OBJECT

    QTemporaryDir home;
    QString name;
    QProcessEnvironment env()
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("MCPDESK_INSTANCE_NAME"), name);
        e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        e.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("mcpdesk.auth.warning=true"));
        return e;
    }
    static QString app() { return QStringLiteral(MCPDESK_APP); }

private slots:
    void init()
    {
        name = QStringLiteral("mcpdesk-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void secondProcessHandsOverAndExits()
    {
        QProcess first;
        first.setProcessEnvironment(env());
        first.start(app(), {});
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(([this] {
                                     QLocalSocket s;
                                     s.connectToServer(name);
                                     return s.waitForConnected(100);
                                 }()),
                                 15000);
        QProcess second;
        second.setProcessEnvironment(env());
        second.start(
            app(), {QStringLiteral("mcpdesk://oauth/callback?code=x&state=nobody-waits-for-this")});
        QVERIFY(second.waitForFinished(5000));
        QCOMPARE(second.exitCode(), 0);
        QString log;
        QTRY_VERIFY_WITH_TIMEOUT((log += QString::fromUtf8(first.readAllStandardError()))
                                     .contains(QStringLiteral("unknown state")),
                                 5000);
        // Started plainly, a second McpDesk raises the first and exits.
        second.start(app(), {});
        QVERIFY(second.waitForFinished(5000));
        QCOMPARE(second.exitCode(), 0);
        QCOMPARE(first.state(), QProcess::Running);
        first.terminate();
        first.waitForFinished(5000);
    }

    // Started from a terminal, the app keeps the engine's chatter to itself unless
    // asked for it (QT_LOGGING_RULES), as mcpdesk-cli does.
    void quietTerminalUnlessAsked()
    {
        ConfigStore config(home.filePath(QStringLiteral("config/McpDesk/servers.json")));
        ServerConfig broken;
        broken.name = QStringLiteral("Fails at once");
        broken.type = TransportKind::Stdio;
        broken.command = QStringLiteral("sh");
        broken.args = {QStringLiteral("-c"), QStringLiteral("exit 3")};
        const auto added = config.add(broken);
        QVERIFY(added);
        QVERIFY(config.save());
        auto run = [this](const QString &rules, int ms) {
            QProcessEnvironment e = env();
            e.remove(QStringLiteral("QT_LOGGING_RULES"));
            if (!rules.isEmpty())
                e.insert(QStringLiteral("QT_LOGGING_RULES"), rules);
            QProcess p;
            p.setProcessEnvironment(e);
            p.start(app(), {});
            QString err;
            if (p.waitForStarted())
                (void)QTest::qWaitFor(
                    [&] {
                        return (err += QString::fromUtf8(p.readAllStandardError()))
                            .contains(QStringLiteral("mcpdesk.session"));
                    },
                    ms); // the quiet run waits it all
            p.terminate();
            p.waitForFinished(5000);
            return err + QString::fromUtf8(p.readAllStandardError());
        };
        QVERIFY(run(QStringLiteral("mcpdesk.*=true"), 15000)
                    .contains(QStringLiteral("mcpdesk.session: state")));
        const QString quiet = run(QString(), 2000);
        QVERIFY2(!quiet.contains(QStringLiteral("mcpdesk.")), qPrintable(quiet));
        QVERIFY(config.remove(added->mcpId));
        QVERIFY(config.save());
    }

    // X accepts custom schemes: its sign-in comes back through mcpdesk:// and a
    // second process, to the sign-in waiting with that state.
    void customSchemeSignIn()
    {
        PeerProcess fake;
        QVERIFY(fake.startScript(QStringLiteral("fake-providers.mjs"), {}));
        qputenv("MCPDESK_INSTANCE_NAME", name.toUtf8()); // this process is "the running McpDesk"
        SingleInstance instance;
        QVERIFY(instance.listen());
        CallbackRouter router;
        connect(&instance, &SingleInstance::urlReceived, &router,
                [&router](const QUrl &u) { router.deliver(u); });
        MemorySecretStore secrets;
        SignInStore facts(home.filePath(QStringLiteral("signins.json")));
        OAuthSettings s;
        s.provider = QStringLiteral("x");
        s.clientId = QStringLiteral("x-client");
        s.clientSecret = "x-secret";
        s.customSchemeRouter = &router;
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(fake.port());
        s.providerConfig = {
            {QStringLiteral("authorization_endpoint"),
             base + QStringLiteral("/x/i/oauth2/authorize")},
            {QStringLiteral("token_endpoint"), base + QStringLiteral("/x/2/oauth2/token")}};
        QNetworkAccessManager nam;
        QUrl redirect;
        // The "browser": the provider redirects to mcpdesk://…, which the desktop
        // hands to a new `mcpdesk` process.
        s.openBrowser = [&](const QUrl &u) {
            QNetworkRequest req(u);
            req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
            QNetworkReply *r = nam.get(req);
            connect(r, &QNetworkReply::finished, this, [&, r] {
                redirect = QUrl::fromEncoded(r->rawHeader("Location"));
                r->deleteLater();
                QProcess::startDetached(app(), {redirect.toString(QUrl::FullyEncoded)}, QString());
            });
            return true;
        };
        OAuthClient client(QUrl(), &secrets, &facts, s);
        client.setServerKey(QStringLiteral("x-test"));
        QSignalSpy ok(&client, &OAuthClient::signedIn);
        QSignalSpy failed(&client, &OAuthClient::signInFailed);
        client.signIn();
        QTRY_VERIFY_WITH_TIMEOUT(!ok.isEmpty() || !failed.isEmpty(), 15000);
        QVERIFY(!ok.isEmpty());
        QCOMPARE(redirect.scheme(), QStringLiteral("mcpdesk"));
        QVERIFY(client.accessToken().startsWith("x_access_"));
        QVERIFY(fake.lines().contains(
            QStringLiteral("x token authorization_code basic=yes verifier=yes")));
    }
};

QTEST_GUILESS_MAIN(TestHandOff)
#include "tst_handoff.moc"
