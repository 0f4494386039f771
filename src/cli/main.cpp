// mcpdesk-cli: the McpDesk engine, headless. See CliOptions.cpp for the contract.
#include "CliOptions.h"

#include "protocol/ContentFormat.h"
#include "protocol/McpSession.h"
#include "transport/StreamableHttpTransport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace mcpdesk;
using namespace mcpdesk::cli;

namespace {

int g_signalFd[2] = {-1, -1};

void onSigint(int)
{
    const char c = 1;
    [[maybe_unused]] auto n = ::write(g_signalFd[1], &c, 1);
}

void out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void err(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
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

class CliRunner : public QObject
{
public:
    explicit CliRunner(const Options &options) : m_options(options) {}

    int start()
    {
        const QUrl url(m_options.target, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
            url.host().isEmpty()) {
            err(QStringLiteral("mcpdesk-cli: “%1” is not a server this version can reach: give an "
                               "http:// or https:// URL\n")
                    .arg(m_options.target));
            return ExitUsage;
        }
        auto *transport = new StreamableHttpTransport(url);
        transport->setHeaders(m_options.headers);
        m_session = new McpSession(transport, this);
        m_session->setDefaultTimeout(qint64(m_options.timeoutSeconds * 1000));
        m_session->setAutoRelist(false);
        connect(m_session, &McpSession::failed, this, [this](const McpError &e) {
            if (m_done)
                return;
            finish(exitCodeFor(e), e.message);
        });
        connect(m_session, &McpSession::ready, this, &CliRunner::onReady);
        connect(m_session, &McpSession::logMessage, this,
                [](const QString &level, const QString &logger, const QJsonValue &data) {
                    err(QStringLiteral("log %1%2: %3\n")
                            .arg(level, logger.isEmpty() ? QString() : QLatin1Char(' ') + logger,
                                 formatJsonValue(data)));
                });
        m_session->open();
        return -1;
    }

    void interrupt()
    {
        if (m_done)
            return;
        if (m_call) {
            m_call->cancel(QStringLiteral("The user pressed Ctrl+C"));
            return; // finishes through the reply, after the notification went out
        }
        finish(ExitCancelled, QStringLiteral("cancelled"));
    }

private:
    void onReady()
    {
        if (m_options.command == QLatin1String("tools")) {
            RpcReply *r = m_session->listTools();
            connect(r, &RpcReply::finished, this, [this, r] {
                if (!r->isOk())
                    return finish(exitCodeFor(r->error()), r->error().message);
                const QJsonArray tools = r->result().toArray();
                for (const QJsonValue &v : tools) {
                    const QJsonObject t = v.toObject();
                    QString about = t.value(QStringLiteral("title")).toString();
                    if (about.isEmpty())
                        about = t.value(QStringLiteral("annotations"))
                                    .toObject()
                                    .value(QStringLiteral("title"))
                                    .toString();
                    if (about.isEmpty())
                        about = t.value(QStringLiteral("description")).toString();
                    out(t.value(QStringLiteral("name")).toString() + QLatin1Char('\t') +
                        about.simplified() + QLatin1Char('\n'));
                }
                finish(ExitOk);
            });
            return;
        }
        if (!m_options.logLevel.isEmpty() && m_session->serverHas(QStringLiteral("logging"))) {
            RpcReply *r = m_session->setLoggingLevel(m_options.logLevel);
            connect(r, &RpcReply::finished, this, [this, r] {
                if (!r->isOk())
                    err(QStringLiteral("mcpdesk-cli: warning: %1\n").arg(r->error().message));
                startCall();
            });
            return;
        }
        if (!m_options.logLevel.isEmpty())
            err(QStringLiteral("mcpdesk-cli: warning: this server does not offer log messages\n"));
        startCall();
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
                        line += QLatin1Char(' ') + message;
                    err(line + QLatin1Char('\n'));
                });
        RpcReply *call = m_call;
        connect(call, &RpcReply::finished, this, [this, call] {
            m_call = nullptr;
            if (!call->isOk())
                return finish(exitCodeFor(call->error()), call->error().message);
            const QJsonObject result = call->result().toObject();
            if (m_options.json) {
                out(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented)));
            } else {
                const QString text = formatToolResult(result);
                if (!text.isEmpty())
                    out(text + QLatin1Char('\n'));
            }
            const bool isError = result.value(QStringLiteral("isError")).toBool();
            finish(isError ? ExitToolError : ExitOk,
                   isError ? QStringLiteral("the tool reported an error") : QString());
        });
    }

    void finish(int code, const QString &message = QString())
    {
        if (m_done)
            return;
        m_done = true;
        if (!message.isEmpty())
            err(QStringLiteral("mcpdesk-cli: %1\n").arg(message));
        std::fflush(stdout);
        // Let queued notifications (notifications/cancelled) reach the server, then
        // end the session politely; never wait more than a moment for either.
        Transport *t = m_session ? m_session->transport() : nullptr;
        auto quit = [code] { QCoreApplication::exit(code); };
        if (t && t->pendingWrites() > 0) {
            connect(t, &Transport::writesDrained, this, [this, quit] {
                m_session->close();
                QTimer::singleShot(0, this, quit);
            });
            QTimer::singleShot(2000, this, quit);
            return;
        }
        if (m_session && m_session->state() == ServerState::Connected)
            m_session->close();
        QTimer::singleShot(0, this, quit);
    }

    Options m_options;
    McpSession *m_session = nullptr;
    RpcReply *m_call = nullptr;
    bool m_done = false;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mcpdesk-cli"));
    // stderr belongs to notifications; engine chatter only on request
    // (QT_LOGGING_RULES="mcpdesk.*=true" overrides this).
    QLoggingCategory::setFilterRules(QStringLiteral("mcpdesk.*.debug=false\nmcpdesk.*.info=false"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MCPDESK_VERSION));

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
        sa.sa_flags = SA_RESTART;
        sigaction(SIGINT, &sa, nullptr);
        sigaction(SIGTERM, &sa, nullptr);
    }
    const int early = runner.start();
    if (early >= 0)
        return early;
    return app.exec();
}
