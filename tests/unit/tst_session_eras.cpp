// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
//
// McpSession finding a server's era and speaking MCP 2026-07-28, on an in-memory
// transport: every answer the spec names for the probe, the per-request `_meta`,
// -32022/-32021/-32020, resultType, tools whose x-mcp-header is invalid, and the
// era cache (no probe for a known server; a stale verdict found out once). The
// same is tested against the official SDK's server in tests/integration.
#include "FakeTransport.h"
#include "KeptReplies.h"
#include "protocol/EraCache.h"
#include "protocol/McpSession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mcpdesk;

namespace {
const QString kModern = QStringLiteral("2026-07-28");
const QString kMetaVersion = QStringLiteral("io.modelcontextprotocol/protocolVersion");

QJsonObject metaOf(const QJsonObject &m)
{
    return m.value(QStringLiteral("params")).toObject().value(QStringLiteral("_meta")).toObject();
}
QJsonObject discoverResult()
{
    return QJsonObject{
        {QStringLiteral("supportedVersions"), QJsonArray{kModern}},
        {QStringLiteral("capabilities"), QJsonObject{{QStringLiteral("tools"), QJsonObject()}}},
        {QStringLiteral("resultType"), QStringLiteral("complete")},
        {QStringLiteral("_meta"),
         QJsonObject{{QStringLiteral("io.modelcontextprotocol/serverInfo"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("modern")},
                                  {QStringLiteral("version"), QStringLiteral("2")}}}}}};
}
QJsonObject tool(const QString &name, const QJsonObject &properties = {})
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("inputSchema"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                    {QStringLiteral("properties"), properties}}}};
}
QJsonObject okCall()
{
    return QJsonObject{{QStringLiteral("content"), QJsonArray()}};
}

// A modern server: answers server/discover, refuses initialize as a modern-only one
// does, and hands everything else to `handler`.
FakeTransport::Handler modernServer(FakeTransport::Handler handler = {})
{
    return [handler](FakeTransport &t, const QJsonObject &m) {
        const QString method = methodOf(m);
        if (method == QLatin1String("server/discover"))
            t.reply(idOf(m), discoverResult());
        else if (method == QLatin1String("initialize"))
            t.failRequest(idOf(m), httpError(400, -32022,
                                             QJsonObject{{QStringLiteral("supported"),
                                                          QJsonArray{kModern}}}));
        else if (handler)
            handler(t, m);
    };
}
} // namespace

class TestSessionEras : public QObject
{
    Q_OBJECT

    KeptReplies kept;

private slots:
    void init() { kept.reset(); }
    void cleanup() { kept.reset(); }

    void modernServerNeedsNoHandshake()
    {
        auto *t = new FakeTransport;
        t->setHandler(modernServer([](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("tools/list"))
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("tools"),
                                               QJsonArray{tool(QStringLiteral("a"))}}});
            else if (methodOf(m) == QLatin1String("tools/call"))
                tr.reply(idOf(m), okCall());
        }));
        McpSession session(t);
        QSignalSpy ready(&session, &McpSession::ready);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(session.era(), McpSession::Era::Modern);
        QCOMPARE(session.protocolVersion(), kModern);
        QCOMPARE(t->protocolVersion, kModern); // the MCP-Protocol-Version header
        QCOMPARE(session.serverInfo().value(QStringLiteral("name")).toString(),
                 QStringLiteral("modern"));
        QVERIFY(session.serverHas(QStringLiteral("tools")));
        QVERIFY(!session.serverHas(QStringLiteral("prompts")));
        RpcReply *call = kept(session.callTool(QStringLiteral("a"), {}));
        RpcReply *call2 = kept(session.callTool(QStringLiteral("a"), {}));
        QTRY_VERIFY(call->isFinished() && call2->isFinished());
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        QVERIFY2(call2->isOk(), qPrintable(call2->error().message));
        // No handshake; the tools listed first (for their headers), once for both
        // calls, then the calls.
        QCOMPARE(t->methods(),
                 (QStringList{QStringLiteral("server/discover"), QStringLiteral("tools/list"),
                              QStringLiteral("tools/call"), QStringLiteral("tools/call")}));
        for (const QJsonObject &m : std::as_const(t->sent)) {
            const QJsonObject meta = metaOf(m);
            QCOMPARE(meta.value(kMetaVersion).toString(), kModern);
            QVERIFY(meta.value(QStringLiteral("io.modelcontextprotocol/clientCapabilities"))
                        .isObject());
            QCOMPARE(meta.value(QStringLiteral("io.modelcontextprotocol/clientInfo"))
                         .toObject()
                         .value(QStringLiteral("name"))
                         .toString(),
                     QStringLiteral("mcpdesk"));
        }
        // No ping and no logging/setLevel on this era.
        RpcReply *ping = kept(session.ping());
        QTRY_VERIFY(ping->isFinished());
        QCOMPARE(t->methods().constLast(), QStringLiteral("server/discover"));
        RpcReply *level = kept(session.setLoggingLevel(QStringLiteral("debug")));
        QTRY_VERIFY(level->isFinished());
        QCOMPARE(t->count(QStringLiteral("logging/setLevel")), 0);
    }

    void probeAnswers_data()
    {
        QTest::addColumn<int>("status"); // 0: a JSON-RPC error answer (HTTP 200 or stdio)
        QTest::addColumn<int>("code");   // 0: a body that is not JSON-RPC
        QTest::addColumn<bool>("modern");
        QTest::newRow("-32601 answered") << 0 << -32601 << false;
        QTest::newRow("400 -32000 not initialized") << 400 << -32000 << false;
        QTest::newRow("400 empty") << 400 << 0 << false;
        QTest::newRow("404 without JSON-RPC") << 404 << 0 << false;
        QTest::newRow("405 without JSON-RPC") << 405 << 0 << false;
        QTest::newRow("400 -32020 header") << 400 << -32020 << true;
        QTest::newRow("400 -32021 capability") << 400 << -32021 << true;
        QTest::newRow("400 -32602 envelope") << 400 << -32602 << true;
        QTest::newRow("404 -32601 no such method") << 404 << -32601 << true;
    }
    void probeAnswers()
    {
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(bool, modern);
        auto *t = new FakeTransport;
        t->serveAs(QStringLiteral("2025-11-25"), {}, {});
        t->setHandler([status, code](FakeTransport &tr, const QJsonObject &m) {
            const QString method = methodOf(m);
            if (method == QLatin1String("server/discover")) {
                if (status == 0)
                    tr.replyError(idOf(m), code, QStringLiteral("no"));
                else
                    tr.failRequest(idOf(m), httpError(status, code));
            } else if (method == QLatin1String("initialize")) {
                tr.reply(
                    idOf(m),
                    QJsonObject{{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
                                {QStringLiteral("capabilities"), QJsonObject()},
                                {QStringLiteral("serverInfo"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("old")},
                                             {QStringLiteral("version"), QStringLiteral("1")}}}});
            }
        });
        McpSession session(t);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        QCOMPARE(session.era(), modern ? McpSession::Era::Modern : McpSession::Era::Legacy);
        QCOMPARE(t->count(QStringLiteral("initialize")), modern ? 0 : 1);
        QCOMPARE(t->protocolVersion, modern ? kModern : QStringLiteral("2025-11-25"));
    }

    void unsupportedVersionIsAskedAgainOnce()
    {
        auto *t = new FakeTransport;
        int refusals = 0;
        // The first probe is refused too, as the conformance suite's mock does.
        auto first = std::make_shared<bool>(true);
        const FakeTransport::Handler server =
            [handler = modernServer([&](FakeTransport &tr, const QJsonObject &m) {
                 if (methodOf(m) != QLatin1String("tools/list"))
                     return;
                 if (refusals++ < 1)
                     tr.failRequest(idOf(m), httpError(400, -32022,
                                                       QJsonObject{{QStringLiteral("supported"),
                                                                    QJsonArray{kModern}}}));
                 else
                     tr.reply(idOf(m), QJsonObject{{QStringLiteral("tools"), QJsonArray()}});
             }),
             first](FakeTransport &tr, const QJsonObject &m) {
                if (methodOf(m) == QLatin1String("server/discover") &&
                    std::exchange(*first, false)) {
                    tr.failRequest(idOf(m), httpError(400, -32022,
                                                      QJsonObject{{QStringLiteral("supported"),
                                                                   QJsonArray{kModern}}}));
                    return;
                }
                handler(tr, m);
            };
        t->setHandler(server);
        McpSession session(t);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        QCOMPARE(t->count(QStringLiteral("server/discover")), 2);
        QCOMPARE(session.era(), McpSession::Era::Modern);
        RpcReply *list = kept(session.listTools());
        QTRY_VERIFY(list->isFinished());
        QVERIFY2(list->isOk(), qPrintable(list->error().message));
        QCOMPARE(t->count(QStringLiteral("tools/list")), 2); // refused once, asked again
        // Refused every time: an error in words after one more try.
        refusals = -100;
        RpcReply *again = kept(session.listTools());
        QTRY_VERIFY(again->isFinished());
        QVERIFY(!again->isOk());
        QVERIFY2(again->error().message.contains(QStringLiteral("refused MCP 2026-07-28")),
                 qPrintable(again->error().message));
    }

    void refusalsInWords()
    {
        auto *t = new FakeTransport;
        int mismatches = 0;
        t->setHandler(modernServer([&mismatches](FakeTransport &tr, const QJsonObject &m) {
            const QString method = methodOf(m);
            const QString name = m.value(QStringLiteral("params"))
                                     .toObject()
                                     .value(QStringLiteral("name"))
                                     .toString();
            if (method == QLatin1String("tools/list")) {
                const QJsonObject region{
                    {QStringLiteral("type"), QStringLiteral("string")},
                    {QStringLiteral("x-mcp-header"), QStringLiteral("Region")}};
                const QJsonObject bad{{QStringLiteral("type"), QStringLiteral("object")},
                                      {QStringLiteral("x-mcp-header"), QStringLiteral("Bad")}};
                tr.reply(idOf(m),
                         QJsonObject{{QStringLiteral("tools"),
                                      QJsonArray{tool(QStringLiteral("asks"), {}),
                                                 tool(QStringLiteral("strict"),
                                                      {{QStringLiteral("region"), region}}),
                                                 tool(QStringLiteral("invalid"),
                                                      {{QStringLiteral("b"), bad}}),
                                                 tool(QStringLiteral("kinds"), {})}}});
            } else if (name == QLatin1String("asks")) {
                tr.failRequest(idOf(m),
                               httpError(400, -32021,
                                         QJsonObject{{QStringLiteral("requiredCapabilities"),
                                                      QJsonObject{{QStringLiteral("elicitation"),
                                                                   QJsonObject()}}}}));
            } else if (name == QLatin1String("strict")) {
                if (mismatches++ < 1)
                    tr.failRequest(idOf(m), httpError(400, -32020));
                else
                    tr.reply(idOf(m), okCall());
            } else if (name == QLatin1String("kinds")) {
                const QString kind = m.value(QStringLiteral("params"))
                                         .toObject()
                                         .value(QStringLiteral("arguments"))
                                         .toObject()
                                         .value(QStringLiteral("kind"))
                                         .toString();
                QJsonObject result = okCall();
                if (!kind.isEmpty())
                    result.insert(QStringLiteral("resultType"), kind);
                tr.reply(idOf(m), result);
            }
        }));
        McpSession session(t);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        RpcReply *list = kept(session.listTools());
        QTRY_VERIFY(list->isFinished());
        // The tool whose x-mcp-header is not valid is left out, and never called.
        QCOMPARE(list->result().toArray().size(), 3);
        RpcReply *invalid = kept(session.callTool(QStringLiteral("invalid"), {}));
        QTRY_VERIFY(invalid->isFinished());
        QVERIFY(invalid->error().message.contains(QStringLiteral("not valid")));
        QCOMPARE(t->count(QStringLiteral("tools/call")), 0);

        RpcReply *asks = kept(session.callTool(QStringLiteral("asks"), {}));
        QTRY_VERIFY(asks->isFinished());
        QVERIFY2(asks->error().message.contains(QStringLiteral("elicitation")),
                 qPrintable(asks->error().message));

        // -32020: the tools listed again, the call made once more.
        RpcReply *strict =
            kept(session.callTool(QStringLiteral("strict"),
                                  QJsonObject{{QStringLiteral("region"), QStringLiteral("eu")}}));
        QTRY_VERIFY(strict->isFinished());
        QVERIFY2(strict->isOk(), qPrintable(strict->error().message));
        QCOMPARE(t->count(QStringLiteral("tools/list")), 2);
        mismatches = -100;
        RpcReply *twice = kept(session.callTool(QStringLiteral("strict"), {}));
        QTRY_VERIFY(twice->isFinished());
        QVERIFY2(twice->error().message.contains(QStringLiteral("refused the headers")),
                 qPrintable(twice->error().message));

        // resultType: absent or "complete" is a result; anything else is not.
        const auto kinds = [&](const QString &kind) {
            RpcReply *r = kept(session.callTool(QStringLiteral("kinds"),
                                                QJsonObject{{QStringLiteral("kind"), kind}}));
            return QTest::qWaitFor([r] { return r->isFinished(); }) ? r : nullptr;
        };
        QVERIFY(kinds(QString())->isOk());
        QVERIFY(kinds(QStringLiteral("complete"))->isOk());
        RpcReply *input = kinds(QStringLiteral("input_required"));
        QVERIFY(!input->isOk());
        QVERIFY2(input->error().message.contains(QStringLiteral("more input")),
                 qPrintable(input->error().message));
        RpcReply *unknown = kinds(QStringLiteral("task"));
        QVERIFY(!unknown->isOk());
        QVERIFY2(unknown->error().message.contains(QStringLiteral("“task”")),
                 qPrintable(unknown->error().message));
    }

    void stdioProbeUnansweredThenModern()
    {
        // A stdio server that had not read the probe in time: taken for legacy, its
        // answer to initialize (-32022 naming 2026-07-28) makes it modern after all.
        auto *t = new FakeTransport(TransportKind::Stdio);
        t->setHandler([](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("initialize"))
                emit tr.messageReceived(
                    QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                {QStringLiteral("id"), idOf(m)},
                                {QStringLiteral("error"),
                                 QJsonObject{{QStringLiteral("code"), -32022},
                                             {QStringLiteral("message"), QStringLiteral("no")},
                                             {QStringLiteral("data"),
                                              QJsonObject{{QStringLiteral("supported"),
                                                           QJsonArray{kModern}}}}}}},
                    0);
        });
        McpSession session(t);
        session.setDefaultTimeout(300); // the probe waits no longer than a request
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        QCOMPARE(session.era(), McpSession::Era::Modern);
        QCOMPARE(t->methods(), (QStringList{QStringLiteral("server/discover"),
                                            QStringLiteral("notifications/cancelled"),
                                            QStringLiteral("initialize")}));
    }

    void inputRequiredIsAnsweredAndAskedAgain()
    {
        auto *t = new FakeTransport;
        QList<QJsonObject> calls;
        int endless = 0;
        t->setHandler(modernServer([&](FakeTransport &tr, const QJsonObject &m) {
            const QJsonObject params = m.value(QStringLiteral("params")).toObject();
            if (methodOf(m) == QLatin1String("tools/list")) {
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("tools"),
                                               QJsonArray{tool(QStringLiteral("ask")),
                                                          tool(QStringLiteral("endless"))}}});
                return;
            }
            if (methodOf(m) != QLatin1String("tools/call"))
                return;
            calls.append(m);
            const QJsonObject ask{
                {QStringLiteral("method"), QStringLiteral("elicitation/create")},
                {QStringLiteral("params"),
                 QJsonObject{{QStringLiteral("message"), QStringLiteral("Sure?")},
                             {QStringLiteral("requestedSchema"), QJsonObject()}}}};
            if (params.value(QStringLiteral("name")) == QLatin1String("endless")) {
                ++endless;
                tr.reply(
                    idOf(m),
                    QJsonObject{{QStringLiteral("resultType"), QStringLiteral("input_required")},
                                {QStringLiteral("requestState"), QStringLiteral("again")}});
            } else if (!params.contains(QStringLiteral("inputResponses"))) {
                tr.reply(
                    idOf(m),
                    QJsonObject{{QStringLiteral("resultType"), QStringLiteral("input_required")},
                                {QStringLiteral("inputRequests"),
                                 QJsonObject{{QStringLiteral("confirm"), ask}}},
                                {QStringLiteral("requestState"), QStringLiteral("s-1 é")}});
            } else {
                tr.reply(idOf(m), okCall());
            }
        }));
        McpSession session(t);
        QStringList asked;
        ClientFeatures features;
        features.elicitForm = [&asked](const QJsonObject &p, const JsonRpcEndpoint::Responder &r) {
            asked.append(p.value(QStringLiteral("message")).toString());
            r.result(QJsonObject{
                {QStringLiteral("action"), QStringLiteral("accept")},
                {QStringLiteral("content"), QJsonObject{{QStringLiteral("confirmed"), true}}}});
        };
        session.setClientFeatures(features);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        RpcReply *call = kept(session.callTool(QStringLiteral("ask"), {}));
        QTRY_VERIFY(call->isFinished());
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        QCOMPARE(asked, QStringList{QStringLiteral("Sure?")}); // the same handler as for 2025
        QCOMPARE(calls.size(), 2);
        // The retry: a new id, the answer under the same key, the state as it came.
        QVERIFY(idOf(calls.at(0)) != idOf(calls.at(1)));
        const QJsonObject retry = calls.at(1).value(QStringLiteral("params")).toObject();
        QCOMPARE(retry.value(QStringLiteral("requestState")).toString(), QStringLiteral("s-1 é"));
        QCOMPARE(retry.value(QStringLiteral("inputResponses"))
                     .toObject()
                     .value(QStringLiteral("confirm"))
                     .toObject()
                     .value(QStringLiteral("action"))
                     .toString(),
                 QStringLiteral("accept"));
        QCOMPARE(retry.value(QStringLiteral("name")).toString(), QStringLiteral("ask"));
        // Elicitation was declared on the request, as the server may ask only for that.
        QVERIFY(metaOf(calls.at(0))
                    .value(QStringLiteral("io.modelcontextprotocol/clientCapabilities"))
                    .toObject()
                    .contains(QStringLiteral("elicitation")));
        QVERIFY(!calls.at(0)
                     .value(QStringLiteral("params"))
                     .toObject()
                     .contains(QStringLiteral("requestState")));

        // A server that never stops asking is stopped after ten rounds, in words.
        RpcReply *loop = kept(session.callTool(QStringLiteral("endless"), {}));
        QTRY_VERIFY(loop->isFinished());
        QVERIFY(!loop->isOk());
        QCOMPARE(endless, 11);
        QVERIFY2(loop->error().message.contains(QStringLiteral("10 times")),
                 qPrintable(loop->error().message));

        // Asked for something McpDesk does not offer here (no sampling): in words.
        session.setClientFeatures({});
        RpcReply *none = kept(session.callTool(QStringLiteral("ask"), {}));
        QTRY_VERIFY(none->isFinished());
        QVERIFY2(none->error().message.contains(QStringLiteral("elicitation/create")),
                 qPrintable(none->error().message));
    }

    // No resuming on this era: a read whose stream broke is asked again with a new
    // id (once); a tool call is not, and says it may have run.
    void brokenStreamAsksReadsAgainNotCalls()
    {
        auto *t = new FakeTransport;
        int breaks = 1; // reads whose stream breaks, from now on
        t->setHandler(modernServer([&breaks](FakeTransport &tr, const QJsonObject &m) {
            McpError broke = McpError::make(McpError::Kind::Connection, QStringLiteral("cut"));
            broke.streamBroken = true;
            if (methodOf(m) == QLatin1String("tools/list")) {
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("tools"),
                                               QJsonArray{tool(QStringLiteral("a"))}}});
            } else if (methodOf(m) == QLatin1String("resources/read")) {
                if (breaks-- > 0)
                    tr.failRequest(idOf(m), broke);
                else
                    tr.reply(idOf(m), QJsonObject{{QStringLiteral("contents"), QJsonArray()}});
            } else if (methodOf(m) == QLatin1String("tools/call")) {
                tr.failRequest(idOf(m), broke);
            }
        }));
        McpSession session(t);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        RpcReply *read = kept(session.readResource(QStringLiteral("x://a")));
        QTRY_VERIFY(read->isFinished());
        QVERIFY2(read->isOk(), qPrintable(read->error().message));
        QCOMPARE(t->count(QStringLiteral("resources/read")), 2);
        QList<QJsonValue> ids;
        for (const QJsonObject &m : std::as_const(t->sent))
            if (methodOf(m) == QLatin1String("resources/read"))
                ids.append(idOf(m));
        QVERIFY(ids.at(0) != ids.at(1));
        RpcReply *call = kept(session.callTool(QStringLiteral("a"), {}));
        QTRY_VERIFY(call->isFinished());
        QVERIFY(!call->isOk());
        QVERIFY2(call->error().message.contains(QStringLiteral("may have run")),
                 qPrintable(call->error().message));
        QCOMPARE(t->count(QStringLiteral("tools/call")), 1);
        // A read that keeps breaking is asked again once only.
        breaks = 2;
        RpcReply *again = kept(session.readResource(QStringLiteral("x://b")));
        QTRY_VERIFY(again->isFinished());
        QVERIFY(!again->isOk());
        QCOMPARE(t->count(QStringLiteral("resources/read")), 4);
    }

    // A list a modern server says stays good (ttlMs) is not asked again within that
    // time, until the server says it changed; one without ttlMs always is.
    void listsAreKeptForTheirTtl()
    {
        auto *t = new FakeTransport;
        t->setHandler(modernServer([](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("tools/list"))
                tr.reply(
                    idOf(m),
                    QJsonObject{{QStringLiteral("tools"), QJsonArray{tool(QStringLiteral("a"))}},
                                {QStringLiteral("ttlMs"), 600000},
                                {QStringLiteral("cacheScope"), QStringLiteral("public")}});
            else if (methodOf(m) == QLatin1String("prompts/list"))
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("prompts"), QJsonArray()}});
        }));
        McpSession session(t);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        for (int i = 0; i < 2; ++i) {
            RpcReply *tools = kept(session.listTools());
            RpcReply *prompts = kept(session.listPrompts());
            QTRY_VERIFY(tools->isFinished() && prompts->isFinished());
            QCOMPARE(tools->result().toArray().size(), 1);
        }
        QCOMPARE(t->count(QStringLiteral("tools/list")), 1);
        QCOMPARE(t->count(QStringLiteral("prompts/list")), 2); // no ttlMs: 0
        t->notify(QStringLiteral("notifications/tools/list_changed"));
        QTest::qWait(100); // (the session re-lists what it holds itself, too)
        RpcReply *tools = kept(session.listTools());
        QTRY_VERIFY(tools->isFinished());
        QCOMPARE(t->count(QStringLiteral("tools/list")), 2); // fetched again, then kept
    }

    // A log message on a request's own stream reaches that request (and the
    // session's log); one elsewhere only the session's.
    void logMessagesReachTheirRequest()
    {
        auto *t = new FakeTransport;
        QJsonValue callId;
        t->setHandler(modernServer([&callId](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("tools/list"))
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("tools"),
                                               QJsonArray{tool(QStringLiteral("a"))}}});
            else if (methodOf(m) == QLatin1String("tools/call"))
                callId = idOf(m); // answered below
        }));
        McpSession session(t);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        RpcReply *call = kept(session.callTool(QStringLiteral("a"), {}));
        RpcReply *other = kept(session.listResources());
        QTRY_VERIFY(callId.isDouble());
        QSignalSpy callLogs(call, &RpcReply::logMessage);
        QSignalSpy otherLogs(other, &RpcReply::logMessage);
        QSignalSpy sessionLogs(&session, &McpSession::logMessage);
        const QJsonObject line{{QStringLiteral("level"), QStringLiteral("info")},
                               {QStringLiteral("logger"), QStringLiteral("tool")},
                               {QStringLiteral("data"), QStringLiteral("working")}};
        t->notifyOnStreamOf(callId, QStringLiteral("notifications/message"), line);
        t->notify(QStringLiteral("notifications/message"), line);
        QTRY_COMPARE(sessionLogs.count(), 2);
        QCOMPARE(callLogs.count(), 1);
        QCOMPARE(callLogs.first().at(2).toJsonValue(), QJsonValue(QStringLiteral("working")));
        QCOMPARE(otherLogs.count(), 0);
        t->reply(callId, okCall());
        QTRY_VERIFY(call->isFinished());
    }

    void pinnedModernAgainstLegacyFails()
    {
        auto *t = new FakeTransport;
        t->serveAs(QStringLiteral("2025-11-25"), {});
        McpSession session(t);
        session.setProtocolPin(kModern);
        QSignalSpy failed(&session, &McpSession::failed);
        session.open();
        QTRY_COMPARE(failed.count(), 1);
        const auto e = failed.at(0).at(0).value<McpError>();
        QCOMPARE(e.kind, McpError::Kind::Protocol);
        QVERIFY2(e.message.contains(QStringLiteral("does not speak MCP 2026-07-28")),
                 qPrintable(e.message));
        QCOMPARE(t->count(QStringLiteral("initialize")), 0);
    }

    void pinnedLegacyVersionIsOffered()
    {
        auto *t = new FakeTransport;
        t->serveAs(QStringLiteral("2025-06-18"), {});
        McpSession session(t);
        session.setProtocolPin(QStringLiteral("2025-06-18"));
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        QCOMPARE(t->methods().constFirst(), QStringLiteral("initialize")); // no probe
        QCOMPARE(t->last(QStringLiteral("initialize"))
                     .value(QStringLiteral("params"))
                     .toObject()
                     .value(QStringLiteral("protocolVersion"))
                     .toString(),
                 QStringLiteral("2025-06-18"));
        QCOMPARE(session.eraSource(), McpSession::EraSource::Pinned);
    }

    void knownServerCostsNoProbeAndStaleVerdictsHeal()
    {
        QTemporaryDir dir;
        EraCache cache(dir.filePath(QStringLiteral("eras.json")));
        EndpointSpec spec;
        spec.url = QUrl(QStringLiteral("http://127.0.0.1:1/mcp"));
        FakeTransport *t = nullptr;
        auto maker = [&](const EndpointSpec &) {
            t = new FakeTransport;
            t->setHandler(modernServer([](FakeTransport &tr, const QJsonObject &m) {
                if (methodOf(m) == QLatin1String("tools/list"))
                    tr.reply(idOf(m), QJsonObject{{QStringLiteral("tools"), QJsonArray()}});
            }));
            return t;
        };
        {
            std::unique_ptr<McpSession> first(McpSession::create(spec, nullptr, maker));
            first->setEraCache(&cache);
            first->open();
            QTRY_COMPARE(first->state(), ServerState::Connected);
            QCOMPARE(first->eraSource(), McpSession::EraSource::Detected);
            QCOMPARE(cache.lookup(first->eraKey())->era, EraVerdict::Era::Modern);
        }
        std::unique_ptr<McpSession> second(McpSession::create(spec, nullptr, maker));
        second->setEraCache(&cache);
        second->setDiscoverWhenCached(false);
        second->open();
        QTRY_COMPARE(second->state(), ServerState::Connected);
        QCOMPARE(second->eraSource(), McpSession::EraSource::Cached);
        QVERIFY(t->sent.isEmpty()); // not one request before the first real one

        // The server became a legacy one meanwhile: the first request fails as such,
        // the server is probed again, and the request goes through after initialize.
        t->serveAs(QStringLiteral("2025-11-25"), {}, [](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) != QLatin1String("tools/list"))
                return;
            if (metaOf(m).contains(kMetaVersion)) // sent the modern way
                tr.failRequest(idOf(m), httpError(400, -32000));
            else
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("tools"), QJsonArray()}});
        });
        RpcReply *list = kept(second->listTools());
        QTRY_VERIFY(list->isFinished());
        QVERIFY2(list->isOk(), qPrintable(list->error().message));
        QCOMPARE(
            t->methods(),
            (QStringList{QStringLiteral("tools/list"), QStringLiteral("server/discover"),
                         QStringLiteral("initialize"), QStringLiteral("notifications/initialized"),
                         QStringLiteral("tools/list")}));
        QCOMPARE(second->era(), McpSession::Era::Legacy);
        QCOMPARE(second->state(), ServerState::Connected);
        QCOMPARE(cache.lookup(second->eraKey())->era, EraVerdict::Era::Legacy);
    }
};

QTEST_GUILESS_MAIN(TestSessionEras)
#include "tst_session_eras.moc"
