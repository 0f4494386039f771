// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>

#include <deque>

namespace mcpdesk {

// What went over the wire with one server, across its reconnects: every JSON-RPC
// message in both directions, the HTTP requests that carried them (headers only),
// and a stdio server's stderr, each timestamped. Secrets are masked as entries are
// added (Authorization and other header values, token-like JSON members), so
// nothing secret is ever kept, shown or exported. Bounded: the oldest entries go.
class TrafficLog : public QObject
{
    Q_OBJECT
public:
    enum class Direction { Sent, Received, Stderr, Http };
    struct Entry
    {
        qint64 serial = 0; // 1, 2, 3 … over the log's life
        QDateTime time;
        Direction direction = Direction::Sent;
        QString method; // JSON-RPC method; for a response, the request's method
        QString text;   // stderr line, or the HTTP request line and headers (masked)
        // The message: as compact JSON text, masked (a fraction of a parsed
        // document's memory), deflated when over PackLimit bytes (a tool list or a
        // result keeps a quarter of its size); or, when it came in more than
        // CompactLimit bytes, as received — shared with the engine, not copied, not
        // even looked through on arrival (a 20 MB text took 30 ms to check):
        // message() and compactJson() mask it when asked. Both empty for stderr and
        // HTTP entries.
        QByteArray json;
        bool deflated = false; // json is in qCompress()'s format
        QJsonObject large;
        qsizetype bytes = 0; // the size of its text

        QJsonObject message() const;    // masked
        QByteArray compactJson() const; // masked
        // Its first `n` bytes, read no further (for a one-line summary; it may end
        // inside a UTF-8 sequence); for a large message, as compactJson().
        QByteArray compactJsonHead(qsizetype n) const;
        bool hasMessage() const { return !json.isEmpty() || !large.isEmpty(); }
    };

    explicit TrafficLog(QObject *parent = nullptr);
    static constexpr qsizetype DefaultCapacity = 5000;
    static constexpr qsizetype PackLimit = 1024;
    static constexpr qsizetype CompactLimit = 256 * 1024;
    void setCapacity(qsizetype entries);

    // `bytes`: the size of the text the message came in, if known (-1: it is written
    // out as compact JSON whatever its size).
    void addMessage(Direction direction, const QJsonObject &message, qsizetype bytes = -1);
    void addStderr(const QString &line);
    void addHttp(const QByteArray &verb, const QString &url,
                 const QList<QPair<QByteArray, QByteArray>> &headers);
    void clear();

    qsizetype size() const { return qsizetype(m_entries.size()); }
    const Entry &at(qsizetype i) const { return m_entries.at(size_t(i)); }
    qint64 firstSerial() const { return m_entries.empty() ? 0 : m_entries.front().serial; }

    // One JSON object per line: time, direction, method, message or text.
    QByteArray toJsonLines() const;
    static QString directionName(Direction d); // "sent", "received", "stderr", "http"

signals:
    // A model's begin/end pairs: the entry becomes the last one between the two.
    void entryAboutToBeAdded();
    void entryAdded();
    // `count` entries leave the front, to stay within capacity.
    void entriesAboutToBeDropped(qsizetype count);
    void entriesDropped(qsizetype count);
    void cleared();

private:
    void append(Entry entry);

    std::deque<Entry> m_entries;
    qsizetype m_capacity = DefaultCapacity;
    qint64 m_serial = 0;
    // Methods of requests we sent or received, by id, to name their responses (the
    // few still unanswered: a map, as a hash keeps 2.5 KB per log once used).
    QMap<QString, QString> m_methods;
};

} // namespace mcpdesk
