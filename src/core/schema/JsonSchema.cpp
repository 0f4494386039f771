// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "JsonSchema.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <cmath>

namespace mcpdesk {

namespace {
QString typeOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("undefined");
    }
}

bool isInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && std::floor(d) == d;
}

bool hasType(const QJsonValue &v, const QString &type)
{
    if (type == QLatin1String("integer"))
        return isInteger(v);
    return typeOf(v) == type;
}

QString escapePointer(QString key)
{
    return key.replace(QLatin1Char('~'), QStringLiteral("~0"))
        .replace(QLatin1Char('/'), QStringLiteral("~1"));
}

qsizetype codePoints(const QString &s)
{
    return s.toUcs4().size();
}

bool validFormat(const QString &format, const QString &s)
{
    if (format == QLatin1String("email")) {
        static const QRegularExpression re(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
        return re.match(s).hasMatch() && !s.startsWith(QLatin1Char('.')) &&
               !s.contains(QStringLiteral(".."));
    }
    if (format == QLatin1String("date")) {
        static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        return re.match(s).hasMatch() && QDate::fromString(s, Qt::ISODate).isValid();
    }
    if (format == QLatin1String("time")) {
        static const QRegularExpression re(
            QStringLiteral("^([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?([zZ]|[+-]([01]\\d|2["
                           "0-3]):[0-5]\\d)$"));
        return re.match(s).hasMatch();
    }
    if (format == QLatin1String("date-time")) {
        static const QRegularExpression re(
            QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[tT]([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\."
                           "\\d+)?([zZ]|[+-]([01]\\d|2[0-3]):[0-5]\\d)$"));
        const auto m = re.match(s);
        return m.hasMatch() && QDate::fromString(m.captured(1), Qt::ISODate).isValid();
    }
    if (format == QLatin1String("uri")) {
        const QUrl u(s, QUrl::StrictMode);
        static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
        return u.isValid() && scheme.match(s).hasMatch() && !s.contains(QLatin1Char(' ')) &&
               !s.contains(QLatin1Char('\\'));
    }
    return true; // other formats are annotations only
}
} // namespace

bool jsonEqual(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    if (a.type() != b.type())
        return false;
    if (a.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i)
            if (!jsonEqual(x.at(i), y.at(i)))
                return false;
        return true;
    }
    if (a.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it)
            if (!y.contains(it.key()) || !jsonEqual(it.value(), y.value(it.key())))
                return false;
        return true;
    }
    return a == b;
}

struct SchemaValidator::Run
{
    int steps = 0;
    QList<QString> refStack; // (ref, value path) pairs in progress: a loop stops
    bool aborted = false;
    Error abortedBecause; // why it stopped: the one error then reported
};

SchemaValidator::SchemaValidator(const QJsonValue &schema) : m_root(schema) {}

QJsonValue SchemaValidator::resolve(const QString &ref) const
{
    if (!ref.startsWith(QLatin1Char('#')))
        return QJsonValue(
            QJsonValue::Undefined); // remote and $id-relative references: not supported
    const QString pointer = QUrl::fromPercentEncoding(ref.mid(1).toUtf8());
    QJsonValue cur = m_root;
    if (pointer.isEmpty())
        return cur;
    if (!pointer.startsWith(QLatin1Char('/')))
        return QJsonValue(QJsonValue::Undefined);
    const QStringList parts = pointer.mid(1).split(QLatin1Char('/'));
    for (QString part : parts) {
        part.replace(QStringLiteral("~1"), QStringLiteral("/"))
            .replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (cur.isObject()) {
            const QJsonObject o = cur.toObject();
            if (!o.contains(part))
                return QJsonValue(QJsonValue::Undefined);
            cur = o.value(part);
        } else if (cur.isArray()) {
            bool ok = false;
            const int i = part.toInt(&ok);
            if (!ok || i < 0 || i >= cur.toArray().size())
                return QJsonValue(QJsonValue::Undefined);
            cur = cur.toArray().at(i);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return cur;
}

const QRegularExpression &SchemaValidator::regex(const QString &pattern) const
{
    auto it = m_regexes.find(pattern);
    if (it == m_regexes.end())
        it =
            m_regexes.insert(pattern, std::make_shared<QRegularExpression>(
                                          pattern, QRegularExpression::UseUnicodePropertiesOption));
    return *it.value();
}

QList<SchemaValidator::Error> SchemaValidator::validate(const QJsonValue &value) const
{
    QList<Error> errors;
    Run run;
    check(m_root, value, QString(), 0, run, &errors);
    // Cut short: what else was found may be wrong (an unfinished anyOf branch reads as
    // "matches none"). Say only why it stopped.
    if (run.aborted)
        return {run.abortedBecause};
    return errors;
}

bool SchemaValidator::check(const QJsonValue &schema, const QJsonValue &v, const QString &path,
                            int depth, Run &run, QList<Error> *errors) const
{
    auto fail = [&](const QString &message) {
        if (errors)
            errors->append({path, message, QString()});
        return false;
    };
    if (run.aborted)
        return false;
    auto abort = [&](const QString &message) {
        run.aborted = true;
        run.abortedBecause = {path, message, QString()};
        return fail(message);
    };
    if (++run.steps > MaxSteps || depth > MaxDepth)
        return abort(QCoreApplication::translate(
            "SchemaValidator", "The schema is too complex to check (too deep or too large)."));
    if (schema.isBool())
        return schema.toBool() ? true
                               : fail(QCoreApplication::translate("SchemaValidator",
                                                                  "No value is allowed here."));
    if (!schema.isObject())
        return true;
    const QJsonObject s = schema.toObject();
    bool ok = true;
    // Sub-checks that only need a yes/no do not collect errors.
    auto sub = [&](const QJsonValue &subschema, const QJsonValue &value, const QString &subpath,
                   QList<Error> *errs) {
        return check(subschema, value, subpath, depth + 1, run, errs);
    };

    if (s.contains(QStringLiteral("$ref"))) {
        const QString ref = s.value(QStringLiteral("$ref")).toString();
        const QString key = ref + QLatin1Char('|') + path;
        if (run.refStack.contains(key))
            return abort(QCoreApplication::translate(
                             "SchemaValidator", "The schema refers to itself without end (%1).")
                             .arg(ref));
        const QJsonValue target = resolve(ref);
        // A reference to another document is never fetched: accepted unchecked.
        if (target.isUndefined() && !ref.startsWith(QLatin1Char('#')))
            return ok;
        if (target.isUndefined())
            return fail(
                QCoreApplication::translate("SchemaValidator",
                                            "The schema refers to “%1”, which McpDesk cannot find.")
                    .arg(ref));
        run.refStack.append(key);
        ok = sub(target, v, path, errors) && ok;
        run.refStack.removeLast();
    }

    const QJsonValue type = s.value(QStringLiteral("type"));
    if (type.isString() && !hasType(v, type.toString()))
        return fail(QCoreApplication::translate("SchemaValidator", "Expected %1, got %2.")
                        .arg(type.toString(), typeOf(v)));
    if (type.isArray()) {
        bool any = false;
        QStringList names;
        for (const QJsonValue &t : type.toArray()) {
            names << t.toString();
            any = any || hasType(v, t.toString());
        }
        if (!any)
            return fail(QCoreApplication::translate("SchemaValidator", "Expected %1, got %2.")
                            .arg(names.join(QCoreApplication::translate("SchemaValidator", " or ")),
                                 typeOf(v)));
    }
    if (s.contains(QStringLiteral("enum"))) {
        const QJsonArray values = s.value(QStringLiteral("enum")).toArray();
        if (!std::any_of(values.begin(), values.end(),
                         [&](const QJsonValue &e) { return jsonEqual(e, v); }))
            ok = fail(QCoreApplication::translate("SchemaValidator",
                                                  "Must be one of the listed values.")) &&
                 ok;
    }
    if (s.contains(QStringLiteral("const")) && !jsonEqual(s.value(QStringLiteral("const")), v))
        ok = fail(QCoreApplication::translate("SchemaValidator", "Must be %1.")
                      .arg(QString::fromUtf8(
                               QJsonDocument(QJsonArray{s.value(QStringLiteral("const"))})
                                   .toJson(QJsonDocument::Compact))
                               .mid(1)
                               .chopped(1))) &&
             ok;

    // Combinators.
    if (s.value(QStringLiteral("allOf")).isArray()) {
        for (const QJsonValue &x : s.value(QStringLiteral("allOf")).toArray())
            ok = sub(x, v, path, errors) && ok;
    }
    if (s.value(QStringLiteral("anyOf")).isArray()) {
        bool any = false;
        for (const QJsonValue &x : s.value(QStringLiteral("anyOf")).toArray())
            any = sub(x, v, path, nullptr) || any;
        if (!any)
            ok = fail(QCoreApplication::translate("SchemaValidator",
                                                  "Does not match any of the allowed shapes.")) &&
                 ok;
    }
    if (s.value(QStringLiteral("oneOf")).isArray()) {
        int n = 0;
        for (const QJsonValue &x : s.value(QStringLiteral("oneOf")).toArray())
            n += sub(x, v, path, nullptr) ? 1 : 0;
        if (n != 1)
            ok = fail(n == 0 ? QCoreApplication::translate(
                                   "SchemaValidator", "Does not match any of the allowed shapes.")
                             : QCoreApplication::translate(
                                   "SchemaValidator",
                                   "Matches more than one of the allowed shapes.")) &&
                 ok;
    }
    if (s.contains(QStringLiteral("not")) && sub(s.value(QStringLiteral("not")), v, path, nullptr))
        ok = fail(QCoreApplication::translate("SchemaValidator",
                                              "Matches a shape that is not allowed.")) &&
             ok;
    if (s.contains(QStringLiteral("if"))) {
        if (sub(s.value(QStringLiteral("if")), v, path, nullptr)) {
            if (s.contains(QStringLiteral("then")))
                ok = sub(s.value(QStringLiteral("then")), v, path, errors) && ok;
        } else if (s.contains(QStringLiteral("else"))) {
            ok = sub(s.value(QStringLiteral("else")), v, path, errors) && ok;
        }
    }

    if (v.isDouble()) {
        const double d = v.toDouble();
        auto num = [&](const char *k) { return s.value(QLatin1String(k)); };
        if (num("minimum").isDouble() && d < num("minimum").toDouble())
            ok = fail(QCoreApplication::translate("SchemaValidator", "Must be at least %1.")
                          .arg(num("minimum").toDouble())) &&
                 ok;
        if (num("maximum").isDouble() && d > num("maximum").toDouble())
            ok = fail(QCoreApplication::translate("SchemaValidator", "Must be at most %1.")
                          .arg(num("maximum").toDouble())) &&
                 ok;
        if (num("exclusiveMinimum").isDouble() && d <= num("exclusiveMinimum").toDouble())
            ok = fail(QCoreApplication::translate("SchemaValidator", "Must be more than %1.")
                          .arg(num("exclusiveMinimum").toDouble())) &&
                 ok;
        if (num("exclusiveMaximum").isDouble() && d >= num("exclusiveMaximum").toDouble())
            ok = fail(QCoreApplication::translate("SchemaValidator", "Must be less than %1.")
                          .arg(num("exclusiveMaximum").toDouble())) &&
                 ok;
        if (num("multipleOf").isDouble() && num("multipleOf").toDouble() > 0) {
            const double q = d / num("multipleOf").toDouble();
            if (!std::isfinite(q) || std::abs(q - std::round(q)) > 1e-9)
                ok =
                    fail(QCoreApplication::translate("SchemaValidator", "Must be a multiple of %1.")
                             .arg(num("multipleOf").toDouble())) &&
                    ok;
        }
    }
    if (v.isString()) {
        const QString str = v.toString();
        const qsizetype length = codePoints(str);
        const int minLength = s.value(QStringLiteral("minLength")).toInt(-1);
        const int maxLength = s.value(QStringLiteral("maxLength")).toInt(-1);
        if (minLength >= 0 && length < minLength)
            ok = fail(QCoreApplication::translate("SchemaValidator",
                                                  "Must be at least %n character(s) long.", nullptr,
                                                  minLength)) &&
                 ok;
        if (maxLength >= 0 && length > maxLength)
            ok = fail(QCoreApplication::translate("SchemaValidator",
                                                  "Must be at most %n character(s) long.", nullptr,
                                                  maxLength)) &&
                 ok;
        if (s.value(QStringLiteral("pattern")).isString()) {
            const QRegularExpression &re = regex(s.value(QStringLiteral("pattern")).toString());
            if (re.isValid() && !re.match(str).hasMatch())
                ok = fail(QCoreApplication::translate("SchemaValidator",
                                                      "Does not have the expected form (%1).")
                              .arg(s.value(QStringLiteral("pattern")).toString())) &&
                     ok;
        }
        if (s.value(QStringLiteral("format")).isString() &&
            !validFormat(s.value(QStringLiteral("format")).toString(), str))
            ok = fail(QCoreApplication::translate("SchemaValidator", "Is not a valid %1.")
                          .arg(s.value(QStringLiteral("format")).toString())) &&
                 ok;
    }
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        // (bounds in variables first: lupdate's parser mistakes `a < b … c > d` for a template)
        const qsizetype count = a.size();
        const int minItems = s.value(QStringLiteral("minItems")).toInt(-1);
        const int maxItems = s.value(QStringLiteral("maxItems")).toInt(-1);
        if (minItems >= 0 && count < minItems)
            ok = fail(QCoreApplication::translate("SchemaValidator", "Needs at least %n item(s).",
                                                  nullptr, minItems)) &&
                 ok;
        if (maxItems >= 0 && count > maxItems)
            ok = fail(QCoreApplication::translate("SchemaValidator", "Allows at most %n item(s).",
                                                  nullptr, maxItems)) &&
                 ok;
        if (s.value(QStringLiteral("uniqueItems")).toBool()) {
            for (qsizetype i = 0; i < a.size() && ok; ++i)
                for (qsizetype j = i + 1; j < a.size(); ++j)
                    if (jsonEqual(a.at(i), a.at(j))) {
                        ok = fail(QCoreApplication::translate("SchemaValidator",
                                                              "Items must all be different.")) &&
                             ok;
                        break;
                    }
        }
        // prefixItems (or draft 7's array-form items), then items / additionalItems for the rest.
        QJsonArray prefix = s.value(QStringLiteral("prefixItems")).toArray();
        const QJsonValue items = s.value(QStringLiteral("items"));
        QJsonValue rest = items;
        if (items.isArray()) {
            prefix = items.toArray();
            rest = s.value(QStringLiteral("additionalItems"));
        }
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = path + QLatin1Char('/') + QString::number(i);
            if (i < prefix.size())
                ok = sub(prefix.at(i), a.at(i), p, errors) && ok;
            else if (!rest.isUndefined())
                ok = sub(rest, a.at(i), p, errors) && ok;
        }
        if (s.contains(QStringLiteral("contains"))) {
            int matches = 0;
            for (const QJsonValue &x : a)
                matches += sub(s.value(QStringLiteral("contains")), x, path, nullptr) ? 1 : 0;
            const int minContains = s.value(QStringLiteral("minContains")).toInt(1);
            const int maxContains = s.value(QStringLiteral("maxContains")).toInt(-1);
            if (matches < minContains)
                ok = fail(QCoreApplication::translate("SchemaValidator",
                                                      "Needs an item of the required kind.")) &&
                     ok;
            if (maxContains >= 0 && matches > maxContains)
                ok = fail(QCoreApplication::translate("SchemaValidator",
                                                      "Has too many items of that kind.")) &&
                     ok;
        }
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        const qsizetype fields = o.size();
        const int minFields = s.value(QStringLiteral("minProperties")).toInt(-1);
        const int maxFields = s.value(QStringLiteral("maxProperties")).toInt(-1);
        if (minFields >= 0 && fields < minFields)
            ok = fail(QCoreApplication::translate("SchemaValidator", "Needs at least %n field(s).",
                                                  nullptr, minFields)) &&
                 ok;
        if (maxFields >= 0 && fields > maxFields)
            ok = fail(QCoreApplication::translate("SchemaValidator", "Allows at most %n field(s).",
                                                  nullptr, maxFields)) &&
                 ok;
        for (const QJsonValue &r : s.value(QStringLiteral("required")).toArray()) {
            if (o.contains(r.toString()))
                continue;
            ok = fail(QCoreApplication::translate("SchemaValidator", "“%1” is required.")
                          .arg(r.toString())) &&
                 ok;
            if (errors && !errors->isEmpty())
                errors->last().missing = r.toString();
        }
        const QJsonObject props = s.value(QStringLiteral("properties")).toObject();
        const QJsonObject patterns = s.value(QStringLiteral("patternProperties")).toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString p = path + QLatin1Char('/') + escapePointer(it.key());
            bool matched = false;
            if (props.contains(it.key())) {
                matched = true;
                ok = sub(props.value(it.key()), it.value(), p, errors) && ok;
            }
            for (auto pit = patterns.begin(); pit != patterns.end(); ++pit) {
                if (regex(pit.key()).match(it.key()).hasMatch()) {
                    matched = true;
                    ok = sub(pit.value(), it.value(), p, errors) && ok;
                }
            }
            if (!matched && s.contains(QStringLiteral("additionalProperties"))) {
                const QJsonValue extra = s.value(QStringLiteral("additionalProperties"));
                if (extra.isBool() && !extra.toBool())
                    ok = fail(QCoreApplication::translate("SchemaValidator",
                                                          "“%1” is not allowed here.")
                                  .arg(it.key())) &&
                         ok;
                else
                    ok = sub(extra, it.value(), p, errors) && ok;
            }
            if (s.contains(QStringLiteral("propertyNames")))
                ok = sub(s.value(QStringLiteral("propertyNames")), it.key(), p, errors) && ok;
        }
        // dependentRequired / dependentSchemas, and draft 7's `dependencies` (both kinds).
        QJsonObject depRequired = s.value(QStringLiteral("dependentRequired")).toObject();
        QJsonObject depSchemas = s.value(QStringLiteral("dependentSchemas")).toObject();
        const QJsonObject deps = s.value(QStringLiteral("dependencies")).toObject();
        for (auto it = deps.begin(); it != deps.end(); ++it)
            (it.value().isArray() ? depRequired : depSchemas).insert(it.key(), it.value());
        for (auto it = depRequired.begin(); it != depRequired.end(); ++it)
            if (o.contains(it.key()))
                for (const QJsonValue &r : it.value().toArray())
                    if (!o.contains(r.toString()))
                        ok = fail(QCoreApplication::translate(
                                      "SchemaValidator", "“%1” is required when “%2” is given.")
                                      .arg(r.toString(), it.key())) &&
                             ok;
        for (auto it = depSchemas.begin(); it != depSchemas.end(); ++it)
            if (o.contains(it.key()))
                ok = sub(it.value(), v, path, errors) && ok;
    }
    return ok;
}

} // namespace mcpdesk
