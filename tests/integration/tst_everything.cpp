// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The engine against the real @modelcontextprotocol/server-everything, one suite
// run once per transport: `tst_everything streamable-http|sse|stdio`.
// The sse run connects through the automatic fallback (a Streamable HTTP attempt
// answered 4xx, then HTTP+SSE), so it proves the fallback too.
#include "PeerProcess.h"
#include "ResultText.h"

#include "protocol/ContentFormat.h"
#include "protocol/McpSession.h"
#include "transport/StdioTransport.h"
#include "transport/StreamableHttpTransport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace mcpdesk;

namespace {
TransportKind g_kind = TransportKind::StreamableHttp;
}

class TestEverything : public QObject
{
    Q_OBJECT

    PeerProcess peer;
    McpSession *session = nullptr;
    bool fellBack = false;

    // Runs a reply to completion and returns it (kept alive until the next call).
    RpcReply *wait(RpcReply *r, int ms = 15000)
    {
        r->setAutoDelete(false);
        r->setParent(this);
        if (!r->isFinished()) {
            QSignalSpy done(r, &RpcReply::finished);
            if (!done.wait(ms))
                qWarning("reply did not finish in time");
        }
        return r;
    }
    QJsonObject callOk(const QString &tool, const QJsonObject &args = {})
    {
        RpcReply *r = wait(session->callTool(tool, args));
        if (!r->isOk())
            qWarning().noquote() << tool << "failed:" << r->error().message;
        return r->result().toObject();
    }

private slots:
    void initTestCase()
    {
        EndpointSpec spec;
        if (g_kind == TransportKind::Stdio) {
            spec.kind = TransportKind::Stdio;
            spec.command.program = PeerProcess::node();
            spec.command.arguments = {
                PeerProcess::peersDir() +
                    QStringLiteral(
                        "/node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
                QStringLiteral("stdio")};
        } else {
            const bool sse = g_kind == TransportKind::LegacySse;
            QVERIFY2(peer.startEverything(sse ? QStringLiteral("sse")
                                              : QStringLiteral("streamableHttp")),
                     "server-everything did not start (run scripts/dev.sh setup)");
            spec.kind = TransportKind::StreamableHttp; // sse: found by the fallback
            spec.url = peer.url();
        }
        session = McpSession::create(spec, this);
        connect(session, &McpSession::transportChanged, this, [this] { fellBack = true; });
        QSignalSpy states(session, &McpSession::stateChanged);
        QSignalSpy ready(session, &McpSession::ready);
        session->open();
        QCOMPARE(session->state(), ServerState::Connecting);
        QVERIFY(ready.wait(15000));
        QCOMPARE(session->state(), ServerState::Connected);
        QCOMPARE(serverStateName(session->state()), QStringLiteral("connected"));
        QCOMPARE(states.first().first().value<ServerState>(), ServerState::Connecting);
        QCOMPARE(session->transport()->kind(), g_kind);
        QCOMPARE(fellBack, g_kind == TransportKind::LegacySse);
    }

    void handshake()
    {
        QCOMPARE(session->protocolVersion(), QStringLiteral("2025-11-25"));
        QVERIFY(!session->serverInfo().value(QStringLiteral("name")).toString().isEmpty());
        QVERIFY(session->serverHas(QStringLiteral("tools")));
        QVERIFY(session->serverHas(QStringLiteral("logging")));
        if (auto *http = qobject_cast<StreamableHttpTransport *>(session->transport()))
            QVERIFY(!http->sessionId().isEmpty()); // Mcp-Session-Id captured and echoed since
        if (g_kind == TransportKind::LegacySse)
            QCOMPARE(session->protocolVersion(),
                     QStringLiteral("2025-11-25")); // the version, not the transport, is negotiated
    }

    void listsTools()
    {
        RpcReply *r = wait(session->listTools());
        QVERIFY2(r->isOk(), qPrintable(r->error().message));
        QStringList names;
        for (const QJsonValue &t : r->result().toArray())
            names.append(t.toObject().value(QStringLiteral("name")).toString());
        for (const char *expected :
             {"echo", "get-sum", "get-structured-content", "get-tiny-image", "get-resource-links",
              "get-resource-reference", "trigger-long-running-operation"})
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
        QCOMPARE(session->tools().size(), names.size());
        // The session keeps the list (deflated text): it gives back what came, all of it.
        QVERIFY(session->hasTools());
        QCOMPARE(session->tools(), r->result().toArray());
    }

    void echo()
    {
        const QJsonObject r = callOk(QStringLiteral("echo"),
                                     {{QStringLiteral("message"), QStringLiteral("héllo 你好")}});
        QCOMPARE(firstText(r), QStringLiteral("Echo: héllo 你好"));
    }

    // A 2 MB message each way: parsed off the event loop (over 512 KiB), and the call
    // after it still comes back in order.
    void largeEcho()
    {
        QString big;
        big.reserve(2 * 1024 * 1024);
        for (int i = 0; big.size() < 2 * 1024 * 1024; ++i)
            big += QStringLiteral("line %1 — ünïcode 你好\n").arg(i);
        const QJsonObject r = callOk(QStringLiteral("echo"), {{QStringLiteral("message"), big}});
        QCOMPARE(firstText(r), QStringLiteral("Echo: ") + big);
        echo();
    }

    void getSum()
    {
        const QJsonObject r = callOk(QStringLiteral("get-sum"),
                                     {{QStringLiteral("a"), 19}, {QStringLiteral("b"), 23}});
        QVERIFY(firstText(r).contains(QStringLiteral("42")));
    }

    void structuredContent()
    {
        const QJsonObject r = callOk(QStringLiteral("get-structured-content"),
                                     {{QStringLiteral("location"), QStringLiteral("Chicago")}});
        const QJsonObject sc = r.value(QStringLiteral("structuredContent")).toObject();
        QVERIFY(sc.contains(QStringLiteral("temperature")));
        QVERIFY(sc.contains(QStringLiteral("conditions")));
    }

    void tinyImage()
    {
        const QJsonObject r = callOk(QStringLiteral("get-tiny-image"));
        bool sawImage = false;
        for (const QJsonValue &v : r.value(QStringLiteral("content")).toArray()) {
            const QJsonObject item = v.toObject();
            if (item.value(QStringLiteral("type")).toString() != QLatin1String("image"))
                continue;
            sawImage = true;
            QCOMPARE(item.value(QStringLiteral("mimeType")).toString(),
                     QStringLiteral("image/png"));
            const QByteArray png =
                QByteArray::fromBase64(item.value(QStringLiteral("data")).toString().toLatin1());
            QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
        }
        QVERIFY(sawImage);
    }

    void resourceLinksAndReference()
    {
        const QJsonObject links =
            callOk(QStringLiteral("get-resource-links"), {{QStringLiteral("count"), 3}});
        int n = 0;
        for (const QJsonValue &v : links.value(QStringLiteral("content")).toArray())
            if (v.toObject().value(QStringLiteral("type")).toString() ==
                QLatin1String("resource_link")) {
                ++n;
                QVERIFY(!v.toObject().value(QStringLiteral("uri")).toString().isEmpty());
            }
        QCOMPARE(n, 3);
        const QJsonObject ref = callOk(QStringLiteral("get-resource-reference"),
                                       {{QStringLiteral("resourceType"), QStringLiteral("Text")},
                                        {QStringLiteral("resourceId"), 2}});
        bool sawResource = false;
        for (const QJsonValue &v : ref.value(QStringLiteral("content")).toArray()) {
            const QJsonObject item = v.toObject();
            if (item.value(QStringLiteral("type")).toString() == QLatin1String("resource")) {
                sawResource = true;
                QVERIFY(item.value(QStringLiteral("resource"))
                            .toObject()
                            .value(QStringLiteral("uri"))
                            .toString()
                            .endsWith(QStringLiteral("/2")));
            }
        }
        QVERIFY(sawResource);
    }

    // Progress must reach the caller while the call runs, not bundled with the result.
    void progressStreamsBeforeResult()
    {
        QElapsedTimer clock;
        clock.start();
        RpcReply *r =
            session->callTool(QStringLiteral("trigger-long-running-operation"),
                              {{QStringLiteral("duration"), 2}, {QStringLiteral("steps"), 4}});
        r->setAutoDelete(false);
        QList<qint64> progressAt;
        QList<double> values;
        connect(r, &RpcReply::progress, this, [&](double p, double total, const QString &) {
            progressAt.append(clock.elapsed());
            values.append(p);
            QCOMPARE(total, 4.0);
        });
        QSignalSpy done(r, &RpcReply::finished);
        QVERIFY(done.wait(15000));
        const qint64 resultAt = clock.elapsed();
        QVERIFY2(r->isOk(), qPrintable(r->error().message));
        QCOMPARE(values, (QList<double>{1, 2, 3, 4}));
        // Steps are 500 ms apart: the first must arrive ~1.5 s before the result.
        QVERIFY2(resultAt - progressAt.first() >= 1000,
                 qPrintable(QStringLiteral("first progress at %1 ms, result at %2 ms")
                                .arg(progressAt.first())
                                .arg(resultAt)));
        for (int i = 1; i < progressAt.size(); ++i)
            QVERIFY(progressAt[i] - progressAt[i - 1] >= 300);
        delete r;
    }

    void loggingAfterSetLevel()
    {
        QSignalSpy logs(session, &McpSession::logMessage);
        RpcReply *level = wait(session->setLoggingLevel(QStringLiteral("debug")));
        QVERIFY2(level->isOk(), qPrintable(level->error().message));
        callOk(QStringLiteral("toggle-simulated-logging"));
        QTRY_VERIFY_WITH_TIMEOUT(!logs.isEmpty(), 20000);
        const QString lvl = logs.first().at(0).toString();
        QVERIFY(QStringList({QStringLiteral("debug"), QStringLiteral("info"),
                             QStringLiteral("notice"), QStringLiteral("warning"),
                             QStringLiteral("error"), QStringLiteral("critical"),
                             QStringLiteral("alert"), QStringLiteral("emergency")})
                    .contains(lvl));
        QVERIFY(!logs.first().at(2).value<QJsonValue>().isUndefined());
        callOk(QStringLiteral("toggle-simulated-logging")); // off again
    }

    void readResource()
    {
        RpcReply *list = wait(session->listResources());
        QVERIFY2(list->isOk(), qPrintable(list->error().message));
        const QJsonArray resources = list->result().toArray();
        QVERIFY(!resources.isEmpty());
        const QString uri = resources.first().toObject().value(QStringLiteral("uri")).toString();
        RpcReply *read = wait(session->readResource(uri));
        QVERIFY2(read->isOk(), qPrintable(read->error().message));
        const QJsonArray contents =
            read->result().toObject().value(QStringLiteral("contents")).toArray();
        QVERIFY(!contents.isEmpty());
        QCOMPARE(contents.first().toObject().value(QStringLiteral("uri")).toString(), uri);
        const QJsonObject c = contents.first().toObject();
        QVERIFY(c.contains(QStringLiteral("text")) || c.contains(QStringLiteral("blob")));

        RpcReply *templates = wait(session->listResourceTemplates());
        QVERIFY2(templates->isOk(), qPrintable(templates->error().message));
    }

    void getPrompt()
    {
        RpcReply *list = wait(session->listPrompts());
        QVERIFY2(list->isOk(), qPrintable(list->error().message));
        QStringList names;
        for (const QJsonValue &p : list->result().toArray())
            names.append(p.toObject().value(QStringLiteral("name")).toString());
        QVERIFY2(names.contains(QStringLiteral("args-prompt")),
                 qPrintable(names.join(QLatin1Char(','))));
        RpcReply *prompt = wait(session->getPrompt(
            QStringLiteral("args-prompt"), {{QStringLiteral("city"), QStringLiteral("Lisbon")}}));
        QVERIFY2(prompt->isOk(), qPrintable(prompt->error().message));
        const QJsonArray messages =
            prompt->result().toObject().value(QStringLiteral("messages")).toArray();
        QVERIFY(!messages.isEmpty());
        QVERIFY(messages.first()
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toObject()
                    .value(QStringLiteral("text"))
                    .toString()
                    .contains(QStringLiteral("Lisbon")));
    }

    // Cancel: the call ends at once as cancelled, the server accepts the
    // notifications/cancelled, and the session keeps working.
    void cancelRunningCall()
    {
        QSignalSpy accepted(session->transport(), &Transport::writeAccepted);
        RpcReply *r =
            session->callTool(QStringLiteral("trigger-long-running-operation"),
                              {{QStringLiteral("duration"), 4}, {QStringLiteral("steps"), 8}});
        r->setAutoDelete(false);
        QSignalSpy progress(r, &RpcReply::progress);
        QSignalSpy done(r, &RpcReply::finished);
        QVERIFY(progress.wait(5000)); // it is running
        r->cancel(QStringLiteral("test cancels"));
        QCOMPARE(done.size(), 1); // at once, synchronously: no event loop ran in between
        QCOMPARE(r->error().kind, McpError::Kind::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(accepted.begin(), accepted.end(),
                        [](const QList<QVariant> &a) {
                            // HTTP: accepted with 2xx; stdio: written to the server's stdin (0).
                            return a.at(0).toString() == QLatin1String("notifications/cancelled") &&
                                   (a.at(1).toInt() == 0 || a.at(1).toInt() / 100 == 2);
                        }),
            5000);
        // No late result or progress reaches the cancelled call.
        const qsizetype progressSoFar = progress.size();
        QTest::qWait(1200);
        QCOMPARE(progress.size(), progressSoFar);
        QCOMPARE(done.size(), 1);
        QCOMPARE(firstText(callOk(QStringLiteral("echo"),
                                  {{QStringLiteral("message"), QStringLiteral("still here")}})),
                 QStringLiteral("Echo: still here"));
        delete r;
    }

    // More calls in flight than one QNetworkAccessManager has connections: a
    // quick call is not starved by long streaming ones.
    void manyCallsInFlight()
    {
        QList<RpcReply *> longCalls;
        for (int i = 0; i < 10; ++i) {
            RpcReply *r =
                session->callTool(QStringLiteral("trigger-long-running-operation"),
                                  {{QStringLiteral("duration"), 2}, {QStringLiteral("steps"), 2}});
            r->setAutoDelete(false);
            longCalls.append(r);
        }
        QJsonObject quick =
            callOk(QStringLiteral("echo"), {{QStringLiteral("message"), QStringLiteral("fast")}});
        QVERIFY(!quick.isEmpty());
        // It did not wait for them: every long call is still running.
        QVERIFY(std::none_of(longCalls.cbegin(), longCalls.cend(),
                             [](const RpcReply *r) { return r->isFinished(); }));
        for (RpcReply *r : longCalls) {
            if (!r->isFinished()) {
                QSignalSpy done(r, &RpcReply::finished);
                QVERIFY(done.wait(15000));
            }
            QVERIFY2(r->isOk(), qPrintable(r->error().message));
        }
        qDeleteAll(longCalls);
    }

    void unknownToolIsErrorResult()
    {
        RpcReply *r = wait(session->callTool(QStringLiteral("no-such-tool"), {}));
        // server-everything (the SDK) answers with a result marked isError that names
        // the tool (other servers use a JSON-RPC error; tst_session_inprocess has that).
        QVERIFY(r->isOk());
        const QJsonObject result = r->result().toObject();
        QVERIFY(result.value(QStringLiteral("isError")).toBool());
        QVERIFY2(formatToolResult(result).contains(QStringLiteral("no-such-tool")),
                 qPrintable(formatToolResult(result)));
    }

    void cleanupTestCase()
    {
        session->close();
        QCOMPARE(session->state(), ServerState::Disconnected);
        QTest::qWait(100); // let the DELETE go out
        peer.stop();
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    if (args.size() > 1 && !args.at(1).startsWith(QLatin1Char('-'))) {
        const QString t = args.takeAt(1);
        if (t == QLatin1String("sse"))
            g_kind = TransportKind::LegacySse;
        else if (t == QLatin1String("stdio"))
            g_kind = TransportKind::Stdio;
        else if (t != QLatin1String("streamable-http"))
            qFatal("unknown transport %s", qPrintable(t));
    }
    TestEverything test;
    return QTest::qExec(&test, args);
}
#include "tst_everything.moc"
