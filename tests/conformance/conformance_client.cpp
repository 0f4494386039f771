// mcpdesk-conformance-client: started by the official MCP conformance runner
// (@modelcontextprotocol/conformance) as `<this> <server-url>`.
//
// It does what a person does with McpDesk — connect, list the tools, run each
// one with arguments filled from its schema, disconnect — through the very same
// engine objects the app uses. There are no scenario-specific branches: the
// scenario name (MCP_CONFORMANCE_SCENARIO) is only printed.
#include "protocol/McpSession.h"
#include "schema/SchemaSample.h"
#include "transport/StreamableHttpTransport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUrl>

#include <cstdio>

using namespace mcpdesk;

namespace {
void say(const QString &line)
{
    std::fprintf(stderr, "mcpdesk-conformance-client: %s\n", qPrintable(line));
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        say(QStringLiteral("usage: mcpdesk-conformance-client <server-url>"));
        return 2;
    }
    const QUrl url(args.last());
    say(QStringLiteral("scenario %1, server %2")
            .arg(qEnvironmentVariable("MCP_CONFORMANCE_SCENARIO"), url.toString()));

    auto *session = new McpSession(new StreamableHttpTransport(url), &app);
    session->setDefaultTimeout(30000);
    int exitCode = 0;
    auto finish = [&](int code) {
        exitCode = code;
        session->close();
        // Give the DELETE and any last notification a moment to go out.
        QTimer::singleShot(200, &app, [] { QCoreApplication::quit(); });
    };
    QObject::connect(session, &McpSession::failed, &app, [&](const McpError &e) {
        say(QStringLiteral("failed: %1").arg(e.message));
        finish(1);
    });
    QObject::connect(session, &McpSession::ready, &app, [&] {
        say(QStringLiteral("connected, protocol %1").arg(session->protocolVersion()));
        RpcReply *list = session->listTools();
        QObject::connect(list, &RpcReply::finished, &app, [&, list] {
            if (!list->isOk()) {
                say(QStringLiteral("tools/list failed: %1").arg(list->error().message));
                return finish(1);
            }
            const QJsonArray tools = list->result().toArray();
            say(QStringLiteral("%1 tool(s)").arg(tools.size()));
            auto remaining = std::make_shared<int>(int(tools.size()));
            if (*remaining == 0)
                return finish(0);
            for (const QJsonValue &v : tools) {
                const QJsonObject tool = v.toObject();
                const QString name = tool.value(QStringLiteral("name")).toString();
                const QJsonObject arguments =
                    sampleArguments(tool.value(QStringLiteral("inputSchema")).toObject());
                RpcReply *call = session->callTool(name, arguments);
                QObject::connect(call, &RpcReply::finished, &app, [&, call, name, remaining] {
                    say(call->isOk() ? QStringLiteral("%1 -> %2").arg(name, QString::fromUtf8(
                                           QJsonDocument(call->result().toObject()).toJson(QJsonDocument::Compact)))
                                     : QStringLiteral("%1 failed: %2").arg(name, call->error().message));
                    if (--*remaining == 0)
                        finish(0);
                });
            }
        });
    });
    session->open();
    app.exec();
    return exitCode;
}
