// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "jsonrpc/JsonRpcEndpoint.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace mcpdesk;

class TestJsonRpcEndpoint : public QObject
{
    Q_OBJECT

    QList<QJsonObject> sent;
    std::unique_ptr<JsonRpcEndpoint> rpc;

    QJsonObject response(const QJsonValue &id, const QJsonValue &result)
    {
        return QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                           {QStringLiteral("id"), id},
                           {QStringLiteral("result"), result}};
    }
    QList<QJsonObject> sentWithMethod(const QString &method)
    {
        QList<QJsonObject> out;
        for (const auto &m : sent)
            if (m.value(QStringLiteral("method")).toString() == method)
                out.append(m);
        return out;
    }

private slots:
    void init()
    {
        sent.clear();
        rpc = std::make_unique<JsonRpcEndpoint>();
        rpc->setSink([this](const QJsonObject &m) { sent.append(m); });
    }

    void idsAreUniqueAndResponsesRouted()
    {
        RpcReply *a = rpc->request(QStringLiteral("tools/list"));
        RpcReply *b = rpc->request(QStringLiteral("tools/list"));
        QCOMPARE(sent.size(), 2);
        QVERIFY(a->id() != b->id());
        QCOMPARE(sent[0].value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
        QSignalSpy aDone(a, &RpcReply::finished);
        QSignalSpy bDone(b, &RpcReply::finished);
        rpc->handleMessage(response(b->id(), QJsonObject{{QStringLiteral("x"), 2}}));
        QCOMPARE(bDone.size(), 1);
        QCOMPARE(aDone.size(), 0);
        QCOMPARE(b->result().toObject().value(QStringLiteral("x")).toInt(), 2);
        rpc->handleMessage(response(a->id(), 1));
        QCOMPARE(aDone.size(), 1);
        QVERIFY(a->isOk());
        // Ids are never reused, even after the first ones finished.
        RpcReply *c = rpc->request(QStringLiteral("ping"));
        QVERIFY(c->id().toInteger() > b->id().toInteger());
        QCOMPARE(rpc->pendingCount(), 1);
    }

    // JSON-RPC ids match only with the same type and value: a response whose id is
    // the string "2" does not answer request 2 (nor does 2.5, or null), and a progress
    // notification whose token is the string form of ours is not ours either.
    void idsMatchOnlyWithTheSameType()
    {
        RpcRequestOptions withProgress;
        withProgress.withProgress = true;
        RpcReply *r = rpc->request(QStringLiteral("tools/call"), {}, withProgress);
        QSignalSpy done(r, &RpcReply::finished);
        QSignalSpy progress(r, &RpcReply::progress);
        const qint64 id = r->id().toInteger();
        rpc->handleMessage(response(QString::number(id), QStringLiteral("from a string id")));
        rpc->handleMessage(response(double(id) + 0.5, QStringLiteral("from a fraction")));
        rpc->handleMessage(response(QJsonValue::Null, QStringLiteral("from null")));
        rpc->handleMessage(
            QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                        {QStringLiteral("method"), QStringLiteral("notifications/progress")},
                        {QStringLiteral("params"),
                         QJsonObject{{QStringLiteral("progressToken"), QString::number(id)},
                                     {QStringLiteral("progress"), 1}}}});
        QCOMPARE(done.size(), 0);
        QCOMPARE(progress.size(), 0);
        QVERIFY(rpc->isPending(r->id()));
        rpc->handleMessage(response(id, QStringLiteral("the answer")));
        QCOMPARE(done.size(), 1);
        QCOMPARE(r->result().toString(), QStringLiteral("the answer"));
    }

    void errorAnswer()
    {
        RpcReply *r = rpc->request(QStringLiteral("tools/call"));
        QSignalSpy done(r, &RpcReply::finished);
        rpc->handleMessage(QJsonObject{
            {QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), r->id()},
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("code"), -32602},
                         {QStringLiteral("message"), QStringLiteral("Unknown tool: nope")}}}});
        QCOMPARE(done.size(), 1);
        QVERIFY(!r->isOk());
        QCOMPARE(r->error().kind, McpError::Kind::Protocol);
        QCOMPARE(r->error().rpcCode, -32602);
        QVERIFY(r->error().message.contains(QStringLiteral("Unknown tool: nope")));
    }

    void timeoutSendsCancelledAndIgnoresLateAnswer()
    {
        JsonRpcEndpoint::RequestOptions o;
        o.timeoutMs = 50;
        RpcReply *r = rpc->request(QStringLiteral("tools/call"), {}, o);
        r->setAutoDelete(false);
        QSignalSpy done(r, &RpcReply::finished);
        QSignalSpy abandoned(rpc.get(), &JsonRpcEndpoint::requestAbandoned);
        QVERIFY(done.wait(2000));
        QCOMPARE(r->error().kind, McpError::Kind::Timeout);
        const auto cancels = sentWithMethod(QStringLiteral("notifications/cancelled"));
        QCOMPARE(cancels.size(), 1);
        QCOMPARE(cancels[0]
                     .value(QStringLiteral("params"))
                     .toObject()
                     .value(QStringLiteral("requestId")),
                 r->id());
        QVERIFY(!cancels[0].contains(QStringLiteral("id"))); // a notification
        QCOMPARE(abandoned.size(), 1);
        // The late result is ignored: no second finished, no crash.
        rpc->handleMessage(response(r->id(), 1));
        QCOMPARE(done.size(), 1);
        QCOMPARE(r->error().kind, McpError::Kind::Timeout);
        delete r;
    }

    void userCancel()
    {
        RpcReply *r = rpc->request(QStringLiteral("tools/call"));
        r->setAutoDelete(false);
        QSignalSpy done(r, &RpcReply::finished);
        r->cancel(QStringLiteral("user asked"));
        QCOMPARE(done.size(), 1);
        QCOMPARE(r->error().kind, McpError::Kind::Cancelled);
        const auto cancels = sentWithMethod(QStringLiteral("notifications/cancelled"));
        QCOMPARE(cancels.size(), 1);
        QCOMPARE(cancels[0]
                     .value(QStringLiteral("params"))
                     .toObject()
                     .value(QStringLiteral("reason"))
                     .toString(),
                 QStringLiteral("user asked"));
        QCOMPARE(rpc->pendingCount(), 0);
        delete r;
    }

    void initializeIsNeverCancelled()
    {
        JsonRpcEndpoint::RequestOptions o;
        o.timeoutMs = 30;
        o.cancellable = false;
        RpcReply *r = rpc->request(QStringLiteral("initialize"), {}, o);
        QSignalSpy done(r, &RpcReply::finished);
        r->cancel();
        QCOMPARE(done.size(), 0); // a user cancel is refused
        QVERIFY(done.wait(2000)); // but the timeout still ends it
        QVERIFY(sentWithMethod(QStringLiteral("notifications/cancelled")).isEmpty());
    }

    void progressRoutedAndResetsTimeout()
    {
        JsonRpcEndpoint::RequestOptions o;
        o.timeoutMs = 300;
        o.withProgress = true;
        RpcReply *r = rpc->request(QStringLiteral("tools/call"), {}, o);
        RpcReply *other = rpc->request(QStringLiteral("tools/call"), {}, o);
        const QJsonValue token = sent[0]
                                     .value(QStringLiteral("params"))
                                     .toObject()
                                     .value(QStringLiteral("_meta"))
                                     .toObject()
                                     .value(QStringLiteral("progressToken"));
        QVERIFY(!token.isUndefined());
        QSignalSpy progress(r, &RpcReply::progress);
        QSignalSpy otherProgress(other, &RpcReply::progress);
        QSignalSpy done(r, &RpcReply::finished);
        // Keep the call alive with progress for longer than its timeout (5 × 150 ms).
        for (int i = 1; i <= 5; ++i) {
            QTest::qWait(150);
            rpc->handleMessage(
                QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                            {QStringLiteral("method"), QStringLiteral("notifications/progress")},
                            {QStringLiteral("params"),
                             QJsonObject{{QStringLiteral("progressToken"), token},
                                         {QStringLiteral("progress"), i},
                                         {QStringLiteral("total"), 5},
                                         {QStringLiteral("message"), QStringLiteral("step")}}}});
        }
        QCOMPARE(done.size(), 0);
        QCOMPARE(progress.size(), 5);
        QCOMPARE(otherProgress.size(), 0);
        QCOMPARE(progress.last().at(0).toDouble(), 5.0);
        QCOMPARE(progress.last().at(1).toDouble(), 5.0);
        QCOMPARE(progress.last().at(2).toString(), QStringLiteral("step"));
        QVERIFY(done.wait(2000)); // no more progress: the timeout fires
    }

    void hardMaximumDespiteProgress()
    {
        JsonRpcEndpoint::RequestOptions o;
        o.timeoutMs = 200;
        o.maxTotalMs = 400;
        o.withProgress = true;
        RpcReply *r = rpc->request(QStringLiteral("tools/call"), {}, o);
        r->setAutoDelete(false);
        const QJsonValue token = r->id();
        QSignalSpy done(r, &RpcReply::finished);
        QElapsedTimer t;
        t.start();
        while (done.isEmpty() && t.elapsed() < 3000) {
            QTest::qWait(50);
            rpc->handleMessage(QJsonObject{
                {QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                {QStringLiteral("method"), QStringLiteral("notifications/progress")},
                {QStringLiteral("params"), QJsonObject{{QStringLiteral("progressToken"), token},
                                                       {QStringLiteral("progress"), 1}}}});
        }
        // Ended by the hard maximum while progress kept coming (without it, progress
        // would keep the call alive until the loop gives up).
        QCOMPARE(done.size(), 1);
        QCOMPARE(r->error().kind, McpError::Kind::Timeout);
        delete r;
    }

    void serverRequests()
    {
        rpc->handleMessage(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                       {QStringLiteral("id"), QStringLiteral("p1")},
                                       {QStringLiteral("method"), QStringLiteral("ping")}});
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].value(QStringLiteral("id")).toString(), QStringLiteral("p1"));
        QVERIFY(sent[0].value(QStringLiteral("result")).isObject());

        rpc->handleMessage(
            QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                        {QStringLiteral("id"), 5},
                        {QStringLiteral("method"), QStringLiteral("sampling/createMessage")}});
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent[1].value(QStringLiteral("id")).toInt(), 5);
        QCOMPARE(
            sent[1].value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
            -32601);

        rpc->setRequestHandler(QStringLiteral("roots/list"),
                               [](const QJsonObject &, const JsonRpcEndpoint::Responder &r) {
                                   r.result(QJsonObject{{QStringLiteral("roots"), QJsonArray()}});
                               });
        rpc->handleMessage(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                       {QStringLiteral("id"), 6},
                                       {QStringLiteral("method"), QStringLiteral("roots/list")}});
        QCOMPARE(sent.size(), 3);
        QVERIFY(
            sent[2].value(QStringLiteral("result")).toObject().contains(QStringLiteral("roots")));
    }

    void notificationsAndViolations()
    {
        QSignalSpy notes(rpc.get(), &JsonRpcEndpoint::notificationReceived);
        QSignalSpy bad(rpc.get(), &JsonRpcEndpoint::protocolViolation);
        rpc->handleMessage(
            QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                        {QStringLiteral("method"), QStringLiteral("notifications/message")},
                        {QStringLiteral("params"),
                         QJsonObject{{QStringLiteral("level"), QStringLiteral("info")}}}});
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes[0][0].toString(), QStringLiteral("notifications/message"));
        rpc->handleMessage(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}});
        QCOMPARE(bad.size(), 1);
        QVERIFY(sent.isEmpty()); // nothing answered to a notification
    }

    void failAllEndsEveryPendingCall()
    {
        RpcReply *a = rpc->request(QStringLiteral("a"));
        RpcReply *b = rpc->request(QStringLiteral("b"));
        QSignalSpy aDone(a, &RpcReply::finished);
        QSignalSpy bDone(b, &RpcReply::finished);
        rpc->failAll(McpError::make(McpError::Kind::Connection, QStringLiteral("gone")));
        QCOMPARE(aDone.size(), 1);
        QCOMPARE(bDone.size(), 1);
        QCOMPARE(rpc->pendingCount(), 0);
    }

    void failRequestFromTransport()
    {
        RpcReply *a = rpc->request(QStringLiteral("a"));
        a->setAutoDelete(false);
        rpc->failRequest(a->id(),
                         McpError::make(McpError::Kind::Connection, QStringLiteral("refused")));
        QVERIFY(a->isFinished());
        QCOMPARE(a->error().message, QStringLiteral("refused"));
        delete a;
    }
};

QTEST_GUILESS_MAIN(TestJsonRpcEndpoint)
#include "tst_jsonrpcendpoint.moc"
