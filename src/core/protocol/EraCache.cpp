// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "EraCache.h"

#include "util/DataFolder.h"
#include "util/StoreLock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>

#include <functional>

namespace mcpdesk {

namespace {
const QString kEra = QStringLiteral("era");
const QString kVersion = QStringLiteral("version");
const QString kAt = QStringLiteral("at");
const QString kModern = QStringLiteral("modern");
const QString kLegacy = QStringLiteral("legacy");

QJsonObject readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object(); // damaged: as if empty
}
} // namespace

EraCache::EraCache(const QString &path)
    : m_path(path.isEmpty() ? dataFolder() + QStringLiteral("/eras.json") : path)
{
}

QString EraCache::keyForUrl(const QString &endpoint)
{
    return QStringLiteral("url:") + endpoint;
}

QString EraCache::keyForCommand(const QString &program, const QStringList &arguments)
{
    // Arguments joined by a character no command line holds: "a b" and "a", "b" differ.
    return QStringLiteral("stdio:") + (QStringList{program} + arguments).join(QChar(0x1F));
}

std::optional<EraVerdict> EraCache::lookup(const QString &key, const QDateTime &now) const
{
    const QJsonObject entry = readAll(m_path).value(key).toObject();
    const QString era = entry.value(kEra).toString();
    if (era != kModern && era != kLegacy)
        return std::nullopt;
    EraVerdict v;
    v.era = era == kModern ? EraVerdict::Era::Modern : EraVerdict::Era::Legacy;
    v.version = entry.value(kVersion).toString();
    v.at = QDateTime::fromString(entry.value(kAt).toString(), Qt::ISODate);
    if (!v.at.isValid())
        return std::nullopt;
    if (v.era == EraVerdict::Era::Legacy && v.at.daysTo(now) >= LegacyMaxAgeDays)
        return std::nullopt;
    return v;
}

bool EraCache::store(const QString &key, const EraVerdict &verdict)
{
    return update([&](QJsonObject &all) {
        all.insert(key,
                   QJsonObject{{kEra, verdict.era == EraVerdict::Era::Modern ? kModern : kLegacy},
                               {kVersion, verdict.version},
                               {kAt, verdict.at.toUTC().toString(Qt::ISODate)}});
    });
}

bool EraCache::forget(const QString &key)
{
    return update([&](QJsonObject &all) { all.remove(key); });
}

bool EraCache::update(const std::function<void(QJsonObject &)> &change)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QLockFile lock(m_path + QStringLiteral(".lock"));
    // Many writers at once, a slow disk: each still gets its turn (a verdict not
    // kept is only found again next time).
    if (!lockStore(lock, 30000))
        return false;
    QJsonObject all = readAll(m_path);
    change(all);
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    out.write(QJsonDocument(all).toJson(QJsonDocument::Compact));
    return out.commit();
}

} // namespace mcpdesk
