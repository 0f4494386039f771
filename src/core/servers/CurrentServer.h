// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ServerManager.h"

#include <QObject>
#include <QPointer>

namespace mcpdesk {

// The server a person is looking at, for everything that shows it: the panels watch
// this one object instead of being handed sessions. It follows the manager and says
// only what changed:
//
//   select(id) ---------------------------> selected(id), sessionChanged(live or null)
//   the server connects, drops, reconnects --> sessionChanged(new session or null)
//   anything else about it (state, reason) --> changed()
class CurrentServer : public QObject
{
    Q_OBJECT
public:
    explicit CurrentServer(ServerManager *manager, QObject *parent = nullptr);

    void select(const QString &id);
    QString id() const { return m_id; }
    ServerManager *manager() const { return m_manager; }
    // The selected server, or nullptr (none selected, or it was removed).
    const ServerManager::Server *server() const;
    // Its session while it is connected; nullptr otherwise.
    McpSession *session() const { return m_session; }
    // What went over the wire with it (kept while it is listed), or nullptr.
    TrafficLog *traffic() const;

signals:
    void selected(const QString &id);
    void sessionChanged(mcpdesk::McpSession *session);
    void changed();

private:
    McpSession *liveSession() const;
    void follow();

    ServerManager *m_manager;
    QString m_id;
    QPointer<McpSession> m_session;
    bool m_announced = false; // sessionChanged() last said m_session (not null)
};

} // namespace mcpdesk
