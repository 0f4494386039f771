// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Fault injection (issue "Hardening"): what a server or a network can throw at the
// engine. Real server-everything where it can show the fault, the project's fake
// server where no real peer does (a 100 MB event without a newline, one byte per second).
#include "PeerProcess.h"

#include "ProcessStats.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "protocol/McpSession.h"
#include "servers/ServerManager.h"
#include "transport/StreamableHttpTransport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace mcpdesk;

namespace {
// Resident memory of this process, in MB (Linux).
qint64 rssMb()
{
    return residentKiB() / 1024;
}

std::unique_ptr<McpSession> connectTo(const QUrl &url)
{
    auto s = std::make_unique<McpSession>(new StreamableHttpTransport(url));
    QSignalSpy ready(s.get(), &McpSession::ready);
    s->open();
    if (!ready.wait(10000))
        qWarning() << "did not connect:" << s->lastError().message;
    return s;
}
} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private slots:
    // 100 MB in one event without a newline: stopped at the limit with a clear
    // error; memory stays bounded (the limit, not the stream).
    void hugeEventIsBounded()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("hugeevent")));
        auto s = connectTo(fake.url());
        QCOMPARE(s->state(), ServerState::Connected);
        const qint64 before = rssMb();
        qint64 peak = before;
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this, [&] { peak = std::max(peak, rssMb()); });
        sampler.start(20);
        RpcReply *r = s->callTool(QStringLiteral("anything"), {});
        r->setAutoDelete(false);
        QSignalSpy done(r, &RpcReply::finished);
        QVERIFY(done.wait(60000));
        sampler.stop();
        QVERIFY(!r->isOk());
        QVERIFY2(r->error().message.contains(QStringLiteral("larger than the limit of 64.0 MB")),
                 qPrintable(r->error().message));
        qInfo("100 MB event: refused at the 64 MB limit; resident memory %lld MB before, %lld MB "
              "at most",
              before, peak);
        QVERIFY2(peak - before < 400,
                 qPrintable(QStringLiteral("grew by %1 MB").arg(peak - before)));
        delete r;
    }

    // One byte per second: the request times out with a clear error.
    void tricklingServerTimesOut()
    {
        PeerProcess fake;
        QVERIFY(fake.startFake(QStringLiteral("trickle")));
        auto s = connectTo(fake.url());
        s->setDefaultTimeout(3000);
        RpcReply *r = s->callTool(QStringLiteral("anything"), {},
                                  {.timeoutMs = 3000, .maxTotalMs = 3000, .progress = false});
        r->setAutoDelete(false);
        QSignalSpy done(r, &RpcReply::finished);
        // The bytes that keep trickling in do not keep the call alive: the maximum ends it.
        QVERIFY(done.wait(15000));
        QVERIFY(!r->isOk());
        QCOMPARE(r->error().kind, McpError::Kind::Timeout);
        delete r;
    }

    // A server that redirects to another origin: the request is not followed there,
    // so the Authorization header never reaches it; the user is told why.
    void authorizationNeverFollowsARedirectElsewhere()
    {
        QTcpServer other; // another origin (another port on this machine)
        QVERIFY(other.listen(QHostAddress::LocalHost));
        QByteArray seen;
        connect(&other, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *sock = other.nextPendingConnection();
            connect(sock, &QTcpSocket::readyRead, this, [&seen, sock] { seen += sock->readAll(); });
        });
        PeerProcess fake;
        QVERIFY(fake.startScript(
            QStringLiteral("fake-mcp-server.mjs"),
            {QStringLiteral("--mode"), QStringLiteral("redirect"), QStringLiteral("--redirect-to"),
             QStringLiteral("http://127.0.0.1:%1/mcp").arg(other.serverPort())}));
        auto *t = new StreamableHttpTransport(fake.url());
        t->setAuthorizationProvider(
            [] { return QByteArrayLiteral("Bearer redirect-token-not-real"); });
        McpSession s(t);
        QSignalSpy failed(&s, &McpSession::failed);
        s.open();
        QVERIFY(failed.wait(10000));
        QTest::qWait(300);
        QVERIFY2(!seen.contains("redirect-token-not-real"), seen.constData());
        QVERIFY(!seen.contains("Authorization"));
        QVERIFY2(s.lastError().message.contains(QStringLiteral("another site")) &&
                     s.lastError().message.contains(QString::number(other.serverPort())),
                 qPrintable(s.lastError().message));
    }

    // 50 configured servers connecting at once (to one real server-everything):
    // every one connected, none lost.
    void fiftyServersAtOnce()
    {
        PeerProcess everything;
        QVERIFY(everything.startEverything());
        QTemporaryDir dir;
        ConfigStore config(dir.filePath(QStringLiteral("servers.json")));
        MemorySecretStore secrets;
        SignInStore facts(dir.filePath(QStringLiteral("signins.json")));
        for (int i = 0; i < 50; ++i) {
            ServerConfig c;
            c.mcpId = QStringLiteral("server-%1").arg(i);
            c.name = QStringLiteral("Server %1").arg(i);
            c.url = everything.url();
            QVERIFY(config.add(c).has_value());
        }
        QVERIFY(config.save());
        ServerManager manager(&config, &secrets, &facts);
        QElapsedTimer clock;
        clock.start();
        manager.start();
        QCOMPARE(manager.ids().size(), 50);
        auto connected = [&] {
            int n = 0;
            for (const QString &id : manager.ids())
                n += manager.server(id)->state == ServerState::Connected;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(connected(), 50, 60000);
        qInfo("50 servers connected in %lld ms", clock.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
