// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace mcpdesk {

// Called first thing by the app and the CLI. A process holding sign-in tokens
// writes no core dump when it crashes (a core file is a copy of its memory, tokens
// included). MCPDESK_ALLOW_CORE_DUMPS=1 keeps the system's setting, for debugging.
void hardenProcess();

} // namespace mcpdesk
