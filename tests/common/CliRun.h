// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs mcpdesk-cli as a script would and keeps what it said and how it ended.

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

struct CliRun
{
    int code = -1; // -2: it crashed; -1: it did not finish in time
    QByteArray stdoutBytes;
    QString out; // stdout as UTF-8
    QString err;
};

// A data folder of this test program's own (the era verdicts, the call history):
// servers of other tests that once listened on the same port are not remembered.
inline QString testDataHome()
{
    static QTemporaryDir dir;
    return dir.path();
}

// `env` with XDG_DATA_HOME set to testDataHome(), unless it names another one.
inline QProcessEnvironment withTestDataHome(QProcessEnvironment env)
{
    if (env.value(QStringLiteral("XDG_DATA_HOME")) == qEnvironmentVariable("XDG_DATA_HOME"))
        env.insert(QStringLiteral("XDG_DATA_HOME"), testDataHome());
    return env;
}

// How the started process `p` ended, waiting up to `timeoutMs` (then killed; what it
// had written by then is kept, to see where it stopped). `errSoFar`, `outSoFar`: what
// was already read of its stderr and stdout.
inline CliRun finishedRun(QProcess &p, int timeoutMs, const QByteArray &errSoFar = {},
                          const QByteArray &outSoFar = {})
{
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("(did not finish) ") +
                QString::fromUtf8(errSoFar + p.readAllStandardError());
        r.out = QString::fromUtf8(outSoFar + p.readAllStandardOutput());
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.stdoutBytes = outSoFar + p.readAllStandardOutput();
    r.out = QString::fromUtf8(r.stdoutBytes);
    r.err = QString::fromUtf8(errSoFar + p.readAllStandardError());
    return r;
}

inline CliRun runCli(const QStringList &args,
                     const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                     int timeoutMs = 30000)
{
    QProcess p;
    p.setProcessEnvironment(withTestDataHome(env));
    p.start(QStringLiteral(MCPDESK_CLI), args);
    return finishedRun(p, timeoutMs);
}
