// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// mcpdesk-cli: the McpDesk engine, headless. See CliOptions.cpp for the contract.
#include "CliAnswers.h"
#include "CliOptions.h"

#include "auth/OAuthClient.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "auth/WwwAuthenticate.h"
#include "config/ConfigStore.h"
#include "protocol/ContentFormat.h"
#include "protocol/EraCache.h"
#include "protocol/McpSession.h"
#include "servers/ServerInputs.h"
#include "transport/TransportFactory.h"
#include "util/Format.h"
#include "util/ProcessHardening.h"
#include "util/VisibleText.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QProcess>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace mcpdesk;
using namespace mcpdesk::cli;

namespace {

int g_signalFd[2] = {-1, -1};
volatile sig_atomic_t g_interrupted = 0;

void onSigint(int)
{
    g_interrupted = 1;
    const char c = 1;
    [[maybe_unused]] auto n = ::write(g_signalFd[1], &c, 1);
}

// Everything written to the terminal goes through these two: whatever a server
// sent reaches it with its control characters and bidirectional overrides written
// as escapes (visibleText keeps newlines and tabs; record fields are escaped whole,
// with field() below, before they are joined).
void out(const QString &text)
{
    const QByteArray bytes = visibleText(text).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void err(const QString &text)
{
    const QByteArray bytes = visibleText(text).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

// Whether a person is at a terminal to be asked (stdin to read, stderr to ask on).
bool onTerminal()
{
    return ::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO);
}

// One line typed on the terminal; nullopt at its end (Ctrl+D) or on Ctrl+C (the
// signal, installed without SA_RESTART, ends the read; the runner then cancels).
std::optional<QString> readTerminalLine(const QString &prompt)
{
    err(prompt);
    QByteArray line;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n == 1) {
            if (c == '\n')
                break;
            line += c;
            continue;
        }
        if (n < 0 && errno == EINTR && !g_interrupted)
            continue;
        if (n < 0 || line.isEmpty()) {
            err(QStringLiteral("\n"));
            return std::nullopt;
        }
        break;
    }
    return QString::fromUtf8(line);
}

int exitCodeFor(const McpError &e)
{
    switch (e.kind) {
    case McpError::Kind::None:
        return ExitOk;
    case McpError::Kind::Connection:
    case McpError::Kind::SessionExpired:
        return ExitConnection;
    case McpError::Kind::Protocol:
        return ExitProtocol;
    case McpError::Kind::Unauthorized:
        return ExitAuth;
    case McpError::Kind::Timeout:
        return ExitTimeout;
    case McpError::Kind::Cancelled:
        return ExitCancelled;
    }
    return ExitProtocol;
}

QString formatNumber(double v)
{
    return formatJsonValue(QJsonValue(v));
}

// Turns a target into how to reach it: a URL, stdio:<command line>, or a
// configured server's mcpId or name.
// `saved`, when given, receives the configured server a name or mcpId names.
bool resolveTarget(const Options &o, EndpointSpec *spec, QString *error,
                   std::optional<ServerConfig> *saved = nullptr)
{
    if (o.target.startsWith(QLatin1String("stdio:"))) {
        const auto words = splitCommandLine(o.target.mid(6));
        if (!words || words->isEmpty()) {
            *error = words ? QStringLiteral("stdio: needs a command, like stdio:npx my-server")
                           : QStringLiteral("the stdio: command line has an unterminated quote");
            return false;
        }
        spec->kind = TransportKind::Stdio;
        spec->command.program = words->first();
        spec->command.arguments = words->mid(1);
        spec->command.environment = o.env;
        return true;
    }
    const QUrl url(o.target, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))) {
        if (url.host().isEmpty()) {
            *error = QStringLiteral("“%1” has no host name").arg(o.target);
            return false;
        }
        if (o.transport == TransportKind::Stdio) {
            *error = QStringLiteral("--transport stdio needs a stdio: target");
            return false;
        }
        spec->kind = o.transport.value_or(TransportKind::StreamableHttp);
        spec->allowFallback = !o.transport.has_value();
        spec->url = url;
        spec->headers = o.headers;
        spec->caFile = o.caFile;
        return true;
    }
    if (url.isValid() && !scheme.isEmpty() && o.target.contains(QLatin1String("://"))) {
        *error = QStringLiteral("“%1” is not a server McpDesk can reach: use an http:// or "
                                "https:// URL, stdio:<command>, or a configured server")
                     .arg(o.target);
        return false;
    }
    ConfigStore store(o.configPath);
    if (!store.load() && !store.lastError().isEmpty())
        err(QStringLiteral("mcpdesk-cli: warning: %1\n").arg(store.lastError()));
    const auto server = store.server(o.target);
    if (!server) {
        *error = QStringLiteral("no configured server is called “%1” (see mcpdesk-cli list)")
                     .arg(o.target);
        return false;
    }
    if (server->awaitsConfirmation()) {
        *error = QStringLiteral(
                     "“%1” was added from elsewhere and its command has not been confirmed, so it "
                     "was not run; see it and allow it with: mcpdesk-cli confirm %2")
                     .arg(server->name, server->mcpId);
        return false;
    }
    *spec = server->endpointSpec();
    if (saved)
        *saved = *server;
    spec->headers += o.headers;
    if (!o.caFile.isEmpty())
        spec->caFile = o.caFile;
    if (o.transport && spec->kind != TransportKind::Stdio) {
        spec->kind = *o.transport;
        spec->allowFallback = false;
    }
    return true;
}

int runConfigCommand(const Options &o)
{
    ConfigStore store(o.configPath);
    if (!store.load()) {
        err(QStringLiteral("mcpdesk-cli: %1\n").arg(store.lastError()));
        if (o.command != QLatin1String("list") && store.backupPath().isEmpty())
            return ExitUsage; // nothing was kept aside: do not write over it
    }
    // Damaged: what could be read was recovered (and written back); said once, by exit 9.
    const bool damaged = store.recovery().damaged;
    if (o.command == QLatin1String("list")) {
        for (const ServerConfig &s : store.servers()) {
            const QString where = s.type == TransportKind::Stdio
                                      ? (QStringList{s.command} + s.args).join(QLatin1Char(' '))
                                      : s.url.toString();
            out(QStringList{visibleField(s.mcpId), visibleField(s.name), s.transportName(),
                            s.awaitsConfirmation() ? QStringLiteral("unconfirmed")
                            : s.enabled            ? QStringLiteral("enabled")
                                                   : QStringLiteral("disabled"),
                            visibleField(where)}
                    .join(QLatin1Char('\t')) +
                QLatin1Char('\n'));
        }
        return damaged ? ExitServersDamaged : ExitOk;
    }
    if (o.command == QLatin1String("confirm")) {
        const auto server = store.server(o.target);
        if (!server) {
            err(QStringLiteral("mcpdesk-cli: no configured server is called “%1”\n").arg(o.target));
            return ExitUsage;
        }
        // Everything that will run, each argument on its own line, as it is.
        out(QStringLiteral("server: %1\n").arg(visibleField(server->name)));
        if (server->type == TransportKind::Stdio) {
            out(QStringLiteral("program: %1\n").arg(visibleField(server->command)));
            for (qsizetype i = 0; i < server->args.size(); ++i)
                out(QStringLiteral("argument %1: %2\n")
                        .arg(i + 1)
                        .arg(visibleField(server->args.at(i))));
            out(QStringLiteral("working directory: %1\n")
                    .arg(server->workingDirectory.isEmpty()
                             ? QStringLiteral("(McpDesk's own)")
                             : visibleField(server->workingDirectory)));
            QStringList names = server->env.keys();
            for (const QString &n : server->secretEnv)
                if (!names.contains(n))
                    names.append(n);
            out(QStringLiteral("environment: %1\n")
                    .arg(names.isEmpty() ? QStringLiteral("(none)")
                                         : visibleField(names.join(QStringLiteral(", ")))));
        } else {
            out(QStringLiteral("url: %1\n").arg(visibleField(server->url.toString())));
        }
        if (!server->awaitsConfirmation() && server->enabled) {
            out(QStringLiteral("already allowed to run\n"));
            return ExitOk;
        }
        if (!o.yes) {
            if (!::isatty(STDIN_FILENO)) {
                err(QStringLiteral("mcpdesk-cli: not confirmed: give --yes, or run this on a "
                                   "terminal to be asked\n"));
                return ExitUsage;
            }
            err(QStringLiteral("Allow this command to run? [y/N] "));
            QTextStream in(stdin);
            const QString answer = in.readLine().trimmed().toLower();
            if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
                err(QStringLiteral("mcpdesk-cli: not confirmed\n"));
                return ExitUsage;
            }
        }
        ServerConfig c = *server;
        c.confirmed = true;
        c.enabled = true;
        if (!store.update(c) || !store.save()) {
            err(QStringLiteral("mcpdesk-cli: %1\n").arg(store.lastError()));
            return ExitUsage;
        }
        out(QStringLiteral("confirmed %1\n").arg(visibleField(server->mcpId)));
        return ExitOk;
    }
    if (o.command == QLatin1String("remove")) {
        const auto server = store.server(o.target);
        if (!server) {
            err(QStringLiteral("mcpdesk-cli: no configured server is called “%1”\n").arg(o.target));
            return ExitUsage;
        }
        if (!store.remove(server->mcpId) || !store.save()) {
            err(QStringLiteral("mcpdesk-cli: %1\n").arg(store.lastError()));
            return ExitUsage;
        }
        out(server->mcpId + QLatin1Char('\n'));
        return ExitOk;
    }
    // add
    Options targetOnly = o;
    targetOnly.configPath = QStringLiteral("/nonexistent/never-used"); // only URLs and stdio: here
    EndpointSpec spec;
    QString error;
    if (!(o.target.startsWith(QLatin1String("stdio:")) ||
          o.target.contains(QLatin1String("://"))) ||
        !resolveTarget(targetOnly, &spec, &error)) {
        err(QStringLiteral("mcpdesk-cli: %1\n")
                .arg(error.isEmpty()
                         ? QStringLiteral("add needs an http(s):// URL or stdio:<command line>")
                         : error));
        return ExitUsage;
    }
    ServerConfig c;
    c.name = o.tool;
    c.description = o.description;
    c.type = spec.kind;
    c.url = spec.url;
    for (const auto &h : o.headers)
        c.headers.append({QString::fromLatin1(h.first), QString::fromUtf8(h.second)});
    c.command = spec.command.program;
    c.args = spec.command.arguments;
    c.env = o.env;
    const auto added = store.add(c);
    if (!added || !store.save()) {
        err(QStringLiteral("mcpdesk-cli: %1\n").arg(store.lastError()));
        return ExitUsage;
    }
    out(added->mcpId + QLatin1Char('\n'));
    return ExitOk;
}

class CliRunner : public QObject
{
public:
    explicit CliRunner(const Options &options) : m_options(options) {}

    int start()
    {
        EndpointSpec spec;
        QString error;
        if (!resolveTarget(m_options, &spec, &error, &m_saved)) {
            err(QStringLiteral("mcpdesk-cli: %1\n").arg(error));
            return ExitUsage;
        }
        if (!m_saved)
            return proceed(spec);
        // A saved server: its secrets (headers, bearer token, environment, its sign-in
        // client's secret) come from the keychain, as the app starts it.
        m_secrets = new KeychainSecretStore(QStringLiteral("McpDesk"), this);
        readServerSecrets(m_secrets, *m_saved, [this, spec](const ServerSecrets &secrets) mutable {
            m_savedSecrets = secrets;
            addSecrets(spec, *m_saved, secrets);
            const int code = proceed(spec);
            if (code >= 0)
                finish(code);
        });
        return -1;
    }

    int proceed(const EndpointSpec &spec)
    {
        const bool signInCommand = m_options.command == QLatin1String("login") ||
                                   m_options.command == QLatin1String("logout") ||
                                   m_options.command == QLatin1String("token");
        if (spec.kind == TransportKind::Stdio && signInCommand) {
            err(QStringLiteral("mcpdesk-cli: sign-in is for HTTP servers; a stdio server gets its "
                               "credentials from its environment\n"));
            return ExitUsage;
        }
        // A token the person gave (--header, or the server's saved headers) is theirs to
        // manage: McpDesk adds no sign-in of its own beside it.
        if (hasAuthorization(m_options.headers))
            m_givenAuthorization = QStringLiteral("with --header");
        else if (hasAuthorization(spec.headers))
            m_givenAuthorization = QStringLiteral("in this server's saved headers");
        if (spec.kind != TransportKind::Stdio && (m_givenAuthorization.isEmpty() || signInCommand))
            setUpSignIn(spec.url, spec.caFile);
        if (m_options.command == QLatin1String("token") ||
            m_options.command == QLatin1String("logout")) {
            m_oauth->load(
                [this] { m_options.command == QLatin1String("token") ? showToken() : logout(); });
            return -1;
        }
        EndpointSpec endpoint = spec;
        if (!m_options.protocol.isEmpty())
            endpoint.protocolVersion = m_options.protocol;
        m_session = McpSession::create(endpoint, this);
        // The era each server speaks is remembered (shared with the app): a known
        // server costs no probe. `info` asks a modern server for its details all the same.
        m_eras = std::make_unique<EraCache>();
        m_session->setEraCache(m_eras.get());
        m_session->setDiscoverWhenCached(m_options.command == QLatin1String("info"));
        m_session->setDefaultTimeout(qint64(m_options.timeoutSeconds * 1000));
        const bool watch = m_options.command == QLatin1String("watch");
        m_session->setAutoRelist(watch); // watch: changed lists are fetched again, and told
        m_session->setListenForChanges(watch);
        m_session->setClientFeatures(clientFeatures());
        if (m_oauth)
            m_session->setAuthenticator(m_oauth);
        connect(m_session, &McpSession::failed, this, [this](const McpError &e) {
            if (m_done)
                return;
            finish(exitCodeFor(e), explain(e));
        });
        connect(m_session, &McpSession::ready, this, &CliRunner::onReady);
        connect(
            m_session, &McpSession::logMessage, this,
            [](const QString &level, const QString &logger, const QJsonValue &data) {
                err(QStringLiteral("log %1%2: %3\n")
                        .arg(visibleField(level),
                             logger.isEmpty() ? QString() : QLatin1Char(' ') + visibleField(logger),
                             visibleField(formatJsonValue(data))));
            });
        if (m_oauth && m_options.command != QLatin1String("login"))
            m_oauth->load([this] { m_session->open(); }); // a sign-in made earlier, if any
        else
            m_session->open();
        return -1;
    }

    // What the CLI answers when the server asks the person (both eras, one path):
    // elicitation only when --answers or a terminal can answer it, sampling only
    // with --sampling-reply, roots always (those of --root; none: an empty list).
    ClientFeatures clientFeatures() const
    {
        ClientFeatures f;
        const std::optional<QJsonObject> answers = m_options.answers;
        const bool terminal = onTerminal();
        if (answers || terminal) {
            const LineReader ask = terminal ? LineReader(readTerminalLine) : LineReader();
            const Say say = [](const QString &text) { err(text); };
            auto elicit = [answers, ask, say](bool url) {
                return [answers, ask, say, url](const QJsonObject &params,
                                                const JsonRpcEndpoint::Responder &r) {
                    // A legacy server asks one thing at a time: its key is "elicitation".
                    const QString key =
                        r.inputKey().isEmpty() ? QStringLiteral("elicitation") : r.inputKey();
                    const Answered a = url ? answerUrl(params, key, answers, ask, say)
                                           : answerForm(params, key, answers, ask, say);
                    if (!a.note.isEmpty())
                        err(QStringLiteral("mcpdesk-cli: %1\n").arg(a.note));
                    r.result(a.result);
                };
            };
            f.elicitForm = elicit(false);
            f.elicitUrl = elicit(true);
        }
        if (m_options.samplingReply) {
            const QString reply = *m_options.samplingReply;
            f.createMessage = [reply](const QJsonObject &, const JsonRpcEndpoint::Responder &r) {
                err(QStringLiteral("mcpdesk-cli: answered the server's sampling request with "
                                   "--sampling-reply\n"));
                r.result(samplingResult(reply));
            };
        }
        const QJsonArray roots = rootsOf(m_options.roots);
        f.roots = [roots] { return roots; };
        return f;
    }

    void interrupt()
    {
        if (m_done)
            return;
        if (m_call) {
            m_call->cancel(QStringLiteral("The user pressed Ctrl+C"));
            return; // finishes through the reply, after the notification went out
        }
        if (m_options.command == QLatin1String("watch"))
            return finish(ExitOk); // how watching ends
        finish(ExitCancelled, QStringLiteral("cancelled"));
    }

private:
    // An error in words, with what to do next.
    QString explain(const McpError &e) const
    {
        if (e.rpcCode == -32021) {
            // A modern server needs an answer the CLI was not told how to give.
            const QJsonObject needed =
                e.rpcData.toObject().value(QStringLiteral("requiredCapabilities")).toObject();
            QStringList how;
            if (needed.contains(QStringLiteral("elicitation")))
                how.append(QStringLiteral("give --answers (or run on a terminal) to answer its "
                                          "questions"));
            if (needed.contains(QStringLiteral("sampling")))
                how.append(QStringLiteral("give --sampling-reply TEXT to answer for a model"));
            return how.isEmpty() ? e.message
                                 : e.message + QLatin1Char('\n') + how.join(QStringLiteral("; "));
        }
        if (e.kind != McpError::Kind::Unauthorized || m_options.command == QLatin1String("login"))
            return e.message;
        if (!m_givenAuthorization.isEmpty()) {
            // The person brought their own token: say it was refused, not that they
            // must sign in (McpDesk did not send a sign-in of its own).
            QString why;
            if (const auto challenge = bearerChallenge(e.wwwAuthenticate)) {
                why = challenge->param(QStringLiteral("error_description"));
                if (why.isEmpty())
                    why = challenge->param(QStringLiteral("error"));
            }
            return QStringLiteral(
                       "the server refused the token given %1 (HTTP %2%3); check that it is "
                       "valid and not expired")
                .arg(m_givenAuthorization)
                .arg(e.httpStatus)
                .arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why.left(200));
        }
        return e.message +
               QStringLiteral("\nSign in with: mcpdesk-cli login %1").arg(m_options.target);
    }

    static bool hasAuthorization(const HeaderList &headers)
    {
        for (const auto &h : headers)
            if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }

    void setUpSignIn(const QUrl &url, const QString &caFile)
    {
        if (!m_secrets)
            m_secrets = new KeychainSecretStore(QStringLiteral("McpDesk"), this);
        m_facts = std::make_unique<SignInStore>(
            m_options.configPath.isEmpty()
                ? QString()
                : QFileInfo(m_options.configPath).absolutePath() + QStringLiteral("/signins.json"));
        // A saved server's sign-in settings are the app's (one place makes them); what
        // the command line gives wins.
        OAuthSettings settings =
            m_saved ? signInSettings(*m_saved, m_savedSecrets, nullptr) : OAuthSettings();
        settings.interactive = m_options.command == QLatin1String("login");
        settings.requestTimeoutMs = int(std::min(m_options.timeoutSeconds * 1000, 3.6e6));
        if (!m_options.clientId.isEmpty())
            settings.clientId = m_options.clientId;
        if (!m_options.scopes.isEmpty())
            settings.scopes = m_options.scopes;
        if (m_options.clientSecretStdin) {
            QTextStream in(stdin);
            settings.clientSecret = in.readLine().trimmed().toUtf8();
        }
        if (!m_options.noBrowser) {
            // One argument, no shell: the URL cannot run anything.
            settings.openBrowser = [](const QUrl &u) {
                return QProcess::startDetached(QStringLiteral("xdg-open"),
                                               {u.toString(QUrl::FullyEncoded)});
            };
        }
        m_oauth = new OAuthClient(url, m_secrets, m_facts.get(), settings, this);
        m_oauth->setCaCertificates(readCertificates(caFile)); // as the server's own requests
        connect(m_oauth, &OAuthClient::authorizationUrlReady, this, [](const QUrl &u) {
            err(QStringLiteral("Open this address in your browser to sign in:\n  %1\n")
                    .arg(QString::fromUtf8(u.toEncoded())));
        });
        connect(m_oauth, &OAuthClient::warning, this,
                [](const QString &w) { err(QStringLiteral("mcpdesk-cli: warning: %1\n").arg(w)); });
    }

    static QString describeExpiry(const QDateTime &at)
    {
        if (!at.isValid())
            return QStringLiteral("no expiry given");
        const qint64 secs = QDateTime::currentDateTimeUtc().secsTo(at);
        const QString when = at.toUTC().toString(Qt::ISODate);
        if (secs <= 0)
            return QStringLiteral("%1 (expired)").arg(when);
        return secs < 120 ? QStringLiteral("%1 (in %2 s)").arg(when).arg(secs)
                          : QStringLiteral("%1 (in %2 min)").arg(when).arg(secs / 60);
    }

    void showToken()
    {
        const OAuthClient::TokenInfo t = m_oauth->tokenInfo();
        if (!t.signedIn)
            return finish(ExitAuth,
                          QStringLiteral("not signed in to %1\nSign in with: mcpdesk-cli login %2")
                              .arg(m_oauth->serverKey(), m_options.target));
        out(QStringLiteral("server: %1\n").arg(m_oauth->serverKey()));
        out(QStringLiteral("issuer: %1\n").arg(t.issuer));
        out(QStringLiteral("client: %1\n").arg(t.clientId));
        out(QStringLiteral("scopes: %1\n").arg(t.scopesGranted.join(QLatin1Char(' '))));
        out(QStringLiteral("type: %1\n").arg(t.tokenType));
        out(QStringLiteral("expires: %1\n").arg(describeExpiry(t.expiresAt)));
        out(QStringLiteral("refresh token: %1\n")
                .arg(t.hasRefreshToken ? QStringLiteral("yes") : QStringLiteral("no")));
        if (t.lastRefresh.isValid())
            out(QStringLiteral("last refresh: %1\n")
                    .arg(t.lastRefresh.toUTC().toString(Qt::ISODate)));
        out(QStringLiteral("access token: %1\n")
                .arg(m_options.reveal ? QString::fromUtf8(m_oauth->accessToken())
                                      : QStringLiteral("******** (--reveal shows it)")));
        finish(ExitOk);
    }

    void logout()
    {
        const bool was = m_oauth->tokenInfo().signedIn;
        m_oauth->signOut([this, was](bool ok, const QString &note) {
            if (!note.isEmpty())
                err(QStringLiteral("mcpdesk-cli: %1\n").arg(note));
            if (!ok)
                return finish(ExitAuth, QStringLiteral("could not forget the sign-in"));
            out(was ? QStringLiteral("Signed out of %1\n").arg(m_oauth->serverKey())
                    : QStringLiteral("Not signed in to %1\n").arg(m_oauth->serverKey()));
            finish(ExitOk);
        });
    }

    // Runs `reply`; on success hands its result to `onResult`, else finishes.
    void expect(RpcReply *reply, std::function<void(const QJsonValue &)> onResult)
    {
        connect(reply, &RpcReply::finished, this, [this, reply, onResult] {
            if (!reply->isOk())
                return finish(exitCodeFor(reply->error()), explain(reply->error()));
            onResult(reply->result());
        });
    }

    static QString about(const QJsonObject &item)
    {
        QString text = item.value(QStringLiteral("title")).toString();
        if (text.isEmpty())
            text = item.value(QStringLiteral("annotations"))
                       .toObject()
                       .value(QStringLiteral("title"))
                       .toString();
        if (text.isEmpty())
            text = item.value(QStringLiteral("description")).toString();
        return visibleField(text.simplified());
    }
    static QString nameOf(const QJsonObject &item, const QString &key = QStringLiteral("name"))
    {
        return visibleField(item.value(key).toString());
    }

    void printJson(const QJsonValue &v)
    {
        out(QString::fromUtf8(asciiSafeJson(
            v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented)
                        : QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented))));
    }

    void onReady()
    {
        const QString &cmd = m_options.command;
        if (cmd == QLatin1String("login")) {
            // Some servers only refuse past the handshake: list the tools too.
            expect(m_session->listTools(), [this](const QJsonValue &) {
                const OAuthClient::TokenInfo t = m_oauth->tokenInfo();
                if (!t.signedIn) {
                    out(QStringLiteral("%1 did not ask for a sign-in.\n")
                            .arg(m_oauth->serverKey()));
                    return finish(ExitOk);
                }
                out(QStringLiteral("Signed in to %1 (issuer %2; scopes: %3; expires: %4; refresh "
                                   "token: %5)%6\n")
                        .arg(m_oauth->serverKey(), t.issuer,
                             t.scopesGranted.isEmpty() ? QStringLiteral("none")
                                                       : t.scopesGranted.join(QLatin1Char(' ')),
                             describeExpiry(t.expiresAt),
                             t.hasRefreshToken ? QStringLiteral("yes") : QStringLiteral("no"),
                             t.persistent ? QString()
                                          : QStringLiteral(" — not kept: see the warning above")));
                finish(ExitOk);
            });
            return;
        }
        if (cmd == QLatin1String("info")) {
            showInfo();
            return;
        }
        if (cmd == QLatin1String("watch")) {
            startWatch();
            return;
        }
        if (cmd == QLatin1String("tools")) {
            expect(m_session->listTools(), [this](const QJsonValue &tools) {
                if (m_options.json)
                    printJson(tools);
                else
                    for (const QJsonValue &v : tools.toArray())
                        out(nameOf(v.toObject()) + QLatin1Char('\t') + about(v.toObject()) +
                            QLatin1Char('\n'));
                finish(ExitOk);
            });
        } else if (cmd == QLatin1String("prompts")) {
            expect(m_session->listPrompts(), [this](const QJsonValue &prompts) {
                if (m_options.json)
                    printJson(prompts);
                else
                    for (const QJsonValue &v : prompts.toArray())
                        out(nameOf(v.toObject()) + QLatin1Char('\t') + about(v.toObject()) +
                            QLatin1Char('\n'));
                finish(ExitOk);
            });
        } else if (cmd == QLatin1String("resources")) {
            expect(m_session->listResources(), [this](const QJsonValue &resources) {
                // Templates are optional: a server that has none may not know the method.
                RpcReply *templatesReply = m_session->listResourceTemplates();
                connect(templatesReply, &RpcReply::finished, this,
                        [this, templatesReply, resources] {
                            const McpError &e = templatesReply->error();
                            if (!templatesReply->isOk() && !(e.isRpcError && e.rpcCode == -32601))
                                return finish(exitCodeFor(e), explain(e));
                            const QJsonValue templates =
                                templatesReply->isOk() ? templatesReply->result() : QJsonArray();
                            if (m_options.json) {
                                printJson(
                                    QJsonObject{{QStringLiteral("resources"), resources},
                                                {QStringLiteral("resourceTemplates"), templates}});
                                return finish(ExitOk);
                            }
                            for (const QJsonValue &v : resources.toArray()) {
                                const QJsonObject r = v.toObject();
                                QString line = nameOf(r, QStringLiteral("uri")) +
                                               QLatin1Char('\t') + nameOf(r);
                                const QString mime = nameOf(r, QStringLiteral("mimeType"));
                                if (!mime.isEmpty())
                                    line += QStringLiteral(" (%1)").arg(mime);
                                out(line + QLatin1Char('\n'));
                            }
                            for (const QJsonValue &v : templates.toArray()) {
                                const QJsonObject t = v.toObject();
                                out(nameOf(t, QStringLiteral("uriTemplate")) + QLatin1Char('\t') +
                                    nameOf(t) + QLatin1Char('\n'));
                            }
                            finish(ExitOk);
                        });
            });
        } else if (cmd == QLatin1String("read")) {
            expect(m_session->readResource(m_options.tool), [this](const QJsonValue &result) {
                if (m_options.json) {
                    printJson(result);
                    return finish(ExitOk);
                }
                for (const QJsonValue &v :
                     result.toObject().value(QStringLiteral("contents")).toArray()) {
                    const QJsonObject c = v.toObject();
                    if (c.contains(QStringLiteral("text"))) {
                        QString text = c.value(QStringLiteral("text")).toString();
                        out(text.endsWith(QLatin1Char('\n')) ? text : text + QLatin1Char('\n'));
                    } else {
                        out(QStringLiteral("[blob %1 %2]\n")
                                .arg(c.value(QStringLiteral("mimeType"))
                                         .toString(QStringLiteral("?")),
                                     formatByteSize(decodedBase64Size(
                                         c.value(QStringLiteral("blob")).toString()))));
                    }
                }
                finish(ExitOk);
            });
        } else if (cmd == QLatin1String("prompt")) {
            expect(m_session->getPrompt(m_options.tool, m_options.arguments),
                   [this](const QJsonValue &result) {
                       if (m_options.json) {
                           printJson(result);
                           return finish(ExitOk);
                       }
                       for (const QJsonValue &v :
                            result.toObject().value(QStringLiteral("messages")).toArray()) {
                           const QJsonObject m = v.toObject();
                           out(nameOf(m, QStringLiteral("role")) + QStringLiteral(": ") +
                               formatContentItem(m.value(QStringLiteral("content")).toObject()) +
                               QLatin1Char('\n'));
                       }
                       finish(ExitOk);
                   });
        } else if (cmd == QLatin1String("bench")) {
            startBench();
        } else if (!m_options.logLevel.isEmpty() &&
                   m_session->serverHas(QStringLiteral("logging"))) {
            RpcReply *r = m_session->setLoggingLevel(m_options.logLevel);
            connect(r, &RpcReply::finished, this, [this, r] {
                if (!r->isOk())
                    err(QStringLiteral("mcpdesk-cli: warning: %1\n").arg(r->error().message));
                startCall();
            });
        } else {
            if (!m_options.logLevel.isEmpty())
                err(QStringLiteral(
                    "mcpdesk-cli: warning: this server does not offer log messages\n"));
            startCall();
        }
    }

    void showInfo()
    {
        const QJsonObject info = m_session->serverInfo();
        const QString era = McpSession::eraName(m_session->era());
        const QString source = McpSession::eraSourceName(m_session->eraSource());
        if (m_options.json) {
            QJsonObject o{
                {QStringLiteral("serverInfo"), info},
                {QStringLiteral("era"), era},
                {QStringLiteral("eraSource"), source},
                {QStringLiteral("protocolVersion"), m_session->protocolVersion()},
                {QStringLiteral("capabilities"), m_session->serverCapabilities()},
                {QStringLiteral("transport"), transportKindName(m_session->transport()->kind())}};
            if (!m_session->serverVersions().isEmpty())
                o.insert(QStringLiteral("supportedVersions"),
                         QJsonArray::fromStringList(m_session->serverVersions()));
            if (!m_session->instructions().isEmpty())
                o.insert(QStringLiteral("instructions"), m_session->instructions());
            printJson(o);
            return finish(ExitOk);
        }
        QString name = nameOf(info);
        const QString title = nameOf(info, QStringLiteral("title"));
        if (!title.isEmpty() && title != name)
            name += QStringLiteral(" (%1)").arg(title);
        out(QStringLiteral("server: %1 %2\n")
                .arg(name.isEmpty() ? QStringLiteral("(unnamed)") : name,
                     nameOf(info, QStringLiteral("version"))));
        out(QStringLiteral("era: %1, %2\n").arg(era, source));
        out(QStringLiteral("protocol: %1\n").arg(m_session->protocolVersion()));
        out(QStringLiteral("transport: %1\n")
                .arg(transportKindName(m_session->transport()->kind())));
        if (!m_session->serverVersions().isEmpty())
            out(QStringLiteral("offers: %1\n")
                    .arg(visibleField(m_session->serverVersions().join(QStringLiteral(", ")))));
        out(QStringLiteral("capabilities: %1\n")
                .arg(visibleField(
                    m_session->serverCapabilities().keys().join(QStringLiteral(", ")))));
        const QString instructions = m_session->instructions();
        if (!instructions.isEmpty())
            out(QStringLiteral("instructions: %1\n").arg(visibleField(instructions.simplified())));
        finish(ExitOk);
    }

    // watch: the lists as they are, then one line per change until Ctrl+C.
    void startWatch()
    {
        // "watching" is said once the lists are known, the resources subscribed and (a
        // modern server) the listen acknowledged: a change made after it is told.
        auto waiting = std::make_shared<int>(1);
        auto settled = [this, waiting] {
            if (--*waiting != 0)
                return;
            const QString name = nameOf(m_session->serverInfo());
            err(QStringLiteral("watching %1 for changes (Ctrl+C ends)\n")
                    .arg(name.isEmpty() ? m_options.target : name));
        };
        if (m_session->era() == McpSession::Era::Modern) {
            ++*waiting;
            auto once = std::make_shared<QMetaObject::Connection>();
            *once = connect(m_session, &McpSession::listening, this, [settled, once] {
                disconnect(*once);
                settled();
            });
        }
        struct Kind
        {
            const char *capability;
            const char *label;
            const char *key; // what names an item
            RpcReply *(McpSession::*list)();
            void (McpSession::*changed)();
            QJsonArray (McpSession::*current)() const;
        };
        static const Kind kinds[] = {
            {"tools", "tools", "name", &McpSession::listTools, &McpSession::toolsChanged,
             &McpSession::tools},
            {"prompts", "prompts", "name", &McpSession::listPrompts, &McpSession::promptsChanged,
             &McpSession::prompts},
            {"resources", "resources", "uri", &McpSession::listResources,
             &McpSession::resourcesChanged, &McpSession::resources},
        };
        // Each item as compact JSON by its name: what changed is what differs.
        using Items = QMap<QString, QByteArray>;
        auto itemsOf = [](const QJsonArray &items, const QString &key) {
            Items out;
            for (const QJsonValue &v : items)
                out.insert(v.toObject().value(key).toString(),
                           QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
            return out;
        };
        for (const Kind &k : kinds) {
            if (!m_session->serverHas(QLatin1String(k.capability)))
                continue;
            const QString key = QLatin1String(k.key);
            const QString label = QLatin1String(k.label);
            auto known = std::make_shared<Items>();
            RpcReply *first = (m_session->*k.list)();
            ++*waiting;
            connect(first, &RpcReply::finished, this, [first, known, key, itemsOf, settled] {
                if (first->isOk())
                    *known = itemsOf(first->result().toArray(), key);
                settled();
            });
            const auto current = k.current;
            connect(m_session, k.changed, this, [this, known, key, label, current, itemsOf] {
                const Items now = itemsOf((m_session->*current)(), key);
                QStringList added, removed, changed;
                for (auto it = now.begin(); it != now.end(); ++it) {
                    if (!known->contains(it.key()))
                        added.append(visibleField(it.key()));
                    else if (known->value(it.key()) != it.value())
                        changed.append(visibleField(it.key()));
                }
                for (auto it = known->begin(); it != known->end(); ++it)
                    if (!now.contains(it.key()))
                        removed.append(visibleField(it.key()));
                *known = now;
                QStringList parts;
                if (!added.isEmpty())
                    parts.append(QStringLiteral("added ") + added.join(QStringLiteral(", ")));
                if (!removed.isEmpty())
                    parts.append(QStringLiteral("removed ") + removed.join(QStringLiteral(", ")));
                if (!changed.isEmpty())
                    parts.append(QStringLiteral("changed ") + changed.join(QStringLiteral(", ")));
                if (!parts.isEmpty()) // told again of what did not change: nothing to say
                    watchLine(label + QStringLiteral(": ") + parts.join(QStringLiteral("; ")));
            });
        }
        connect(m_session, &McpSession::resourceUpdated, this, [this](const QString &uri) {
            watchLine(QStringLiteral("resource updated: ") + visibleField(uri));
        });
        connect(m_session, &McpSession::listening, this, [this](const QJsonObject &honored) {
            if (m_listenedBefore) {
                err(QStringLiteral("mcpdesk-cli: listening again\n"));
                return;
            }
            m_listenedBefore = true;
            QStringList unheard;
            for (const char *k : {"toolsListChanged", "promptsListChanged", "resourcesListChanged"})
                if (!honored.value(QLatin1String(k)).toBool())
                    unheard.append(QLatin1String(k).chopped(11)); // "tools", ...
            if (!unheard.isEmpty())
                err(QStringLiteral("mcpdesk-cli: the server does not tell of changes to: %1\n")
                        .arg(unheard.join(QStringLiteral(", "))));
        });
        connect(m_session, &McpSession::listenInterrupted, this,
                [this](const QString &why, int retryInMs) {
                    if (retryInMs < 0)
                        return finish(ExitProtocol,
                                      QStringLiteral("the server does not tell of changes: ") +
                                          why);
                    err(QStringLiteral("mcpdesk-cli: %1 Listening again in %2 s.\n")
                            .arg(why)
                            .arg(retryInMs / 1000.0, 0, 'g', 2));
                });
        for (const QString &uri : m_options.watchUris) {
            RpcReply *r = m_session->subscribeResource(uri);
            ++*waiting;
            connect(r, &RpcReply::finished, this, [this, r, uri, settled] {
                if (!r->isOk())
                    return finish(
                        exitCodeFor(r->error()),
                        QStringLiteral("cannot watch %1: %2").arg(uri, r->error().message));
                settled();
            });
        }
        settled();
    }

    void watchLine(const QString &line)
    {
        out(line + QLatin1Char('\n'));
        std::fflush(stdout); // a script reads it as it comes
    }

    void startCall()
    {
        m_call = m_session->callTool(m_options.tool, m_options.arguments);
        connect(m_call, &RpcReply::progress, this,
                [](double progress, double total, const QString &message) {
                    QString line = QStringLiteral("progress ") + formatNumber(progress);
                    if (!std::isnan(total))
                        line += QLatin1Char('/') + formatNumber(total);
                    if (!message.isEmpty())
                        line += QLatin1Char(' ') + visibleField(message);
                    err(line + QLatin1Char('\n'));
                });
        RpcReply *call = m_call;
        connect(call, &RpcReply::finished, this, [this, call] {
            m_call = nullptr;
            if (!call->isOk())
                return finish(exitCodeFor(call->error()), explain(call->error()));
            const QJsonObject result = call->result().toObject();
            if (m_options.json) {
                printJson(result);
            } else {
                const QString text = formatToolResult(result);
                if (!text.isEmpty())
                    out(text.endsWith(QLatin1Char('\n')) ? text : text + QLatin1Char('\n'));
            }
            const bool isError = result.value(QStringLiteral("isError")).toBool();
            finish(isError ? ExitToolError : ExitOk,
                   isError ? QStringLiteral("the tool reported an error") : QString());
        });
    }

    // bench: N calls of one tool, C in flight; latency of each from send to answer.
    void startBench()
    {
        m_benchTool = m_options.tool.isEmpty() ? QStringLiteral("echo") : m_options.tool;
        m_benchArgs = m_options.argumentsGiven
                          ? m_options.arguments
                          : QJsonObject{{QStringLiteral("message"), QStringLiteral("bench")}};
        m_latenciesNs.reserve(m_options.count);
        m_benchClock.start();
        for (int i = 0; i < m_options.concurrency && m_benchSent < m_options.count; ++i)
            benchNext();
    }

    void benchNext()
    {
        ++m_benchSent;
        const qint64 startedNs = m_benchClock.nsecsElapsed();
        ToolCallOptions opts;
        opts.progress = false;
        RpcReply *r = m_session->callTool(m_benchTool, m_benchArgs, opts);
        connect(r, &RpcReply::finished, this, [this, r, startedNs] {
            if (m_done)
                return;
            if (!r->isOk())
                return finish(exitCodeFor(r->error()), r->error().message);
            m_latenciesNs.append(m_benchClock.nsecsElapsed() - startedNs);
            if (m_benchSent < m_options.count)
                benchNext();
            else if (m_latenciesNs.size() == m_options.count)
                benchReport();
        });
    }

    void benchReport()
    {
        const double seconds = m_benchClock.nsecsElapsed() / 1e9;
        std::sort(m_latenciesNs.begin(), m_latenciesNs.end());
        auto pct = [this](double p) {
            const qsizetype i = std::min<qsizetype>(m_latenciesNs.size() - 1,
                                                    qsizetype(p * double(m_latenciesNs.size())));
            return m_latenciesNs.at(i) / 1e6;
        };
        out(QStringLiteral("transport %1, tool %2, calls %3, in flight %4: %5 calls/s, p50 %6 ms, "
                           "p99 %7 ms, total %8 s\n")
                .arg(transportKindName(m_session->transport()->kind()), m_benchTool)
                .arg(m_options.count)
                .arg(m_options.concurrency)
                .arg(m_options.count / seconds, 0, 'f', 0)
                .arg(pct(0.5), 0, 'f', 3)
                .arg(pct(0.99), 0, 'f', 3)
                .arg(seconds, 0, 'f', 2));
        finish(ExitOk);
    }

    void finish(int code, const QString &message = QString())
    {
        if (m_done)
            return;
        m_done = true;
        if (!message.isEmpty())
            err(QStringLiteral("mcpdesk-cli: %1\n").arg(message));
        std::fflush(stdout);
        auto quit = [code] { QCoreApplication::exit(code); };
        Transport *t = m_session ? m_session->transport() : nullptr;
        if (!t) {
            QTimer::singleShot(0, this, quit);
            return;
        }
        // Let queued notifications (notifications/cancelled) reach the server, then
        // end the session politely (DELETE, or stdin closed); never wait long.
        auto closeAndQuit = [this, quit] {
            if (m_closing)
                return;
            m_closing = true;
            if (m_session->state() == ServerState::Connected)
                m_session->close();
            Transport *tr = m_session->transport();
            if (tr->pendingWrites() > 0) {
                connect(tr, &Transport::writesDrained, this, quit);
                QTimer::singleShot(1000, this, quit);
            } else {
                QTimer::singleShot(0, this, quit);
            }
        };
        if (t->pendingWrites() > 0) {
            connect(t, &Transport::writesDrained, this, closeAndQuit);
            QTimer::singleShot(2000, this, quit);
        } else {
            closeAndQuit();
        }
    }

    Options m_options;
    QString m_givenAuthorization; // where the person's own Authorization header came from
    McpSession *m_session = nullptr;
    SecretStore *m_secrets = nullptr;
    std::optional<ServerConfig> m_saved; // the target is a configured server
    ServerSecrets m_savedSecrets;
    std::unique_ptr<SignInStore> m_facts;
    std::unique_ptr<EraCache> m_eras;
    OAuthClient *m_oauth = nullptr;
    RpcReply *m_call = nullptr;
    bool m_done = false;
    bool m_closing = false;
    bool m_listenedBefore = false; // watch
    // bench
    QString m_benchTool;
    QJsonObject m_benchArgs;
    QElapsedTimer m_benchClock;
    QList<qint64> m_latenciesNs;
    int m_benchSent = 0;
};

} // namespace

int main(int argc, char **argv)
{
    hardenProcess(); // no core dump with tokens in it
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mcpdesk-cli"));
    // stderr belongs to notifications; engine chatter only on request
    // (QT_LOGGING_RULES="mcpdesk.*=true" overrides this).
    QLoggingCategory::setFilterRules(QStringLiteral("mcpdesk.*.debug=false\nmcpdesk.*.info=false"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MCPDESK_VERSION));
    // The proxy the system names (http_proxy, https_proxy, no_proxy, user and password
    // in the address), as curl and the app follow it.
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    QString error;
    QString printNow;
    const auto options = parseArguments(app.arguments().mid(1), &error, &printNow);
    if (!options) {
        if (!printNow.isEmpty()) {
            out(printNow);
            return ExitOk;
        }
        err(QStringLiteral("mcpdesk-cli: %1\nTry 'mcpdesk-cli --help'.\n").arg(error));
        return ExitUsage;
    }

    if (options->command == QLatin1String("list") || options->command == QLatin1String("add") ||
        options->command == QLatin1String("remove") || options->command == QLatin1String("confirm"))
        return runConfigCommand(*options);

    CliRunner runner(*options);
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        auto *notifier = new QSocketNotifier(g_signalFd[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &runner, [&runner] {
            char c;
            [[maybe_unused]] auto n = ::read(g_signalFd[0], &c, 1);
            runner.interrupt();
        });
        struct sigaction sa = {};
        sa.sa_handler = onSigint;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0; // a question on the terminal ends on Ctrl+C (see readTerminalLine)
        sigaction(SIGINT, &sa, nullptr);
        sigaction(SIGTERM, &sa, nullptr);
    }
    const int early = runner.start();
    if (early >= 0)
        return early;
    return app.exec();
}
