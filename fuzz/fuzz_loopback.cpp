// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The request a browser (or anything else on this machine) sends to the loopback
// callback listener.
#include "FuzzCommon.h"
#include "auth/LoopbackReceiver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto r =
        mcpdesk::LoopbackReceiver::parseRequest(fuzzBytes(data, size), QStringLiteral("/callback"));
    if (r.outcome == mcpdesk::LoopbackReceiver::Request::Callback)
        (void)r.query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    return 0;
}
