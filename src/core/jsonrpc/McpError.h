// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace mcpdesk {

// What went wrong, in words a user understands, plus the machine-readable kind
// that decides what happens next (retry, sign in, give up) and the CLI exit code.
struct McpError
{
    enum class Kind {
        None,
        Connection,     // refused, DNS, reset, TLS, HTTP error status
        Protocol,       // malformed message, unsupported version, JSON-RPC error answer
        Unauthorized,   // HTTP 401/403: sign-in needed or refused
        Timeout,        // no answer in time
        Cancelled,      // the user (or the program) cancelled
        SessionExpired, // HTTP 404 on a request that carried a session id
    };

    Kind kind = Kind::None;
    QString message;    // user-facing, already translated
    int httpStatus = 0; // when the error came from an HTTP status
    int rpcCode = 0;    // when the server answered a JSON-RPC error
    bool isRpcError = false;
    QJsonValue rpcData;
    QByteArray wwwAuthenticate; // the 401 challenge, for the sign-in layer
    // The request reached the server and its answer's stream broke off (or ended
    // without the answer): it may have run.
    bool streamBroken = false;

    bool isError() const { return kind != Kind::None; }

    static McpError make(Kind k, const QString &msg)
    {
        McpError e;
        e.kind = k;
        e.message = msg;
        return e;
    }
};

} // namespace mcpdesk
