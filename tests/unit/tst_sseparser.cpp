// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "transport/LegacySseTransport.h"
#include "transport/SseParser.h"

#include <QTest>

using mcpdesk::LegacySseTransport;
using mcpdesk::SseEvent;
using mcpdesk::SseParser;

namespace {
struct Collector
{
    QList<SseEvent> events;
    SseParser parser{[this](const SseEvent &e) { events.append(e); }};
};

QList<SseEvent> parseWhole(const QByteArray &stream, SseParser **out = nullptr)
{
    static Collector *c = nullptr;
    delete c;
    c = new Collector;
    c->parser.feed(stream);
    c->parser.finish();
    if (out)
        *out = &c->parser;
    return c->events;
}

QByteArray describe(const QList<SseEvent> &events)
{
    QByteArray s;
    for (const SseEvent &e : events)
        s += e.type + '|' + e.data + '|' + e.lastEventId + ';';
    return s;
}
} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT
private slots:
    // HTTP+SSE: the `endpoint` event's address is resolved as the WHATWG URL parser
    // (the SDKs' `new URL(data, base)`) resolves it. "data:  /message" leaves the
    // event's data " /message" (only one space follows the colon in SSE).
    void endpointResolvedAsUrlParsersDo_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QString>("expected");
        const QString message = QStringLiteral("http://127.0.0.1:8123/message?sessionId=abc");
        QTest::newRow("plain") << QByteArray("event: endpoint\ndata: /message?sessionId=abc\n\n")
                               << message;
        QTest::newRow("two spaces after the colon")
            << QByteArray("event: endpoint\ndata:  /message?sessionId=abc\n\n") << message;
        QTest::newRow("trailing spaces")
            << QByteArray("event: endpoint\ndata: /message?sessionId=abc  \n\n") << message;
        QTest::newRow("tab inside and around")
            << QByteArray("event: endpoint\ndata: \t/mess\tage?sessionId=abc\t\n\n") << message;
        QTest::newRow("absolute")
            << QByteArray(
                   "event: endpoint\ndata:  http://127.0.0.1:8123/message?sessionId=abc \n\n")
            << message;
        QTest::newRow("relative to the stream")
            << QByteArray("event: endpoint\ndata: message?sessionId=abc\n\n") << message;
        QTest::newRow("a space inside stays, encoded")
            << QByteArray("event: endpoint\ndata: /my message?sessionId=abc\n\n")
            << QStringLiteral("http://127.0.0.1:8123/my%20message?sessionId=abc");
    }
    void endpointResolvedAsUrlParsersDo()
    {
        QFETCH(QByteArray, wire);
        QFETCH(QString, expected);
        QByteArray data;
        SseParser parser([&](const SseEvent &ev) {
            if (ev.type == "endpoint")
                data = ev.data;
        });
        QVERIFY(parser.feed(wire));
        const QUrl resolved = LegacySseTransport::resolveEndpoint(
            QUrl(QStringLiteral("http://127.0.0.1:8123/sse")), data);
        QCOMPARE(resolved.toString(QUrl::FullyEncoded), expected);
    }

    void lineEndings_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("lf") << QByteArray("data: a\n\ndata: b\n\n")
                            << QByteArray("message|a|;message|b|;");
        QTest::newRow("crlf") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n")
                              << QByteArray("message|a|;message|b|;");
        QTest::newRow("cr") << QByteArray("data: a\r\rdata: b\r\r")
                            << QByteArray("message|a|;message|b|;");
        QTest::newRow("mixed") << QByteArray("data: a\r\ndata: b\rdata: c\n\r\n")
                               << QByteArray("message|a\nb\nc|;");
    }
    void lineEndings()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QByteArray, expected);
        QCOMPARE(describe(parseWhole(stream)), expected);
    }

    void fields_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("comment ignored")
            << QByteArray(": keep-alive\ndata: x\n: another\n\n") << QByteArray("message|x|;");
        QTest::newRow("event type") << QByteArray("event: endpoint\ndata: /message?sessionId=1\n\n")
                                    << QByteArray("endpoint|/message?sessionId=1|;");
        QTest::newRow("type resets after dispatch")
            << QByteArray("event: a\ndata: 1\n\ndata: 2\n\n") << QByteArray("a|1|;message|2|;");
        QTest::newRow("multi-line data") << QByteArray("data: one\ndata: two\ndata:three\n\n")
                                         << QByteArray("message|one\ntwo\nthree|;");
        QTest::newRow("only one leading space stripped")
            << QByteArray("data:  two spaces\n\n") << QByteArray("message| two spaces|;");
        QTest::newRow("field without colon") << QByteArray("data\n\n") << QByteArray("message||;");
        QTest::newRow("empty data dispatches")
            << QByteArray("id: 7\ndata: \n\n") << QByteArray("message||7;");
        QTest::newRow("two empty data lines")
            << QByteArray("data:\ndata:\n\n") << QByteArray("message|\n|;");
        QTest::newRow("no data no event")
            << QByteArray("event: x\nid: 3\n\ndata: y\n\n") << QByteArray("message|y|3;");
        QTest::newRow("id persists") << QByteArray("id: 1\ndata: a\n\ndata: b\n\n")
                                     << QByteArray("message|a|1;message|b|1;");
        QTest::newRow("id with NUL ignored")
            << QByteArray("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n",
                          32) // 32: the NUL inside counts
            << QByteArray("message|a|1;message|b|1;");
        QTest::newRow("empty id resets") << QByteArray("id: 1\ndata: a\n\nid\ndata: b\n\n")
                                         << QByteArray("message|a|1;message|b|;");
        QTest::newRow("unknown field ignored")
            << QByteArray("foo: bar\ndata: x\n\n") << QByteArray("message|x|;");
        QTest::newRow("colon in value kept")
            << QByteArray("data: {\"a\":1}\n\n") << QByteArray("message|{\"a\":1}|;");
        QTest::newRow("bom stripped") << QByteArray("\xEF\xBB\xBF"
                                                    "data: x\n\n")
                                      << QByteArray("message|x|;");
        QTest::newRow("second bom kept") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF"
                                                       "data: x\n\n")
                                         << QByteArray();
        QTest::newRow("unterminated block dropped")
            << QByteArray("data: a\n\ndata: b\n") << QByteArray("message|a|;");
        QTest::newRow("unterminated line dropped")
            << QByteArray("data: a\n\ndata: b") << QByteArray("message|a|;");
    }
    void fields()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QByteArray, expected);
        QCOMPARE(describe(parseWhole(stream)), expected);
    }

    void retry()
    {
        SseParser *p = nullptr;
        parseWhole("retry: 1500\n\n", &p);
        QCOMPARE(p->retryMs().value_or(-1), 1500);
        parseWhole("retry: 1500\nretry: 15x0\n\n", &p);
        QCOMPARE(p->retryMs().value_or(-1), 1500); // not digits only: ignored
        parseWhole("retry: -5\n\n", &p);
        QVERIFY(!p->retryMs().has_value());
        parseWhole("retry:\n\n", &p);
        QVERIFY(!p->retryMs().has_value());
    }

    // Every way of cutting a sample stream into two or three chunks gives the same events.
    void everyByteSplit()
    {
        const QByteArray sample =
            QByteArray("\xEF\xBB\xBF: hello\r\n"
                       "id: 1\r\nevent: message\r\ndata: {\"jsonrpc\":\"2.0\"}\r\n\r\n"
                       "retry: 300\rdata: a\rdata: b\r\r"
                       "id: 2\ndata:\n\n"
                       "data: last\r\n\r\n");
        const QByteArray expected = describe(parseWhole(sample));
        QCOMPARE(expected,
                 QByteArray(
                     "message|{\"jsonrpc\":\"2.0\"}|1;message|a\nb|1;message||2;message|last|2;"));
        for (int i = 0; i <= sample.size(); ++i) {
            for (int j = i; j <= sample.size(); ++j) {
                Collector c;
                c.parser.feed(QByteArrayView(sample).first(i));
                c.parser.feed(QByteArrayView(sample).sliced(i, j - i));
                c.parser.feed(QByteArrayView(sample).sliced(j));
                c.parser.finish();
                if (describe(c.events) != expected)
                    QFAIL(qPrintable(QStringLiteral("split at %1,%2 gave %3")
                                         .arg(i)
                                         .arg(j)
                                         .arg(QString::fromUtf8(describe(c.events)))));
                QCOMPARE(c.parser.retryMs().value_or(-1), 300);
            }
        }
    }

    void byteByByte()
    {
        const QByteArray sample("data: x\r\n\r\ndata: y\r\rdata: z\n\n");
        Collector c;
        for (char ch : sample)
            c.parser.feed(QByteArrayView(&ch, 1));
        QCOMPARE(describe(c.events), QByteArray("message|x|;message|y|;message|z|;"));
    }

    void crlfSplitAcrossChunksIsOneLineEnd()
    {
        Collector c;
        c.parser.feed("data: a\r");
        c.parser.feed("\ndata: b\r");
        c.parser.feed("\n\r");
        c.parser.feed("\n");
        QCOMPARE(describe(c.events), QByteArray("message|a\nb|;"));
    }

    void maxEventSize()
    {
        QList<SseEvent> events;
        SseParser p([&](const SseEvent &e) { events.append(e); }, 1024);
        QVERIFY(p.feed("data: small\n\n"));
        QCOMPARE(events.size(), 1);
        // A huge line without a newline, in pieces: stops once past the limit.
        const QByteArray piece(300, 'x');
        QVERIFY(p.feed("data: "));
        bool ok = true;
        for (int i = 0; i < 10 && ok; ++i)
            ok = p.feed(piece);
        QVERIFY(!ok);
        QVERIFY(p.hasError());
        QVERIFY2(p.errorString().contains(QStringLiteral("1.0 KB")), qPrintable(p.errorString()));
        QVERIFY(!p.feed("\n\n")); // stays stopped
        QCOMPARE(events.size(), 1);
        // Many data lines adding up past the limit fail too.
        SseParser q([&](const SseEvent &e) { events.append(e); }, 1024);
        QByteArray many;
        for (int i = 0; i < 40; ++i)
            many += "data: " + QByteArray(40, 'y') + '\n';
        QVERIFY(!q.feed(many));
    }

    // Resuming must not skip an event that was cut off: only dispatched ids count.
    void lastEventIdOnlyFromDispatchedEvents()
    {
        Collector c;
        c.parser.feed("id: 1\ndata: a\n\nid: 2\ndata: b");
        QCOMPARE(c.parser.lastEventId(), QByteArray("1"));
        c.parser.feed("\n\n");
        QCOMPARE(c.parser.lastEventId(), QByteArray("2"));
        c.parser.feed("id: 3\n\n"); // no data: no event, but the id is taken
        QCOMPARE(c.parser.lastEventId(), QByteArray("3"));
        QCOMPARE(c.events.size(), 2);
    }

    void resetForgetsState()
    {
        Collector c;
        c.parser.feed("id: 9\nretry: 10\ndata: partial");
        c.parser.reset();
        c.parser.feed("data: x\n\n");
        QCOMPARE(describe(c.events), QByteArray("message|x|;"));
        QVERIFY(!c.parser.retryMs().has_value());
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
