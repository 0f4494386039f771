// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerState.h"

#include <QCoreApplication>

namespace mcpdesk {

QString serverStateName(ServerState state)
{
    switch (state) {
    case ServerState::Disabled:
        return QStringLiteral("disabled");
    case ServerState::Disconnected:
        return QStringLiteral("disconnected");
    case ServerState::Connecting:
        return QStringLiteral("connecting");
    case ServerState::Connected:
        return QStringLiteral("connected");
    case ServerState::NeedsSignIn:
        return QStringLiteral("needs sign-in");
    case ServerState::Error:
        return QStringLiteral("error");
    }
    return QString();
}

QString serverStateDisplayName(ServerState state)
{
    switch (state) {
    case ServerState::Disabled:
        return QCoreApplication::translate("ServerState", "disabled");
    case ServerState::Disconnected:
        return QCoreApplication::translate("ServerState", "disconnected");
    case ServerState::Connecting:
        return QCoreApplication::translate("ServerState", "connecting");
    case ServerState::Connected:
        return QCoreApplication::translate("ServerState", "connected");
    case ServerState::NeedsSignIn:
        return QCoreApplication::translate("ServerState", "needs sign-in");
    case ServerState::Error:
        return QCoreApplication::translate("ServerState", "error");
    }
    return QString();
}

} // namespace mcpdesk
