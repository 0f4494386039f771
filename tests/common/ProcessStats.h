// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

namespace mcpdesk {

// This process's resident memory in KiB (Linux: VmRSS of /proc/self/status), or -1.
// For the benchmarks and the memory checks in tests.
qint64 residentKiB();

} // namespace mcpdesk
