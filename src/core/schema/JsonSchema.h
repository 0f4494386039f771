// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <memory>

namespace mcpdesk {

// A JSON Schema validator on Qt's JSON types, for the schemas MCP servers give
// (tools' inputSchema and outputSchema, elicitation forms): JSON Schema 2020-12,
// the default dialect when `$schema` is absent, with draft-7 spellings accepted
// (`definitions`, array-form `items` with `additionalItems`, `dependencies`).
//
// Supported: boolean schemas, local `$ref` (JSON pointers into the document,
// `$defs`/`definitions`, recursive), type (and type arrays), enum, const,
// allOf/anyOf/oneOf/not, if/then/else, properties, required,
// additionalProperties, patternProperties, propertyNames, min/maxProperties,
// dependentRequired, dependentSchemas, items, prefixItems, additionalItems,
// contains, min/maxItems, uniqueItems, min/maxLength, pattern, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, multipleOf, format (email, uri, date,
// date-time, time). Not supported: `$id`-relative references; references to
// other documents are never fetched and are accepted unchecked;
// `unevaluatedProperties`/`unevaluatedItems`, `$dynamicRef`.
//
// Work is bounded on hostile schemas: nesting depth, total steps, and reference
// loops all stop with an error instead of running away.
class SchemaValidator
{
public:
    struct Error
    {
        QString path;    // of the value, as a JSON pointer ("" = the whole value)
        QString message; // in words
        QString missing; // for "is required": the missing property's name
    };

    explicit SchemaValidator(const QJsonValue &schema);
    QList<Error> validate(const QJsonValue &value) const;
    bool isValid(const QJsonValue &value) const { return validate(value).isEmpty(); }

    // The schema `ref` points to ("#/$defs/x"), or undefined.
    QJsonValue resolve(const QString &ref) const;

    static constexpr int MaxDepth = 64;
    static constexpr int MaxSteps = 200000;

private:
    struct Run;
    bool check(const QJsonValue &schema, const QJsonValue &value, const QString &path, int depth,
               Run &run, QList<Error> *errors) const;
    const QRegularExpression &regex(const QString &pattern) const;

    QJsonValue m_root;
    mutable QHash<QString, std::shared_ptr<QRegularExpression>> m_regexes;
};

// JSON equality as JSON Schema means it (1 == 1.0; object key order ignored).
bool jsonEqual(const QJsonValue &a, const QJsonValue &b);

} // namespace mcpdesk
