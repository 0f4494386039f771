// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// What a sign-in server (or a server pretending to be one) answers: protected-resource
// metadata checked against the MCP server, authorization-server metadata addresses,
// token and registration responses (JSON or form-encoded), and the address policy
// applied to every URL found in them.
#include "FuzzCommon.h"
#include "auth/OAuthClient.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzzInitApp();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Any body, as the HTTP helper reads it (JSON, else form-encoded).
    const QJsonObject json = mcpdesk::OAuthClient::parseResponseBody(fuzzBytes(data, size));
    const QUrl server(QStringLiteral("https://mcp.example.com/v1/mcp"));
    // Protected-resource metadata.
    (void)mcpdesk::OAuthClient::resourceMatches(
        QUrl(json.value(QStringLiteral("resource")).toString()), server);
    for (const QJsonValue &v : json.value(QStringLiteral("authorization_servers")).toArray())
        (void)mcpdesk::OAuthClient::allowedTarget(server, QUrl(v.toString()));
    // Authorization-server metadata: every endpoint it names.
    for (const char *key : {"authorization_endpoint", "token_endpoint", "registration_endpoint",
                            "revocation_endpoint", "device_authorization_endpoint", "issuer"}) {
        const QUrl u(json.value(QLatin1String(key)).toString());
        (void)mcpdesk::OAuthClient::isSafeAuthorizationUrl(u);
        (void)mcpdesk::OAuthClient::isInternalAddress(u);
    }
    // Registration responses: a method needing a secret always comes with one.
    for (const char *asked : {"none", "client_secret_basic", "client_secret_post"}) {
        const auto r =
            mcpdesk::OAuthClient::parseRegistrationResponse(json, QString::fromLatin1(asked));
        if (r.authMethod != QLatin1String("none") && r.clientSecret.isEmpty())
            std::abort();
    }
    // Token responses.
    const auto t = mcpdesk::OAuthClient::parseTokenResponse(json);
    return int(t.expiresInSeconds < 0); // never
}
