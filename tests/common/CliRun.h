// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs mcpdesk-cli as a script would and keeps what it said and how it ended.

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

struct CliRun
{
    int code = -1; // -2: it crashed; -1: it did not finish in time
    QByteArray stdoutBytes;
    QString out; // stdout as UTF-8
    QString err;
};

inline CliRun runCli(const QStringList &args,
                     const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                     int timeoutMs = 30000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MCPDESK_CLI), args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("(did not finish)");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.stdoutBytes = p.readAllStandardOutput();
    r.out = QString::fromUtf8(r.stdoutBytes);
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
