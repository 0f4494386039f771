// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "jsonrpc/McpError.h"

#include <QByteArray>
#include <QObject>

namespace mcpdesk {

// What the session asks of a sign-in method: the Authorization header for each
// request, and what to do when the server refuses one (401, or 403 with
// insufficient_scope). McpSession holds back the refused requests and sends
// them again once challengeHandled(true) comes.
class Authenticator : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // "Bearer …", or empty when there is no token (yet).
    virtual QByteArray authorizationHeader() const = 0;
    // Goes up each time the token changes: a refusal of a request signed with an
    // older token only needs the request sent again.
    virtual int tokenGeneration() const { return 0; }
    // `error` is the refusal (httpStatus, wwwAuthenticate). Exactly one
    // challengeHandled() follows.
    virtual void handleChallenge(const McpError &error) = 0;

signals:
    void challengeHandled(bool ok, const mcpdesk::McpError &error);
};

} // namespace mcpdesk
