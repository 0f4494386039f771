// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Debian's tinyproxy, started on 127.0.0.1 for a test, with Basic authentication.
#pragma once

#include "PeerProcess.h"

#include <QFile>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// tinyproxy in the foreground, its log kept.
class Tinyproxy
{
public:
    // What it asks of its clients (Basic authentication).
    static QString user() { return QStringLiteral("mcpuser"); }
    static QString password() { return QStringLiteral("pr0xy-s3cret"); }

    ~Tinyproxy()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.terminate();
            if (!m_proc.waitForFinished(5000))
                m_proc.kill();
            m_proc.waitForFinished();
        }
    }
    bool start()
    {
        if (!m_dir.isValid())
            return false;
        m_port = PeerProcess::freePort();
        QFile conf(m_dir.filePath(QStringLiteral("tinyproxy.conf")));
        if (!conf.open(QIODevice::WriteOnly))
            return false;
        conf.write(QStringLiteral("Port %1\nListen 127.0.0.1\nTimeout 60\nLogLevel Info\n"
                                  "MaxClients 20\nAllow 127.0.0.1\nBasicAuth %2 %3\n"
                                  "DisableViaHeader Yes\n")
                       .arg(m_port)
                       .arg(user(), password())
                       .toUtf8());
        conf.close();
        m_proc.setProcessChannelMode(QProcess::MergedChannels);
        m_proc.start(QStringLiteral("tinyproxy"),
                     {QStringLiteral("-d"), QStringLiteral("-c"), conf.fileName()});
        return m_proc.waitForStarted(10000) && PeerProcess::portOpen(m_port, 10000);
    }
    quint16 port() const { return m_port; }
    QString log()
    {
        m_log += QString::fromUtf8(m_proc.readAll());
        return m_log;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_proc;
    quint16 m_port = 0;
    QString m_log;
};
