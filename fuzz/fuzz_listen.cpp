// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// What a 2026-07-28 server may send on a `subscriptions/listen` stream, and around
// it: a session connected the modern way listens for changes, then each line of the
// input is one event, chosen by its first byte, the rest being JSON:
//   a  the acknowledgement of the current listen, the rest as its `notifications`
//   n  a notification (the rest: {method, params}) tagged with the current listen's
//      subscription id;  o  the same tagged with the id in the rest's `sub`
//   r  a result for the current listen (a graceful end, or anything)
//   e  a JSON-RPC error for it;  f  its stream broken
//   s  a resource watched (the rest as its URI);  u  no longer watched
//   l  an answer (the rest) to the oldest other request waiting
// The session must never crash, and stay connected: nothing on a listen stream
// ends the connection.
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
    QList<QJsonObject> waiting; // requests other than listens, oldest first
    QJsonValue listen;          // the newest listen's id
    mcpdesk::TransportKind kind() const override { return mcpdesk::TransportKind::StreamableHttp; }
    void open() override { emit opened(); }
    void send(const QJsonObject &message) override
    {
        const QString method = message.value(QStringLiteral("method")).toString();
        if (!message.contains(QStringLiteral("id")))
            return;
        if (method == QLatin1String("server/discover")) {
            // A modern server, so that listening starts.
            const QJsonObject result{
                {QStringLiteral("supportedVersions"), QJsonArray{QStringLiteral("2026-07-28")}},
                {QStringLiteral("capabilities"),
                 QJsonObject{
                     {QStringLiteral("tools"), QJsonObject{{QStringLiteral("listChanged"), true}}},
                     {QStringLiteral("resources"),
                      QJsonObject{{QStringLiteral("subscribe"), true}}}}}};
            const QJsonObject answer{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                     {QStringLiteral("id"), message.value(QStringLiteral("id"))},
                                     {QStringLiteral("result"), result}};
            // On the next turn, as from a server (the request is not pending yet).
            QMetaObject::invokeMethod(
                this, [this, answer] { emit messageReceived(answer, 0); }, Qt::QueuedConnection);
        } else if (method == QLatin1String("subscriptions/listen")) {
            listen = message.value(QStringLiteral("id"));
        } else {
            waiting.append(message);
        }
    }
    void close() override {}
    void deliver(const QJsonObject &message) { emit messageReceived(message, 0); }
    void fail(const QJsonValue &id, const mcpdesk::McpError &e) { emit requestFailed(id, e); }
};

QJsonObject withSubscription(QJsonObject params, const QJsonValue &id)
{
    QJsonObject meta = params.value(QStringLiteral("_meta")).toObject();
    meta.insert(QStringLiteral("io.modelcontextprotocol/subscriptionId"), id);
    params.insert(QStringLiteral("_meta"), meta);
    return params;
}

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
    session.setListenForChanges(true);
    QObject::connect(&session, &mcpdesk::McpSession::ready, &session, [&] { session.listTools(); });
    session.open();
    fuzzDrainEvents();
    fuzzDrainEvents();
    if (session.state() != mcpdesk::ServerState::Connected)
        std::abort();
    const QList<QByteArray> lines = fuzzBytes(data, size).split('\n');
    for (const QByteArray &line : lines) {
        fuzzDrainEvents();
        if (line.isEmpty())
            continue;
        const char what = line.at(0);
        const QByteArray rest = line.mid(1);
        const QJsonDocument doc = QJsonDocument::fromJson(rest);
        const QJsonObject object = doc.object();
        auto message = [](const QJsonObject &fields) {
            QJsonObject m = fields;
            m.insert(QStringLiteral("jsonrpc"), QStringLiteral("2.0"));
            return m;
        };
        switch (what) {
        case 'a':
            transport->deliver(
                message({{QStringLiteral("method"),
                          QStringLiteral("notifications/subscriptions/acknowledged")},
                         {QStringLiteral("params"),
                          withSubscription({{QStringLiteral("notifications"), object}},
                                           transport->listen)}}));
            break;
        case 'n':
        case 'o': {
            const QJsonValue sub =
                what == 'n' ? transport->listen : object.value(QStringLiteral("sub"));
            transport->deliver(message(
                {{QStringLiteral("method"), object.value(QStringLiteral("method"))},
                 {QStringLiteral("params"),
                  withSubscription(object.value(QStringLiteral("params")).toObject(), sub)}}));
            break;
        }
        case 'r':
            transport->deliver(message(
                {{QStringLiteral("id"), transport->listen}, {QStringLiteral("result"), object}}));
            break;
        case 'e':
            transport->deliver(message(
                {{QStringLiteral("id"), transport->listen},
                 {QStringLiteral("error"),
                  QJsonObject{{QStringLiteral("code"), object.value(QStringLiteral("code"))},
                              {QStringLiteral("message"), QStringLiteral("no")}}}}));
            break;
        case 'f':
            transport->fail(transport->listen,
                            mcpdesk::McpError::make(mcpdesk::McpError::Kind::Connection,
                                                    QStringLiteral("stream broken")));
            break;
        case 's':
            session.subscribeResource(QString::fromUtf8(rest));
            break;
        case 'u':
            session.unsubscribeResource(QString::fromUtf8(rest));
            break;
        case 'l':
            if (!transport->waiting.isEmpty())
                transport->deliver(
                    message({{QStringLiteral("id"),
                              transport->waiting.takeFirst().value(QStringLiteral("id"))},
                             {QStringLiteral("result"), object}}));
            break;
        default:
            break;
        }
    }
    fuzzDrainEvents();
    if (session.state() != mcpdesk::ServerState::Connected)
        std::abort(); // a listen stream never ends the connection
    session.close();
    fuzzDrainEvents();
    return 0;
}
