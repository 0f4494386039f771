// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "TrafficLog.h"

#include "util/Deflate.h"
#include "util/Redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>

namespace mcpdesk {

namespace {
QString idKey(const QJsonValue &id)
{
    return id.isString() ? QStringLiteral("s:") + id.toString()
                         : QStringLiteral("n:") + QString::number(id.toInteger());
}
} // namespace

TrafficLog::TrafficLog(QObject *parent) : QObject(parent) {}

void TrafficLog::setCapacity(qsizetype entries)
{
    m_capacity = std::max<qsizetype>(1, entries);
}

void TrafficLog::append(Entry entry)
{
    entry.serial = ++m_serial;
    entry.time = QDateTime::currentDateTime();
    if (qsizetype(m_entries.size()) >= m_capacity) {
        const qsizetype drop = qsizetype(m_entries.size()) - m_capacity + 1;
        emit entriesAboutToBeDropped(drop);
        m_entries.erase(m_entries.begin(), m_entries.begin() + drop);
        emit entriesDropped(drop);
    }
    emit entryAboutToBeAdded();
    m_entries.push_back(std::move(entry));
    emit entryAdded();
    if (m_methods.size() > 10000)
        m_methods.clear(); // answers that never came; their names are not needed any more
}

QJsonObject TrafficLog::Entry::message() const
{
    return json.isEmpty() ? maskSecrets(large).toObject()
                          : QJsonDocument::fromJson(compactJson()).object();
}

QByteArray TrafficLog::Entry::compactJsonHead(qsizetype n) const
{
    if (!large.isEmpty())
        return compactJson().left(n);
    return deflated ? inflatedHead(json, n) : json.left(n);
}

QByteArray TrafficLog::Entry::compactJson() const
{
    if (!large.isEmpty())
        return QJsonDocument(message()).toJson(QJsonDocument::Compact);
    return deflated ? qUncompress(json) : json;
}

void TrafficLog::addMessage(Direction direction, const QJsonObject &message, qsizetype bytes)
{
    Entry e;
    e.direction = direction;
    e.method = message.value(QStringLiteral("method")).toString();
    const QJsonValue id = message.value(QStringLiteral("id"));
    if (!e.method.isEmpty() && !id.isUndefined())
        m_methods.insert(QLatin1Char(direction == Direction::Sent ? '>' : '<') + idKey(id),
                         e.method);
    else if (e.method.isEmpty() && !id.isUndefined())
        e.method =
            m_methods.take(QLatin1Char(direction == Direction::Sent ? '<' : '>') + idKey(id));
    if (bytes > CompactLimit)
        e.large = message; // masked when read
    else {
        QByteArray text =
            QJsonDocument(maskSecrets(message).toObject()).toJson(QJsonDocument::Compact);
        if (bytes < 0)
            bytes = text.size();
        e.json = packedText(std::move(text), PackLimit, std::numeric_limits<qsizetype>::max(),
                            &e.deflated);
    }
    e.bytes = bytes;
    append(std::move(e));
}

void TrafficLog::addStderr(const QString &line)
{
    Entry e;
    e.direction = Direction::Stderr;
    e.text = line;
    append(std::move(e));
}

void TrafficLog::addHttp(const QByteArray &verb, const QString &url,
                         const QList<QPair<QByteArray, QByteArray>> &headers)
{
    Entry e;
    e.direction = Direction::Http;
    e.method = QString::fromLatin1(verb);
    QStringList lines{QStringLiteral("%1 %2").arg(QString::fromLatin1(verb), url)};
    for (const auto &h : headers)
        lines << QStringLiteral("%1: %2").arg(QString::fromLatin1(h.first),
                                              QString::fromUtf8(maskHeader(h.first, h.second)));
    e.text = lines.join(QLatin1Char('\n'));
    append(std::move(e));
}

void TrafficLog::clear()
{
    m_entries.clear();
    emit cleared();
}

QString TrafficLog::directionName(Direction d)
{
    switch (d) {
    case Direction::Sent:
        return QStringLiteral("sent");
    case Direction::Received:
        return QStringLiteral("received");
    case Direction::Stderr:
        return QStringLiteral("stderr");
    case Direction::Http:
        return QStringLiteral("http");
    }
    return QString();
}

QByteArray TrafficLog::toJsonLines() const
{
    QByteArray out;
    for (const Entry &e : m_entries) {
        QJsonObject o{{QStringLiteral("time"), e.time.toString(Qt::ISODateWithMs)},
                      {QStringLiteral("direction"), directionName(e.direction)}};
        if (!e.method.isEmpty())
            o.insert(QStringLiteral("method"), e.method);
        if (e.hasMessage())
            o.insert(QStringLiteral("message"), e.message());
        if (!e.text.isEmpty())
            o.insert(QStringLiteral("text"), e.text);
        out += QJsonDocument(o).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

} // namespace mcpdesk
