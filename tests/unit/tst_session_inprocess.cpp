// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
//
// McpSession on an in-memory transport: the handshake, versions, held and re-sent
// requests around a sign-in, a server that forgets the session, the fallback to
// HTTP+SSE, paging and list changes — each in milliseconds, without Node. The same
// behaviour is tested against real servers in tests/integration.
#include "FakeTransport.h"
#include "KeptReplies.h"
#include "ResultText.h"
#include "protocol/McpSession.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace mcpdesk;

namespace {
const QString kLatest = QStringLiteral("2025-11-25");

QJsonObject tool(const QString &name)
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("inputSchema"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}}};
}
} // namespace

class TestSessionInProcess : public QObject
{
    Q_OBJECT

    // A session on a fake server that has finished its handshake.
    std::unique_ptr<McpSession> connected(FakeTransport **out, FakeTransport::Handler handler = {},
                                          const QJsonObject &caps = {})
    {
        auto *t = new FakeTransport;
        t->serveAs(kLatest, caps, std::move(handler));
        auto session = std::make_unique<McpSession>(t);
        session->open();
        if (!QTest::qWaitFor([&] { return session->state() == ServerState::Connected; }))
            return nullptr;
        *out = t;
        return session;
    }

    KeptReplies kept;

private slots:
    void init() { kept.reset(); }
    void cleanup() { kept.reset(); }
    void handshake()
    {
        auto *t = new FakeTransport;
        t->serveAs(kLatest, QJsonObject{{QStringLiteral("tools"), QJsonObject()}});
        McpSession session(t);
        QSignalSpy ready(&session, &McpSession::ready);
        session.open();
        QCOMPARE(session.state(), ServerState::Connecting);
        QTRY_COMPARE(session.state(), ServerState::Connected);
        QCOMPARE(ready.count(), 1);
        // The 2026-07-28 probe, answered as a server of the handshake era does; then
        // initialize with the newest version, then the initialized notification.
        QCOMPARE(t->methods(),
                 (QStringList{QStringLiteral("server/discover"), QStringLiteral("initialize"),
                              QStringLiteral("notifications/initialized")}));
        QCOMPARE(session.era(), McpSession::Era::Legacy);
        QCOMPARE(session.eraSource(), McpSession::EraSource::Detected);
        // No trace of the probe's version is left on the transport.
        QCOMPARE(t->protocolVersion, kLatest);
        const QJsonObject params =
            t->last(QStringLiteral("initialize")).value(QStringLiteral("params")).toObject();
        QCOMPARE(params.value(QStringLiteral("protocolVersion")).toString(), kLatest);
        QCOMPARE(params.value(QStringLiteral("clientInfo"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("mcpdesk"));
        // The transport learns the version and that the session started.
        QCOMPARE(t->protocolVersion, kLatest);
        QCOMPARE(t->sessionsStarted, 1);
        QCOMPARE(session.protocolVersion(), kLatest);
        QCOMPARE(session.serverInfo().value(QStringLiteral("name")).toString(),
                 QStringLiteral("fake"));
        QVERIFY(session.serverCapabilities().contains(QStringLiteral("tools")));
    }

    // Over HTTP the session is connected only once the server has taken the
    // initialized notification: a request sent earlier could overtake it on another
    // connection and be answered as if the session had not begun.
    void connectedOnceTheServerTookInitialized()
    {
        auto *t = new FakeTransport(TransportKind::StreamableHttp);
        t->serveAs(kLatest, {});
        t->holdWrites(true);
        McpSession session(t);
        QSignalSpy ready(&session, &McpSession::ready);
        session.open();
        QTRY_COMPARE(t->count(QStringLiteral("notifications/initialized")), 1);
        QCoreApplication::processEvents();
        QCOMPARE(session.state(), ServerState::Connecting);
        QCOMPARE(ready.count(), 0);
        t->acceptWrites();
        QCOMPARE(session.state(), ServerState::Connected);
        QCOMPARE(ready.count(), 1);

        // Over stdio the pipe keeps the order: no waiting.
        auto *stdio = new FakeTransport(TransportKind::Stdio);
        stdio->serveAs(kLatest, {});
        stdio->holdWrites(true);
        McpSession overStdio(stdio);
        overStdio.open();
        QTRY_COMPARE(overStdio.state(), ServerState::Connected);
        QCOMPARE(stdio->pendingWrites(), 1);
    }

    void olderVersionIsSpoken()
    {
        auto *t = new FakeTransport;
        t->serveAs(QStringLiteral("2024-11-05"), {});
        McpSession session(t);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        QCOMPARE(session.protocolVersion(), QStringLiteral("2024-11-05"));
        QCOMPARE(t->protocolVersion, QStringLiteral("2024-11-05"));
    }

    void unknownVersionFailsInWords()
    {
        auto *t = new FakeTransport;
        t->serveAs(QStringLiteral("1999-01-01"), {});
        McpSession session(t);
        QSignalSpy failed(&session, &McpSession::failed);
        session.open();
        QTRY_COMPARE(failed.count(), 1);
        const auto e = failed.at(0).at(0).value<McpError>();
        QCOMPARE(e.kind, McpError::Kind::Protocol);
        QVERIFY2(e.message.contains(QStringLiteral("1999-01-01")), qPrintable(e.message));
        QVERIFY(e.message.contains(kLatest));
        QCOMPARE(session.state(), ServerState::Error);
        QVERIFY(t->isClosed);
        QCOMPARE(t->count(QStringLiteral("notifications/initialized")), 0);
    }

    // The transport breaks before the handshake: the session says why.
    void transportFailureEndsTheHandshake()
    {
        auto *t = new FakeTransport;
        t->failOpenWith(McpError::make(McpError::Kind::Connection, QStringLiteral("refused")));
        McpSession session(t);
        QSignalSpy failed(&session, &McpSession::failed);
        session.open();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<McpError>().message, QStringLiteral("refused"));
        QCOMPARE(session.state(), ServerState::Error);
    }

    void toolCallIsAnswered()
    {
        FakeTransport *t = nullptr;
        auto session = connected(&t, [](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("tools/call"))
                tr.reply(idOf(m),
                         QJsonObject{{QStringLiteral("content"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("type"), QStringLiteral("text")},
                                          {QStringLiteral("text"), QStringLiteral("hi")}}}}});
        });
        QVERIFY(session);
        RpcReply *reply = kept(session->callTool(
            QStringLiteral("echo"), QJsonObject{{QStringLiteral("m"), QStringLiteral("x")}}));
        QSignalSpy done(reply, &RpcReply::finished);
        QTRY_COMPARE(done.count(), 1);
        QVERIFY(reply->isOk());
        const QJsonObject sentParams =
            t->last(QStringLiteral("tools/call")).value(QStringLiteral("params")).toObject();
        QCOMPARE(sentParams.value(QStringLiteral("name")).toString(), QStringLiteral("echo"));
        QCOMPARE(
            sentParams.value(QStringLiteral("arguments")).toObject().value(QStringLiteral("m")),
            QJsonValue(QStringLiteral("x")));
        QCOMPARE(firstText(reply->result()), QStringLiteral("hi"));
    }

    // A JSON-RPC error answer ends the call as a protocol error with the server's
    // code and words, and the session stays connected.
    void errorAnswerFailsOnlyTheCall()
    {
        FakeTransport *t = nullptr;
        auto session = connected(&t, [](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("tools/call"))
                tr.replyError(idOf(m), -32602, QStringLiteral("Tool nope not found"));
        });
        QVERIFY(session);
        RpcReply *reply = kept(session->callTool(QStringLiteral("nope"), {}));
        QTRY_VERIFY(reply->isFinished());
        QVERIFY(!reply->isOk());
        QCOMPARE(reply->error().kind, McpError::Kind::Protocol);
        QCOMPARE(reply->error().rpcCode, -32602);
        QVERIFY2(reply->error().message.contains(QStringLiteral("Tool nope not found")),
                 qPrintable(reply->error().message));
        QCOMPARE(session->state(), ServerState::Connected);
    }

    // Two calls refused with 401 ask the sign-in layer once; both wait, and both go
    // out again (same ids, the new token) once it is done.
    void refusedCallsWaitForTheSignIn()
    {
        FakeTransport *t = nullptr;
        FakeAuthenticator auth;
        auth.token = "old";
        int refusals = 0;
        auto session = connected(&t, [&](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) != QLatin1String("tools/call"))
                return;
            if (auth.token == "old") {
                ++refusals;
                tr.failRequest(idOf(m), httpRefusal(401, "Bearer realm=\"x\""));
            } else {
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("content"), QJsonArray()}});
            }
        });
        QVERIFY(session);
        session->setAuthenticator(&auth);
        RpcReply *a = kept(session->callTool(QStringLiteral("a"), {}));
        RpcReply *b = kept(session->callTool(QStringLiteral("b"), {}));
        QTRY_COMPARE(refusals, 2);
        QCOMPARE(auth.challenges.size(), 1); // one sign-in for both
        QCOMPARE(auth.challenges.at(0).httpStatus, 401);
        QCOMPARE(auth.challenges.at(0).wwwAuthenticate, QByteArray("Bearer realm=\"x\""));
        QVERIFY(!a->isFinished());
        QVERIFY(!b->isFinished());
        const QJsonValue idA = idOf(t->sent.at(t->sent.size() - 2));
        auth.grant("new");
        QTRY_VERIFY(a->isFinished() && b->isFinished());
        QVERIFY(a->isOk());
        QVERIFY(b->isOk());
        QCOMPARE(t->count(QStringLiteral("tools/call")), 4);
        // Re-sent with the same ids.
        QStringList resentIds;
        for (const QJsonObject &m : t->sent.mid(t->sent.size() - 2))
            resentIds.append(idOf(m).toVariant().toString());
        QVERIFY(resentIds.contains(idA.toVariant().toString()));
        QCOMPARE(session->state(), ServerState::Connected);
    }

    // The count of sign-ins asked for each request is not kept once it has its answer.
    void signInCountsEndWithTheirRequests()
    {
        FakeTransport *t = nullptr;
        FakeAuthenticator auth;
        QSet<QString> refusedOnce;
        auto session = connected(&t, [&](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) != QLatin1String("tools/call"))
                return;
            const QString id = idOf(m).toVariant().toString();
            if (!refusedOnce.contains(id)) {
                refusedOnce.insert(id);
                tr.failRequest(idOf(m), httpRefusal(401));
            } else {
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("content"), QJsonArray()}});
            }
        });
        QVERIFY(session);
        session->setAuthenticator(&auth);
        for (int i = 0; i < 10; ++i) {
            RpcReply *r = kept(session->callTool(QStringLiteral("t"), {}));
            QTRY_COMPARE(auth.challenges.size(), i + 1);
            auth.grant("token" + QByteArray::number(i));
            QTRY_VERIFY(r->isFinished());
            QVERIFY(r->isOk());
        }
        QVERIFY2(session->requestsCountedForSignIn() <= 1,
                 qPrintable(QString::number(session->requestsCountedForSignIn())));
    }

    // The sign-in is refused: the waiting calls fail with its reason and the session
    // says it needs a sign-in.
    void refusedSignInFailsTheWaitingCalls()
    {
        FakeTransport *t = nullptr;
        FakeAuthenticator auth;
        auto session = connected(&t, [](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("tools/call"))
                tr.failRequest(idOf(m), httpRefusal(401));
        });
        QVERIFY(session);
        session->setAuthenticator(&auth);
        QSignalSpy failed(session.get(), &McpSession::failed);
        RpcReply *a = kept(session->callTool(QStringLiteral("a"), {}));
        QTRY_COMPARE(auth.challenges.size(), 1);
        auth.refuse(QStringLiteral("You declined the sign-in."));
        QTRY_VERIFY(a->isFinished());
        QVERIFY(!a->isOk());
        QCOMPARE(a->error().message, QStringLiteral("You declined the sign-in."));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<McpError>().kind, McpError::Kind::Unauthorized);
        QCOMPARE(session->state(), ServerState::NeedsSignIn);
    }

    // A server that keeps refusing after each sign-in (403 insufficient_scope again and
    // again) is asked a bounded number of times, then the call fails.
    void stepUpIsBounded()
    {
        FakeTransport *t = nullptr;
        FakeAuthenticator auth;
        auto session = connected(&t, [](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("tools/call"))
                tr.failRequest(
                    idOf(m),
                    httpRefusal(403, "Bearer error=\"insufficient_scope\", scope=\"more\""));
        });
        QVERIFY(session);
        session->setAuthenticator(&auth);
        RpcReply *a = kept(session->callTool(QStringLiteral("a"), {}));
        for (int round = 1; round <= 4; ++round) {
            QTRY_COMPARE(auth.challenges.size(), round);
            auth.grant("token" + QByteArray::number(round));
        }
        QTRY_VERIFY(a->isFinished());
        QVERIFY(!a->isOk());
        QCOMPARE(a->error().httpStatus, 403);
        QCOMPARE(auth.challenges.size(), 4);
        QCOMPARE(t->count(QStringLiteral("tools/call")), 5);
    }

    // HTTP 404 on a request: the server forgot the session. A new handshake, then the
    // request again; the session id is dropped first.
    void forgottenSessionIsStartedAgain()
    {
        FakeTransport *t = nullptr;
        int calls = 0;
        auto session = connected(&t, [&](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) != QLatin1String("tools/call"))
                return;
            if (++calls == 1)
                tr.failRequest(idOf(m), McpError::make(McpError::Kind::SessionExpired,
                                                       QStringLiteral("HTTP 404")));
            else
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("content"), QJsonArray()}});
        });
        QVERIFY(session);
        QSignalSpy reinitialized(session.get(), &McpSession::reinitialized);
        RpcReply *a = kept(session->callTool(QStringLiteral("a"), {}));
        QTRY_VERIFY(a->isFinished());
        QVERIFY(a->isOk());
        QCOMPARE(reinitialized.count(), 1);
        QCOMPARE(t->sessionResets, 1);
        QCOMPARE(t->count(QStringLiteral("initialize")), 2);
        QCOMPARE(t->methods().mid(3),
                 (QStringList{QStringLiteral("tools/call"), QStringLiteral("initialize"),
                              QStringLiteral("notifications/initialized"),
                              QStringLiteral("tools/call")}));
    }

    // …but not forever: a server that forgets every session is given up on, in words.
    void forgetfulServerIsGivenUpOn()
    {
        FakeTransport *t = nullptr;
        auto session = connected(&t, [](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("tools/call"))
                tr.failRequest(idOf(m), McpError::make(McpError::Kind::SessionExpired,
                                                       QStringLiteral("HTTP 404")));
        });
        QVERIFY(session);
        QSignalSpy failed(session.get(), &McpSession::failed);
        RpcReply *a = kept(session->callTool(QStringLiteral("a"), {}));
        QTRY_VERIFY(a->isFinished());
        QVERIFY(!a->isOk());
        QTRY_COMPARE(session->state(), ServerState::Error);
        QVERIFY(failed.count() >= 1);
        QVERIFY2(failed.last().at(0).value<McpError>().message.contains(
                     QStringLiteral("keeps forgetting")),
                 qPrintable(failed.last().at(0).value<McpError>().message));
        QCOMPARE(t->sessionResets, 3);
    }

    // initialize answered 404 over Streamable HTTP: the HTTP+SSE transport is tried
    // once; a 401 never falls back.
    void fallsBackToHttpSse_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("fallsBack");
        QTest::newRow("400") << 400 << true;
        QTest::newRow("404") << 404 << true;
        QTest::newRow("405") << 405 << true;
        QTest::newRow("500") << 500 << false;
    }
    void fallsBackToHttpSse()
    {
        QFETCH(int, status);
        QFETCH(bool, fallsBack);
        auto *modern = new FakeTransport(TransportKind::StreamableHttp);
        modern->setHandler([status](FakeTransport &tr, const QJsonObject &m) {
            McpError e = McpError::make(McpError::Kind::Connection, QStringLiteral("HTTP error"));
            e.httpStatus = status;
            tr.failRequest(idOf(m), e);
        });
        McpSession session(modern);
        FakeTransport *legacy = nullptr;
        int made = 0;
        session.setFallbackFactory([&] {
            ++made;
            legacy = new FakeTransport(TransportKind::LegacySse);
            legacy->serveAs(QStringLiteral("2024-11-05"), {});
            return legacy;
        });
        QSignalSpy changed(&session, &McpSession::transportChanged);
        session.open();
        if (fallsBack) {
            QTRY_COMPARE(session.state(), ServerState::Connected);
            QCOMPARE(made, 1);
            QCOMPARE(changed.count(), 1);
            QCOMPARE(session.transport(), legacy);
            QCOMPARE(session.transport()->kind(), TransportKind::LegacySse);
            QCOMPARE(session.protocolVersion(), QStringLiteral("2024-11-05"));
        } else {
            QTRY_COMPARE(session.state(), ServerState::Error);
            QCOMPARE(made, 0);
        }
    }

    void lastPageIsFollowedAndLoopsRefused()
    {
        FakeTransport *t = nullptr;
        bool loop = false;
        auto session = connected(&t, [&](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) != QLatin1String("tools/list"))
                return;
            const QString cursor = m.value(QStringLiteral("params"))
                                       .toObject()
                                       .value(QStringLiteral("cursor"))
                                       .toString();
            const int page = cursor.isEmpty() ? 0 : cursor.toInt();
            QJsonObject result{
                {QStringLiteral("tools"), QJsonArray{tool(QStringLiteral("t%1").arg(page))}}};
            if (page < 2 || loop)
                result.insert(QStringLiteral("nextCursor"), QString::number(loop ? 1 : page + 1));
            tr.reply(idOf(m), result);
        });
        QVERIFY(session);
        RpcReply *all = kept(session->listTools());
        QTRY_VERIFY(all->isFinished());
        QVERIFY(all->isOk());
        QCOMPARE(all->result().toArray().size(), 3);
        QCOMPARE(session->tools().size(), 3);
        QCOMPARE(session->tools().at(2).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("t2"));

        loop = true; // the server hands out the same cursor again
        RpcReply *again = kept(session->listTools());
        QTRY_VERIFY(again->isFinished());
        QVERIFY(!again->isOk());
        QVERIFY2(again->error().message.contains(QStringLiteral("never end")),
                 qPrintable(again->error().message));
    }

    // notifications/tools/list_changed: the session lists again on its own (once for
    // a burst of notifications) and says so.
    void listChangeRelists()
    {
        FakeTransport *t = nullptr;
        int version = 1;
        auto session = connected(&t, [&](FakeTransport &tr, const QJsonObject &m) {
            if (methodOf(m) == QLatin1String("tools/list")) {
                QJsonArray tools;
                for (int i = 0; i < version; ++i)
                    tools.append(tool(QStringLiteral("t%1").arg(i)));
                tr.reply(idOf(m), QJsonObject{{QStringLiteral("tools"), tools}});
            }
        });
        QVERIFY(session);
        RpcReply *first = kept(session->listTools());
        QTRY_VERIFY(first->isFinished());
        QCOMPARE(session->tools().size(), 1);
        QSignalSpy changed(session.get(), &McpSession::toolsChanged);
        version = 3;
        for (int i = 0; i < 5; ++i)
            t->notify(QStringLiteral("notifications/tools/list_changed"));
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(session->tools().size(), 3);
        QCOMPARE(t->count(QStringLiteral("tools/list")), 2);
    }

    // A stdio server's stderr reaches the traffic log through the transport's
    // diagnostic signal (no transport type is asked for).
    void diagnosticLinesAreLogged()
    {
        FakeTransport *t = nullptr;
        auto session = connected(&t);
        QVERIFY(session);
        TrafficLog log;
        session->setTrafficLog(&log);
        emit t->diagnosticLine(QStringLiteral("server: warming up"));
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.at(0).direction, TrafficLog::Direction::Stderr);
        QCOMPARE(log.at(0).text, QStringLiteral("server: warming up"));
    }

    void closeEndsTheSession()
    {
        FakeTransport *t = nullptr;
        auto session = connected(&t);
        QVERIFY(session);
        RpcReply *pending = kept(session->callTool(QStringLiteral("never-answered"), {}));
        session->close();
        QCOMPARE(session->state(), ServerState::Disconnected);
        QVERIFY(t->isClosed);
        QTRY_VERIFY(pending->isFinished());
        QVERIFY(!pending->isOk());
    }
};

QTEST_GUILESS_MAIN(TestSessionInProcess)
#include "tst_session_inprocess.moc"
