// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// What McpDesk accepts of a server's icons: where they may come from, what they may
// be, and which SVGs are drawn at all.
#include "protocol/IconRules.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace mcpdesk;

class TestIconRules : public QObject
{
    Q_OBJECT
private slots:
    void sources_data()
    {
        QTest::addColumn<QString>("icon");
        QTest::addColumn<QString>("server");
        QTest::addColumn<bool>("allowed");
        const QString https = QStringLiteral("https://mcp.example.com/mcp");
        QTest::newRow("same https origin")
            << QStringLiteral("https://mcp.example.com/icons/a.png") << https << true;
        QTest::newRow("another host")
            << QStringLiteral("https://cdn.example.com/a.png") << https << false;
        QTest::newRow("another port")
            << QStringLiteral("https://mcp.example.com:8443/a.png") << https << false;
        QTest::newRow("http from a remote server")
            << QStringLiteral("http://mcp.example.com/a.png")
            << QStringLiteral("http://mcp.example.com/mcp") << false;
        QTest::newRow("http on loopback") << QStringLiteral("http://127.0.0.1:8080/a.png")
                                          << QStringLiteral("http://127.0.0.1:8080/mcp") << true;
        QTest::newRow("http, another loopback host")
            << QStringLiteral("http://127.0.0.2:8080/a.png")
            << QStringLiteral("http://127.0.0.1:8080/mcp") << false;
        QTest::newRow("data") << QStringLiteral("data:image/png;base64,AAAA") << https << true;
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << https << false;
        QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << https << false;
        QTest::newRow("stdio, https")
            << QStringLiteral("https://mcp.example.com/a.png") << QString() << false;
        QTest::newRow("stdio, data")
            << QStringLiteral("data:image/png;base64,AAAA") << QString() << true;
    }
    void sources()
    {
        QFETCH(QString, icon);
        QFETCH(QString, server);
        QFETCH(bool, allowed);
        const QString why = icons::refusedSource(QUrl(icon), QUrl(server));
        QCOMPARE(why.isEmpty(), allowed);
    }

    void svgs_data()
    {
        QTest::addColumn<QByteArray>("svg");
        QTest::addColumn<QString>("refused");
        const QByteArray open = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                "xmlns:xlink=\"http://www.w3.org/1999/xlink\">";
        QTest::newRow("plain") << open + "<rect width=\"4\" height=\"4\" fill=\"url(#g)\"/></svg>"
                               << QString();
        QTest::newRow("script") << open + "<script>alert(1)</script></svg>"
                                << QStringLiteral("script");
        QTest::newRow("handler") << open + "<rect onload=\"alert(1)\"/></svg>"
                                 << QStringLiteral("script");
        QTest::newRow("foreignObject") << open + "<foreignObject><p>hi</p></foreignObject></svg>"
                                       << QStringLiteral("foreignObject");
        QTest::newRow("external use")
            << open + "<use xlink:href=\"https://evil.example/x.svg#a\"/></svg>"
            << QStringLiteral("another file");
        QTest::newRow("local use") << open + "<use href=\"#a\"/></svg>" << QString();
        QTest::newRow("image") << open + "<image href=\"file:///etc/hostname\"/></svg>"
                               << QStringLiteral("another image");
        QTest::newRow("css url") << open + "<style>rect{fill:url(https://x/y)}</style></svg>"
                                 << QStringLiteral("another file");
        QTest::newRow("css import") << open + "<style>@import 'https://x/y.css';</style></svg>"
                                    << QStringLiteral("another file");
        QTest::newRow("entity") << QByteArray(
                                       "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM "
                                       "\"file:///etc/passwd\">]>") +
                                       open + "<text>&x;</text></svg>"
                                << QStringLiteral("DTD");
        QTest::newRow("not svg") << QByteArray("<html><script/></html>")
                                 << QStringLiteral("not an SVG");
        QTest::newRow("broken") << open + "<rect" << QStringLiteral("well-formed");
    }
    void svgs()
    {
        QFETCH(QByteArray, svg);
        QFETCH(QString, refused);
        const QString why = icons::svgRefusal(svg);
        if (refused.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(refused), qPrintable(why));
    }

    void images()
    {
        QByteArray format;
        QVERIFY(
            icons::refusedImage(QByteArray("\x89PNG\r\n\x1a\n....", 12), false, &format).isEmpty());
        QCOMPARE(format, QByteArray("png"));
        QVERIFY(icons::refusedImage("\xff\xd8\xff\xe0....", false, &format).isEmpty());
        QCOMPARE(format, QByteArray("jpeg"));
        const QByteArray webp = QByteArray("RIFF\0\0\0\0WEBPVP8 ", 16);
        QVERIFY(icons::refusedImage(webp, false, &format).contains(QStringLiteral("WebP")));
        QVERIFY(icons::refusedImage(webp, true, &format).isEmpty());
        QVERIFY(icons::refusedImage("GIF89a....", false, &format)
                    .contains(QStringLiteral("not a PNG")));
        // 50 MB, or anything past the limit, is refused by size before anything else.
        const QByteArray huge =
            QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(icons::MaxBytes, '\0');
        QVERIFY(icons::refusedImage(huge, false, &format).contains(QStringLiteral("larger")));
        QVERIFY(icons::refusedImage(QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\">"
                                               "<script/></svg>"),
                                    false, &format)
                    .contains(QStringLiteral("script")));
    }

    // The theme that suits the palette first, then one without a theme, then any.
    void themes()
    {
        const QJsonArray both{QJsonObject{{QStringLiteral("src"), QStringLiteral("a")},
                                          {QStringLiteral("theme"), QStringLiteral("light")}},
                              QJsonObject{{QStringLiteral("src"), QStringLiteral("b")},
                                          {QStringLiteral("theme"), QStringLiteral("dark")}},
                              QJsonObject{{QStringLiteral("src"), QStringLiteral("c")}}};
        QCOMPARE(icons::pick(both, false).value(QStringLiteral("src")).toString(),
                 QStringLiteral("a"));
        QCOMPARE(icons::pick(both, true).value(QStringLiteral("src")).toString(),
                 QStringLiteral("b"));
        const QJsonArray lightOnly{QJsonObject{{QStringLiteral("src"), QStringLiteral("a")},
                                               {QStringLiteral("theme"), QStringLiteral("light")}},
                                   QJsonObject{{QStringLiteral("src"), QStringLiteral("c")}}};
        QCOMPARE(icons::pick(lightOnly, true).value(QStringLiteral("src")).toString(),
                 QStringLiteral("c"));
        QVERIFY(
            icons::pick(QJsonArray{QJsonObject{{QStringLiteral("sizes"), 3}}}, false).isEmpty());
    }

    void dataUris()
    {
        QString why;
        QCOMPARE(icons::dataUriBytes(QUrl(QStringLiteral("data:image/png;base64,aGk=")), &why),
                 QByteArray("hi"));
        QVERIFY(why.isEmpty());
        QCOMPARE(icons::dataUriBytes(QUrl(QStringLiteral("data:image/svg+xml,%3Csvg%2F%3E")), &why),
                 QByteArray("<svg/>"));
        icons::dataUriBytes(QUrl(QStringLiteral("data:image/png;base64,@@@")), &why);
        QVERIFY(!why.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIconRules)
#include "tst_iconrules.moc"
