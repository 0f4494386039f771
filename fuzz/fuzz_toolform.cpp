// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The form a tool's input schema becomes (widgets, offscreen): built from any schema a
// server may send, filled with the sample arguments and with values of the wrong
// shape, read back and validated — the Tools tab and the elicitation dialog do this.
#include "FuzzCommon.h"
#include "ToolForm.h"
#include "schema/JsonSchema.h"
#include "schema/SchemaSample.h"

#include <QApplication>
#include <QJsonDocument>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_LOGGING_RULES", "*.debug=false;*.warning=false");
    static int argc = 1;
    static char name[] = "mcpdesk-fuzz";
    static char *argv[] = {name, nullptr};
    static QApplication *app = new QApplication(argc, argv);
    (void)app;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(fuzzBytes(data, size));
    if (!doc.isObject())
        return 0;
    const QJsonObject schema = doc.object();
    {
        mcpdesk::ToolForm form(schema);
        const mcpdesk::SchemaValidator v(schema);
        form.setValue(mcpdesk::sampleArguments(schema, &v));
        (void)form.value();
        (void)form.validate();
        form.setValue(schema); // every property given a value of whatever shape
        (void)form.value();
        (void)form.validate();
    }
    fuzzDrainEvents();
    return 0;
}
