// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "TrafficLog.h"

#include "util/Deflate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>

namespace mcpdesk {

namespace {
const QString kMask = QStringLiteral("••••");

bool secretKey(const QString &key)
{
    static const QRegularExpression re(
        QStringLiteral(
            "authorization|token|secret|password|passwd|api[-_]?key|cookie|code_verifier|"
            "^code$|credential|private[-_]?key|session[-_]?key"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch();
}

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

// Whether maskSecrets would change anything: read-only, so the common message (no
// secret in it) is kept shared with the engine's copy instead of copied.
static bool holdsSecret(const QJsonValue &value, int depth)
{
    if (depth > 64)
        return true;
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const QJsonValue v = it.value();
            if (v.isString() &&
                ((secretKey(it.key()) && it.key() != QLatin1String("progressToken")) ||
                 v.toString().startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive)))
                return true;
            if ((v.isObject() || v.isArray()) && holdsSecret(v, depth + 1))
                return true;
        }
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (const QJsonValue &v : a)
            if ((v.isObject() || v.isArray()) && holdsSecret(v, depth + 1))
                return true;
    }
    return false;
}

QJsonValue TrafficLog::maskSecrets(const QJsonValue &value, int depth)
{
    if (!holdsSecret(value, depth))
        return value; // shared, not copied
    if (depth > 64)
        return kMask; // deeper than any real message: not shown at all
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.value().isString() && secretKey(it.key()) &&
                it.key() != QLatin1String("progressToken"))
                it.value() = kMask;
            else if (it.value().isObject() || it.value().isArray())
                it.value() = maskSecrets(it.value(), depth + 1);
            else if (it.value().isString() && it.value().toString().startsWith(
                                                  QLatin1String("Bearer "), Qt::CaseInsensitive))
                it.value() = QStringLiteral("Bearer ") + kMask;
        }
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            if (a.at(i).isObject() || a.at(i).isArray())
                a[i] = maskSecrets(a.at(i), depth + 1);
        return a;
    }
    return value;
}

QByteArray TrafficLog::maskHeader(const QByteArray &name, const QByteArray &value)
{
    static const QList<QByteArray> harmless{
        "accept",        "content-type", "mcp-session-id", "mcp-protocol-version",
        "last-event-id", "user-agent",   "cache-control"};
    if (harmless.contains(name.toLower()))
        return value;
    const qsizetype space = value.indexOf(' ');
    if (name.compare("authorization", Qt::CaseInsensitive) == 0 && space > 0)
        return value.left(space + 1) +
               kMask.toUtf8(); // the scheme ("Bearer") helps, the token never
    return kMask.toUtf8();
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
