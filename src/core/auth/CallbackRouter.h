// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace mcpdesk {

// Delivers mcpdesk://oauth/callback URLs (handed over by a second `mcpdesk`
// process that the browser started) to the sign-in waiting for them, by `state`.
// A URL with a state nobody waits for is refused. One per app, passed in (not a
// global), so tests make their own.
class CallbackRouter : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    static QUrl redirectUri() { return QUrl(QStringLiteral("mcpdesk://oauth/callback")); }

    void expect(const QByteArray &state, std::function<void(const QUrlQuery &)> handler);
    void forget(const QByteArray &state);
    // True if a sign-in was waiting for this URL's state.
    bool deliver(const QUrl &url);

private:
    QHash<QByteArray, std::function<void(const QUrlQuery &)>> m_waiting;
};

} // namespace mcpdesk
