// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "jsonrpc/JsonRpcEndpoint.h"

#include <QObject>

#include <memory>

// The replies a test looks at, kept until it ends: a reply deletes itself once
// finished, and QTRY_VERIFY's event loop would let it go while still looked at.
// Call reset() in the test's init() and cleanup().
class KeptReplies
{
public:
    mcpdesk::RpcReply *operator()(mcpdesk::RpcReply *reply)
    {
        reply->setAutoDelete(false);
        reply->setParent(m_owner.get());
        return reply;
    }
    void reset() { m_owner = std::make_unique<QObject>(); }

private:
    std::unique_ptr<QObject> m_owner = std::make_unique<QObject>();
};
