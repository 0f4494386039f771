// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Session behaviour no real peer shows on demand, against the project's fake
// server: lists that page (nextCursor), list_changed, a session the server forgets,
// and calls cancelled while their stream is open or waits to be resumed.
#include "PeerProcess.h"

#include "protocol/McpSession.h"
#include "transport/StreamableHttpTransport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace mcpdesk;

class TestSessionFakeServer : public QObject
{
    Q_OBJECT

    std::unique_ptr<McpSession> connectTo(PeerProcess &peer)
    {
        auto s = std::make_unique<McpSession>(new StreamableHttpTransport(peer.url()));
        QSignalSpy ready(s.get(), &McpSession::ready);
        s->open();
        if (!ready.wait(10000))
            qWarning() << "did not connect:" << s->lastError().message;
        return s;
    }
    static RpcReply *wait(RpcReply *r)
    {
        r->setAutoDelete(false);
        QSignalSpy done(r, &RpcReply::finished);
        if (!r->isFinished())
            done.wait(10000);
        return r;
    }
    static QStringList names(const QJsonArray &items, const QString &key)
    {
        QStringList out;
        for (const QJsonValue &v : items)
            out.append(v.toObject().value(key).toString());
        return out;
    }

private slots:
    // A call cancelled while its answer streams in: its HTTP stream is closed at once
    // (the server sees the client hang up; it would trickle on for a minute).
    void cancelledCallClosesItsStream()
    {
        PeerProcess peer;
        QVERIFY(peer.startFake(QStringLiteral("trickle")));
        auto s = connectTo(peer);
        QCOMPARE(s->state(), ServerState::Connected);
        std::unique_ptr<RpcReply> call(s->callTool(QStringLiteral("tool-1"), {}));
        call->setAutoDelete(false);
        QTRY_VERIFY(peer.lines().contains(QStringLiteral("received tools/call")));
        call->cancel(QStringLiteral("the person stopped it"));
        QVERIFY(call->isFinished());
        QCOMPARE(call->error().kind, McpError::Kind::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(peer.lines().contains(QStringLiteral("closed tools/call")), 5000);
        QCOMPARE(s->state(), ServerState::Connected);
    }

    // A call cancelled while its broken stream waits to be resumed: it is never
    // resumed (no GET with its last event id after the server's retry time).
    void cancelledCallIsNotResumed()
    {
        PeerProcess peer;
        QVERIFY(peer.startScript(QStringLiteral("fake-mcp-server.mjs"),
                                 {QStringLiteral("--mode"), QStringLiteral("cutstream-id"),
                                  QStringLiteral("--retry-ms"), QStringLiteral("1500")}));
        auto *transport = new StreamableHttpTransport(peer.url());
        transport->setServerStreamEnabled(false); // only the resumption would GET
        McpSession s(transport);
        QSignalSpy ready(&s, &McpSession::ready);
        s.open();
        QVERIFY(ready.wait(10000));
        std::unique_ptr<RpcReply> call(s.callTool(QStringLiteral("tool-1"), {}));
        call->setAutoDelete(false);
        QTRY_VERIFY(peer.lines().contains(QStringLiteral("received tools/call")));
        QTest::qWait(400);            // the server cuts the stream 50 ms after its first event
        QVERIFY(!call->isFinished()); // waiting to resume
        call->cancel(QStringLiteral("the person stopped it"));
        QCOMPARE(call->error().kind, McpError::Kind::Cancelled);
        QTest::qWait(2500); // past the server's retry time
        QVERIFY2(!peer.lines().contains(QStringLiteral("received GET 1")),
                 qPrintable(peer.lines().join(QLatin1Char('\n'))));
        QCOMPARE(s.state(), ServerState::Connected);
    }

    void followsCursorsToTheEnd()
    {
        PeerProcess peer;
        QVERIFY(peer.startFake(QStringLiteral("paging")));
        auto s = connectTo(peer);
        QCOMPARE(s->state(), ServerState::Connected);

        std::unique_ptr<RpcReply> tools(wait(s->listTools()));
        QVERIFY2(tools->isOk(), qPrintable(tools->error().message));
        QCOMPARE(names(tools->result().toArray(), QStringLiteral("name")),
                 (QStringList{QStringLiteral("tool-1"), QStringLiteral("tool-2"),
                              QStringLiteral("tool-3"), QStringLiteral("tool-4"),
                              QStringLiteral("tool-5"), QStringLiteral("tool-6"),
                              QStringLiteral("tool-7"), QStringLiteral("tool-8")}));
        QCOMPARE(peer.lines().count(QStringLiteral("received tools/list")), 3); // 3 + 3 + 2

        std::unique_ptr<RpcReply> resources(wait(s->listResources()));
        QVERIFY(resources->isOk());
        QCOMPARE(resources->result().toArray().size(), 5);
        std::unique_ptr<RpcReply> prompts(wait(s->listPrompts()));
        QVERIFY(prompts->isOk());
        QCOMPARE(names(prompts->result().toArray(), QStringLiteral("name")).last(),
                 QStringLiteral("prompt-4"));
    }

    void listChangedRelists()
    {
        PeerProcess peer;
        QVERIFY(peer.startFake(QStringLiteral("paging")));
        auto s = connectTo(peer);
        std::unique_ptr<RpcReply> before(wait(s->listTools()));
        QCOMPARE(s->tools().size(), 8);
        QCOMPARE(s->tools(), before->result().toArray()); // kept as it came (as text, not parsed)
        QSignalSpy changed(s.get(), &McpSession::toolsChanged);
        std::unique_ptr<RpcReply> call(wait(s->callTool(QStringLiteral("add-tool"), {})));
        QVERIFY(call->isOk());
        QVERIFY(changed.wait(5000) || !changed.isEmpty());
        QCOMPARE(s->tools().size(), 9); // re-listed on its own, all pages
        QCOMPARE(s->tools().last().toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("tool-9"));
    }

    // A list nobody asked for is not fetched when the server says it changed; once
    // someone has asked, it is kept fresh.
    void listChangedLeavesUnaskedListsAlone()
    {
        PeerProcess peer;
        QVERIFY(peer.startFake(QStringLiteral("paging")));
        auto s = connectTo(peer);
        QSignalSpy changed(s.get(), &McpSession::toolsChanged);
        std::unique_ptr<RpcReply> call(wait(s->callTool(QStringLiteral("add-tool"), {})));
        QVERIFY(call->isOk());
        QTest::qWait(300); // well past the relist debounce
        QCOMPARE(peer.lines().count(QStringLiteral("received tools/list")), 0);
        QVERIFY(s->tools().isEmpty());
        QCOMPARE(changed.size(), 0);
        std::unique_ptr<RpcReply> list(wait(s->listTools()));
        QCOMPARE(s->tools().size(), 9);
        const qsizetype pages = peer.lines().count(QStringLiteral("received tools/list"));
        QVERIFY(pages > 0);
        call.reset(wait(s->callTool(QStringLiteral("add-tool"), {})));
        QVERIFY(call->isOk());
        QVERIFY(changed.wait(5000) || !changed.isEmpty());
        QCOMPARE(s->tools().size(), 10);
        QVERIFY(peer.lines().count(QStringLiteral("received tools/list")) > pages);
    }

    // HTTP 404 on a request that carried the session id: a new session is
    // started and the request sent again, without the caller noticing.
    void sessionExpiredReinitializes()
    {
        PeerProcess peer;
        QVERIFY(peer.startFake(QStringLiteral("forgetful")));
        auto s = connectTo(peer);
        QCOMPARE(s->state(), ServerState::Connected);
        QSignalSpy renewed(s.get(), &McpSession::reinitialized);
        for (int i = 0; i < 5; ++i) {
            std::unique_ptr<RpcReply> r(wait(s->callTool(QStringLiteral("tool-1"), {})));
            QVERIFY2(r->isOk(),
                     qPrintable(QStringLiteral("call %1: %2").arg(i).arg(r->error().message)));
        }
        QCOMPARE(renewed.size(), 2); // calls 1-2 in the first session, 3-4, then 5
        QCOMPARE(peer.lines().count(QStringLiteral("received initialize")), 3);
        QCOMPARE(s->state(), ServerState::Connected);
    }

    void cursorLoopIsAnError()
    {
        PeerProcess peer;
        QVERIFY(peer.startFake(QStringLiteral("loopcursor")));
        auto s = connectTo(peer);
        std::unique_ptr<RpcReply> tools(wait(s->listTools()));
        QVERIFY(tools->isFinished());
        QVERIFY(!tools->isOk());
        QCOMPARE(tools->error().kind, McpError::Kind::Protocol);
        QVERIFY2(tools->error().message.contains(QStringLiteral("never end")),
                 qPrintable(tools->error().message));
        QCOMPARE(peer.lines().count(QStringLiteral("received tools/list")), 2);
    }
};

QTEST_GUILESS_MAIN(TestSessionFakeServer)
#include "tst_session_fakeserver.moc"
