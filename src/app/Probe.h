// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

class QWidget;

namespace mcpdesk {

class ServerManager;

// A hook for measuring the app from outside. `mcpdesk` links NoProbe.cpp: it does
// nothing. `mcpdesk-bench` (built with MCPDESK_BUILD_BENCH from the same sources)
// links bench/probe/BenchProbe.cpp instead, which bench/run-gui.sh drives.
void installProbe(QWidget *window, ServerManager *manager);

} // namespace mcpdesk
