// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ContentFormat.h"

#include "util/Format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace mcpdesk {

qint64 decodedBase64Size(const QString &base64)
{
    // Every 4 significant characters carry 3 bytes; padding carries none.
    qint64 chars = 0;
    for (QChar c : base64)
        if (c != QLatin1Char('=') && !c.isSpace())
            ++chars;
    return chars * 3 / 4;
}

QString formatJsonValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == qint64(d) && std::abs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        return QString();
    }
    return QString();
}

QString formatContentItem(const QJsonObject &item)
{
    const QString type = item.value(QStringLiteral("type")).toString();
    const QString mime = item.value(QStringLiteral("mimeType")).toString();
    if (type == QLatin1String("text"))
        return item.value(QStringLiteral("text")).toString();
    if (type == QLatin1String("image") || type == QLatin1String("audio")) {
        const qint64 size = decodedBase64Size(item.value(QStringLiteral("data")).toString());
        return QStringLiteral("[%1 %2 %3]")
            .arg(type, mime.isEmpty() ? QStringLiteral("?") : mime, formatByteSize(size));
    }
    if (type == QLatin1String("resource_link")) {
        QString s =
            QStringLiteral("[resource link %1").arg(item.value(QStringLiteral("uri")).toString());
        const QString name = item.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            s += QLatin1Char(' ') + name;
        if (!mime.isEmpty())
            s += QLatin1Char(' ') + mime;
        return s + QLatin1Char(']');
    }
    if (type == QLatin1String("resource")) {
        const QJsonObject res = item.value(QStringLiteral("resource")).toObject();
        const QString rmime = res.value(QStringLiteral("mimeType")).toString();
        qint64 size = 0;
        if (res.contains(QStringLiteral("text")))
            size = res.value(QStringLiteral("text")).toString().toUtf8().size();
        else
            size = decodedBase64Size(res.value(QStringLiteral("blob")).toString());
        QString s = QStringLiteral("[resource %1").arg(res.value(QStringLiteral("uri")).toString());
        if (!rmime.isEmpty())
            s += QLatin1Char(' ') + rmime;
        return s + QLatin1Char(' ') + formatByteSize(size) + QLatin1Char(']');
    }
    return QStringLiteral("[%1]").arg(type.isEmpty() ? QStringLiteral("unknown content") : type);
}

QString formatToolResult(const QJsonObject &result)
{
    const QJsonArray content = result.value(QStringLiteral("content")).toArray();
    QStringList parts;
    for (const QJsonValue &v : content)
        parts.append(formatContentItem(v.toObject()));
    if (parts.isEmpty() && result.contains(QStringLiteral("structuredContent")))
        parts.append(formatJsonValue(result.value(QStringLiteral("structuredContent"))));
    return parts.join(QLatin1Char('\n'));
}

} // namespace mcpdesk
