// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Change notifications from a modern (2026-07-28) server: `subscriptions/listen`.
//
// A modern server has no session and no GET stream; it tells of list changes and
// resource updates on the stream of a listen request, which stays open:
//
//   listen {notifications: filter} ──> notifications/subscriptions/acknowledged
//       (the part of the filter the server will honour; _meta subscriptionId = the
//       listen request's id), then tools/prompts/resources list_changed and
//       resources/updated, each with the same subscriptionId
//   the server ends it gracefully (a `complete` result) or it drops
//       ──> listened again after a pause that doubles while it keeps ending
//           early (0.5 s … 30 s); a graceful end is not an error
//   a JSON-RPC error (the server does not listen) ──> not asked again
//   a new filter (a resource watched) ──> a new listen; the old one is closed
//       once the new one is acknowledged (closing: HTTP closes the stream, stdio
//       sends notifications/cancelled)
//
// The notifications then take the legacy path (onNotification): the same signals
// on both eras. Notifications of any other subscription id are dropped.
#include "McpSession.h"

#include <QTimer>

namespace mcpdesk {

namespace {
const QString kSubscriptionId = QStringLiteral("io.modelcontextprotocol/subscriptionId");
constexpr int kListenFirstRetryMs = 500;
constexpr int kListenMaxRetryMs = 30000;
constexpr qint64 kListenSteadyMs = 30000; // a stream that lived this long was not a failure
} // namespace

void McpSession::setListenForChanges(bool on)
{
    m_listenWanted = on;
    if (on)
        startListen();
    else
        stopListen();
}

QJsonObject McpSession::listenFilter() const
{
    QJsonObject filter{{QStringLiteral("toolsListChanged"), true},
                       {QStringLiteral("promptsListChanged"), true},
                       {QStringLiteral("resourcesListChanged"), true}};
    if (!m_watchedUris.isEmpty())
        filter.insert(QStringLiteral("resourceSubscriptions"),
                      QJsonArray::fromStringList(m_watchedUris));
    return filter;
}

void McpSession::startListen()
{
    m_listenRetry.stop();
    if (m_era != Era::Modern || m_state != ServerState::Connected ||
        (!m_listenWanted && m_watchedUris.isEmpty()))
        return;
    RpcRequestOptions opts;
    opts.timeoutMs = 0; // it stays open as long as the server keeps it
    opts.maxTotalMs = 0;
    opts.resetTimeoutOnProgress = false;
    RpcReply *reply =
        m_rpc->request(QStringLiteral("subscriptions/listen"),
                       QJsonObject{{QStringLiteral("notifications"), listenFilter()}}, opts);
    if (m_listen && !m_listenReplaced)
        m_listenReplaced = m_listen; // closed when the new one is acknowledged
    m_listen = reply;
    m_listenAcked = false;
    qCDebug(lcSession) << "listening for changes, request" << reply->id();
    connect(reply, &RpcReply::finished, this, [this, reply] { onListenFinished(reply); });
}

void McpSession::stopListen()
{
    m_listenRetry.stop();
    for (RpcReply *r : {m_listen.data(), m_listenReplaced.data()})
        if (r && !r->isFinished())
            r->cancel(QStringLiteral("No longer listening"));
    m_listen = nullptr;
    m_listenReplaced = nullptr;
    m_listenAcked = false;
    m_listenHonored = {};
}

void McpSession::onListenFinished(RpcReply *reply)
{
    if (reply == m_listenReplaced)
        m_listenReplaced = nullptr;
    if (reply != m_listen)
        return; // an older listen, closed on purpose
    m_listen = nullptr;
    const McpError e = reply->error();
    if (m_state != ServerState::Connected || e.kind == McpError::Kind::Cancelled)
        return; // closed, failed, or no longer wanted
    const bool lived =
        m_listenAcked && m_listenAge.isValid() && m_listenAge.elapsed() >= kListenSteadyMs;
    m_listenAcked = false;
    if (e.isRpcError) {
        // The server answered the listen itself with an error: it will not listen.
        qCWarning(lcSession).noquote()
            << QStringLiteral("the server does not send change notifications: %1").arg(e.message);
        emit listenInterrupted(e.message, -1);
        return;
    }
    if (lived)
        m_listenFailures = 0;
    const int delay = int(std::min<qint64>(
        kListenMaxRetryMs, qint64(kListenFirstRetryMs) << std::min(m_listenFailures, 10)));
    ++m_listenFailures;
    const QString why =
        reply->isOk() ? tr("The server ended the stream of change notifications.") : e.message;
    qCInfo(lcSession).noquote() << why << "listening again in" << delay << "ms";
    emit listenInterrupted(why, delay);
    m_listenRetry.start(delay);
}

// Sees a notification first: those of a listen are kept to the current one, and
// its acknowledgement is taken in. Returns false to drop the notification.
bool McpSession::acceptListenNotification(const QString &method, const QJsonObject &params)
{
    const QJsonValue sub = params.value(QStringLiteral("_meta")).toObject().value(kSubscriptionId);
    if (sub.isUndefined())
        return method != QLatin1String("notifications/subscriptions/acknowledged");
    if (!m_listen || sub != m_listen->id())
        return false; // an older or unknown subscription
    if (method != QLatin1String("notifications/subscriptions/acknowledged"))
        return true;
    m_listenAcked = true;
    m_listenAge.start();
    m_listenHonored = params.value(QStringLiteral("notifications")).toObject();
    QStringList refused;
    const QJsonObject asked = listenFilter();
    for (auto it = asked.begin(); it != asked.end(); ++it) {
        if (it.value().isBool() && !m_listenHonored.value(it.key()).toBool())
            refused.append(it.key());
    }
    const QJsonArray honoredUris =
        m_listenHonored.value(QStringLiteral("resourceSubscriptions")).toArray();
    for (const QString &uri : m_watchedUris)
        if (!honoredUris.contains(uri))
            refused.append(uri);
    if (!refused.isEmpty())
        qCInfo(lcSession) << "the server will not tell of" << refused;
    if (m_listenReplaced) {
        RpcReply *old = m_listenReplaced;
        m_listenReplaced = nullptr;
        old->cancel(QStringLiteral("Replaced by a new listen"));
    }
    emit listening(m_listenHonored);
    return false;
}

} // namespace mcpdesk
