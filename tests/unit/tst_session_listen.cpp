// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
//
// McpSession listening for changes on a 2026-07-28 server (subscriptions/listen), on
// an in-memory transport: the acknowledgement, notifications kept to the current
// subscription, a graceful end and a drop listened again, a refusal not, a watched
// resource, and the old listen closed (HTTP: its stream; stdio: notifications/
// cancelled). tests/integration/tst_cli_asks does the same against the SDK's server.
#include "FakeTransport.h"
#include "KeptReplies.h"
#include "protocol/McpSession.h"

#include <QSignalSpy>
#include <QTest>

using namespace mcpdesk;

namespace {
const QString kModern = QStringLiteral("2026-07-28");
const QString kSub = QStringLiteral("io.modelcontextprotocol/subscriptionId");

QJsonObject filterOf(const QJsonObject &m)
{
    return m.value(QStringLiteral("params"))
        .toObject()
        .value(QStringLiteral("notifications"))
        .toObject();
}
QJsonObject tagged(const QJsonValue &subscription, QJsonObject params = {})
{
    params.insert(QStringLiteral("_meta"), QJsonObject{{kSub, subscription}});
    return params;
}

// A modern server with tools that change; it acknowledges each listen with what it
// was asked (less resource subscriptions when `honorUris` is false).
struct Server
{
    QList<QJsonObject> listens; // as they came
    bool acknowledge = true;
    bool honorUris = true;

    FakeTransport::Handler handler()
    {
        return [this](FakeTransport &t, const QJsonObject &m) {
            const QString method = methodOf(m);
            if (method == QLatin1String("server/discover")) {
                t.reply(idOf(m),
                        QJsonObject{
                            {QStringLiteral("supportedVersions"), QJsonArray{kModern}},
                            {QStringLiteral("capabilities"),
                             QJsonObject{{QStringLiteral("tools"),
                                          QJsonObject{{QStringLiteral("listChanged"), true}}}}}});
            } else if (method == QLatin1String("tools/list")) {
                t.reply(idOf(m), QJsonObject{{QStringLiteral("tools"), QJsonArray()}});
            } else if (method == QLatin1String("subscriptions/listen")) {
                listens.append(m);
                QJsonObject honored = filterOf(m);
                if (!honorUris)
                    honored.remove(QStringLiteral("resourceSubscriptions"));
                if (acknowledge)
                    t.notify(QStringLiteral("notifications/subscriptions/acknowledged"),
                             tagged(idOf(m), {{QStringLiteral("notifications"), honored}}));
            }
        };
    }
};
} // namespace

class TestSessionListen : public QObject
{
    Q_OBJECT

    KeptReplies kept;

private slots:
    void init() { kept.reset(); }
    void cleanup() { kept.reset(); }

    void listensAndKeepsToItsSubscription()
    {
        Server server;
        auto *t = new FakeTransport;
        t->setHandler(server.handler());
        McpSession session(t);
        session.setListenForChanges(true);
        QSignalSpy listening(&session, &McpSession::listening);
        QSignalSpy changed(&session, &McpSession::toolsChanged);
        QSignalSpy updated(&session, &McpSession::resourceUpdated);
        session.open();
        QTRY_COMPARE(listening.count(), 1);
        QCOMPARE(server.listens.size(), 1);
        const QJsonObject asked = filterOf(server.listens.first());
        QVERIFY(asked.value(QStringLiteral("toolsListChanged")).toBool());
        QVERIFY(asked.value(QStringLiteral("promptsListChanged")).toBool());
        QVERIFY(asked.value(QStringLiteral("resourcesListChanged")).toBool());
        QVERIFY(session.listenHonored().value(QStringLiteral("toolsListChanged")).toBool());
        RpcReply *list = kept(session.listTools()); // a list someone holds is kept fresh
        QTRY_VERIFY(list->isFinished());
        const QJsonValue id = idOf(server.listens.first());
        // Of this subscription: the list is fetched again and the change told.
        t->notify(QStringLiteral("notifications/tools/list_changed"), tagged(id));
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(t->count(QStringLiteral("tools/list")), 2);
        t->notify(QStringLiteral("notifications/resources/updated"),
                  tagged(id, {{QStringLiteral("uri"), QStringLiteral("x://a")}}));
        QTRY_COMPARE(updated.count(), 1);
        QCOMPARE(updated.first().first().toString(), QStringLiteral("x://a"));
        // Of another subscription: dropped.
        t->notify(QStringLiteral("notifications/tools/list_changed"), tagged(id.toInt() + 100));
        t->notify(
            QStringLiteral("notifications/resources/updated"),
            tagged(QStringLiteral("other"), {{QStringLiteral("uri"), QStringLiteral("x://b")}}));
        QTest::qWait(200);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(updated.count(), 1);
        QCOMPARE(t->count(QStringLiteral("tools/list")), 2);
    }

    void endedOrDroppedIsListenedAgain()
    {
        Server server;
        auto *t = new FakeTransport;
        t->setHandler(server.handler());
        McpSession session(t);
        session.setListenForChanges(true);
        QSignalSpy listening(&session, &McpSession::listening);
        QSignalSpy interrupted(&session, &McpSession::listenInterrupted);
        QSignalSpy failed(&session, &McpSession::failed);
        session.open();
        QTRY_COMPARE(listening.count(), 1);
        // A graceful end: a complete result for the listen. Not an error; again, with a
        // new id.
        const QJsonValue first = idOf(server.listens.first());
        t->reply(first, QJsonObject{{QStringLiteral("resultType"), QStringLiteral("complete")},
                                    {QStringLiteral("_meta"), QJsonObject{{kSub, first}}}});
        QTRY_COMPARE(interrupted.count(), 1);
        QVERIFY(interrupted.first().at(1).toInt() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(server.listens.size(), 2, 5000);
        QVERIFY(idOf(server.listens.at(1)) != first);
        QTRY_COMPARE(listening.count(), 2);
        // A drop: the stream broke without a result. Again, after a longer pause.
        t->failRequest(idOf(server.listens.at(1)),
                       McpError::make(McpError::Kind::Connection, QStringLiteral("reset")));
        QTRY_COMPARE(interrupted.count(), 2);
        QVERIFY(interrupted.at(1).at(1).toInt() > interrupted.at(0).at(1).toInt());
        QTRY_COMPARE_WITH_TIMEOUT(server.listens.size(), 3, 5000);
        QCOMPARE(session.state(), ServerState::Connected);
        QCOMPARE(failed.count(), 0);
    }

    void refusedListenIsNotAskedAgain()
    {
        Server server;
        server.acknowledge = false;
        auto *t = new FakeTransport;
        t->setHandler(server.handler());
        McpSession session(t);
        session.setListenForChanges(true);
        QSignalSpy interrupted(&session, &McpSession::listenInterrupted);
        session.open();
        QTRY_COMPARE(server.listens.size(), 1);
        t->replyError(idOf(server.listens.first()), -32601, QStringLiteral("Method not found"));
        QTRY_COMPARE(interrupted.count(), 1);
        QCOMPARE(interrupted.first().at(1).toInt(), -1);
        QTest::qWait(1200); // past the first pause a drop would have had
        QCOMPARE(server.listens.size(), 1);
        QCOMPARE(session.state(), ServerState::Connected);
    }

    void watchedResourceListensAgainAndClosesTheOld_data()
    {
        QTest::addColumn<TransportKind>("kind");
        QTest::newRow("http") << TransportKind::StreamableHttp;
        QTest::newRow("stdio") << TransportKind::Stdio;
    }
    void watchedResourceListensAgainAndClosesTheOld()
    {
        QFETCH(TransportKind, kind);
        Server server;
        auto *t = new FakeTransport(kind);
        t->setHandler(server.handler());
        McpSession session(t);
        session.setListenForChanges(true);
        QSignalSpy listening(&session, &McpSession::listening);
        session.open();
        QTRY_COMPARE(listening.count(), 1);
        const QJsonValue old = idOf(server.listens.first());
        RpcReply *watch = kept(session.subscribeResource(QStringLiteral("x://note")));
        QTRY_VERIFY(watch->isFinished());
        QVERIFY2(watch->isOk(), qPrintable(watch->error().message));
        QCOMPARE(server.listens.size(), 2);
        QCOMPARE(filterOf(server.listens.at(1)).value(QStringLiteral("resourceSubscriptions")),
                 QJsonValue(QJsonArray{QStringLiteral("x://note")}));
        // The old listen is closed: its stream (HTTP), or notifications/cancelled (stdio,
        // the only way there).
        QVERIFY(t->abandoned.contains(old));
        int cancelled = 0;
        for (const QJsonObject &m : std::as_const(t->sent))
            if (methodOf(m) == QLatin1String("notifications/cancelled") &&
                m.value(QStringLiteral("params")).toObject().value(QStringLiteral("requestId")) ==
                    old)
                ++cancelled;
        QCOMPARE(cancelled, kind == TransportKind::Stdio ? 1 : 0);
        // A late notification of the old one is not told.
        QSignalSpy updated(&session, &McpSession::resourceUpdated);
        t->notify(QStringLiteral("notifications/resources/updated"),
                  tagged(old, {{QStringLiteral("uri"), QStringLiteral("x://note")}}));
        t->notify(QStringLiteral("notifications/resources/updated"),
                  tagged(idOf(server.listens.at(1)),
                         {{QStringLiteral("uri"), QStringLiteral("x://note")}}));
        QTRY_COMPARE(updated.count(), 1);
        QTest::qWait(100);
        QCOMPARE(updated.count(), 1);
    }

    void resourceNotHonoredIsAnError()
    {
        Server server;
        server.honorUris = false;
        auto *t = new FakeTransport;
        t->setHandler(server.handler());
        McpSession session(t);
        session.open();
        QTRY_COMPARE(session.state(), ServerState::Connected);
        QCOMPARE(server.listens.size(), 0); // nobody listens: no listen
        RpcReply *watch = kept(session.subscribeResource(QStringLiteral("x://note")));
        QTRY_VERIFY(watch->isFinished());
        QVERIFY(!watch->isOk());
        QVERIFY2(watch->error().message.contains(QStringLiteral("x://note")),
                 qPrintable(watch->error().message));
    }
};

QTEST_GUILESS_MAIN(TestSessionListen)
#include "tst_session_listen.moc"
