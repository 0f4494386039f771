// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// stdio servers that misbehave: each ends in a clear error, no crash, bounded memory.
#include "PeerProcess.h"
#include "ResultText.h"

#include "protocol/McpSession.h"
#include "transport/StdioTransport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace mcpdesk;

namespace {
StdioCommand shell(const QString &script)
{
    return {QStringLiteral("sh"), {QStringLiteral("-c"), script}, {}, {}};
}
QString everythingStdio()
{
    return QStringLiteral("exec '%1' '%2' stdio")
        .arg(PeerProcess::node(),
             PeerProcess::peersDir() +
                 QStringLiteral(
                     "/node_modules/@modelcontextprotocol/server-everything/dist/index.js"));
}
} // namespace

class TestStdioFaults : public QObject
{
    Q_OBJECT

    // Opens a session and waits until it is connected or failed.
    static void openAndWait(McpSession &s, int ms = 15000)
    {
        QSignalSpy ready(&s, &McpSession::ready);
        QSignalSpy failed(&s, &McpSession::failed);
        s.open();
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), ms);
    }

private slots:
    // The traffic log of a stdio server: its stderr lines among the messages, in order.
    void stderrInTheTrafficLog()
    {
        TrafficLog log;
        McpSession s(new StdioTransport(shell(everythingStdio())));
        s.setTrafficLog(&log);
        openAndWait(s);
        QCOMPARE(s.state(), ServerState::Connected);
        QTRY_VERIFY_WITH_TIMEOUT(log.size() >= 3, 5000);
        qsizetype stderrAt = -1, initializeAnswerAt = -1;
        for (qsizetype i = 0; i < log.size(); ++i) {
            const TrafficLog::Entry &e = log.at(i);
            if (e.direction == TrafficLog::Direction::Stderr &&
                e.text.contains(QStringLiteral("Starting default (STDIO) server")))
                stderrAt = i;
            if (e.direction == TrafficLog::Direction::Received &&
                e.method == QLatin1String("initialize"))
                initializeAnswerAt = i;
        }
        QVERIFY(stderrAt >= 0);
        QVERIFY(initializeAnswerAt >= 0);
        QVERIFY(log.at(0).direction == TrafficLog::Direction::Sent); // initialize went first
        QVERIFY(log.toJsonLines().contains("\"direction\":\"stderr\""));
    }

    void exitsAtOnce()
    {
        McpSession s(
            new StdioTransport(shell(QStringLiteral("echo 'config file missing' >&2; exit 3"))));
        openAndWait(s);
        QCOMPARE(s.state(), ServerState::Error);
        QCOMPARE(s.lastError().kind, McpError::Kind::Connection);
        QVERIFY2(s.lastError().message.contains(QStringLiteral("exited with code 3")),
                 qPrintable(s.lastError().message));
        QVERIFY2(s.lastError().message.contains(QStringLiteral("config file missing")),
                 qPrintable(s.lastError().message));
    }

    void programNotFound()
    {
        McpSession s(new StdioTransport({QStringLiteral("/nonexistent/mcp-server"), {}, {}, {}}));
        openAndWait(s);
        QCOMPARE(s.state(), ServerState::Error);
        QVERIFY2(s.lastError().message.contains(QStringLiteral("Could not start")),
                 qPrintable(s.lastError().message));
    }

    void garbageOnStdout()
    {
        McpSession s(new StdioTransport(
            shell(QStringLiteral("echo 'Welcome to my server v1.0'; echo '{not json'; sleep 30"))));
        s.setDefaultTimeout(1500);
        openAndWait(s);
        QCOMPARE(s.state(), ServerState::Error);
        QCOMPARE(s.lastError().kind, McpError::Kind::Timeout);
        QVERIFY2(s.lastError().message.contains(QStringLiteral("Welcome to my server")),
                 qPrintable(s.lastError().message));
        QVERIFY2(s.lastError().message.contains(QStringLiteral("2 line")),
                 qPrintable(s.lastError().message));
    }

    // stderr is the server's log: a flood is kept bounded and is not an error.
    void floodsStderr()
    {
        auto *t = new StdioTransport(
            shell(QStringLiteral("timeout 20 yes 'log line from a chatty server' >&2 & ") +
                  everythingStdio()));
        McpSession s(t);
        int lines = 0;
        connect(t, &Transport::diagnosticLine, this, [&lines] { ++lines; });
        openAndWait(s);
        QCOMPARE(s.state(), ServerState::Connected);
        for (int i = 0; i < 20; ++i) {
            RpcReply *r = s.callTool(QStringLiteral("echo"),
                                     {{QStringLiteral("message"), QStringLiteral("hi")}});
            r->setAutoDelete(false);
            QSignalSpy done(r, &RpcReply::finished);
            QVERIFY(done.wait(10000));
            QVERIFY2(r->isOk(), qPrintable(r->error().message));
            delete r;
        }
        QVERIFY2(lines > StdioTransport::MaxStderrLines, qPrintable(QString::number(lines)));
        QVERIFY(t->stderrLines().size() <= StdioTransport::MaxStderrLines);
        qsizetype bytes = 0;
        for (const QString &l : t->stderrLines())
            bytes += l.size() * 2;
        QVERIFY(bytes <= StdioTransport::MaxStderrBytes);
        QCOMPARE(s.state(), ServerState::Connected);
        s.close();
    }

    void killedMidCall()
    {
        auto *t = new StdioTransport(shell(everythingStdio()));
        McpSession s(t);
        openAndWait(s);
        QCOMPARE(s.state(), ServerState::Connected);
        RpcReply *r = s.callTool(QStringLiteral("trigger-long-running-operation"),
                                 {{QStringLiteral("duration"), 10}, {QStringLiteral("steps"), 10}});
        r->setAutoDelete(false);
        QSignalSpy progress(r, &RpcReply::progress);
        QSignalSpy done(r, &RpcReply::finished);
        QVERIFY(progress.wait(5000));
        ::kill(pid_t(t->processId()), SIGKILL);
        QVERIFY(done.wait(5000));
        QCOMPARE(r->error().kind, McpError::Kind::Connection);
        QVERIFY2(r->error().message.contains(QStringLiteral("stopped unexpectedly")),
                 qPrintable(r->error().message));
        QCOMPARE(s.state(), ServerState::Error);
        delete r;
    }

    // A large answer (parsed off the event loop) written just before the server
    // exits: the answer is handed out first, then the exit is reported.
    void largeAnswerThenExit()
    {
        QTemporaryDir dir;
        QFile script(dir.filePath(QStringLiteral("server.js")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(R"(
const rl = require('readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.method === 'initialize')
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion,
      capabilities: { tools: {} }, serverInfo: { name: 'big-then-exit', version: '1' } } }) + '\n');
  if (m.method === 'tools/call')
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: 'y'.repeat(3 * 1024 * 1024) }] } }) + '\n',
                         () => process.exit(0));
});
)");
        script.close();
        McpSession s(new StdioTransport({PeerProcess::node(), {script.fileName()}, {}, {}}));
        openAndWait(s);
        QVERIFY2(s.state() == ServerState::Connected, qPrintable(s.lastError().message));
        RpcReply *r = s.callTool(QStringLiteral("anything"), {});
        r->setAutoDelete(false);
        QSignalSpy done(r, &RpcReply::finished);
        QVERIFY(done.wait(10000));
        QVERIFY2(r->isOk(), qPrintable(r->error().message));
        QCOMPARE(firstText(r->result()).size(), 3 * 1024 * 1024);
        QTRY_COMPARE(s.state(), ServerState::Error); // then: it exited
        QVERIFY2(s.lastError().message.contains(QStringLiteral("exited with code 0")),
                 qPrintable(s.lastError().message));
        delete r;
    }

    // A line without end on stdout stops at the limit instead of growing.
    void endlessLine()
    {
        auto *t = new StdioTransport(
            shell(QStringLiteral("head -c 3000000 /dev/zero | tr '\\\\0' 'x'; sleep 30")));
        t->setMaxLineBytes(1024 * 1024);
        McpSession s(t);
        openAndWait(s);
        QCOMPARE(s.state(), ServerState::Error);
        QCOMPARE(s.lastError().kind, McpError::Kind::Protocol);
        QVERIFY2(s.lastError().message.contains(QStringLiteral("longer than")),
                 qPrintable(s.lastError().message));
    }

    void gracefulShutdownClosesStdinFirst()
    {
        // A server that exits by itself when stdin closes: no signal is needed.
        QTemporaryDir dir;
        const QString marker = dir.filePath(QStringLiteral("stdin-closed"));
        auto *t = new StdioTransport(
            shell(QStringLiteral("trap 'echo term > %1.sig' TERM; cat >/dev/null; echo eof > %1")
                      .arg(marker)));
        McpSession s(t);
        s.open();
        QTRY_VERIFY(t->processId() > 0);
        QSignalSpy closed(t, &Transport::closed);
        t->close();
        QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 5000);
        QVERIFY(QFile::exists(marker));
        QVERIFY(!QFile::exists(marker + QStringLiteral(".sig")));
    }
};

QTEST_GUILESS_MAIN(TestStdioFaults)
#include "tst_stdio_faults.moc"
