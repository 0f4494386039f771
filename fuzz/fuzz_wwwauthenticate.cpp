// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// WWW-Authenticate headers as a server may send them.
#include "FuzzCommon.h"
#include "auth/WwwAuthenticate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray header = fuzzBytes(data, size);
    const auto challenges = mcpdesk::parseWwwAuthenticate(header);
    const auto bearer = mcpdesk::bearerChallenge(header);
    return int(challenges.size() > 1000 && bearer.has_value() && false);
}
