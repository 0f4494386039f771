// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// JSON-RPC decoding and dispatch: whatever a server sends, as one message or a
// batch, to an endpoint with a request in flight and handlers installed.
#include "FuzzCommon.h"
#include "jsonrpc/JsonRpcEndpoint.h"

#include <QJsonArray>
#include <QJsonDocument>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzzInitApp();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mcpdesk::JsonRpcEndpoint rpc;
    int sent = 0;
    rpc.setSink([&](const QJsonObject &) { ++sent; });
    rpc.setRequestHandler(QStringLiteral("roots/list"),
                          [](const QJsonObject &, const mcpdesk::JsonRpcEndpoint::Responder &r) {
                              r.result(QJsonObject{{QStringLiteral("roots"), QJsonArray()}});
                          });
    rpc.setRequestHandler(QStringLiteral("elicitation/create"),
                          [](const QJsonObject &p, const mcpdesk::JsonRpcEndpoint::Responder &r) {
                              r.error(-32602, p.value(QStringLiteral("message")).toString());
                          });
    mcpdesk::RpcRequestOptions opts;
    opts.withProgress = true;
    mcpdesk::RpcReply *pending = rpc.request(QStringLiteral("tools/call"), {}, opts);
    (void)pending;
    const QJsonDocument doc = QJsonDocument::fromJson(fuzzBytes(data, size));
    if (doc.isObject()) {
        rpc.handleMessage(doc.object());
    } else if (doc.isArray()) {
        for (const QJsonValue &v : doc.array())
            rpc.handleMessage(v.toObject());
    }
    rpc.failAll(
        mcpdesk::McpError::make(mcpdesk::McpError::Kind::Connection, QStringLiteral("done")));
    fuzzDrainEvents();
    return 0;
}
