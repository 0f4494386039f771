// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once
// What a saved server is started with, made in one place for the app (ServerManager)
// and mcpdesk-cli: its secrets from the keychain, the endpoint with them added, and
// its sign-in settings. A caller adds only how to reach the person (a browser, a
// terminal) and whether it may ask now.

#include "auth/OAuthClient.h"
#include "config/ServerConfig.h"
#include "transport/EndpointSpec.h"

#include <QHash>

#include <functional>

namespace mcpdesk {

class CallbackRouter;
class SecretStore;

// A saved server's secrets by kind: "header:<name>", "env:<name>", "bearer",
// "client_secret".
using ServerSecrets = QHash<QString, QByteArray>;

// The keychain key of one of a saved server's secrets.
QString serverSecretKey(const QString &mcpId, const QString &kind);

// Reads every secret `c` names; `done` always runs (without the ones that could not
// be read, or with none when there is no store).
void readServerSecrets(SecretStore *store, const ServerConfig &c,
                       std::function<void(ServerSecrets)> done);

// Adds `c`'s secret headers, bearer token and secret environment to `spec` (its
// endpoint, possibly with a caller's changes).
void addSecrets(EndpointSpec &spec, const ServerConfig &c, const ServerSecrets &secrets);

// The sign-in settings of `c`: its registered client and secret, scopes, provider
// preset with its options and device flow, and the mcpdesk:// redirect through
// `router` when the preset asks for it (null: the loopback redirect). Not
// interactive, no browser: the caller decides.
OAuthSettings signInSettings(const ServerConfig &c, const ServerSecrets &secrets,
                             CallbackRouter *router);

} // namespace mcpdesk
