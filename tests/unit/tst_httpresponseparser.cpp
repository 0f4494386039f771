// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
//
// The HTTP/1.1 response parser, one answer per row: framing (Content-Length, chunked,
// until close), interim answers, keep-alive, and the answers it refuses (both framings
// at once, a transfer coding it does not read, a header folded over two lines). Each
// answer is fed whole and one byte at a time: both must read the same.
#include "transport/HttpResponseParser.h"

#include <QTest>

using namespace mcpdesk;

namespace {
struct Read
{
    int status = 0;
    QByteArray body;
    bool done = false;
    bool keepAlive = false;
    QString error;
};

Read parse(const QByteArray &answer, bool byteByByte, bool connectionEnds)
{
    HttpResponseParser parser;
    parser.start();
    Read r;
    auto feed = [&](const QByteArray &bytes) {
        const HttpResponseParser::Progress p = parser.feed(bytes);
        r.body += parser.takeBody();
        if (!p.error.isEmpty())
            r.error = p.error;
        r.done = r.done || p.done;
    };
    if (byteByByte) {
        for (qsizetype i = 0; i < answer.size() && r.error.isEmpty(); ++i)
            feed(answer.mid(i, 1));
    } else {
        feed(answer);
    }
    if (connectionEnds && r.error.isEmpty() && parser.finishAtEnd())
        r.done = true;
    r.status = parser.status();
    r.keepAlive = parser.keepAlive();
    return r;
}
} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private slots:
    void answers_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("connectionEnds");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");
        QTest::addColumn<QString>("error"); // a part of the words, or empty

        const QByteArray ok = "HTTP/1.1 200 OK\r\n";
        QTest::newRow("content-length") << ok + "Content-Length: 2\r\n\r\nok" << false << 200
                                        << QByteArray("ok") << true << QString();
        QTest::newRow("chunked") << ok + "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
                                 << false << 200 << QByteArray("ok") << true << QString();
        QTest::newRow("chunked, any case, spaces")
            << ok + "Transfer-Encoding:  Chunked \r\n\r\n1\r\nx\r\n0\r\n\r\n"
            << false << 200 << QByteArray("x") << true << QString();
        QTest::newRow("chunk extension and trailer")
            << ok + "Transfer-Encoding: chunked\r\n\r\n2;name=v\r\nok\r\n0\r\nX-T: 1\r\n\r\n"
            << false << 200 << QByteArray("ok") << true << QString();
        QTest::newRow("interim answers first")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n"
                          "\r\n") +
                   ok + "Content-Length: 1\r\n\r\ny"
            << false << 200 << QByteArray("y") << true << QString();
        QTest::newRow("HTTP/1.0 ends the connection")
            << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok") << false << 200
            << QByteArray("ok") << false << QString();
        QTest::newRow("Connection: close") << ok + "Connection: close\r\nContent-Length: 0\r\n\r\n"
                                           << false << 200 << QByteArray() << false << QString();
        QTest::newRow("until the connection ends")
            << ok + "\r\nall of it" << true << 200 << QByteArray("all of it") << false << QString();
        QTest::newRow("no body: 204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false
                                      << 204 << QByteArray() << true << QString();

        QTest::newRow("Transfer-Encoding and Content-Length")
            << ok + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n2\r\nok\r\n0\r\n\r\n"
            << false << 200 << QByteArray() << false
            << QStringLiteral("both by Transfer-Encoding and by Content-Length");
        QTest::newRow("gzip, chunked")
            << ok + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
            << false << 200 << QByteArray() << false
            << QStringLiteral("transfer coding McpDesk does not read");
        QTest::newRow("chunked among others")
            << ok + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n"
            << false << 200 << QByteArray() << false
            << QStringLiteral("transfer coding McpDesk does not read");
        QTest::newRow("a name that only contains chunked")
            << ok + "Transfer-Encoding: xchunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
            << false << 200 << QByteArray() << false
            << QStringLiteral("transfer coding McpDesk does not read");
        QTest::newRow("folded header")
            << ok + "X-Long: first\r\n second\r\nContent-Length: 0\r\n\r\n"
            << false << 200 << QByteArray() << false << QStringLiteral("folded over two lines");
        QTest::newRow("folded with a tab")
            << ok + "X-Long: first\r\n\tContent-Length: 900\r\nContent-Length: 0\r\n\r\n"
            << false << 200 << QByteArray() << false << QStringLiteral("folded over two lines");
        QTest::newRow("two lengths")
            << ok + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello" << false << 200
            << QByteArray() << false << QStringLiteral("invalid Content-Length");
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << false << 0
                                  << QByteArray() << false << QStringLiteral("HTTP/1.1");
    }
    void answers()
    {
        QFETCH(QByteArray, answer);
        QFETCH(bool, connectionEnds);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        QFETCH(QString, error);
        for (const bool byteByByte : {false, true}) {
            const Read r = parse(answer, byteByByte, connectionEnds);
            const QByteArray how = byteByByte ? "one byte at a time" : "whole";
            if (error.isEmpty()) {
                QVERIFY2(r.error.isEmpty(), r.error.toUtf8().constData());
                QVERIFY2(r.done, how);
                QCOMPARE(r.status, status);
                QCOMPARE(r.body, body);
                QCOMPARE(r.keepAlive, keepAlive);
            } else {
                QVERIFY2(r.error.contains(error), (how + ": " + r.error.toUtf8()).constData());
                QVERIFY2(!r.done, how);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
