// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ProcessHardening.h"

#include <cstdlib>
#include <cstring>

#include <sys/resource.h>

namespace mcpdesk {

void hardenProcess()
{
    const char *allow = std::getenv("MCPDESK_ALLOW_CORE_DUMPS");
    if (allow && std::strcmp(allow, "1") == 0)
        return;
    const rlimit none{0, 0};
    ::setrlimit(RLIMIT_CORE, &none);
}

} // namespace mcpdesk
