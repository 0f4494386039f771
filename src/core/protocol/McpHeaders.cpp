// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "McpHeaders.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>
#include <functional>

namespace mcpdesk::mcpheaders {

namespace {
const QLatin1String kSentinelStart("=?base64?");
const QLatin1String kSentinelEnd("?=");
const QString kAnnotation = QStringLiteral("x-mcp-header");
constexpr double kMaxSafeInteger = 9007199254740991.0; // 2^53 - 1

// Keywords whose values are data, not schemas: an "x-mcp-header" in them is no annotation.
bool holdsData(const QString &keyword)
{
    return keyword == QLatin1String("default") || keyword == QLatin1String("const") ||
           keyword == QLatin1String("enum") || keyword == QLatin1String("examples");
}

QByteArray base64Form(const QByteArray &utf8)
{
    return kSentinelStart.latin1() + utf8.toBase64() + kSentinelEnd.latin1();
}

// RFC 9110 tchar: "!#$%&'*+-.^_`|~", digits and letters.
bool isToken(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool alnum =
            (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
        if (!alnum && !QStringView(u"!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}
} // namespace

QByteArray encodeText(const QString &text)
{
    bool plain = !text.startsWith(QLatin1Char(' ')) && !text.endsWith(QLatin1Char(' ')) &&
                 !(text.startsWith(kSentinelStart) && text.endsWith(kSentinelEnd));
    for (qsizetype i = 0; plain && i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        plain = u >= 0x20 && u <= 0x7E; // visible ASCII and space; a tab is encoded too
    }
    return plain ? text.toLatin1() : base64Form(text.toUtf8());
}

std::optional<QByteArray> encodeValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return std::nullopt;
    case QJsonValue::String:
        return encodeText(value.toString());
    case QJsonValue::Bool:
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= kMaxSafeInteger)
            return QByteArray::number(qint64(d));
        break;
    }
    default:
        break;
    }
    // Not a value a valid annotation allows: carried whole, so nothing is lost or injected.
    const QByteArray json =
        value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
        : value.isArray()
            ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
            : QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    return base64Form(json);
}

ToolHeaders toolHeaders(const QJsonObject &inputSchema)
{
    ToolHeaders out;
    QSet<QString> seen; // lower case
    // Walks the whole schema: an annotation counts only where a chain of `properties`
    // keys leads from the root (`reachable`); anywhere else it makes the tool invalid.
    std::function<void(const QJsonValue &, const QStringList &, bool)> walk =
        [&](const QJsonValue &node, const QStringList &path, bool reachable) {
            if (!out.error.isEmpty())
                return;
            if (node.isArray()) {
                for (const QJsonValue &item : node.toArray())
                    walk(item, path, false);
                return;
            }
            if (!node.isObject())
                return;
            const QJsonObject schema = node.toObject();
            if (schema.contains(kAnnotation)) {
                const QString where =
                    path.isEmpty() ? QCoreApplication::translate("McpHeaders", "the schema itself")
                                   : path.join(QLatin1Char('.'));
                const QJsonValue v = schema.value(kAnnotation);
                const QString name = v.toString();
                const QString type = schema.value(QStringLiteral("type")).toString();
                if (!reachable || path.isEmpty()) {
                    out.error =
                        QCoreApplication::translate(
                            "McpHeaders", "an x-mcp-header annotation sits where no argument is "
                                          "(%1); only properties reached through “properties” "
                                          "may carry one")
                            .arg(where);
                } else if (!v.isString() || name.isEmpty()) {
                    out.error = QCoreApplication::translate(
                                    "McpHeaders", "the x-mcp-header of “%1” is empty or not text")
                                    .arg(where);
                } else if (!isToken(name)) {
                    out.error =
                        QCoreApplication::translate(
                            "McpHeaders", "the x-mcp-header of “%1”, “%2”, is not a valid HTTP "
                                          "header name")
                            .arg(where, name);
                } else if (type != QLatin1String("string") && type != QLatin1String("integer") &&
                           type != QLatin1String("boolean")) {
                    out.error = QCoreApplication::translate(
                                    "McpHeaders",
                                    "“%1” has an x-mcp-header but is not a string, integer or "
                                    "boolean")
                                    .arg(where);
                } else if (seen.contains(name.toLower())) {
                    out.error = QCoreApplication::translate("McpHeaders",
                                                            "the x-mcp-header “%1” is used twice")
                                    .arg(name);
                } else {
                    seen.insert(name.toLower());
                    out.params.append({path, name});
                }
                if (!out.error.isEmpty())
                    return;
            }
            for (auto it = schema.begin(); it != schema.end(); ++it) {
                if (it.key() == QLatin1String("properties") && it.value().isObject()) {
                    const QJsonObject props = it.value().toObject();
                    for (auto p = props.begin(); p != props.end(); ++p)
                        walk(p.value(), path + QStringList{p.key()}, reachable);
                } else if (it.key() != kAnnotation && !holdsData(it.key())) {
                    walk(it.value(), path, false);
                }
            }
        };
    walk(inputSchema, {}, true);
    if (!out.error.isEmpty())
        out.params.clear();
    return out;
}

HeaderList paramHeaders(const QList<ParamHeader> &params, const QJsonObject &arguments)
{
    HeaderList headers;
    for (const ParamHeader &p : params) {
        QJsonValue v = arguments;
        for (const QString &key : p.path)
            v = v.isObject() ? v.toObject().value(key) : QJsonValue(QJsonValue::Undefined);
        if (const auto encoded = encodeValue(v))
            headers.append({"Mcp-Param-" + p.name.toLatin1(), *encoded});
    }
    return headers;
}

} // namespace mcpdesk::mcpheaders
