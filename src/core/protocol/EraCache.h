// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once
// Which era of MCP a server speaks — modern (2026-07-28: no initialize, no session)
// or legacy (initialize and a session) — as found by probing, kept per server
// (its stdio command line or HTTP endpoint URL) in `eras.json` in the data folder the
// app and mcpdesk-cli share, so that a known server costs no probe. Safe with many
// processes writing at once (a lock file around each read-modify-write, the file
// replaced whole). A legacy verdict older than a week is not used: the server may
// have moved on, and a stale legacy verdict would never correct itself.

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace mcpdesk {

struct EraVerdict
{
    enum class Era { Legacy, Modern };
    Era era = Era::Legacy;
    QString version; // the protocol version agreed (or offered), may be empty
    QDateTime at;    // when it was found (UTC)
};

class EraCache
{
public:
    static constexpr qint64 LegacyMaxAgeDays = 7;

    // `path` empty: eras.json in the shared data folder.
    explicit EraCache(const QString &path = QString());
    QString path() const { return m_path; }

    // The key of a server: "url:<endpoint>" or "stdio:<command line>".
    static QString keyForUrl(const QString &endpoint);
    static QString keyForCommand(const QString &program, const QStringList &arguments);

    // The verdict for `key`, unless there is none, it cannot be read, or it is a
    // legacy one older than LegacyMaxAgeDays (at `now`).
    std::optional<EraVerdict> lookup(const QString &key,
                                     const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // Keeps (or replaces) the verdict for `key`; false when the file could not be
    // written (the verdict is then simply found again next time).
    bool store(const QString &key, const EraVerdict &verdict);
    // Forgets `key` (a failure under its verdict: the next connection probes again).
    bool forget(const QString &key);

private:
    bool update(const std::function<void(QJsonObject &)> &change);
    QString m_path;
};

} // namespace mcpdesk
