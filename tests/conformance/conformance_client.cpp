// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// mcpdesk-conformance-client: started by the official MCP conformance runner
// (@modelcontextprotocol/conformance) as `<this> <server-url>`.
//
// It does what a person does with McpDesk — connect (signing in when the server
// asks), list the tools, run each one with arguments filled from its schema,
// read each resource, get each prompt, disconnect, accepting any form the server
// asks it to fill as shown (with its defaults) — through the very same engine
// objects the app uses. It speaks the protocol version the runner names
// (MCP_CONFORMANCE_PROTOCOL_VERSION) as a pinned server record would, and keeps no
// era verdicts (the runner reuses ports for servers of either era).
// MCP_CONFORMANCE_CONTEXT may carry a pre-registered client, handed to the engine as
// an ordinary setting like the client-metadata URL, or the tool calls to make
// (`toolCalls`), made instead of one call per tool. One scenario asks for what a
// person does by hand: json-schema-2020-12-preservation has the focal tool's input
// schema pasted, as listed, into the echo tool.
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

// Reads every resource and gets every prompt the server lists (with sample
// arguments), as a person clicking through the Resources and Prompts tabs; then `done`.
void readEverything(McpSession *session, const std::function<void()> &done)
{
    auto pending = std::make_shared<int>(1);
    auto step = [pending, done] {
        if (--*pending == 0)
            done();
    };
    auto each = [session, pending, step](RpcReply *list, const QString &what) {
        ++*pending;
        QObject::connect(list, &RpcReply::finished, session, [=] {
            if (list->isOk()) {
                for (const QJsonValue &v : list->result().toArray()) {
                    const QJsonObject item = v.toObject();
                    RpcReply *r = nullptr;
                    if (what == QLatin1String("resource")) {
                        r = session->readResource(item.value(QStringLiteral("uri")).toString());
                    } else {
                        QJsonObject arguments;
                        for (const QJsonValue &a :
                             item.value(QStringLiteral("arguments")).toArray())
                            arguments.insert(a.toObject().value(QStringLiteral("name")).toString(),
                                             QStringLiteral("test"));
                        r = session->getPrompt(item.value(QStringLiteral("name")).toString(),
                                               arguments);
                    }
                    ++*pending;
                    QObject::connect(r, &RpcReply::finished, session, step);
                }
            }
            step();
        });
    };
    if (session->serverHas(QStringLiteral("resources")))
        each(session->listResources(), QStringLiteral("resource"));
    if (session->serverHas(QStringLiteral("prompts")))
        each(session->listPrompts(), QStringLiteral("prompt"));
    step();
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
    const QString scenario = qEnvironmentVariable("MCP_CONFORMANCE_SCENARIO");
    say(QStringLiteral("scenario %1, server %2, protocol %3")
            .arg(scenario, url.toString(),
                 qEnvironmentVariable("MCP_CONFORMANCE_PROTOCOL_VERSION")));

    EndpointSpec spec;
    spec.url = url;
    spec.protocolVersion = qEnvironmentVariable("MCP_CONFORMANCE_PROTOCOL_VERSION");
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
        if (session->era() == McpSession::Era::Modern)
            return go(); // no stream of the server's own on 2026-07-28
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
            QList<std::pair<QString, QJsonObject>> calls;
            const QJsonArray given = context.value(QStringLiteral("toolCalls")).toArray();
            for (const QJsonValue &v : given)
                calls.append({v.toObject().value(QStringLiteral("name")).toString(),
                              v.toObject().value(QStringLiteral("arguments")).toObject()});
            QJsonObject focalSchema;
            for (const QJsonValue &v : tools)
                if (v.toObject().value(QStringLiteral("name")) ==
                    QLatin1String("json_schema_2020_12_tool"))
                    focalSchema = v.toObject().value(QStringLiteral("inputSchema")).toObject();
            for (const QJsonValue &v : tools) {
                if (!given.isEmpty())
                    break;
                const QJsonObject tool = v.toObject();
                const QString name = tool.value(QStringLiteral("name")).toString();
                if (scenario == QLatin1String("json-schema-2020-12-preservation") &&
                    name == QLatin1String("json_schema_echo")) {
                    calls.append({name, QJsonObject{{QStringLiteral("schema"), focalSchema}}});
                    continue;
                }
                calls.append(
                    {name, sampleArguments(tool.value(QStringLiteral("inputSchema")).toObject())});
            }
            auto remaining = std::make_shared<int>(int(calls.size()) + 1);
            auto done = [&, remaining] {
                if (--*remaining == 0)
                    finish(0);
            };
            readEverything(session, done);
            for (const auto &[name, arguments] : calls) {
                RpcReply *call = session->callTool(name, arguments);
                QObject::connect(call, &RpcReply::finished, &app, [&, call, name, done] {
                    say(call->isOk()
                            ? QStringLiteral("%1 -> %2")
                                  .arg(name,
                                       QString::fromUtf8(QJsonDocument(call->result().toObject())
                                                             .toJson(QJsonDocument::Compact)))
                            : QStringLiteral("%1 failed: %2").arg(name, call->error().message));
                    done();
                });
            }
        });
    };
    session->open();
    app.exec();
    return exitCode;
}
