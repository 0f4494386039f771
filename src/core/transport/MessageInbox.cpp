// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "MessageInbox.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <utility>

namespace mcpdesk {

MessageInbox::MessageInbox(Handler handler, QObject *parent)
    : QObject(parent), m_handler(std::move(handler))
{
}

MessageInbox::~MessageInbox()
{
    // Parses still under way finish unseen: their watchers go first.
    clear();
    const auto watchers = findChildren<QFutureWatcherBase *>(Qt::FindDirectChildrenOnly);
    for (QFutureWatcherBase *w : watchers) {
        w->disconnect(this);
        delete w;
    }
}

MessageInbox::Decoded MessageInbox::parse(const QByteArray &json)
{
    Decoded d;
    d.doc = QJsonDocument::fromJson(json, &d.error);
    d.bytes = json.size();
    if (d.error.error != QJsonParseError::NoError)
        d.start = json.left(200);
    return d;
}

void MessageInbox::push(quint64 tag, const QByteArray &json)
{
    if (m_queue.empty() && !m_flushing && json.size() < m_offThreadBytes) {
        m_handler(tag, parse(json));
        return;
    }
    Entry e;
    e.tag = tag;
    if (json.size() >= m_offThreadBytes) {
        auto promise = std::make_shared<QPromise<Decoded>>();
        e.parsing = promise->future();
        promise->start();
        QThreadPool::globalInstance()->start([promise, json] {
            promise->addResult(parse(json));
            promise->finish();
        });
        // The watcher belongs to this object: if the inbox goes first, nobody is told.
        auto *watcher = new QFutureWatcher<Decoded>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            flush();
        });
        watcher->setFuture(e.parsing);
    } else {
        e.json = json;
    }
    m_queue.push_back(std::move(e));
    flush();
}

void MessageInbox::flush()
{
    if (m_flushing)
        return; // the loop below goes on
    m_flushing = true;
    const quint64 generation = m_generation;
    while (!m_queue.empty() && generation == m_generation) {
        Entry &front = m_queue.front();
        if (front.parsing.isValid() && !front.parsing.isFinished())
            break;
        const quint64 tag = front.tag;
        const Decoded decoded =
            front.parsing.isValid() ? front.parsing.result() : parse(front.json);
        m_queue.pop_front();
        m_handler(tag, decoded); // may push() more, or clear()
    }
    m_flushing = false;
    if (m_queue.empty() && generation == m_generation)
        runDrained();
}

void MessageInbox::whenDrained(std::function<void()> done)
{
    if (m_queue.empty() && !m_flushing)
        done();
    else
        m_whenDrained.push_back(std::move(done));
}

void MessageInbox::runDrained()
{
    const auto waiting = std::exchange(m_whenDrained, {});
    for (const auto &done : waiting)
        done();
}

void MessageInbox::clear()
{
    m_queue.clear();
    ++m_generation;
    runDrained();
}

} // namespace mcpdesk
