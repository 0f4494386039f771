// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

class QWidget;

namespace mcpdesk {

class ServerManager;

// Measurements for bench/run-gui.sh, switched on by the environment only; the app
// behaves as usual otherwise. Each prints one line on stdout and quits:
//   MCPDESK_BENCH=first-paint  MCPDESK_BENCH_T0_NS=<CLOCK_REALTIME ns before exec>
//     "first-paint <ms since T0> rss-kb <resident KiB>" once the window has painted
//   MCPDESK_BENCH=idle:<N>
//     once N servers are connected and their tool lists loaded, and 3 s of idling:
//     "idle <servers> servers <tools> tools ready-ms <ms> rss-kb <resident KiB>"
void installBenchProbe(QWidget *window, ServerManager *manager);

} // namespace mcpdesk
