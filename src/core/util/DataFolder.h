// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace mcpdesk {

// The folder the app and mcpdesk-cli share for what they keep that is not settings
// (the call history; later the era verdicts): `$XDG_DATA_HOME/McpDesk`, usually
// ~/.local/share/McpDesk. The first call in a process moves there what earlier
// versions kept apart — the app's ~/.local/share/McpDesk/McpDesk and the CLI's
// ~/.local/share/mcpdesk-cli — never replacing a file that is already there.
QString dataFolder();

// The move itself, from those two folders into `genericDataDir`/McpDesk; returns the
// names of the files moved.
QStringList moveEarlierDataFolders(const QString &genericDataDir);

} // namespace mcpdesk
