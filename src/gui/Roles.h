// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <Qt>

namespace mcpdesk {

// Every item role of McpDesk's models, in one place.
enum Role {
    IdRole = Qt::UserRole + 1,
    NameRole,
    StateRole,       // ServerState (int)
    StateTextRole,   // the state word, translated
    ReasonRole,      // why: error or sign-in reason
    NextAttemptRole, // QDateTime of the next reconnect
    TransportRole,   // "streamable-http", "sse", "stdio"
    EndpointRole,    // URL or command line
    EnabledRole,
    SignInRole,      // "signed in", "not signed in", "" (no sign-in)
    SecondLineRole,  // what the delegate shows under the name
    ServerIconRole,  // the server's own icon (QIcon), when it gave one
    IconProblemRole, // why an item's icon is the app's own, not the server's (or empty)
};

} // namespace mcpdesk
