// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "StdioTransport.h"

#include "util/Format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QProcessEnvironment>

namespace mcpdesk {

StdioTransport::StdioTransport(const StdioCommand &command, QObject *parent)
    : Transport(parent), m_command(command),
      m_inbox([this](quint64, const MessageInbox::Decoded &d) { handleLine(d); })
{
}

StdioTransport::~StdioTransport()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        // Same order as close(), with short waits: stdin closed, SIGTERM, SIGKILL.
        m_process->disconnect(this);
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(300)) {
            m_process->terminate();
            if (!m_process->waitForFinished(500)) {
                m_process->kill();
                m_process->waitForFinished(1000);
            }
        }
    }
}

void StdioTransport::open()
{
    if (m_process)
        return;
    m_process = new QProcess(this);
    m_process->setProgram(m_command.program);
    m_process->setArguments(m_command.arguments);
    if (!m_command.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(m_command.workingDirectory);
    if (!m_command.environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = m_command.environment.cbegin(); it != m_command.environment.cend(); ++it)
            env.insert(it.key(), it.value());
        m_process->setProcessEnvironment(env);
    }
    connect(m_process, &QProcess::started, this, [this] {
        m_started = true;
        emit opened();
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &StdioTransport::onStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &StdioTransport::onStderr);
    connect(m_process, &QProcess::finished, this, &StdioTransport::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &StdioTransport::onError);
    connect(m_process, &QProcess::bytesWritten, this, [this] {
        if (m_process->bytesToWrite() == 0)
            emit writesDrained();
    });
    m_process->start(QIODevice::ReadWrite);
}

int StdioTransport::pendingWrites() const
{
    return m_process && m_process->bytesToWrite() > 0 ? 1 : 0;
}

void StdioTransport::send(const QJsonObject &message)
{
    const QString method = message.value(QStringLiteral("method")).toString();
    const bool isRequest = !method.isEmpty() && message.contains(QStringLiteral("id"));
    if (!m_process || m_process->state() != QProcess::Running || m_closing) {
        if (isRequest) {
            const QJsonValue id = message.value(QStringLiteral("id"));
            QTimer::singleShot(0, this, [this, id] {
                emit requestFailed(id, McpError::make(McpError::Kind::Connection,
                                                      tr("The server process is not running.")));
            });
        }
        return;
    }
    QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact);
    line.append('\n'); // compact JSON never contains a raw newline
    m_process->write(line);
    if (!isRequest)
        emit writeAccepted(method, 0);
}

void StdioTransport::onStdout()
{
    const bool withinLimit =
        m_stdout.feed(m_process->readAllStandardOutput(), [this](QByteArrayView line) {
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.trimmed().isEmpty())
                return true;
            m_inbox.push(0, line.toByteArray()); // large lines are parsed off the event loop
            return m_process != nullptr;         // closed while handling: stop
        });
    if (!withinLimit && !m_failed) {
        m_failed = true;
        m_stdout.clear();
        emit failed(McpError::make(McpError::Kind::Protocol,
                                   tr("The server wrote a line longer than %1 to its output; "
                                      "the connection was stopped.")
                                       .arg(formatByteSize(m_stdout.maxPending()))));
        close();
    }
}

void StdioTransport::handleLine(const MessageInbox::Decoded &d)
{
    if (d.error.error != QJsonParseError::NoError || (!d.doc.isObject() && !d.doc.isArray())) {
        ++m_garbageLines;
        const QString text =
            QString::fromUtf8(d.start.isEmpty() ? d.doc.toJson(QJsonDocument::Compact).left(200)
                                                : d.start)
                .simplified();
        if (m_firstGarbage.isEmpty())
            m_firstGarbage = text;
        keepStderr(tr("(not JSON on stdout) %1").arg(text));
        return;
    }
    if (d.doc.isObject()) {
        emit messageReceived(d.doc.object(), d.bytes);
    } else {
        const QJsonArray arr = d.doc.array();
        for (const QJsonValue &v : arr)
            if (v.isObject())
                emit messageReceived(v.toObject(), d.bytes);
    }
}

void StdioTransport::keepStderr(const QString &line)
{
    m_stderr.push_back(line);
    m_stderrBytes += line.size() * 2;
    while (m_stderr.size() > size_t(MaxStderrLines) || m_stderrBytes > MaxStderrBytes) {
        m_stderrBytes -= m_stderr.front().size() * 2;
        m_stderr.pop_front();
    }
    emit diagnosticLine(line);
}

void StdioTransport::onStderr()
{
    const bool withinLimit =
        m_stderrLines.feed(m_process->readAllStandardError(), [this](QByteArrayView line) {
            if (line.endsWith('\r'))
                line.chop(1);
            // One very long line is kept only in part.
            keepStderr(QString::fromUtf8(
                line.first(std::min<qsizetype>(line.size(), MaxStderrLineBytes))));
            return true;
        });
    if (!withinLimit) { // a flood without newlines: keep its start, drop the rest
        keepStderr(QString::fromUtf8(m_stderrLines.pending().first(MaxStderrLineBytes)) +
                   QStringLiteral("…"));
        m_stderrLines.clear();
    }
}

QStringList StdioTransport::stderrLines() const
{
    return QStringList(m_stderr.begin(), m_stderr.end());
}

QString StdioTransport::describeExit(int exitCode, QProcess::ExitStatus status) const
{
    QString msg =
        status == QProcess::CrashExit
            ? tr("The server process “%1” stopped unexpectedly (it crashed or was killed).")
                  .arg(m_command.program)
            : tr("The server process “%1” exited with code %2.")
                  .arg(m_command.program)
                  .arg(exitCode);
    const QString more = diagnostics();
    return more.isEmpty() ? msg : msg + QLatin1Char(' ') + more;
}

QString StdioTransport::diagnostics() const
{
    QString msg;
    if (m_garbageLines > 0)
        msg += QLatin1Char(' ') + tr("It wrote %n line(s) that are not MCP messages to its output, "
                                     "the first: “%1”.",
                                     nullptr, m_garbageLines)
                                      .arg(m_firstGarbage.left(80));
    for (auto it = m_stderr.rbegin(); it != m_stderr.rend(); ++it) {
        if (!it->trimmed().isEmpty() && !it->startsWith(QLatin1Char('('))) {
            msg += QLatin1Char(' ') + tr("Its last message: “%1”.").arg(it->trimmed().left(200));
            break;
        }
    }
    return msg.trimmed();
}

void StdioTransport::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_inbox.isEmpty()) {
        // What the server wrote before it ended is still being parsed: hand it out first.
        m_inbox.whenDrained([this, exitCode, status] { onFinished(exitCode, status); });
        return;
    }
    if (m_closing) {
        emit closed();
        return;
    }
    if (m_failed)
        return;
    m_failed = true;
    emit failed(McpError::make(McpError::Kind::Connection, describeExit(exitCode, status)));
}

void StdioTransport::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_failed)
        return;
    m_failed = true;
    emit failed(McpError::make(McpError::Kind::Connection,
                               tr("Could not start the server “%1”: %2")
                                   .arg(m_command.program, m_process->errorString())));
}

void StdioTransport::close()
{
    if (!m_process || m_closing)
        return;
    m_closing = true;
    if (m_process->state() == QProcess::NotRunning) {
        emit closed();
        return;
    }
    // Close stdin and give the server a moment, then SIGTERM, then SIGKILL.
    m_process->closeWriteChannel();
    QProcess *p = m_process;
    QTimer::singleShot(m_graceMs, p, [p, grace = m_graceMs] {
        if (p->state() == QProcess::NotRunning)
            return;
        p->terminate();
        QTimer::singleShot(grace, p, [p] {
            if (p->state() != QProcess::NotRunning)
                p->kill();
        });
    });
}

} // namespace mcpdesk
