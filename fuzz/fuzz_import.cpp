// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// A configuration file to import (Claude Desktop, Cursor, VS Code, McpDesk's own),
// and the export of whatever it yields in every format.
#include "FuzzCommon.h"
#include "config/ImportExport.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzzInitApp();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const mcpdesk::ImportResult r = mcpdesk::importServers(fuzzBytes(data, size));
    QList<mcpdesk::ServerConfig> servers;
    for (const mcpdesk::ImportedServer &s : r.servers)
        servers << s.config;
    for (auto format : {mcpdesk::ClientFormat::ClaudeDesktop, mcpdesk::ClientFormat::Cursor,
                        mcpdesk::ClientFormat::VsCode, mcpdesk::ClientFormat::McpDesk})
        (void)mcpdesk::exportServers(servers, format);
    fuzzDrainEvents();
    return 0;
}
