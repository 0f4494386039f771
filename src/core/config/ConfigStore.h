// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ServerConfig.h"

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

namespace mcpdesk {

// servers.json: the list of configured servers.
//
// Never loses a server:
//  - saved atomically (QSaveFile), under a lock file shared with other McpDesk
//    processes (the app and the CLI);
//  - a save re-reads the file and applies this store's own changes (add,
//    update, remove — by mcpId) on top of what is there, so it never discards
//    a change made elsewhere that it had not seen;
//  - a file that cannot be read is copied aside and reported, never overwritten
//    silently;
//  - a file changed by another process is picked up (serversChanged()).
class ConfigStore : public QObject
{
    Q_OBJECT
public:
    // An empty path means defaultPath().
    explicit ConfigStore(const QString &path = QString(), QObject *parent = nullptr);
    ~ConfigStore() override;

    // <user config dir>/McpDesk/servers.json (QStandardPaths, app name McpDesk).
    static QString defaultPath();
    QString path() const { return m_path; }

    // Reads the file. A missing file is an empty list. False when the file could
    // not be read; lastError() tells why and backupPath() where a copy was kept.
    bool load();
    bool save();
    QString lastError() const { return m_lastError; }
    QString backupPath() const { return m_backupPath; }
    // The last load() found the file damaged: what was recovered of it and what was
    // lost. The damaged file is kept aside (once per distinct content) and the
    // recovered list written back, so that the next start is clean.
    struct Recovery
    {
        bool damaged = false;
        int recovered = 0; // servers read from the damaged file
        int lost = 0;      // records that could not be read (or were cut off)
    };
    Recovery recovery() const { return m_recovery; }
    bool hasUnsavedChanges() const { return !m_ops.isEmpty(); }

    QList<ServerConfig> servers() const { return m_servers; }
    // By mcpId, else by name (case-insensitive).
    std::optional<ServerConfig> server(const QString &idOrName) const;

    // Changes are kept until save(); each returns false with lastError() set.
    // add() assigns a unique mcpId from the name when none is given.
    std::optional<ServerConfig> add(ServerConfig server);
    bool update(const ServerConfig &server);
    bool remove(const QString &mcpId);

    // Watch the file for changes made by other processes.
    void setWatching(bool on);

signals:
    void serversChanged();
    void errorOccurred(const QString &message);

private:
    struct Op
    {
        enum class Kind { Upsert, Remove } kind;
        ServerConfig server; // Upsert
        QString id;          // Remove
        bool isNew = false;
    };
    struct Parsed
    {
        bool ok = true;
        QList<ServerConfig> servers; // when not ok: every record that could still be read
        int lost = 0;                // when not ok: the records that could not
        QString error;
    };
    Parsed parse(const QByteArray &bytes) const;
    QList<ServerConfig> applyOps(QList<ServerConfig> base, bool renameClashes);
    bool keepCorruptCopy(const QByteArray &bytes, const QString &reason, bool report = true);
    void addRecords(const QJsonArray &records, Parsed &p) const;
    bool writeList(const QList<ServerConfig> &servers, QByteArray *written,
                   QString *error); // takes the lock
    bool writeLocked(const QList<ServerConfig> &servers, QByteArray *written, QString *error);
    void fail(const QString &message);
    void onFileChanged();
    QString uniqueId(const QString &wanted, const QList<ServerConfig> &among) const;

    QString m_path;
    QList<ServerConfig> m_servers;
    QList<Op> m_ops;
    QByteArray m_lastSeen; // the file's bytes as last read or written
    QString m_lastError;
    QString m_backupPath;
    Recovery m_recovery;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer m_debounce;
};

} // namespace mcpdesk
