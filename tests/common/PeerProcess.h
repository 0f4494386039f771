// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once
// Starts a real peer (an npm package from tests/peers, on the pinned Node 22) or
// the project's own fake server on a free loopback port, and stops it by PID
// when the test is done.

#include <QDeadlineTimer>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

class PeerProcess
{
public:
    PeerProcess() = default;
    PeerProcess(const PeerProcess &) = delete;
    PeerProcess &operator=(const PeerProcess &) = delete;
    ~PeerProcess() { stop(); }

    static QString peersDir() { return QStringLiteral(MCPDESK_PEERS_DIR); }
    static QString node() { return QStringLiteral(MCPDESK_NODE); }

    static quint16 freePort()
    {
        QTcpServer s;
        if (!s.listen(QHostAddress::LocalHost, 0))
            return 0;
        return s.serverPort();
    }

    // server-everything in "streamableHttp", "sse" or "stdio" mode.
    bool startEverything(const QString &mode = QStringLiteral("streamableHttp"))
    {
        return startEverythingOnPort(freePort(), mode);
    }
    bool startEverythingOnPort(quint16 port, const QString &mode = QStringLiteral("streamableHttp"))
    {
        m_port = port;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PORT"), QString::number(m_port));
        m_proc.setProcessEnvironment(env);
        m_proc.setWorkingDirectory(peersDir());
        m_proc.start(
            node(), {peersDir() +
                         QStringLiteral(
                             "/node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
                     mode});
        if (!m_proc.waitForStarted(10000))
            return false;
        m_path = mode == QLatin1String("sse") ? QStringLiteral("/sse") : QStringLiteral("/mcp");
        return waitForPort(20000);
    }

    // tests/peers/fake-mcp-server.mjs in one of its modes.
    bool startFake(const QString &mode, const QString &tlsDir = QString())
    {
        m_scheme = tlsDir.isEmpty() ? QStringLiteral("http") : QStringLiteral("https");
        QStringList args{QStringLiteral("--mode"), mode};
        if (!tlsDir.isEmpty())
            args << QStringLiteral("--tls") << tlsDir;
        return startScript(QStringLiteral("fake-mcp-server.mjs"), args);
    }

    // tests/peers/dual-era-server.mjs over HTTP (extra: --modern-only, --log FILE),
    // on `port` or a free one.
    bool startDualEra(const QStringList &extraArgs = {}, quint16 port = 0)
    {
        return startScript(QStringLiteral("dual-era-server.mjs"), extraArgs, port);
    }
    // The command line of the same server over stdio, for a stdio: target.
    static QString dualEraStdio(bool modernOnly)
    {
        return QStringLiteral("stdio:%1 %2/dual-era-server.mjs --stdio%3")
            .arg(node(), peersDir(), modernOnly ? QStringLiteral(" --modern-only") : QString());
    }

    // Any script of tests/peers that takes --port and prints "listening <port>".
    bool startScript(const QString &script, const QStringList &extraArgs, quint16 port = 0)
    {
        m_port = port ? port : freePort();
        m_proc.setWorkingDirectory(peersDir());
        QObject::connect(&m_proc, &QProcess::readyReadStandardOutput, [this] {
            while (m_proc.canReadLine())
                m_lines.append(QString::fromUtf8(m_proc.readLine()).trimmed());
        });
        m_proc.start(node(), QStringList{peersDir() + QLatin1Char('/') + script,
                                         QStringLiteral("--port"), QString::number(m_port)} +
                                 extraArgs);
        if (!m_proc.waitForStarted(10000))
            return false;
        m_path = QStringLiteral("/mcp");
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired()) {
            if (m_lines.contains(QStringLiteral("listening %1").arg(m_port)))
                return true;
            if (m_proc.state() != QProcess::Running)
                return false;
            QTest::qWait(20);
        }
        return false;
    }

    // Waits until something accepts connections on 127.0.0.1:port.
    static bool portOpen(quint16 port, int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            if (s.waitForConnected(200))
                return true;
            QTest::qWait(50);
        }
        return false;
    }

    QUrl url() const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(m_scheme).arg(m_port).arg(m_path));
    }
    quint16 port() const { return m_port; }
    // Lines the fake server printed, such as "received tools/call".
    QStringList lines() const { return m_lines; }
    bool received(const QString &method) const
    {
        return m_lines.contains(QStringLiteral("received ") + method);
    }
    QByteArray stderrOutput() { return m_proc.readAllStandardError(); }

    void stop()
    {
        if (m_proc.state() == QProcess::NotRunning)
            return;
        m_proc.terminate();
        if (!m_proc.waitForFinished(3000)) {
            m_proc.kill();
            m_proc.waitForFinished(3000);
        }
    }

private:
    bool waitForPort(int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            if (m_proc.state() != QProcess::Running)
                return false;
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, m_port);
            if (s.waitForConnected(200))
                return true;
            QTest::qWait(50);
        }
        return false;
    }

    QProcess m_proc;
    quint16 m_port = 0;
    QString m_path;
    QString m_scheme = QStringLiteral("http");
    QStringList m_lines;
};

// A self-signed certificate (cert.pem) and its key (key.pem) in `dir`, made by openssl,
// for a test's HTTPS peer: named `commonName`, and valid for 127.0.0.1 when `forLoopback`.
inline bool makeTestCertificate(const QString &dir, const QString &commonName, bool forLoopback)
{
    QStringList args{
        QStringLiteral("req"),      QStringLiteral("-x509"),  QStringLiteral("-newkey"),
        QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
        QStringLiteral("1"),        QStringLiteral("-subj"),  QStringLiteral("/CN=") + commonName};
    if (forLoopback)
        args << QStringLiteral("-addext") << QStringLiteral("subjectAltName=IP:127.0.0.1");
    args << QStringLiteral("-keyout") << dir + QStringLiteral("/key.pem") << QStringLiteral("-out")
         << dir + QStringLiteral("/cert.pem");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), args);
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit &&
           openssl.exitCode() == 0;
}
