// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LineFramer.h"
#include "MessageInbox.h"
#include "Transport.h"

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QStringList>
#include <QTimer>

#include <deque>

namespace mcpdesk {

// MCP over a child process's stdin/stdout: newline-delimited UTF-8 JSON.
//
// stderr is the server's own log: captured line by line into a bounded buffer,
// kept for the user (each line also as diagnosticLine()), never treated as an error. Lines on
// stdout that are not JSON are kept the same way (and named in the error if the server then fails).
//
// Shutdown, without blocking the caller:
//   close stdin --2 s--> SIGTERM --2 s--> SIGKILL
class StdioTransport : public Transport
{
    Q_OBJECT
public:
    explicit StdioTransport(const StdioCommand &command, QObject *parent = nullptr);
    ~StdioTransport() override;

    TransportKind kind() const override { return TransportKind::Stdio; }
    void open() override;
    void send(const QJsonObject &message) override;
    void close() override;
    int pendingWrites() const override;
    QString diagnostics() const override;

    // The last lines the server wrote to stderr (bounded).
    QStringList stderrLines() const;
    qint64 processId() const { return m_process ? m_process->processId() : 0; }
    void setMaxLineBytes(qsizetype bytes) { m_stdout = LineFramer(bytes); }
    void setShutdownGraceMs(int ms) { m_graceMs = ms; }

    static constexpr int MaxStderrLines = 500;
    static constexpr qsizetype MaxStderrBytes = 256 * 1024;
    static constexpr qsizetype MaxStderrLineBytes = 4096;

private:
    void onStdout();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void keepStderr(const QString &line);
    void handleLine(const MessageInbox::Decoded &decoded);
    QString describeExit(int exitCode, QProcess::ExitStatus status) const;

    StdioCommand m_command;
    QProcess *m_process = nullptr;
    LineFramer m_stdout{64 * 1024 * 1024};
    LineFramer m_stderrLines{MaxStderrLineBytes};
    MessageInbox m_inbox;
    std::deque<QString> m_stderr;
    qsizetype m_stderrBytes = 0;
    QString m_firstGarbage;
    int m_garbageLines = 0;
    int m_graceMs = 2000;
    bool m_closing = false;
    bool m_failed = false;
    bool m_started = false;
};

} // namespace mcpdesk
