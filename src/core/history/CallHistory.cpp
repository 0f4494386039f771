// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "CallHistory.h"

#include "util/DataFolder.h"
#include "util/Redaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUuid>

namespace mcpdesk {

namespace {
bool containsMask(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().contains(QStringLiteral("••••"));
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        return std::any_of(o.begin(), o.end(), [](const QJsonValue &x) { return containsMask(x); });
    }
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        return std::any_of(a.begin(), a.end(), [](const QJsonValue &x) { return containsMask(x); });
    }
    return false;
}
} // namespace

bool CallHistory::Call::argumentsMasked() const
{
    return containsMask(arguments);
}

QJsonObject CallHistory::Call::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("server"), serverId},
                  {QStringLiteral("tool"), tool},
                  {QStringLiteral("arguments"), arguments},
                  {QStringLiteral("startedAt"), startedAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("durationMs"), durationMs}};
    if (!result.isEmpty())
        o.insert(QStringLiteral("result"), result);
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    if (resultTruncated) {
        o.insert(QStringLiteral("resultTruncated"), true);
        o.insert(QStringLiteral("resultBytes"), resultBytes);
    }
    return o;
}

CallHistory::Call CallHistory::Call::fromJson(const QJsonObject &o)
{
    Call c;
    c.id = o.value(QStringLiteral("id")).toString();
    c.serverId = o.value(QStringLiteral("server")).toString();
    c.tool = o.value(QStringLiteral("tool")).toString();
    c.arguments = o.value(QStringLiteral("arguments")).toObject();
    c.result = o.value(QStringLiteral("result")).toObject();
    c.error = o.value(QStringLiteral("error")).toString();
    c.resultTruncated = o.value(QStringLiteral("resultTruncated")).toBool();
    c.resultBytes = o.value(QStringLiteral("resultBytes")).toInteger();
    c.startedAt =
        QDateTime::fromString(o.value(QStringLiteral("startedAt")).toString(), Qt::ISODateWithMs);
    c.durationMs = o.value(QStringLiteral("durationMs")).toInteger();
    return c;
}

CallHistory::CallHistory(const QString &path, QObject *parent) : QObject(parent), m_path(path)
{
    if (m_path.isEmpty())
        m_path = dataFolder() + QStringLiteral("/history.json");
    load();
}

void CallHistory::load()
{
    m_calls.clear();
    QFile f(m_path);
    if (!f.exists())
        return;
    if (!f.open(QIODevice::ReadOnly)) {
        m_lastError =
            tr("The call history “%1” could not be read: %2").arg(m_path, f.errorString());
        return;
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    f.close();
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        // Kept aside, not overwritten: the user may want it back.
        const QString aside =
            m_path + QStringLiteral(".corrupt-") +
            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        QFile::rename(m_path, aside);
        m_lastError =
            tr("The call history was damaged and has been set aside as “%1”; a new one is started.")
                .arg(aside);
        return;
    }
    for (const QJsonValue &v : doc.object().value(QStringLiteral("calls")).toArray()) {
        Call c = Call::fromJson(v.toObject());
        if (!c.id.isEmpty() && !c.serverId.isEmpty() && !c.tool.isEmpty())
            m_calls.append(c);
    }
}

bool CallHistory::save()
{
    QJsonArray all;
    for (const Call &c : m_calls)
        all.append(c.toJson());
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile f(m_path);
    const QByteArray data =
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("calls"), all}})
            .toJson(QJsonDocument::Compact);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        m_lastError =
            tr("The call history could not be saved to “%1”: %2").arg(m_path, f.errorString());
        return false;
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

QString CallHistory::add(const QString &serverId, const QString &tool, const QJsonObject &arguments,
                         const QJsonObject &result, const QString &error,
                         const QDateTime &startedAt, qint64 durationMs)
{
    Call c;
    c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    c.serverId = serverId;
    c.tool = tool;
    c.arguments = maskSecrets(arguments).toObject();
    c.error = error;
    c.startedAt = startedAt;
    c.durationMs = durationMs;
    if (!result.isEmpty()) {
        const QByteArray json = QJsonDocument(result).toJson(QJsonDocument::Compact);
        c.resultBytes = json.size();
        if (json.size() > MaxResultBytes) {
            // Only the beginning is kept, as text, so the file stays small.
            c.resultTruncated = true;
            c.result = QJsonObject{
                {QStringLiteral("content"),
                 QJsonArray{QJsonObject{
                     {QStringLiteral("type"), QStringLiteral("text")},
                     {QStringLiteral("text"), QString::fromUtf8(json.left(64 * 1024))}}}}};
        } else {
            c.result = maskSecrets(result).toObject();
        }
    }
    m_calls.append(c);
    // Bounded per server: the oldest of this server go first.
    int count = 0;
    for (qsizetype i = m_calls.size() - 1; i >= 0; --i) {
        if (m_calls.at(i).serverId == serverId && ++count > MaxPerServer)
            m_calls.removeAt(i);
    }
    save();
    emit changed(serverId);
    return c.id;
}

QList<CallHistory::Call> CallHistory::calls(const QString &serverId) const
{
    QList<Call> out;
    for (auto it = m_calls.crbegin(); it != m_calls.crend(); ++it)
        if (it->serverId == serverId)
            out.append(*it);
    return out;
}

const CallHistory::Call *CallHistory::find(const QString &id) const
{
    for (const Call &c : m_calls)
        if (c.id == id)
            return &c;
    return nullptr;
}

void CallHistory::clear(const QString &serverId)
{
    m_calls.removeIf([&](const Call &c) { return c.serverId == serverId; });
    save();
    emit changed(serverId);
}

} // namespace mcpdesk
