// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "Probe.h"

namespace mcpdesk {

void installProbe(QWidget *, ServerManager *) {}

} // namespace mcpdesk
