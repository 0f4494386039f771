// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// mcpdesk-conformance-client: started by the official MCP conformance runner
// (@modelcontextprotocol/conformance) as `<this> <server-url>`.
//
// It does what a person does with McpDesk — connect (signing in when the server
// asks), list the tools, run each one with arguments filled from its schema,
// disconnect, accepting any form the server asks it to fill as shown (with its
// defaults) — through the very same engine objects the app uses. There are no
// scenario-specific branches: the scenario name (MCP_CONFORMANCE_SCENARIO) is
// only printed; MCP_CONFORMANCE_CONTEXT may carry a pre-registered client, which
// is handed to the engine as an ordinary setting, like the client-metadata URL.
// The browser is played by HeadlessBrowser: the runner's authorization server
// redirects at once, and the redirect reaches our loopback callback over HTTP.
#include "HeadlessBrowser.h"
#include "auth/OAuthClient.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "protocol/McpSession.h"
#include "schema/SchemaSample.h"
#include "transport/StreamableHttpTransport.h"

#include <QTemporaryDir>

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

    EndpointSpec spec;
    spec.url = url;
    auto *session = McpSession::create(spec, &app);
    session->setDefaultTimeout(30000);

    // Sign-in settings, as a user would enter them.
    const QJsonObject context =
        QJsonDocument::fromJson(qgetenv("MCP_CONFORMANCE_CONTEXT")).object();
    OAuthSettings settings;
    settings.clientId = context.value(QStringLiteral("client_id")).toString();
    settings.clientSecret = context.value(QStringLiteral("client_secret")).toString().toUtf8();
    settings.clientMetadataUrl =
        QUrl(QStringLiteral("https://conformance-test.local/client-metadata.json"));
    settings.callbackTimeoutMs = 20000;
    auto *browser = new HeadlessBrowser(&app);
    settings.openBrowser = [browser](const QUrl &u) { return browser->open(u); };
    QTemporaryDir stateDir;
    MemorySecretStore secrets;
    SignInStore facts(stateDir.filePath(QStringLiteral("signins.json")));
    OAuthClient oauth(url, &secrets, &facts, settings);
    QObject::connect(&oauth, &OAuthClient::statusMessage, &app, [](const QString &m) { say(m); });
    session->setAuthenticator(&oauth);
    // A form the server asks the user to fill (elicitation): the person accepts it
    // as shown, that is with its defaults — the same helper the app's dialog uses.
    ClientFeatures features;
    features.elicitForm = [](const QJsonObject &params, const JsonRpcEndpoint::Responder &r) {
        const QJsonObject content =
            applyDefaults(params.value(QStringLiteral("requestedSchema")).toObject(), {});
        say(QStringLiteral("elicitation accepted: %1")
                .arg(QString::fromUtf8(QJsonDocument(content).toJson(QJsonDocument::Compact))));
        r.result(QJsonObject{{QStringLiteral("action"), QStringLiteral("accept")},
                             {QStringLiteral("content"), content}});
    };
    session->setClientFeatures(features);
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
    // Like the app, the client opens the server's own stream (server requests such as
    // elicitation may come there); it starts its work once that stream is open (or
    // after a second, for servers that offer none), so the server never sees the two
    // in a varying order.
    auto work = std::make_shared<std::function<void()>>();
    QObject::connect(session, &McpSession::ready, &app, [&, work] {
        auto once = std::make_shared<bool>(false);
        auto go = [work, once] {
            if (!std::exchange(*once, true))
                (*work)();
        };
        if (auto *http = qobject_cast<StreamableHttpTransport *>(session->transport())) {
            if (http->isServerStreamOpen())
                return go();
            QObject::connect(http, &StreamableHttpTransport::serverStreamOpened, &app, go);
        }
        QTimer::singleShot(1000, &app, go);
    });
    *work = [&] {
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
                    say(call->isOk()
                            ? QStringLiteral("%1 -> %2")
                                  .arg(name,
                                       QString::fromUtf8(QJsonDocument(call->result().toObject())
                                                             .toJson(QJsonDocument::Compact)))
                            : QStringLiteral("%1 failed: %2").arg(name, call->error().message));
                    if (--*remaining == 0)
                        finish(0);
                });
            }
        });
    };
    session->open();
    app.exec();
    return exitCode;
}
