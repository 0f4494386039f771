// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "Redaction.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>

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

// A server's opaque state for a request of more than one round (MCP 2026-07-28): it
// may hold what the person answered, and it means nothing to a reader: its size only.
bool sizeOnlyKey(const QString &key)
{
    return key == QLatin1String("requestState");
}

QString sizeOf(const QString &text)
{
    return QStringLiteral("%1 (%2 bytes)").arg(kMask).arg(text.toUtf8().size());
}

// Whether maskSecrets would change anything: read-only, so the common message (no
// secret in it) is kept shared with the engine's copy instead of copied.
bool holdsSecret(const QJsonValue &value, int depth)
{
    if (depth > 64)
        return true;
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const QJsonValue v = it.value();
            if (v.isString() &&
                ((secretKey(it.key()) && it.key() != QLatin1String("progressToken")) ||
                 sizeOnlyKey(it.key()) ||
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

} // namespace

QJsonValue maskSecrets(const QJsonValue &value, int depth)
{
    if (!holdsSecret(value, depth))
        return value; // shared, not copied
    if (depth > 64)
        return kMask; // deeper than any real message: not shown at all
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.value().isString() && sizeOnlyKey(it.key()))
                it.value() = sizeOf(it.value().toString());
            else if (it.value().isString() && secretKey(it.key()) &&
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

QByteArray maskHeader(const QByteArray &name, const QByteArray &value)
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

} // namespace mcpdesk
