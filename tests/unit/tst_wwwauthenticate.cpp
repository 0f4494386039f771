// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "auth/WwwAuthenticate.h"

#include <QTest>

// (plain string literals: moc in Qt 6.4 cannot read raw strings that contain quotes)

using namespace mcpdesk;

class TestWwwAuthenticate : public QObject
{
    Q_OBJECT
private slots:
    void mcpBearer()
    {
        const auto c = parseWwwAuthenticate(
            "Bearer "
            "resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/"
            "mcp\", scope=\"files:read files:write\"");
        QCOMPARE(c.size(), 1);
        QCOMPARE(c[0].scheme, QStringLiteral("bearer"));
        QCOMPARE(
            c[0].param(QStringLiteral("resource_metadata")),
            QStringLiteral("https://mcp.example.com/.well-known/oauth-protected-resource/mcp"));
        QCOMPARE(c[0].param(QStringLiteral("scope")), QStringLiteral("files:read files:write"));
    }

    void anyOrderAndCase()
    {
        const auto c = bearerChallenge(
            "BEARER Error=\"insufficient_scope\" ,SCOPE=read,  Resource_Metadata = \"http://h/m\"");
        QVERIFY(c);
        QCOMPARE(c->param(QStringLiteral("error")), QStringLiteral("insufficient_scope"));
        QCOMPARE(c->param(QStringLiteral("scope")), QStringLiteral("read"));
        QCOMPARE(c->param(QStringLiteral("resource_metadata")), QStringLiteral("http://h/m"));
    }

    void escapesInQuotedStrings()
    {
        const auto c = bearerChallenge(
            "Bearer error_description=\"say \\\"hi\\\", then \\\\ go\", realm=\"a,b=c\"");
        QVERIFY(c);
        QCOMPARE(c->param(QStringLiteral("error_description")),
                 QStringLiteral("say \"hi\", then \\ go"));
        QCOMPARE(c->param(QStringLiteral("realm")), QStringLiteral("a,b=c"));
    }

    void severalChallenges()
    {
        const auto c =
            parseWwwAuthenticate("Basic realm=\"simple\", Newauth realm=\"apps\", type=1, "
                                 "title=\"Login to \\\"apps\\\"\", Bearer scope=\"x\"");
        QCOMPARE(c.size(), 3);
        QCOMPARE(c[0].scheme, QStringLiteral("basic"));
        QCOMPARE(c[1].scheme, QStringLiteral("newauth"));
        QCOMPARE(c[1].param(QStringLiteral("type")), QStringLiteral("1"));
        QCOMPARE(c[1].param(QStringLiteral("title")), QStringLiteral("Login to \"apps\""));
        QCOMPARE(c[2].param(QStringLiteral("scope")), QStringLiteral("x"));
        QCOMPARE(bearerChallenge("Basic realm=\"simple\", Newauth realm=\"apps\", type=1, "
                                 "title=\"Login to \\\"apps\\\"\", Bearer scope=\"x\"")
                     ->param(QStringLiteral("scope")),
                 QStringLiteral("x"));
    }

    void token68()
    {
        const auto c = parseWwwAuthenticate("Negotiate YIIB==, Bearer realm=\"r\"");
        QCOMPARE(c.size(), 2);
        QCOMPARE(c[0].token68, QStringLiteral("YIIB=="));
        QCOMPARE(c[1].param(QStringLiteral("realm")), QStringLiteral("r"));
    }

    void schemeOnlyAndGarbage()
    {
        QCOMPARE(parseWwwAuthenticate("Bearer").size(), 1);
        QVERIFY(parseWwwAuthenticate("").isEmpty());
        QVERIFY(!bearerChallenge("Basic realm=x"));
        // Garbage never crashes and keeps what it can.
        const auto c = parseWwwAuthenticate("Bearer scope=\"unterminated");
        QCOMPARE(c.size(), 1);
        QCOMPARE(c[0].param(QStringLiteral("scope")), QStringLiteral("unterminated"));
        parseWwwAuthenticate(QByteArray(100000, '"'));
        parseWwwAuthenticate(QByteArray(100000, ','));
        parseWwwAuthenticate(QByteArray(10000, '=') + "Bearer");
        const auto many = parseWwwAuthenticate(QByteArray("A, ").repeated(1000));
        QVERIFY(many.size() <= 64);
    }
};

QTEST_GUILESS_MAIN(TestWwwAuthenticate)
#include "tst_wwwauthenticate.moc"
