// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "SchemaSample.h"

#include "JsonSchema.h"

#include <QJsonArray>

namespace mcpdesk {

namespace {
constexpr int kMaxDepth = 16; // hostile schemas nest without end

QString firstType(const QJsonObject &schema)
{
    const QJsonValue t = schema.value(QStringLiteral("type"));
    if (t.isString())
        return t.toString();
    if (t.isArray()) {
        for (const QJsonValue &v : t.toArray())
            if (v.toString() != QLatin1String("null"))
                return v.toString();
    }
    if (schema.contains(QStringLiteral("properties")))
        return QStringLiteral("object");
    return QString();
}
} // namespace

QJsonValue sampleValue(const QJsonObject &input, int depth, const SchemaValidator *refs)
{
    QJsonObject schema = input;
    for (int guard = 0; refs && guard < 16 && schema.contains(QStringLiteral("$ref")); ++guard) {
        QJsonObject target =
            refs->resolve(schema.value(QStringLiteral("$ref")).toString()).toObject();
        schema.remove(QStringLiteral("$ref"));
        for (auto it = schema.begin(); it != schema.end(); ++it)
            target.insert(it.key(), it.value());
        schema = target;
    }
    if (schema.contains(QStringLiteral("default")))
        return schema.value(QStringLiteral("default"));
    if (schema.contains(QStringLiteral("const")))
        return schema.value(QStringLiteral("const"));
    const QJsonArray enumValues = schema.value(QStringLiteral("enum")).toArray();
    if (!enumValues.isEmpty())
        return enumValues.first();
    if (depth > kMaxDepth)
        return QJsonValue(QJsonValue::Null);
    for (const char *key : {"oneOf", "anyOf"}) {
        const QJsonArray alternatives = schema.value(QLatin1String(key)).toArray();
        if (!alternatives.isEmpty())
            return sampleValue(alternatives.first().toObject(), depth + 1, refs);
    }
    const QString type = firstType(schema);
    if (type == QLatin1String("object")) {
        if (depth > kMaxDepth)
            return QJsonObject();
        QJsonObject out;
        const QJsonObject props = schema.value(QStringLiteral("properties")).toObject();
        QStringList required;
        for (const QJsonValue &v : schema.value(QStringLiteral("required")).toArray())
            required.append(v.toString());
        for (auto it = props.begin(); it != props.end(); ++it) {
            const QJsonObject prop = it.value().toObject();
            if (prop.contains(QStringLiteral("default")) || required.contains(it.key()))
                out.insert(it.key(), sampleValue(prop, depth + 1, refs));
        }
        return out;
    }
    if (type == QLatin1String("array")) {
        QJsonArray out;
        const int min = schema.value(QStringLiteral("minItems")).toInt(0);
        for (int i = 0; i < min && i < 8; ++i)
            out.append(
                sampleValue(schema.value(QStringLiteral("items")).toObject(), depth + 1, refs));
        return out;
    }
    if (type == QLatin1String("boolean"))
        return false;
    if (type == QLatin1String("integer") || type == QLatin1String("number")) {
        double v = 0;
        if (schema.contains(QStringLiteral("minimum")))
            v = std::max(v, schema.value(QStringLiteral("minimum")).toDouble());
        if (schema.contains(QStringLiteral("exclusiveMinimum")))
            v = std::max(v, schema.value(QStringLiteral("exclusiveMinimum")).toDouble() + 1);
        if (schema.contains(QStringLiteral("maximum")))
            v = std::min(v, schema.value(QStringLiteral("maximum")).toDouble());
        return type == QLatin1String("integer") ? QJsonValue(qint64(v)) : QJsonValue(v);
    }
    if (type == QLatin1String("string")) {
        // A plausible value of the right form, so that it validates.
        const QString format = schema.value(QStringLiteral("format")).toString();
        QString v;
        if (format == QLatin1String("uuid"))
            v = QStringLiteral("00000000-0000-0000-0000-000000000000");
        else if (format == QLatin1String("email"))
            v = QStringLiteral("name@example.com");
        else if (format == QLatin1String("uri") || format == QLatin1String("url"))
            v = QStringLiteral("https://example.com/");
        else if (format == QLatin1String("date"))
            v = QStringLiteral("2026-01-01");
        else if (format == QLatin1String("date-time"))
            v = QStringLiteral("2026-01-01T00:00:00Z");
        else if (format == QLatin1String("time"))
            v = QStringLiteral("00:00:00Z");
        const int minLength = schema.value(QStringLiteral("minLength")).toInt(0);
        if (v.size() < minLength)
            v += QString(minLength - v.size(), QLatin1Char('x'));
        return v;
    }
    return QJsonValue(QJsonValue::Null);
}

QJsonObject sampleArguments(const QJsonObject &schema, const SchemaValidator *refs)
{
    if (refs)
        return sampleValue(schema, 0, refs).toObject();
    QJsonObject out;
    const QJsonObject props = schema.value(QStringLiteral("properties")).toObject();
    QStringList required;
    for (const QJsonValue &v : schema.value(QStringLiteral("required")).toArray())
        required.append(v.toString());
    for (auto it = props.begin(); it != props.end(); ++it) {
        const QJsonObject prop = it.value().toObject();
        if (prop.contains(QStringLiteral("default")) || required.contains(it.key()))
            out.insert(it.key(), sampleValue(prop, 1));
    }
    return out;
}

QJsonObject applyDefaults(const QJsonObject &schema, QJsonObject values)
{
    const QJsonObject props = schema.value(QStringLiteral("properties")).toObject();
    for (auto it = props.begin(); it != props.end(); ++it) {
        const QJsonObject prop = it.value().toObject();
        if (!values.contains(it.key()) && prop.contains(QStringLiteral("default")))
            values.insert(it.key(), prop.value(QStringLiteral("default")));
    }
    return values;
}

} // namespace mcpdesk
