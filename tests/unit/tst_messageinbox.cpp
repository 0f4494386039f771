// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "transport/MessageInbox.h"

#include <QJsonObject>
#include <QTest>
#include <QThreadPool>

using mcpdesk::MessageInbox;

class TestMessageInbox : public QObject
{
    Q_OBJECT

    static QByteArray message(int id, qsizetype padding = 0)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + QByteArray::number(id) +
               ",\"result\":{\"text\":\"" + QByteArray(padding, 'x') + "\"}}";
    }

private slots:
    void smallMessagesAreHandledAtOnce()
    {
        QList<quint64> seen;
        MessageInbox inbox([&](quint64 tag, const MessageInbox::Decoded &d) {
            QCOMPARE(d.error.error, QJsonParseError::NoError);
            seen << tag;
        });
        inbox.push(1, message(1));
        QCOMPARE(seen, QList<quint64>{1}); // within push(): nothing changes for small messages
        QVERIFY(inbox.isEmpty());
    }

    // A large message is parsed on a worker; what comes after waits for it, so
    // the order on the wire is the order handed out.
    void largeMessageKeepsTheOrder()
    {
        QList<int> ids;
        MessageInbox inbox([&](quint64, const MessageInbox::Decoded &d) {
            ids << d.doc.object().value(QStringLiteral("id")).toInt();
        });
        inbox.push(7, message(1, 24 * 1024 * 1024)); // about 0.2 s to parse
        inbox.push(7, message(2));
        inbox.push(8, "{not json");
        inbox.push(7, message(3));
        QVERIFY(ids.isEmpty()); // nothing overtakes the large one, and push() did not wait for it
        QTRY_COMPARE(ids, (QList<int>{1, 2, 0, 3}));
        QVERIFY(inbox.isEmpty());
        inbox.push(9, message(4));
        QCOMPARE(ids.last(), 4); // back to handling at once
    }

    void parseErrorsReachTheHandler()
    {
        MessageInbox::Decoded got;
        MessageInbox inbox([&](quint64, const MessageInbox::Decoded &d) { got = d; });
        inbox.setOffThreadBytes(4);
        inbox.push(1, "{\"a\": tru");
        QTRY_VERIFY(got.error.error != QJsonParseError::NoError);
        QVERIFY(got.error.offset > 0);
    }

    // The handler may push (a reply that triggers more) or clear (the transport closed).
    void handlerMayPushOrClear()
    {
        QList<int> ids;
        MessageInbox *self = nullptr;
        MessageInbox inbox([&](quint64 tag, const MessageInbox::Decoded &d) {
            const int id = d.doc.object().value(QStringLiteral("id")).toInt();
            ids << id;
            if (id == 1)
                self->push(tag, message(10));
            if (id == 2)
                self->clear();
        });
        self = &inbox;
        inbox.push(1, message(1, 24 * 1024 * 1024)); // parsed on a worker meanwhile
        inbox.push(1, message(2));
        inbox.push(1, message(3)); // dropped by the clear() while 2 is handled
        QTRY_VERIFY(ids.contains(2));
        QTest::qWait(50);
        QCOMPARE(ids, (QList<int>{1, 2}));
        QVERIFY(inbox.isEmpty());
    }

    // What a transport's end waits for: the messages before it are handed out first.
    void whenDrainedRunsAfterTheQueue()
    {
        QStringList events;
        MessageInbox inbox(
            [&](quint64, const MessageInbox::Decoded &) { events << QStringLiteral("message"); });
        inbox.whenDrained([&] { events << QStringLiteral("end (nothing queued)"); });
        QCOMPARE(events, QStringList{QStringLiteral("end (nothing queued)")});
        events.clear();
        inbox.push(1, message(1, 24 * 1024 * 1024));
        inbox.push(1, message(2));
        inbox.whenDrained([&] { events << QStringLiteral("end"); });
        QTRY_COMPARE(events, (QStringList{QStringLiteral("message"), QStringLiteral("message"),
                                          QStringLiteral("end")}));
        events.clear();
        inbox.push(1, message(3, 24 * 1024 * 1024));
        inbox.whenDrained([&] { events << QStringLiteral("end after clear"); });
        inbox.clear(); // closed: nothing more is handed out, the end still runs
        QCOMPARE(events, QStringList{QStringLiteral("end after clear")});
        QTest::qWait(400);
        QCOMPARE(events, QStringList{QStringLiteral("end after clear")});
    }

    // Destroyed with a parse under way (a transport closed mid-answer): no crash,
    // and nothing is handed to a handler that is gone.
    void destroyedWhileParsing()
    {
        int handled = 0;
        int handledAtDestruction = -1;
        {
            MessageInbox inbox([&](quint64, const MessageInbox::Decoded &) { ++handled; });
            inbox.push(1, message(1, 24 * 1024 * 1024));
            handledAtDestruction = handled;
        }
        // The parse runs to its end; then whatever it posts is delivered (to no one).
        QVERIFY(QThreadPool::globalInstance()->waitForDone(60000));
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(handled, handledAtDestruction);
    }
};

QTEST_GUILESS_MAIN(TestMessageInbox)
#include "tst_messageinbox.moc"
