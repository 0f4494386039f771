#include "SchemaSample.h"

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

QJsonValue sampleValue(const QJsonObject &schema, int depth)
{
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
            return sampleValue(alternatives.first().toObject(), depth + 1);
    }
    const QString type = firstType(schema);
    if (type == QLatin1String("object"))
        return sampleArguments(schema);
    if (type == QLatin1String("array"))
        return QJsonArray();
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
    if (type == QLatin1String("string"))
        return QString();
    return QJsonValue(QJsonValue::Null);
}

QJsonObject sampleArguments(const QJsonObject &schema)
{
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

} // namespace mcpdesk
