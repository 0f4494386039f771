// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

namespace mcpdesk {

// The tool calls made per server, kept across restarts in one JSON file (written
// atomically). Secret-looking argument and result members are masked before they
// are kept (a call with masked arguments asks for them again before it is re-run).
// Bounded: the newest MaxPerServer calls per server; a result larger than
// MaxResultBytes keeps only its beginning.
class CallHistory : public QObject
{
    Q_OBJECT
public:
    struct Call
    {
        QString id; // unique
        QString serverId;
        QString tool;
        QJsonObject arguments;
        QJsonObject result; // the CallToolResult, or empty when the call failed
        QString error;      // why it failed (protocol or transport), or empty
        bool resultTruncated = false;
        qint64 resultBytes = 0; // size of the whole result as JSON
        QDateTime startedAt;
        qint64 durationMs = 0;

        bool argumentsMasked() const;
        QJsonObject toJson() const;
        static Call fromJson(const QJsonObject &o);
    };

    static constexpr int MaxPerServer = 200;
    static constexpr qint64 MaxResultBytes = 512 * 1024;

    // `path` empty: history.json in the data folder the app and the CLI share.
    explicit CallHistory(const QString &path = QString(), QObject *parent = nullptr);
    QString path() const { return m_path; }
    // What went wrong reading or writing the file, in words (empty: nothing).
    QString lastError() const { return m_lastError; }

    // Adds a finished call (masked and bounded here) and saves; returns its id.
    QString add(const QString &serverId, const QString &tool, const QJsonObject &arguments,
                const QJsonObject &result, const QString &error, const QDateTime &startedAt,
                qint64 durationMs);
    QList<Call> calls(const QString &serverId) const; // newest first
    const Call *find(const QString &id) const;
    void clear(const QString &serverId);
    void load();

signals:
    void changed(const QString &serverId);

private:
    bool save();

    QString m_path;
    QList<Call> m_calls; // oldest first, all servers
    QString m_lastError;
};

} // namespace mcpdesk
