// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The validator against the official JSON Schema Test Suite (Debian's
// json-schema-test-suite; its newest files are draft 7), for every keyword it
// supports, plus cases of our own for what MCP schemas use beyond draft 7.
#include "schema/JsonSchema.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace mcpdesk;

namespace {
const QString kSuite = QStringLiteral("/usr/share/json-schema-test-suite/tests/draft7");

// Where draft 7 and 2020-12 disagree, or a feature is out of scope: these cases
// are expected to differ, each with its reason.
const QList<QPair<QString, QString>> kExpectedDifferences = {
    {QStringLiteral("ref.json: ref overrides any sibling keywords"),
     QStringLiteral("2020-12 applies keywords beside $ref too; draft 7 ignored them")},
    {QStringLiteral("ref.json: remote ref, containing refs itself"),
     QStringLiteral(
         "references to other documents are never fetched; what they say is not checked")},
    {QStringLiteral("definitions.json: invalid definition"),
     QStringLiteral(
         "it checks against the draft-07 meta-schema by a remote reference, which is not fetched")},
    {QStringLiteral("ref.json: Recursive references between schemas"),
     QStringLiteral("$id-relative references are not supported")},
};

const QStringList kFiles = {
    QStringLiteral("additionalItems.json"),
    QStringLiteral("additionalProperties.json"),
    QStringLiteral("allOf.json"),
    QStringLiteral("anyOf.json"),
    QStringLiteral("boolean_schema.json"),
    QStringLiteral("const.json"),
    QStringLiteral("contains.json"),
    QStringLiteral("default.json"),
    QStringLiteral("definitions.json"),
    QStringLiteral("dependencies.json"),
    QStringLiteral("enum.json"),
    QStringLiteral("exclusiveMaximum.json"),
    QStringLiteral("exclusiveMinimum.json"),
    QStringLiteral("if-then-else.json"),
    QStringLiteral("items.json"),
    QStringLiteral("maxItems.json"),
    QStringLiteral("maxLength.json"),
    QStringLiteral("maxProperties.json"),
    QStringLiteral("maximum.json"),
    QStringLiteral("minItems.json"),
    QStringLiteral("minLength.json"),
    QStringLiteral("minProperties.json"),
    QStringLiteral("minimum.json"),
    QStringLiteral("multipleOf.json"),
    QStringLiteral("not.json"),
    QStringLiteral("oneOf.json"),
    QStringLiteral("pattern.json"),
    QStringLiteral("patternProperties.json"),
    QStringLiteral("properties.json"),
    QStringLiteral("propertyNames.json"),
    QStringLiteral("ref.json"),
    QStringLiteral("required.json"),
    QStringLiteral("type.json"),
    QStringLiteral("uniqueItems.json"),
    QStringLiteral("optional/format/date.json"),
    QStringLiteral("optional/format/date-time.json"),
    QStringLiteral("optional/format/email.json"),
    QStringLiteral("optional/format/time.json"),
};
} // namespace

class TestJsonSchema : public QObject
{
    Q_OBJECT
private slots:
    void officialSuite()
    {
        if (!QDir(kSuite).exists())
            QFAIL("json-schema-test-suite is not installed (scripts/dev.sh installs it)");
        QStringList unexpected;
        QSet<QString> differing;
        int cases = 0;
        for (const QString &file : kFiles) {
            QFile f(kSuite + QLatin1Char('/') + file);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
            const QJsonArray groups = QJsonDocument::fromJson(f.readAll()).array();
            for (const QJsonValue &g : groups) {
                const QJsonObject group = g.toObject();
                const QString name = QFileInfo(file).fileName() + QStringLiteral(": ") +
                                     group.value(QStringLiteral("description")).toString();
                const SchemaValidator validator(group.value(QStringLiteral("schema")));
                for (const QJsonValue &t : group.value(QStringLiteral("tests")).toArray()) {
                    const QJsonObject test = t.toObject();
                    ++cases;
                    const bool expected = test.value(QStringLiteral("valid")).toBool();
                    if (validator.isValid(test.value(QStringLiteral("data"))) == expected)
                        continue;
                    const bool allowed =
                        std::any_of(kExpectedDifferences.begin(), kExpectedDifferences.end(),
                                    [&](const auto &d) { return d.first == name; });
                    if (allowed)
                        differing.insert(name);
                    else
                        unexpected.append(name + QStringLiteral(" / ") +
                                          test.value(QStringLiteral("description")).toString());
                }
            }
        }
        qInfo(
            "%d cases of the official suite; %d group(s) differ as listed: %s", cases,
            int(differing.size()),
            qPrintable(QStringList(differing.begin(), differing.end()).join(QStringLiteral("; "))));
        QVERIFY(cases > 400);
        QCOMPARE(differing.size(), kExpectedDifferences.size()); // the list stays exact
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(QLatin1Char('\n'))));
    }

    // What MCP schemas use beyond draft 7.
    void draft2020Keywords()
    {
        const QJsonObject schema =
            QJsonDocument::fromJson("{\"$defs\":{\"pos\":{\"type\":\"integer\",\"minimum\":1}},"
                                    "\"type\":\"object\",\"properties\":{"
                                    "\"n\":{\"$ref\":\"#/$defs/pos\"},"
                                    "\"pair\":{\"type\":\"array\",\"prefixItems\":[{\"type\":"
                                    "\"string\"},{\"type\":\"number\"}],\"items\":false},"
                                    "\"a\":{}, \"b\":{}},"
                                    "\"dependentRequired\":{\"a\":[\"b\"]}}")
                .object();
        const SchemaValidator v(schema);
        QVERIFY(v.isValid(QJsonDocument::fromJson("{\"n\":3,\"pair\":[\"x\",1]}").object()));
        QVERIFY(!v.isValid(QJsonDocument::fromJson("{\"n\":0}").object()));
        QVERIFY(!v.isValid(QJsonDocument::fromJson("{\"pair\":[\"x\",1,2]}")
                               .object())); // items:false after the prefix
        QVERIFY(!v.isValid(QJsonDocument::fromJson("{\"pair\":[1]}").object()));
        QVERIFY(!v.isValid(QJsonDocument::fromJson("{\"a\":1}").object())); // b required with a
        const auto errors = v.validate(QJsonDocument::fromJson("{\"n\":0}").object());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().path, QStringLiteral("/n"));
        QVERIFY(errors.first().message.contains(QStringLiteral("at least 1")));
    }

    // Hostile schemas end in an error, quickly.
    void boundedWork()
    {
        const SchemaValidator loop(
            QJsonDocument::fromJson(
                "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}")
                .object());
        QVERIFY(!loop.isValid(1));
        QVERIFY2(loop.validate(1).first().message.contains(QStringLiteral("refers to itself")),
                 qPrintable(loop.validate(1).first().message));
        QJsonObject deep{{QStringLiteral("type"), QStringLiteral("object")}};
        for (int i = 0; i < 500; ++i)
            deep = QJsonObject{{QStringLiteral("allOf"), QJsonArray{deep}}};
        QVERIFY(!SchemaValidator(deep).isValid(QJsonObject()));
        QJsonArray hugeEnum;
        for (int i = 0; i < 100000; ++i)
            hugeEnum.append(i);
        QVERIFY(SchemaValidator(QJsonObject{{QStringLiteral("enum"), hugeEnum}}).isValid(99999));
        // Exponential anyOf fan-out stops at the step budget.
        QJsonObject fan{{QStringLiteral("type"), QStringLiteral("number")}};
        for (int i = 0; i < 40; ++i)
            fan = QJsonObject{{QStringLiteral("anyOf"), QJsonArray{fan, fan}},
                              {QStringLiteral("not"), QJsonObject{}}};
        // 2^40 branches: the budget ends the work, and a schema that could not be
        // checked to the end is not called valid.
        const auto errors = SchemaValidator(fan).validate(1);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().message.contains(QStringLiteral("too complex")),
                 qPrintable(errors.first().message));
    }
};

QTEST_GUILESS_MAIN(TestJsonSchema)
#include "tst_jsonschema.moc"
