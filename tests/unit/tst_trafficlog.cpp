// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The traffic log keeps no secret, names responses after their requests, stays
// within its capacity and exports JSON lines.
#include "protocol/TrafficLog.h"
#include "util/Deflate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace mcpdesk;

class TestTrafficLog : public QObject
{
    Q_OBJECT
private slots:
    void secretsAreMasked()
    {
        TrafficLog log;
        const QJsonObject call =
            QJsonDocument::fromJson(
                R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"login",
                "arguments":{"user":"ada","password":"hunter2-not-real","api_key":"k-not-real",
                "nested":[{"access_token":"at-not-real","Authorization":"Bearer bt-not-real"}],
                "note":"Bearer inline-not-real","count":5},"_meta":{"progressToken":3}}})")
                .object();
        log.addMessage(TrafficLog::Direction::Sent, call);
        const QByteArray shown = QJsonDocument(log.at(0).message()).toJson(QJsonDocument::Compact);
        for (const char *secret :
             {"hunter2", "k-not-real", "at-not-real", "bt-not-real", "inline-not-real"})
            QVERIFY2(!shown.contains(secret), shown.constData());
        QVERIFY(shown.contains("\"user\":\"ada\"")); // ordinary values stay
        QVERIFY(shown.contains("\"count\":5"));
        QVERIFY(shown.contains("\"progressToken\":3"));
        QVERIFY(shown.contains("\"note\":\"Bearer ••••\""));
        // An error's numeric code is no secret.
        log.addMessage(TrafficLog::Direction::Received,
                       QJsonDocument::fromJson(
                           R"({"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"bad"}})")
                           .object());
        QCOMPARE(log.at(1)
                     .message()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 -32602);
        // HTTP headers: only harmless ones are shown as they are.
        log.addHttp("POST", QStringLiteral("https://h/mcp"),
                    {{"Authorization", "Bearer tok-not-real"},
                     {"X-Api-Key", "xk-not-real"},
                     {"Mcp-Session-Id", "abc"},
                     {"Accept", "application/json, text/event-stream"}});
        const QString http = log.at(2).text;
        QVERIFY2(http.contains(QStringLiteral("Authorization: Bearer ••••")), qPrintable(http));
        QVERIFY(http.contains(QStringLiteral("X-Api-Key: ••••")));
        QVERIFY(http.contains(QStringLiteral("Mcp-Session-Id: abc")));
        QVERIFY(!http.contains(QStringLiteral("not-real")));
        QVERIFY(!log.toJsonLines().contains("not-real"));
        // A server's state for a request of more rounds: its size, never its content.
        log.addMessage(TrafficLog::Direction::Received,
                       QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":4,"result":{
                "resultType":"input_required","requestState":"c3RhdGUtbm90LXJlYWw="}})")
                           .object());
        const QByteArray round = log.at(3).compactJson();
        QVERIFY2(round.contains("\"requestState\":\"•••• (20 bytes)\""), round.constData());
        QVERIFY(!log.toJsonLines().contains("c3RhdGUt"));
    }

    // Messages are kept as compact JSON text; one that came in large is kept as it
    // came (no copy, no second serialization, no walk through it on the event loop)
    // and masked when read. Masked either way.
    void smallAsTextLargeAsReceived()
    {
        TrafficLog log;
        const QJsonObject small =
            QJsonDocument::fromJson(
                R"({"jsonrpc":"2.0","id":1,"result":{"token":"t-not-real","n":1}})")
                .object();
        log.addMessage(TrafficLog::Direction::Received, small, 60);
        QVERIFY(log.at(0).large.isEmpty());
        QCOMPARE(log.at(0).json,
                 QByteArray(R"({"id":1,"jsonrpc":"2.0","result":{"n":1,"token":"••••"}})"));
        QCOMPARE(log.at(0)
                     .message()
                     .value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("n"))
                     .toInt(),
                 1);
        QJsonObject big = small;
        big.insert(QStringLiteral("text"), QString(300 * 1024, QLatin1Char('x')));
        log.addMessage(TrafficLog::Direction::Received, big, 300 * 1024 + 60);
        QVERIFY(log.at(1).json.isEmpty());
        QCOMPARE(log.at(1).message().value(QStringLiteral("text")).toString().size(), 300 * 1024);
        QCOMPARE(log.at(1)
                     .message()
                     .value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("token"))
                     .toString(),
                 QStringLiteral("••••")); // masked when read
        QVERIFY(!log.at(1).compactJson().contains("t-not-real"));
        QVERIFY(log.at(1).hasMessage());
        QVERIFY(!log.toJsonLines().contains("t-not-real"));
    }

    // A tool list or a result of a few KB is kept deflated (a quarter of its text)
    // and comes back exactly, masked, wherever it is read.
    void midsizedMessagesKeptDeflated()
    {
        TrafficLog log;
        QJsonArray tools;
        for (int i = 0; i < 40; ++i)
            tools.append(
                QJsonObject{{QStringLiteral("name"), QStringLiteral("tool-%1").arg(i)},
                            {QStringLiteral("description"),
                             QStringLiteral("Does thing number %1 for the user.").arg(i)},
                            {QStringLiteral("inputSchema"),
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}}});
        const QJsonObject list{
            {QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
            {QStringLiteral("id"), 2},
            {QStringLiteral("result"),
             QJsonObject{{QStringLiteral("tools"), tools},
                         {QStringLiteral("api_key"), QStringLiteral("k-not-real")}}}};
        const QByteArray text = QJsonDocument(list).toJson(QJsonDocument::Compact);
        QVERIFY(text.size() > TrafficLog::PackLimit);
        for (int i = 0; i < 3; ++i) // one zlib stream, reset between messages
            log.addMessage(TrafficLog::Direction::Received, list, text.size());
        for (int i = 0; i < 3; ++i) {
            const TrafficLog::Entry &e = log.at(i);
            QVERIFY(e.deflated);
            QVERIFY2(e.json.size() < text.size() / 3, QByteArray::number(e.json.size()));
            QCOMPARE(e.bytes, text.size());
            QCOMPARE(e.message()
                         .value(QStringLiteral("result"))
                         .toObject()
                         .value(QStringLiteral("tools"))
                         .toArray(),
                     tools);
            QCOMPARE(e.message()
                         .value(QStringLiteral("result"))
                         .toObject()
                         .value(QStringLiteral("api_key"))
                         .toString(),
                     QStringLiteral("••••"));
            QCOMPARE(e.compactJson(),
                     QString::fromUtf8(text)
                         .replace(QStringLiteral("k-not-real"), QStringLiteral("••••"))
                         .toUtf8());
        }
        QVERIFY(log.toJsonLines().contains("tool-39"));
        QVERIFY(!log.toJsonLines().contains("k-not-real"));
        // A summary line reads only its head, the same bytes.
        const QByteArray whole = log.at(0).compactJson();
        for (qsizetype n :
             {qsizetype(1), qsizetype(300), qsizetype(2001), whole.size(), whole.size() + 50})
            QCOMPARE(log.at(0).compactJsonHead(n), whole.left(n));
        QVERIFY(inflatedHead(QByteArray("\0\0\0\x10not deflated at all", 23), 5).isEmpty());
        // Below the limit: plain text, as before.
        log.addMessage(TrafficLog::Direction::Sent, QJsonObject{{QStringLiteral("id"), 3}}, 8);
        QVERIFY(!log.at(3).deflated);
        QCOMPARE(log.at(3).json, QByteArray(R"({"id":3})"));
    }

    void responsesAreNamedAfterTheirRequest()
    {
        TrafficLog log;
        log.addMessage(
            TrafficLog::Direction::Sent,
            QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":1,"method":"initialize"})").object());
        log.addMessage(
            TrafficLog::Direction::Received,
            QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":7,"method":"roots/list"})").object());
        log.addMessage(TrafficLog::Direction::Received,
                       QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":1,"result":{}})").object());
        log.addMessage(
            TrafficLog::Direction::Sent,
            QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":7,"result":{"roots":[]}})").object());
        QCOMPARE(log.at(2).method, QStringLiteral("initialize"));
        QCOMPARE(log.at(3).method, QStringLiteral("roots/list"));
    }

    void boundedAndExported()
    {
        TrafficLog log;
        log.setCapacity(3);
        QSignalSpy dropped(&log, &TrafficLog::entriesDropped);
        for (int i = 0; i < 5; ++i)
            log.addStderr(QStringLiteral("line %1").arg(i));
        QCOMPARE(log.size(), 3);
        QCOMPARE(log.at(0).text, QStringLiteral("line 2"));
        QCOMPARE(dropped.size(), 2);
        const QList<QByteArray> lines = log.toJsonLines().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject last = QJsonDocument::fromJson(lines.last()).object();
        QCOMPARE(last.value(QStringLiteral("direction")).toString(), QStringLiteral("stderr"));
        QCOMPARE(last.value(QStringLiteral("text")).toString(), QStringLiteral("line 4"));
        QVERIFY(
            QDateTime::fromString(last.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
                .isValid());
    }
};

QTEST_GUILESS_MAIN(TestTrafficLog)
#include "tst_trafficlog.moc"
