// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "protocol/ContentFormat.h"
#include "schema/SchemaSample.h"
#include "util/Format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace mcpdesk;

class TestContentFormat : public QObject
{
    Q_OBJECT
private slots:
    void sizes()
    {
        QCOMPARE(formatByteSize(512), QStringLiteral("512 B"));
        QCOMPARE(formatByteSize(1229), QStringLiteral("1.2 KB"));
        QCOMPARE(formatByteSize(3 * 1024 * 1024 + 400 * 1024), QStringLiteral("3.4 MB"));
        QCOMPARE(decodedBase64Size(QString::fromLatin1(QByteArray(1229, 'z').toBase64())), 1229);
        QCOMPARE(decodedBase64Size(QString::fromLatin1(QByteArray(1, 'z').toBase64())), 1);
        QCOMPARE(decodedBase64Size(QString::fromLatin1(QByteArray(2, 'z').toBase64())), 2);
    }

    void items()
    {
        const QString png = QString::fromLatin1(QByteArray(1229, 'p').toBase64());
        QCOMPARE(
            formatContentItem(QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                                          {QStringLiteral("mimeType"), QStringLiteral("image/png")},
                                          {QStringLiteral("data"), png}}),
            QStringLiteral("[image image/png 1.2 KB]"));
        QCOMPARE(formatContentItem(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                               {QStringLiteral("text"), QStringLiteral("hi")}}),
                 QStringLiteral("hi"));
        QCOMPARE(formatContentItem(
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("resource_link")},
                                 {QStringLiteral("uri"), QStringLiteral("demo://r/1")},
                                 {QStringLiteral("name"), QStringLiteral("One")},
                                 {QStringLiteral("mimeType"), QStringLiteral("text/plain")}}),
                 QStringLiteral("[resource link demo://r/1 One text/plain]"));
        QCOMPARE(formatContentItem(QJsonObject{
                     {QStringLiteral("type"), QStringLiteral("resource")},
                     {QStringLiteral("resource"),
                      QJsonObject{{QStringLiteral("uri"), QStringLiteral("demo://r/2")},
                                  {QStringLiteral("mimeType"), QStringLiteral("text/plain")},
                                  {QStringLiteral("text"), QStringLiteral("abc")}}}}),
                 QStringLiteral("[resource demo://r/2 text/plain 3 B]"));
        const QJsonObject structuredOnly{
            {QStringLiteral("content"), QJsonArray()},
            {QStringLiteral("structuredContent"), QJsonObject{{QStringLiteral("t"), 22.5}}}};
        QCOMPARE(formatToolResult(structuredOnly), QStringLiteral("{\"t\":22.5}"));
    }

    void samples()
    {
        const QJsonObject schema =
            QJsonDocument::fromJson(
                "{"
                "\"type\":\"object\","
                "\"properties\":{"
                "\"a\":{\"type\":\"number\"}, \"b\":{\"type\":\"integer\",\"minimum\":3},"
                "\"s\":{\"type\":\"string\",\"default\":\"x\"}, \"e\":{\"enum\":[\"r\",\"g\"]},"
                "\"opt\":{\"type\":\"boolean\"}, "
                "\"o\":{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},"
                "\"required\":[\"n\"]}"
                "},"
                "\"required\":[\"a\",\"b\",\"e\",\"o\"]}")
                .object();
        const QJsonObject args = sampleArguments(schema);
        QCOMPARE(args.value(QStringLiteral("a")).toDouble(), 0.0);
        QCOMPARE(args.value(QStringLiteral("b")).toInt(), 3);
        QCOMPARE(args.value(QStringLiteral("s")).toString(), QStringLiteral("x"));
        QCOMPARE(args.value(QStringLiteral("e")).toString(), QStringLiteral("r"));
        QVERIFY(!args.contains(QStringLiteral("opt")));
        QCOMPARE(args.value(QStringLiteral("o")).toObject().value(QStringLiteral("n")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestContentFormat)
#include "tst_contentformat.moc"
