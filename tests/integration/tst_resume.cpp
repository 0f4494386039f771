// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// A stream cut in the middle of a call (by the project's cutting proxy in front
// of the real server-everything) is resumed with Last-Event-ID, and the call
// completes with every progress step exactly once; a server stream that went quiet
// is opened again.
#include "PeerProcess.h"
#include "ResultText.h"

#include "protocol/McpSession.h"
#include "protocol/TrafficLog.h"
#include "transport/StreamableHttpTransport.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace mcpdesk;

class TestResume : public QObject
{
    Q_OBJECT
private slots:
    void cutStreamResumes()
    {
        PeerProcess everything;
        QVERIFY(everything.startEverything());
        PeerProcess proxy;
        QVERIFY(proxy.startScript(QStringLiteral("cutting-proxy.mjs"),
                                  {QStringLiteral("--upstream"),
                                   QStringLiteral("http://127.0.0.1:%1").arg(everything.port()),
                                   QStringLiteral("--cut-after-events"), QStringLiteral("2")}));
        auto *transport = new StreamableHttpTransport(proxy.url());
        // server-everything sends no `retry`: wait long enough that the operation
        // (1 s) is over and its stored events can all be replayed.
        transport->setDefaultRetryMs(1500);
        McpSession session(transport);
        QSignalSpy ready(&session, &McpSession::ready);
        session.open();
        QVERIFY(ready.wait(10000));

        RpcReply *call =
            session.callTool(QStringLiteral("trigger-long-running-operation"),
                             {{QStringLiteral("duration"), 1}, {QStringLiteral("steps"), 5}});
        call->setAutoDelete(false);
        QList<double> steps;
        connect(call, &RpcReply::progress, this,
                [&](double p, double, const QString &) { steps.append(p); });
        QSignalSpy done(call, &RpcReply::finished);
        QVERIFY(done.wait(15000));
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        QVERIFY(proxy.lines().contains(QStringLiteral("cut")));
        // The resumption GET carried the id of the last complete event.
        QTRY_VERIFY(proxy.lines().indexOf(QRegularExpression(QStringLiteral("^get .+"))) >= 0);
        QCOMPARE(steps, (QList<double>{1, 2, 3, 4, 5})); // nothing lost, nothing doubled
        QVERIFY(firstText(call->result()).contains(QStringLiteral("completed")));
        delete call;
        session.close();
    }

    // The server's own stream, quiet past its idle time, is opened again as after a
    // clean end: the session stays connected and what the server sends later (its
    // simulated log messages) still arrives on it.
    void quietServerStreamIsOpenedAgain()
    {
        PeerProcess everything;
        QVERIFY(everything.startEverything());
        auto *transport = new StreamableHttpTransport(everything.url());
        transport->setStreamIdleTimeoutMs(1000);
        transport->setDefaultRetryMs(10);
        McpSession session(transport);
        TrafficLog traffic;
        session.setTrafficLog(&traffic);
        auto gets = [&traffic] {
            int n = 0;
            for (qsizetype i = 0; i < traffic.size(); ++i)
                n += traffic.at(i).text.startsWith(QLatin1String("GET ")) ? 1 : 0;
            return n;
        };
        QSignalSpy ready(&session, &McpSession::ready);
        session.open();
        QVERIFY(ready.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(gets() >= 3, 15000); // opened, then twice again
        QCOMPARE(session.state(), ServerState::Connected);

        QSignalSpy logs(&session, &McpSession::logMessage);
        RpcReply *call = session.callTool(QStringLiteral("toggle-simulated-logging"), {});
        call->setAutoDelete(false);
        QSignalSpy done(call, &RpcReply::finished);
        QVERIFY(done.wait(10000));
        QVERIFY2(call->isOk(), qPrintable(call->error().message));
        delete call;
        QTRY_VERIFY_WITH_TIMEOUT(!logs.isEmpty(), 20000);
        QCOMPARE(session.state(), ServerState::Connected);
        session.close();
    }
};

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
