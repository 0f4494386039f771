// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace mcpdesk {

// The six words a user sees for a server, the same in the GUI, the CLI and the code.
enum class ServerState {
    Disabled,     // switched off in the config
    Disconnected, // by the user, or not started
    Connecting,
    Connected,
    NeedsSignIn,
    Error, // with a short reason
};

// The untranslated word ("needs sign-in"); the CLI and logs print these.
QString serverStateName(ServerState state);
// The word in the user's language, for the GUI.
QString serverStateDisplayName(ServerState state);

} // namespace mcpdesk
