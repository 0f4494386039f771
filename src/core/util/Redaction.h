// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace mcpdesk {

// What the traffic log, the history and exports show of a message: secrets never.

// A copy of `value` with secret-looking members ("authorization", "token",
// "secret", "password", "api_key", "code_verifier", …) replaced by "••••", and any
// string starting "Bearer " masked after the scheme; a `requestState` shown by its
// size only ("•••• (1234 bytes)"). Without a secret in it the value comes back
// shared, not copied.
QJsonValue maskSecrets(const QJsonValue &value, int depth = 0);

// The value of a header as the log shows it: kept for a few harmless headers
// (Accept, Content-Type, Mcp-Session-Id, …), otherwise masked ("Bearer ••••").
QByteArray maskHeader(const QByteArray &name, const QByteArray &value);

} // namespace mcpdesk
