// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// A tool's JSON Schema, as a server may send it: the validator, the sample
// arguments the form starts from, the defaults, and the schema checked against itself.
#include "FuzzCommon.h"
#include "schema/JsonSchema.h"
#include "schema/SchemaSample.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(fuzzBytes(data, size));
    if (!doc.isObject())
        return 0;
    const QJsonObject schema = doc.object();
    const mcpdesk::SchemaValidator v(schema);
    const QJsonObject sample = mcpdesk::sampleArguments(schema, &v);
    (void)v.validate(sample);
    (void)v.validate(schema);
    (void)mcpdesk::applyDefaults(schema, sample);
    return 0;
}
