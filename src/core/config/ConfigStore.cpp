// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ConfigStore.h"

#include "util/StoreLock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLockFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcConfig, "mcpdesk.config")

namespace mcpdesk {

namespace {

int lineOf(const QByteArray &bytes, int offset)
{
    return int(bytes.left(offset).count('\n')) + 1;
}

// The records of a "servers" list in text that is not valid JSON as a whole: each
// object directly inside the list that parses on its own. `lost` counts those
// that do not, and a record cut off by the end of the text.
QJsonArray salvageRecords(const QByteArray &bytes, int *lost)
{
    QJsonArray out;
    *lost = 0;
    qsizetype i = bytes.indexOf("\"servers\"");
    if (i < 0 || (i = bytes.indexOf('[', i)) < 0)
        return out;
    bool inString = false, escaped = false;
    int depth = 0;
    qsizetype start = -1;
    for (++i; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (depth == 0 && c == '{')
                start = i;
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                break; // the end of the list
            if (--depth == 0 && start >= 0) {
                const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(start, i - start + 1));
                if (doc.isObject())
                    out.append(doc.object());
                else
                    ++*lost;
                start = -1;
            }
        }
    }
    if (start >= 0)
        ++*lost;
    return out;
}
} // namespace

ConfigStore::ConfigStore(const QString &path, QObject *parent)
    : QObject(parent), m_path(path.isEmpty() ? defaultPath() : path)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(100);
    connect(&m_debounce, &QTimer::timeout, this, &ConfigStore::onFileChanged);
}

ConfigStore::~ConfigStore() = default;

QString ConfigStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/McpDesk/servers.json");
}

void ConfigStore::fail(const QString &message)
{
    m_lastError = message;
    qCWarning(lcConfig).noquote() << message;
    emit errorOccurred(message);
}

ConfigStore::Parsed ConfigStore::parse(const QByteArray &bytes) const
{
    Parsed p;
    if (bytes.trimmed().isEmpty())
        return p; // an empty file is an empty list
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        p.ok = false;
        p.error = tr("%1 (line %2)").arg(err.errorString()).arg(lineOf(bytes, err.offset));
        addRecords(salvageRecords(bytes, &p.lost), p);
        return p;
    }
    if (!doc.isObject() || !doc.object().value(QStringLiteral("servers")).isArray()) {
        p.ok = false;
        p.error = tr("it has no \"servers\" list");
        return p;
    }
    addRecords(doc.object().value(QStringLiteral("servers")).toArray(), p);
    return p;
}

void ConfigStore::addRecords(const QJsonArray &records, Parsed &p) const
{
    QStringList problems;
    for (const QJsonValue &v : records) {
        QString why;
        auto server = ServerConfig::fromJson(v.toObject(), &why);
        if (!server) {
            problems.append(why);
            continue;
        }
        if (server->mcpId.isEmpty())
            server->mcpId = uniqueId(ServerConfig::makeId(server->name), p.servers);
        p.servers.append(*server);
    }
    if (!problems.isEmpty()) {
        // One unusable record makes the whole file damaged: it is kept aside before
        // a list without that record is written.
        p.ok = false;
        p.lost += int(problems.size());
        p.error = p.error.isEmpty()
                      ? problems.join(QStringLiteral("; "))
                      : p.error + QStringLiteral("; ") + problems.join(QStringLiteral("; "));
    }
}

bool ConfigStore::keepCorruptCopy(const QByteArray &bytes, const QString &reason, bool report)
{
    // One copy per distinct content: the same damage seen again (each start, each
    // mcpdesk-cli run) is not copied again.
    QString existing;
    const QFileInfo info(m_path);
    const QFileInfoList copies = info.absoluteDir().entryInfoList(
        {info.fileName() + QStringLiteral(".corrupt-*")}, QDir::Files, QDir::Name);
    for (const QFileInfo &copy : copies) {
        if (copy.size() != bytes.size())
            continue;
        QFile candidate(copy.absoluteFilePath());
        if (candidate.open(QIODevice::ReadOnly) && candidate.readAll() == bytes) {
            existing = copy.absoluteFilePath();
            break;
        }
    }
    QString backup = existing;
    bool kept = !existing.isEmpty();
    QFile f;
    if (!kept) {
        const QString stamp =
            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        backup = m_path + QStringLiteral(".corrupt-") + stamp;
        for (int i = 2; QFileInfo::exists(backup); ++i)
            backup = m_path + QStringLiteral(".corrupt-%1-%2").arg(stamp).arg(i);
        f.setFileName(backup);
        kept = f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.flush();
        f.close();
        if (kept)
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    m_backupPath = kept ? backup : QString();
    if (kept && !report)
        return true;
    fail(kept ? tr("The server list in %1 could not be read: %2. A copy was kept as %3; McpDesk "
                   "starts with the servers it could read.")
                    .arg(m_path, reason, backup)
              : tr("The server list in %1 could not be read: %2. McpDesk could not keep a copy "
                   "(%3), so it will not overwrite the file.")
                    .arg(m_path, reason, f.errorString()));
    return kept;
}

bool ConfigStore::load()
{
    m_lastError.clear();
    QFile f(m_path);
    if (!f.exists()) {
        m_lastSeen.clear();
        m_servers = applyOps({}, false);
        return true;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        fail(tr("Cannot read the server list %1: %2").arg(m_path, f.errorString()));
        return false;
    }
    const QByteArray bytes = f.readAll();
    f.close();
    m_lastSeen = bytes;
    m_recovery = Recovery();
    Parsed p = parse(bytes);
    if (!p.ok) {
        m_recovery = {true, int(p.servers.size()), p.lost};
        if (keepCorruptCopy(bytes, p.error, false)) {
            // The damaged file is safe aside: write back what was recovered, so that
            // the next start (and every other McpDesk program) reads a clean list.
            QString why;
            QByteArray written;
            if (writeList(p.servers, &written, &why))
                m_lastSeen = written;
            else
                qCWarning(lcConfig).noquote()
                    << "could not write the recovered server list:" << why;
            // Said once per run by whoever shows it (the app's banner, the CLI's stderr).
            m_lastError =
                tr("The server list %1 was damaged (%2). Servers recovered: %3; servers lost: %4. "
                   "The damaged file was kept as %5.")
                    .arg(m_path, p.error)
                    .arg(m_recovery.recovered)
                    .arg(m_recovery.lost)
                    .arg(m_backupPath);
            qCInfo(lcConfig).noquote() << m_lastError;
            emit errorOccurred(m_lastError);
        }
        m_servers = applyOps(p.servers, false);
        return false;
    }
    m_servers = applyOps(p.servers, false);
    return true;
}

bool ConfigStore::writeList(const QList<ServerConfig> &servers, QByteArray *written, QString *error)
{
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lockStore(lock)) {
        *error = tr("Cannot lock the server list %1 for saving.").arg(m_path);
        return false;
    }
    return writeLocked(servers, written, error);
}

bool ConfigStore::writeLocked(const QList<ServerConfig> &servers, QByteArray *written,
                              QString *error)
{
    QJsonArray list;
    for (const ServerConfig &s : servers)
        list.append(s.toJson());
    const QByteArray bytes = QJsonDocument(QJsonObject{{QStringLiteral("servers"), list}})
                                 .toJson(QJsonDocument::Indented);
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        *error = out.errorString();
        return false;
    }
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    *written = bytes;
    return true;
}

std::optional<ServerConfig> ConfigStore::server(const QString &idOrName) const
{
    for (const ServerConfig &s : m_servers)
        if (s.mcpId == idOrName)
            return s;
    for (const ServerConfig &s : m_servers)
        if (s.name.compare(idOrName, Qt::CaseInsensitive) == 0)
            return s;
    return std::nullopt;
}

QString ConfigStore::uniqueId(const QString &wanted, const QList<ServerConfig> &among) const
{
    auto taken = [&](const QString &id) {
        return std::any_of(among.begin(), among.end(),
                           [&](const ServerConfig &s) { return s.mcpId == id; });
    };
    if (!taken(wanted))
        return wanted;
    for (int i = 2;; ++i) {
        const QString id = QStringLiteral("%1-%2").arg(wanted).arg(i);
        if (!taken(id))
            return id;
    }
}

std::optional<ServerConfig> ConfigStore::add(ServerConfig server)
{
    if (server.name.trimmed().isEmpty()) {
        fail(tr("A server needs a name."));
        return std::nullopt;
    }
    server.mcpId = uniqueId(
        server.mcpId.isEmpty() ? ServerConfig::makeId(server.name) : server.mcpId, m_servers);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    server.createdAt = server.createdAt ? server.createdAt : now;
    server.updatedAt = now;
    m_ops.append({Op::Kind::Upsert, server, QString(), true});
    m_servers.append(server);
    emit serversChanged();
    return server;
}

bool ConfigStore::update(const ServerConfig &server)
{
    auto it = std::find_if(m_servers.begin(), m_servers.end(),
                           [&](const ServerConfig &s) { return s.mcpId == server.mcpId; });
    if (it == m_servers.end()) {
        fail(tr("There is no server “%1”.").arg(server.mcpId));
        return false;
    }
    ServerConfig updated = server;
    updated.updatedAt = QDateTime::currentSecsSinceEpoch();
    *it = updated;
    m_ops.append({Op::Kind::Upsert, updated, QString(), false});
    emit serversChanged();
    return true;
}

bool ConfigStore::remove(const QString &mcpId)
{
    const qsizetype before = m_servers.size();
    m_servers.removeIf([&](const ServerConfig &s) { return s.mcpId == mcpId; });
    if (m_servers.size() == before) {
        fail(tr("There is no server “%1”.").arg(mcpId));
        return false;
    }
    m_ops.append({Op::Kind::Remove, ServerConfig(), mcpId, false});
    emit serversChanged();
    return true;
}

QList<ServerConfig> ConfigStore::applyOps(QList<ServerConfig> base, bool renameClashes)
{
    QHash<QString, QString> renamed; // our new id -> the id it got on disk
    for (Op &op : m_ops) {
        if (op.kind == Op::Kind::Remove) {
            const QString id = renamed.value(op.id, op.id);
            base.removeIf([&](const ServerConfig &s) { return s.mcpId == id; });
            continue;
        }
        ServerConfig s = op.server;
        if (renamed.contains(s.mcpId))
            s.mcpId = renamed.value(s.mcpId);
        auto it = std::find_if(base.begin(), base.end(),
                               [&](const ServerConfig &b) { return b.mcpId == s.mcpId; });
        if (it != base.end() && op.isNew && renameClashes && !(*it == s)) {
            // Another process added a server with the same id meanwhile: keep both.
            const QString fresh = uniqueId(s.mcpId, base);
            renamed.insert(s.mcpId, fresh);
            s.mcpId = fresh;
            op.server.mcpId = fresh;
            base.append(s);
        } else if (it != base.end()) {
            *it = s;
        } else {
            base.append(s);
        }
    }
    return base;
}

bool ConfigStore::save()
{
    m_lastError.clear();
    const QFileInfo info(m_path);
    QDir dir = info.absoluteDir();
    if (!dir.exists() && !QDir().mkpath(dir.absolutePath())) {
        fail(tr("Cannot create the folder %1 for the server list. Check that the path is a "
                "folder you can write to.")
                 .arg(dir.absolutePath()));
        return false;
    }
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lockStore(lock)) {
        fail(lock.error() == QLockFile::LockFailedError
                 ? tr("Another McpDesk program is saving the server list; try again.")
                 : tr("Cannot lock the server list %1 for saving.").arg(m_path));
        return false;
    }
    // Re-read under the lock: what is on disk now is the base for our changes.
    QByteArray current;
    QFile in(m_path);
    if (in.exists()) {
        if (!in.open(QIODevice::ReadOnly)) {
            fail(tr("Cannot read the server list %1: %2").arg(m_path, in.errorString()));
            return false;
        }
        current = in.readAll();
        in.close();
    }
    Parsed disk = parse(current);
    if (!disk.ok && current != m_lastSeen) {
        // Broken since we last read it: keep it before replacing it.
        if (!keepCorruptCopy(current, disk.error))
            return false;
    } else if (!disk.ok && m_backupPath.isEmpty()) {
        if (!keepCorruptCopy(current, disk.error))
            return false;
    }
    // Secrets found in plaintext are never written back; keep the original file
    // once, readable by the user only, until they are in the keychain.
    const bool hadLegacySecrets =
        std::any_of(disk.servers.begin(), disk.servers.end(),
                    [](const ServerConfig &s) { return !s.legacySecrets.isEmpty(); });
    const QString preMigration = m_path + QStringLiteral(".pre-migration");
    if (hadLegacySecrets && !QFileInfo::exists(preMigration)) {
        QFile copy(preMigration);
        if (copy.open(QIODevice::WriteOnly) && copy.write(current) == current.size()) {
            copy.close();
            copy.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        } else {
            fail(tr("Cannot keep a copy of %1 before removing the secrets it holds; it was not "
                    "changed.")
                     .arg(m_path));
            return false;
        }
    }
    const QList<ServerConfig> merged = applyOps(disk.servers, true);
    QByteArray bytes;
    QString why;
    if (!writeLocked(merged, &bytes, &why)) {
        fail(tr("Cannot save the server list %1: %2").arg(m_path, why));
        return false;
    }
    m_lastSeen = bytes;
    m_ops.clear();
    // Keep the legacy secrets in memory (the disk copy no longer has them).
    QList<ServerConfig> result = merged;
    for (ServerConfig &s : result)
        for (const ServerConfig &d : disk.servers)
            if (d.mcpId == s.mcpId && !d.legacySecrets.isEmpty())
                s.legacySecrets = d.legacySecrets;
    const bool changed = [&] {
        if (result.size() != m_servers.size())
            return true;
        for (qsizetype i = 0; i < result.size(); ++i)
            if (!(result[i] == m_servers[i]))
                return true;
        return false;
    }();
    m_servers = result;
    if (changed)
        emit serversChanged();
    if (m_watcher && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    return true;
}

void ConfigStore::setWatching(bool on)
{
    if (!on) {
        delete m_watcher;
        m_watcher = nullptr;
        return;
    }
    if (m_watcher)
        return;
    m_watcher = new QFileSystemWatcher(this);
    const QFileInfo info(m_path);
    if (info.absoluteDir().exists())
        m_watcher->addPath(info.absolutePath());
    if (info.exists())
        m_watcher->addPath(m_path);
    // QSaveFile replaces the file by renaming: watch the folder too.
    connect(m_watcher, &QFileSystemWatcher::fileChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, &m_debounce,
            qOverload<>(&QTimer::start));
}

void ConfigStore::onFileChanged()
{
    QFile f(m_path);
    QByteArray bytes;
    if (f.open(QIODevice::ReadOnly))
        bytes = f.readAll();
    if (m_watcher && f.exists() && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    if (bytes == m_lastSeen)
        return; // our own save, or no real change
    qCInfo(lcConfig) << "the server list changed on disk; reloading";
    load();
    emit serversChanged();
}

} // namespace mcpdesk
