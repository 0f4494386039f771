// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QFuture>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QObject>

#include <deque>
#include <functional>
#include <vector>

namespace mcpdesk {

// Turns incoming JSON text into documents for a transport, in arrival order,
// without stalling the event loop on a large message: one above OffThreadBytes
// is parsed on a worker thread (a 20 MB result takes ~200 ms to parse), and
// whatever arrives meanwhile waits behind it. Small messages with nothing
// queued ahead are handled at once, within push().
//
//   push(tag, json) --small, queue empty--> handler(tag, doc) now
//                   --otherwise--> queue; worker parses large ones;
//                                  front ready --> handler, in order
class MessageInbox : public QObject
{
    Q_OBJECT
public:
    struct Decoded
    {
        QJsonDocument doc;
        QJsonParseError error{};
        QByteArray start;    // the first 200 bytes of the text, when it did not parse
        qsizetype bytes = 0; // the text's size
    };
    using Handler = std::function<void(quint64 tag, const Decoded &decoded)>;
    static constexpr qsizetype OffThreadBytes = 512 * 1024;

    explicit MessageInbox(Handler handler, QObject *parent = nullptr);
    ~MessageInbox() override;

    void push(quint64 tag, const QByteArray &json);
    bool isEmpty() const { return m_queue.empty(); }
    // Drops everything queued (parses under way finish unseen); counts as drained.
    void clear();
    // Runs `done` once nothing is queued any more: after the last message queued now has
    // been handed out, or when the queue is cleared. (A transport that ends while its
    // last messages are still being parsed reports the end after them.)
    void whenDrained(std::function<void()> done);
    void setOffThreadBytes(qsizetype bytes) { m_offThreadBytes = bytes; }

private:
    struct Entry
    {
        quint64 tag = 0;
        QByteArray json;          // parsed when its turn comes (small ones)
        QFuture<Decoded> parsing; // large ones, parsed on a worker
    };
    void flush();
    void runDrained();
    static Decoded parse(const QByteArray &json);

    Handler m_handler;
    std::vector<std::function<void()>> m_whenDrained;
    std::deque<Entry> m_queue;
    qsizetype m_offThreadBytes = OffThreadBytes;
    quint64 m_generation = 0; // bumped by clear(): a flush in progress stops
    bool m_flushing = false;
};

} // namespace mcpdesk
