// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// What a server of either era may answer while a session finds out which era it
// speaks and then works the modern way (input_required results included): the input is split at
// each newline into answers, each given to the request waiting longest — as a JSON-RPC message (its
// id set to that request's), or, when it starts with three digits, as an HTTP error status with the
// rest as its body (400 -32022 and friends). The session must end connected, failed or still
// waiting, never crash, and the headers it would send must be valid header values.
#include "FuzzCommon.h"
#include "protocol/McpSession.h"
#include "transport/HttpTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QList>

#include <cstdlib>

namespace {

class FuzzTransport : public mcpdesk::HttpTransport
{
public:
    QList<QJsonObject> sent;
    mcpdesk::TransportKind kind() const override { return mcpdesk::TransportKind::StreamableHttp; }
    void open() override { emit opened(); }
    void send(const QJsonObject &message) override
    {
        // Every header a message would carry must be a valid field value.
        for (const auto &h : messageHeaders(message))
            for (const char c : h.second)
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                    std::abort();
        if (message.contains(QStringLiteral("id")))
            sent.append(message);
    }
    void close() override {}
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzzInitApp();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto *transport = new FuzzTransport;
    mcpdesk::McpSession session(transport);
    session.setDefaultTimeout(0);
    // What a person answers: a form accepted, sampling refused, no folders shared —
    // so that input_required results are answered and the requests asked again.
    mcpdesk::ClientFeatures features;
    features.elicitForm = [](const QJsonObject &, const mcpdesk::JsonRpcEndpoint::Responder &r) {
        r.result(QJsonObject{{QStringLiteral("action"), QStringLiteral("accept")},
                             {QStringLiteral("content"), QJsonObject()}});
    };
    features.createMessage = [](const QJsonObject &, const mcpdesk::JsonRpcEndpoint::Responder &r) {
        r.error(-1, QStringLiteral("declined"));
    };
    features.roots = [] { return QJsonArray(); };
    session.setClientFeatures(features);
    bool listed = false;
    QObject::connect(&session, &mcpdesk::McpSession::ready, &session, [&] {
        session.listTools();
        session.callTool(QStringLiteral("route"),
                         QJsonObject{{QStringLiteral("region"), QStringLiteral("é ")},
                                     {QStringLiteral("n"), 3}});
        listed = true;
    });
    session.open();
    const QList<QByteArray> answers = fuzzBytes(data, size).split('\n');
    for (const QByteArray &answer : answers) {
        fuzzDrainEvents();
        if (transport->sent.isEmpty())
            break;
        const QJsonObject request = transport->sent.takeFirst();
        const QJsonValue id = request.value(QStringLiteral("id"));
        if (answer.size() >= 3 && std::isdigit(static_cast<unsigned char>(answer[0])) &&
            std::isdigit(static_cast<unsigned char>(answer[1])) &&
            std::isdigit(static_cast<unsigned char>(answer[2]))) {
            mcpdesk::McpError e = mcpdesk::McpError::make(mcpdesk::McpError::Kind::Connection,
                                                          QStringLiteral("HTTP error"));
            e.httpStatus = answer.left(3).toInt();
            const QJsonObject error = QJsonDocument::fromJson(answer.mid(3))
                                          .object()
                                          .value(QStringLiteral("error"))
                                          .toObject();
            if (error.value(QStringLiteral("code")).isDouble()) {
                e.isRpcError = true;
                e.rpcCode = error.value(QStringLiteral("code")).toInt();
                e.rpcData = error.value(QStringLiteral("data"));
            }
            emit transport->requestFailed(id, e);
            continue;
        }
        QJsonObject message = QJsonDocument::fromJson(answer).object();
        message.insert(QStringLiteral("jsonrpc"), QStringLiteral("2.0"));
        message.insert(QStringLiteral("id"), id);
        emit transport->messageReceived(message, answer.size());
    }
    fuzzDrainEvents();
    (void)listed;
    session.close();
    fuzzDrainEvents();
    return 0;
}
