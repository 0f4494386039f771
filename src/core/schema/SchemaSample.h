// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QJsonValue>

namespace mcpdesk {

// A value that satisfies a (simple) JSON Schema: its `default` or `const` when
// given, else the first `enum` member, else a plain example of its type
// (0 within bounds, "", false, [], an object of its required properties).
// Used to pre-fill forms and by the headless conformance client.
// `refs` resolves `$ref` (the root schema's validator); without it references are
// left empty.
class SchemaValidator;
QJsonValue sampleValue(const QJsonObject &schema, int depth = 0,
                       const SchemaValidator *refs = nullptr);

// An arguments object for `schema` (an object schema): every property with a
// default gets it, every required property gets a sample value.
QJsonObject sampleArguments(const QJsonObject &schema, const SchemaValidator *refs = nullptr);

// `values` with every property of the object schema `schema` that has a `default`
// and is missing from `values` filled with that default (SEP-1034: an elicitation
// answer carries the defaults of the fields the user left alone).
QJsonObject applyDefaults(const QJsonObject &schema, QJsonObject values);

} // namespace mcpdesk
