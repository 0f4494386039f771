// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The headers MCP 2026-07-28 mirrors from a tool call (SEP-2243): the values as the
// spec's own examples encode them, and the x-mcp-header annotations a tool may and
// may not carry (the cases of the conformance scenario http-invalid-tool-headers).
#include "protocol/McpHeaders.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace mcpdesk;
using namespace mcpdesk::mcpheaders;

namespace {
// JSON written with ' for " (moc cannot read raw string literals).
QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(QByteArray(text).replace('\'', '"')).object();
}
} // namespace

class TestMcpHeaders : public QObject
{
    Q_OBJECT
private slots:
    void textAsTheSpecEncodesIt_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("plain") << QStringLiteral("us-west1") << QByteArray("us-west1");
        QTest::newRow("inner spaces") << QStringLiteral("a b c") << QByteArray("a b c");
        QTest::newRow("non-ASCII")
            << QStringLiteral("Hello, 世界") << QByteArray("=?base64?SGVsbG8sIOS4lueVjA==?=");
        QTest::newRow("padded") << QStringLiteral(" padded ")
                                << QByteArray("=?base64?IHBhZGRlZCA=?=");
        QTest::newRow("newline") << QStringLiteral("line1\nline2")
                                 << QByteArray("=?base64?bGluZTEKbGluZTI=?=");
        QTest::newRow("sentinel") << QStringLiteral("=?base64?literal?=")
                                  << QByteArray("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
        QTest::newRow("tab") << QStringLiteral("a\tb") << QByteArray("=?base64?YQli?=");
        QTest::newRow("carriage return") << QStringLiteral("x\r\nMcp-Method: evil")
                                         << QByteArray("=?base64?eA0KTWNwLU1ldGhvZDogZXZpbA==?=");
        QTest::newRow("DEL") << QStringLiteral("a\x7f") << QByteArray("=?base64?YX8=?=");
        QTest::newRow("empty") << QString() << QByteArray();
    }
    void textAsTheSpecEncodesIt()
    {
        QFETCH(QString, value);
        QFETCH(QByteArray, header);
        QCOMPARE(encodeText(value), header);
        QCOMPARE(encodeValue(QJsonValue(value)).value_or("(none)"), header);
    }

    void valuesByType()
    {
        QCOMPARE(encodeValue(42).value_or("(none)"), QByteArray("42"));
        QCOMPARE(encodeValue(-7).value_or("(none)"), QByteArray("-7"));
        QCOMPARE(encodeValue(9007199254740991.0).value_or("(none)"),
                 QByteArray("9007199254740991"));
        QCOMPARE(encodeValue(true).value_or("(none)"), QByteArray("true"));
        QCOMPARE(encodeValue(false).value_or("(none)"), QByteArray("false"));
        QVERIFY(!encodeValue(QJsonValue(QJsonValue::Null)));
        QVERIFY(!encodeValue(QJsonValue(QJsonValue::Undefined)));
        // Not what a valid annotation allows: carried whole, Base64-encoded.
        QCOMPARE(encodeValue(1.5).value_or("(none)"), QByteArray("=?base64?MS41?="));
        QCOMPARE(encodeValue(QJsonArray{1, 2}).value_or("(none)"),
                 QByteArray("=?base64?WzEsMl0=?="));
    }

    // The spec's example tool, with a nested property and a parameter named like a
    // standard header: every annotated argument is mirrored, nothing else.
    void mirrorsTheAnnotatedArguments()
    {
        const ToolHeaders tool =
            toolHeaders(json("{'type': 'object', 'properties': {"
                             "'region': {'type': 'string', 'x-mcp-header': 'Region'},"
                             "'method': {'type': 'string', 'x-mcp-header': 'Method'},"
                             "'query': {'type': 'string'},"
                             "'float_val': {'type': 'number'},"
                             "'limits': {'type': 'object', 'properties': {"
                             "'max': {'type': 'integer', 'x-mcp-header': 'Max'},"
                             "'dry': {'type': 'boolean', 'x-mcp-header': 'Dry-Run'}}},"
                             "'verbose': {'type': 'boolean', 'x-mcp-header': 'Verbose'}}}"));
        QVERIFY2(tool.isValid(), qPrintable(tool.error));
        QCOMPARE(tool.params.size(), 5);
        const HeaderList headers = paramHeaders(
            tool.params,
            json("{'region': 'us-west1', 'method': 'GET', 'query': 'SELECT 1',"
                 "'float_val': 2.5, 'limits': {'max': 10, 'dry': false}, 'verbose': null}"));
        const HeaderList expected{{"Mcp-Param-Region", "us-west1"},
                                  {"Mcp-Param-Method", "GET"},
                                  {"Mcp-Param-Max", "10"},
                                  {"Mcp-Param-Dry-Run", "false"}};
        for (const auto &h : expected)
            QVERIFY2(headers.contains(h), h.first.constData());
        QCOMPARE(headers.size(), expected.size()); // no query, no float, no null verbose
        // Absent arguments: no header.
        QVERIFY(paramHeaders(tool.params, QJsonObject()).isEmpty());
    }

    void refusesBadAnnotations_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QString>("reason");
        auto prop = [](const char *type, const char *name) {
            return QByteArray("{'type':'object','properties':{'p':{'type':'") + type +
                   "','x-mcp-header':" + name + "}}}";
        };
        QTest::newRow("empty") << prop("string", "\"\"") << QStringLiteral("is empty");
        QTest::newRow("space") << prop("string", "\"My Header\"")
                               << QStringLiteral("not a valid HTTP header name");
        QTest::newRow("colon") << prop("string", "\"a:b\"")
                               << QStringLiteral("not a valid HTTP header name");
        QTest::newRow("non-ASCII")
            << prop("string", "\"Régión\"") << QStringLiteral("not a valid HTTP header name");
        QTest::newRow("control") << prop("string", "\"a\\u0001b\"")
                                 << QStringLiteral("not a valid HTTP header name");
        QTest::newRow("not a string") << prop("string", "7") << QStringLiteral("not text");
        QTest::newRow("object") << prop("object", "\"X\"")
                                << QStringLiteral("not a string, integer or boolean");
        QTest::newRow("array") << prop("array", "\"X\"")
                               << QStringLiteral("not a string, integer or boolean");
        QTest::newRow("null") << prop("null", "\"X\"")
                              << QStringLiteral("not a string, integer or boolean");
        QTest::newRow("number") << prop("number", "\"X\"")
                                << QStringLiteral("not a string, integer or boolean");
        QTest::newRow("duplicate")
            << QByteArray("{'properties':{'a':{'type':'string','x-mcp-header':'Region'},"
                          "'b':{'type':'string','x-mcp-header':'region'}}}")
            << QStringLiteral("used twice");
        QTest::newRow("in items") << QByteArray("{'properties':{'a':{'type':'array','items':{'type'"
                                                ":'string','x-mcp-header':'I'}}}}")
                                  << QStringLiteral("where no argument is");
        QTest::newRow("in oneOf")
            << QByteArray("{'properties':{'a':{'oneOf':[{'type':'string','x-mcp-header':'O'}]}}}")
            << QStringLiteral("where no argument is");
        QTest::newRow("in $defs") << QByteArray("{'$defs':{'d':{'type':'string','x-mcp-header':'D'}"
                                                "},'properties':{'a':{'$ref':'#/$defs/d'}}}")
                                  << QStringLiteral("where no argument is");
        QTest::newRow("at the root") << QByteArray("{'type':'string','x-mcp-header':'Root'}")
                                     << QStringLiteral("where no argument is");
    }
    void refusesBadAnnotations()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QString, reason);
        const ToolHeaders tool = toolHeaders(json(schema));
        QVERIFY(!tool.isValid());
        QVERIFY2(tool.error.contains(reason), qPrintable(tool.error));
        QVERIFY(tool.params.isEmpty());
    }

    // Data that happens to hold the word is no annotation.
    void defaultsAndExamplesAreData()
    {
        const ToolHeaders tool =
            toolHeaders(json("{'properties':{'a':{'type':'object','default':{'x-mcp-header':'no'},"
                             "'examples':[{'x-mcp-header':'no'}]}}}"));
        QVERIFY2(tool.isValid(), qPrintable(tool.error));
        QVERIFY(tool.params.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMcpHeaders)
#include "tst_mcpheaders.moc"
