// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "transport/LineFramer.h"

#include <QTest>

using mcpdesk::LineFramer;

class TestLineFramer : public QObject
{
    Q_OBJECT

    static QList<QByteArray> feedInChunks(LineFramer &f, const QByteArray &stream, qsizetype chunk,
                                          bool *overflow = nullptr)
    {
        QList<QByteArray> lines;
        for (qsizetype i = 0; i < stream.size(); i += chunk) {
            const bool ok =
                f.feed(QByteArrayView(stream).sliced(i, std::min(chunk, stream.size() - i)),
                       [&](QByteArrayView l) {
                           lines.append(l.toByteArray());
                           return true;
                       });
            if (!ok && overflow)
                *overflow = true;
        }
        return lines;
    }

private slots:
    void anyChunkingGivesTheSameLines()
    {
        const QByteArray stream = "{\"a\":1}\n\n{\"b\":2}\r\n  \nlast without newline";
        for (qsizetype chunk : {1, 2, 3, 5, 8, 1000}) {
            LineFramer f(1024);
            const QList<QByteArray> lines = feedInChunks(f, stream, chunk);
            QCOMPARE(lines, (QList<QByteArray>{"{\"a\":1}", "", "{\"b\":2}\r", "  "}));
            QCOMPARE(f.pending().toByteArray(), QByteArray("last without newline"));
        }
    }

    // A 4 MB line one byte at a time: every byte is searched once, so this ends
    // in milliseconds (searching the whole buffer again per byte would take hours).
    void longLineInTinyChunks()
    {
        QByteArray stream(4 * 1024 * 1024, 'x');
        stream += "\nnext\n";
        LineFramer f(8 * 1024 * 1024);
        const QList<QByteArray> lines = feedInChunks(f, stream, 1);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).size(), 4 * 1024 * 1024);
        QCOMPARE(lines.at(1), QByteArray("next"));
        QVERIFY(f.pending().isEmpty());
    }

    void limitIsReported()
    {
        LineFramer f(10);
        bool overflow = false;
        const QList<QByteArray> lines = feedInChunks(f, "short\n0123456789ABCDEF", 4, &overflow);
        QCOMPARE(lines, QList<QByteArray>{"short"});
        QVERIFY(overflow);
        QVERIFY(f.pending().size() > 10);
        f.clear();
        QVERIFY(f.pending().isEmpty());
        // Complete lines longer than the limit are handed out (the caller cuts them).
        QVERIFY(f.feed("a much longer line than ten\n",
                       [](QByteArrayView l) { return l.size() == 27; }));
    }

    void stopAndResume()
    {
        LineFramer f(1024);
        QList<QByteArray> seen;
        f.feed("one\ntwo\nthree\n", [&](QByteArrayView l) {
            seen.append(l.toByteArray());
            return seen.size() < 2; // stop after the second line
        });
        QCOMPARE(seen, (QList<QByteArray>{"one", "two"}));
        QCOMPARE(f.pending().toByteArray(), QByteArray("three\n"));
        f.drain([&](QByteArrayView l) {
            seen.append(l.toByteArray());
            return true;
        });
        QCOMPARE(seen.last(), QByteArray("three"));
        QVERIFY(f.pending().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLineFramer)
#include "tst_lineframer.moc"
