// The traffic log keeps no secret, names responses after their requests, stays
// within its capacity and exports JSON lines.
#include "protocol/TrafficLog.h"

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
        const QJsonObject call = QJsonDocument::fromJson(
            R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"login",
                "arguments":{"user":"ada","password":"hunter2-not-real","api_key":"k-not-real",
                "nested":[{"access_token":"at-not-real","Authorization":"Bearer bt-not-real"}],
                "note":"Bearer inline-not-real","count":5},"_meta":{"progressToken":3}}})").object();
        log.addMessage(TrafficLog::Direction::Sent, call);
        const QByteArray shown = QJsonDocument(log.at(0).message).toJson(QJsonDocument::Compact);
        for (const char *secret : {"hunter2", "k-not-real", "at-not-real", "bt-not-real", "inline-not-real"})
            QVERIFY2(!shown.contains(secret), shown.constData());
        QVERIFY(shown.contains("\"user\":\"ada\"")); // ordinary values stay
        QVERIFY(shown.contains("\"count\":5"));
        QVERIFY(shown.contains("\"progressToken\":3"));
        QVERIFY(shown.contains("\"note\":\"Bearer ••••\""));
        // An error's numeric code is no secret.
        log.addMessage(TrafficLog::Direction::Received,
                       QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"bad"}})").object());
        QCOMPARE(log.at(1).message.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), -32602);
        // HTTP headers: only harmless ones are shown as they are.
        log.addHttp("POST", QStringLiteral("https://h/mcp"),
                    {{"Authorization", "Bearer tok-not-real"}, {"X-Api-Key", "xk-not-real"},
                     {"Mcp-Session-Id", "abc"}, {"Accept", "application/json, text/event-stream"}});
        const QString http = log.at(2).text;
        QVERIFY2(http.contains(QStringLiteral("Authorization: Bearer ••••")), qPrintable(http));
        QVERIFY(http.contains(QStringLiteral("X-Api-Key: ••••")));
        QVERIFY(http.contains(QStringLiteral("Mcp-Session-Id: abc")));
        QVERIFY(!http.contains(QStringLiteral("not-real")));
        QVERIFY(!log.toJsonLines().contains("not-real"));
    }

    void responsesAreNamedAfterTheirRequest()
    {
        TrafficLog log;
        log.addMessage(TrafficLog::Direction::Sent, QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":1,"method":"initialize"})").object());
        log.addMessage(TrafficLog::Direction::Received, QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":7,"method":"roots/list"})").object());
        log.addMessage(TrafficLog::Direction::Received, QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":1,"result":{}})").object());
        log.addMessage(TrafficLog::Direction::Sent, QJsonDocument::fromJson(R"({"jsonrpc":"2.0","id":7,"result":{"roots":[]}})").object());
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
        QVERIFY(QDateTime::fromString(last.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs).isValid());
    }
};

QTEST_GUILESS_MAIN(TestTrafficLog)
#include "tst_trafficlog.moc"
