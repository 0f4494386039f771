// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "CurrentServer.h"

namespace mcpdesk {

CurrentServer::CurrentServer(ServerManager *manager, QObject *parent)
    : QObject(parent), m_manager(manager)
{
    connect(m_manager, &ServerManager::serverChanged, this, [this](const QString &id) {
        if (id != m_id)
            return;
        follow();
        emit changed();
    });
    connect(m_manager, &ServerManager::listChanged, this, [this] {
        follow(); // removed, or back after an undo
        emit changed();
    });
}

void CurrentServer::select(const QString &id)
{
    if (id == m_id)
        return;
    m_id = id;
    m_session = liveSession();
    m_announced = m_session != nullptr;
    emit selected(id);
    emit sessionChanged(m_session); // every watcher starts again with the new server
    emit changed();
}

const ServerManager::Server *CurrentServer::server() const
{
    return m_id.isEmpty() ? nullptr : m_manager->server(m_id);
}

TrafficLog *CurrentServer::traffic() const
{
    return m_id.isEmpty() ? nullptr : m_manager->traffic(m_id);
}

McpSession *CurrentServer::liveSession() const
{
    const ServerManager::Server *s = server();
    return s && s->state == ServerState::Connected ? m_manager->session(m_id) : nullptr;
}

void CurrentServer::follow()
{
    McpSession *live = liveSession();
    const bool gone = m_announced && !m_session; // the session announced was deleted
    if (live == m_session.data() && !gone)
        return;
    m_session = live;
    m_announced = live != nullptr;
    emit sessionChanged(live);
}

} // namespace mcpdesk
