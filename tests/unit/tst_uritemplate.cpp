// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// URI templates as resource templates use them (RFC 6570 section 1.2's examples, levels 1–3).
#include "protocol/UriTemplate.h"

#include <QTest>

using namespace mcpdesk;

class TestUriTemplate : public QObject
{
    Q_OBJECT
private slots:
    void expands_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("expected");
        QTest::newRow("simple") << QStringLiteral("demo://resource/dynamic/text/{resourceId}")
                                << QStringLiteral("demo://resource/dynamic/text/42");
        QTest::newRow("encoded") << QStringLiteral("x:{hello}")
                                 << QStringLiteral("x:Hello%20World%21");
        QTest::newRow("reserved") << QStringLiteral("{+path}/here")
                                  << QStringLiteral("/foo/bar/here");
        QTest::newRow("fragment") << QStringLiteral("X{#var}") << QStringLiteral("X#value");
        QTest::newRow("two") << QStringLiteral("map?{x,y}") << QStringLiteral("map?1024,768");
        QTest::newRow("label") << QStringLiteral("X{.var}") << QStringLiteral("X.value");
        QTest::newRow("path") << QStringLiteral("{/var,x}/here")
                              << QStringLiteral("/value/1024/here");
        QTest::newRow("params") << QStringLiteral("{;x,y,empty}")
                                << QStringLiteral(";x=1024;y=768;empty");
        QTest::newRow("query") << QStringLiteral("{?x,y,empty}")
                               << QStringLiteral("?x=1024&y=768&empty=");
        QTest::newRow("continuation")
            << QStringLiteral("?fixed=yes{&x}") << QStringLiteral("?fixed=yes&x=1024");
        QTest::newRow("undefined left out")
            << QStringLiteral("{?x,undef}") << QStringLiteral("?x=1024");
        QTest::newRow("no expression")
            << QStringLiteral("file:///a/b") << QStringLiteral("file:///a/b");
        QTest::newRow("unclosed") << QStringLiteral("a{b") << QStringLiteral("a{b");
    }
    void expands()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, expected);
        const QHash<QString, QString> values{
            {QStringLiteral("resourceId"), QStringLiteral("42")},
            {QStringLiteral("hello"), QStringLiteral("Hello World!")},
            {QStringLiteral("path"), QStringLiteral("/foo/bar")},
            {QStringLiteral("var"), QStringLiteral("value")},
            {QStringLiteral("x"), QStringLiteral("1024")},
            {QStringLiteral("y"), QStringLiteral("768")},
            {QStringLiteral("empty"), QString()}};
        QCOMPARE(UriTemplate(pattern).expand(values), expected);
    }
    void variables()
    {
        QCOMPARE(UriTemplate(QStringLiteral("a/{x}/{+y}{?z,x}")).variables(),
                 (QStringList{QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z")}));
    }
};

QTEST_GUILESS_MAIN(TestUriTemplate)
#include "tst_uritemplate.moc"
