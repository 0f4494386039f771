// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "CliAnswers.h"

#include <QFileInfo>
#include <QUrl>

#include <cmath>

namespace mcpdesk::cli {

namespace {

struct Choice
{
    QString value;
    QString title;
};

// The values a single- or multi-select field offers (enum, enum + enumNames,
// oneOf/anyOf of {const, title}); empty for a free field.
QList<Choice> choicesOf(const QJsonObject &property)
{
    const bool multi = property.value(QStringLiteral("type")) == QLatin1String("array");
    const QJsonObject of = multi ? property.value(QStringLiteral("items")).toObject() : property;
    QList<Choice> out;
    const QJsonArray values = of.value(QStringLiteral("enum")).toArray();
    const QJsonArray names = of.value(QStringLiteral("enumNames")).toArray();
    for (qsizetype i = 0; i < values.size(); ++i)
        out.append({values.at(i).toString(), names.at(i).toString()});
    for (const char *key : {"oneOf", "anyOf"})
        for (const QJsonValue &v : of.value(QLatin1String(key)).toArray())
            out.append({v.toObject().value(QStringLiteral("const")).toString(),
                        v.toObject().value(QStringLiteral("title")).toString()});
    return out;
}

QString typeOf(const QJsonObject &property)
{
    return property.value(QStringLiteral("type")).toString(QStringLiteral("string"));
}

QString labelOf(const QString &name, const QJsonObject &property)
{
    const QString title = property.value(QStringLiteral("title")).toString().simplified();
    return title.isEmpty() ? name : title;
}

// `text` as one of `choices`: its value, its title, or its number in the list.
std::optional<QString> pickChoice(const QList<Choice> &choices, const QString &text)
{
    const QString t = text.trimmed();
    for (const Choice &c : choices)
        if (c.value == t)
            return c.value;
    for (const Choice &c : choices)
        if (!c.title.isEmpty() && c.title.compare(t, Qt::CaseInsensitive) == 0)
            return c.value;
    bool ok = false;
    const int n = t.toInt(&ok);
    if (ok && n >= 1 && n <= choices.size())
        return choices.at(n - 1).value;
    return std::nullopt;
}

QString valueProblem(const QString &label, const QJsonObject &property, const QJsonValue &v)
{
    const QString type = typeOf(property);
    const QList<Choice> choices = choicesOf(property);
    auto isChoice = [&choices](const QJsonValue &x) {
        for (const Choice &c : choices)
            if (x.isString() && c.value == x.toString())
                return true;
        return false;
    };
    if (type == QLatin1String("boolean"))
        return v.isBool() ? QString() : QStringLiteral("“%1” must be true or false").arg(label);
    if (type == QLatin1String("number") || type == QLatin1String("integer")) {
        if (!v.isDouble())
            return QStringLiteral("“%1” must be a number").arg(label);
        const double d = v.toDouble();
        if (type == QLatin1String("integer") && d != std::floor(d))
            return QStringLiteral("“%1” must be a whole number").arg(label);
        if (property.contains(QStringLiteral("minimum")) &&
            d < property.value(QStringLiteral("minimum")).toDouble())
            return QStringLiteral("“%1” must be at least %2")
                .arg(label)
                .arg(property.value(QStringLiteral("minimum")).toDouble());
        if (property.contains(QStringLiteral("maximum")) &&
            d > property.value(QStringLiteral("maximum")).toDouble())
            return QStringLiteral("“%1” must be at most %2")
                .arg(label)
                .arg(property.value(QStringLiteral("maximum")).toDouble());
        return {};
    }
    if (type == QLatin1String("array")) {
        if (!v.isArray())
            return QStringLiteral("“%1” must be a list of choices").arg(label);
        for (const QJsonValue &x : v.toArray())
            if (!choices.isEmpty() && !isChoice(x))
                return QStringLiteral("“%1” offers no choice “%2”").arg(label, x.toString());
        return {};
    }
    if (!v.isString())
        return QStringLiteral("“%1” must be text").arg(label);
    if (!choices.isEmpty() && !isChoice(v))
        return QStringLiteral("“%1” offers no choice “%2”").arg(label, v.toString());
    const qsizetype len = v.toString().size();
    if (property.contains(QStringLiteral("minLength")) &&
        len < property.value(QStringLiteral("minLength")).toInt())
        return QStringLiteral("“%1” must be at least %2 characters")
            .arg(label)
            .arg(property.value(QStringLiteral("minLength")).toInt());
    if (property.contains(QStringLiteral("maxLength")) &&
        len > property.value(QStringLiteral("maxLength")).toInt())
        return QStringLiteral("“%1” must be at most %2 characters")
            .arg(label)
            .arg(property.value(QStringLiteral("maxLength")).toInt());
    return {};
}

QJsonObject action(const QString &name)
{
    return QJsonObject{{QStringLiteral("action"), name}};
}

// What --answers holds for `key`: nullopt when it says nothing of it.
std::optional<QJsonValue> givenAnswer(const std::optional<QJsonObject> &answers, const QString &key)
{
    if (!answers || !answers->contains(key))
        return std::nullopt;
    return answers->value(key);
}

} // namespace

QString describeField(const QJsonObject &property)
{
    const QString type = typeOf(property);
    const QList<Choice> choices = choicesOf(property);
    if (!choices.isEmpty()) {
        QStringList shown;
        for (qsizetype i = 0; i < choices.size(); ++i)
            shown.append(QStringLiteral("%1) %2").arg(i + 1).arg(
                choices.at(i).title.isEmpty() ? choices.at(i).value : choices.at(i).title));
        return (type == QLatin1String("array") ? QStringLiteral("any of, separated by commas: ")
                                               : QStringLiteral("one of: ")) +
               shown.join(QStringLiteral(", "));
    }
    if (type == QLatin1String("boolean"))
        return QStringLiteral("yes or no");
    if (type == QLatin1String("integer"))
        return QStringLiteral("whole number");
    if (type == QLatin1String("number"))
        return QStringLiteral("number");
    const QString format = property.value(QStringLiteral("format")).toString();
    if (format == QLatin1String("email"))
        return QStringLiteral("email address");
    if (format == QLatin1String("uri"))
        return QStringLiteral("address");
    if (format == QLatin1String("date"))
        return QStringLiteral("date, YYYY-MM-DD");
    if (format == QLatin1String("date-time"))
        return QStringLiteral("date and time, YYYY-MM-DDTHH:MM:SSZ");
    return QStringLiteral("text");
}

std::optional<QJsonValue> parseField(const QJsonObject &property, const QString &text,
                                     QString *error)
{
    const QString type = typeOf(property);
    const QString t = text.trimmed();
    const QList<Choice> choices = choicesOf(property);
    QJsonValue v;
    if (type == QLatin1String("boolean")) {
        const QString l = t.toLower();
        if (l == QLatin1String("y") || l == QLatin1String("yes") || l == QLatin1String("true"))
            v = true;
        else if (l == QLatin1String("n") || l == QLatin1String("no") || l == QLatin1String("false"))
            v = false;
        else {
            *error = QStringLiteral("answer yes or no");
            return std::nullopt;
        }
    } else if (type == QLatin1String("number") || type == QLatin1String("integer")) {
        bool ok = false;
        const double d = t.toDouble(&ok);
        if (!ok || !std::isfinite(d)) {
            *error = QStringLiteral("type a number");
            return std::nullopt;
        }
        v = d;
    } else if (type == QLatin1String("array")) {
        QJsonArray picked;
        for (const QString &part : t.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto c = choices.isEmpty() ? std::optional<QString>(part.trimmed())
                                             : pickChoice(choices, part);
            if (!c) {
                *error = QStringLiteral("“%1” is not one of the choices").arg(part.trimmed());
                return std::nullopt;
            }
            picked.append(*c);
        }
        v = picked;
    } else if (!choices.isEmpty()) {
        const auto c = pickChoice(choices, t);
        if (!c) {
            *error = QStringLiteral("“%1” is not one of the choices").arg(t);
            return std::nullopt;
        }
        v = *c;
    } else {
        v = text;
    }
    const QString problem = valueProblem(QStringLiteral("this"), property, v);
    if (!problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    return v;
}

QString checkContent(const QJsonObject &schema, const QJsonObject &content)
{
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    for (auto it = content.begin(); it != content.end(); ++it) {
        if (!properties.contains(it.key()))
            return QStringLiteral("the form has no field “%1” (it has: %2)")
                .arg(it.key(), properties.keys().join(QStringLiteral(", ")));
        const QString problem =
            valueProblem(it.key(), properties.value(it.key()).toObject(), it.value());
        if (!problem.isEmpty())
            return problem;
    }
    for (const QJsonValue &r : schema.value(QStringLiteral("required")).toArray())
        if (!content.contains(r.toString()))
            return QStringLiteral("“%1” is required").arg(r.toString());
    return {};
}

Answered answerForm(const QJsonObject &params, const QString &key,
                    const std::optional<QJsonObject> &answers, const LineReader &ask,
                    const Say &say)
{
    const QString message = params.value(QStringLiteral("message")).toString().simplified();
    const QJsonObject schema = params.value(QStringLiteral("requestedSchema")).toObject();
    if (const auto given = givenAnswer(answers, key)) {
        if (*given == QLatin1String("decline") || *given == QLatin1String("cancel"))
            return {action(given->toString()), {}};
        if (!given->isObject())
            return {action(QStringLiteral("decline")),
                    QStringLiteral("--answers “%1” must be an object of the form's fields, or "
                                   "\"decline\" or \"cancel\"; declined")
                        .arg(key)};
        const QString problem = checkContent(schema, given->toObject());
        if (!problem.isEmpty())
            return {action(QStringLiteral("decline")),
                    QStringLiteral("--answers “%1”: %2; declined").arg(key, problem)};
        QJsonObject r = action(QStringLiteral("accept"));
        r.insert(QStringLiteral("content"), given->toObject());
        return {r, {}};
    }
    if (!ask)
        return {action(QStringLiteral("decline")),
                QStringLiteral("the server asked “%1” and --answers has no “%2”; declined")
                    .arg(message, key)};
    // Field by field: the required ones first, in the order the server listed them
    // (a JSON object keeps no order; its `required` array does), then the others.
    say(QStringLiteral("The server asks: %1\n").arg(message));
    say(QStringLiteral("(Enter skips a field that is not required; Ctrl+D cancels.)\n"));
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    QStringList required;
    for (const QJsonValue &r : schema.value(QStringLiteral("required")).toArray())
        if (properties.contains(r.toString()) && !required.contains(r.toString()))
            required.append(r.toString());
    QStringList order = required;
    for (const QString &name : properties.keys())
        if (!order.contains(name))
            order.append(name);
    QJsonObject content;
    for (const QString &name : order) {
        const QJsonObject property = properties.value(name).toObject();
        const bool must = required.contains(name);
        const QString description =
            property.value(QStringLiteral("description")).toString().simplified();
        QString prompt = QStringLiteral("  %1 (%2%3)")
                             .arg(labelOf(name, property), describeField(property),
                                  must ? QStringLiteral(", required") : QString());
        if (!description.isEmpty())
            prompt += QStringLiteral(" — ") + description;
        const QJsonValue def = property.value(QStringLiteral("default"));
        if (!def.isUndefined())
            prompt += QStringLiteral(" [%1]").arg(def.isString() ? def.toString()
                                                                 : def.toVariant().toString());
        prompt += QStringLiteral(": ");
        for (;;) {
            const auto line = ask(prompt);
            if (!line)
                return {action(QStringLiteral("cancel")), {}};
            if (line->trimmed().isEmpty()) {
                if (!def.isUndefined()) {
                    content.insert(name, def);
                    break;
                }
                if (!must)
                    break;
                say(QStringLiteral("    this one is required\n"));
                continue;
            }
            QString error;
            if (const auto v = parseField(property, *line, &error)) {
                content.insert(name, *v);
                break;
            }
            say(QStringLiteral("    %1\n").arg(error));
        }
    }
    const auto send = ask(QStringLiteral("Send these answers? [Y/n] "));
    if (!send)
        return {action(QStringLiteral("cancel")), {}};
    const QString s = send->trimmed().toLower();
    if (s == QLatin1String("n") || s == QLatin1String("no"))
        return {action(QStringLiteral("decline")), {}};
    QJsonObject r = action(QStringLiteral("accept"));
    r.insert(QStringLiteral("content"), content);
    return {r, {}};
}

Answered answerUrl(const QJsonObject &params, const QString &key,
                   const std::optional<QJsonObject> &answers, const LineReader &ask, const Say &say)
{
    const QString message = params.value(QStringLiteral("message")).toString().simplified();
    const QString url = params.value(QStringLiteral("url")).toString();
    if (const auto given = givenAnswer(answers, key)) {
        if (*given == QLatin1String("accept") || *given == QLatin1String("decline") ||
            *given == QLatin1String("cancel"))
            return {action(given->toString()), {}};
        return {action(QStringLiteral("decline")),
                QStringLiteral("--answers “%1” must be \"accept\", \"decline\" or \"cancel\" for "
                               "a page to visit; declined")
                    .arg(key)};
    }
    if (!ask)
        return {action(QStringLiteral("decline")),
                QStringLiteral("the server asked you to open %1 (%2); declined: not on a "
                               "terminal, and --answers has no “%3”")
                    .arg(url, message, key)};
    say(QStringLiteral("The server asks you to open this address:\n  %1\n%2\n").arg(url, message));
    const auto line =
        ask(QStringLiteral("Press Enter once you have opened it, or type n to decline: "));
    if (!line)
        return {action(QStringLiteral("cancel")), {}};
    const QString l = line->trimmed().toLower();
    return {action(l == QLatin1String("n") || l == QLatin1String("no") ? QStringLiteral("decline")
                                                                       : QStringLiteral("accept")),
            {}};
}

QJsonObject samplingResult(const QString &text)
{
    return QJsonObject{
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                {QStringLiteral("text"), text}}},
        {QStringLiteral("model"), QStringLiteral("mcpdesk-cli --sampling-reply")},
        {QStringLiteral("stopReason"), QStringLiteral("endTurn")}};
}

QJsonArray rootsOf(const QStringList &paths)
{
    QJsonArray out;
    for (const QString &p : paths) {
        const QFileInfo info(p);
        out.append(QJsonObject{
            {QStringLiteral("uri"), QUrl::fromLocalFile(info.absoluteFilePath()).toString()},
            {QStringLiteral("name"), info.fileName().isEmpty() ? p : info.fileName()}});
    }
    return out;
}

} // namespace mcpdesk::cli
