// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

// How mcpdesk-cli answers what a server asks the person: elicitation (a form, or a
// page to visit), sampling and roots — a legacy server's own requests and a modern
// server's input requests alike (the session hands both to the same handlers).
namespace mcpdesk::cli {

// Shows `prompt` and reads one line typed by the person; nullopt at the end of
// input (Ctrl+D) or when interrupted (Ctrl+C).
using LineReader = std::function<std::optional<QString>(const QString &prompt)>;
// Writes a line of text meant for the person (the terminal's stderr).
using Say = std::function<void(const QString &text)>;

struct Answered
{
    QJsonObject result; // an ElicitResult: {action, content?}
    QString note;       // why it was declined, for stderr; empty when answered
};

// A form (`params`: message, requestedSchema): from `answers[key]` when --answers
// has it (an object is the content; "decline" or "cancel" that action), else asked
// field by field through `ask` when there is a terminal, else declined.
Answered answerForm(const QJsonObject &params, const QString &key,
                    const std::optional<QJsonObject> &answers, const LineReader &ask,
                    const Say &say);
// A page to visit (`params`: message, url): the address is shown and consent
// asked for on a terminal (Enter), or taken from `answers[key]` ("accept");
// otherwise declined. McpDesk never opens the page itself here.
Answered answerUrl(const QJsonObject &params, const QString &key,
                   const std::optional<QJsonObject> &answers, const LineReader &ask,
                   const Say &say);
// A sampling result carrying `text` as the model's answer.
QJsonObject samplingResult(const QString &text);
// Roots for absolute paths: [{uri: file:///…, name}].
QJsonArray rootsOf(const QStringList &paths);

// Whether `content` fits a form's restricted schema; the problem in words if not.
QString checkContent(const QJsonObject &schema, const QJsonObject &content);
// A field's value from what the person typed; nullopt with `error` when it does
// not fit (`property` is the field's schema).
std::optional<QJsonValue> parseField(const QJsonObject &property, const QString &text,
                                     QString *error);
// What a field takes, in words ("whole number", "yes or no", "one of: a, b").
QString describeField(const QJsonObject &property);

} // namespace mcpdesk::cli
