// What a sign-in server (or a server pretending to be one) answers: protected-resource
// metadata checked against the MCP server, authorization-server metadata addresses,
// token responses, and the address policy applied to every URL found in them.
#include "FuzzCommon.h"
#include "auth/OAuthClient.h"

#include <QJsonArray>
#include <QJsonDocument>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzzInitApp();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(fuzzBytes(data, size));
    if (!doc.isObject())
        return 0;
    const QJsonObject json = doc.object();
    const QUrl server(QStringLiteral("https://mcp.example.com/v1/mcp"));
    // Protected-resource metadata.
    (void)mcpdesk::OAuthClient::resourceMatches(QUrl(json.value(QStringLiteral("resource")).toString()), server);
    for (const QJsonValue &v : json.value(QStringLiteral("authorization_servers")).toArray())
        (void)mcpdesk::OAuthClient::allowedTarget(server, QUrl(v.toString()));
    // Authorization-server metadata: every endpoint it names.
    for (const char *key : {"authorization_endpoint", "token_endpoint", "registration_endpoint", "revocation_endpoint",
                            "device_authorization_endpoint", "issuer"}) {
        const QUrl u(json.value(QLatin1String(key)).toString());
        (void)mcpdesk::OAuthClient::isSafeAuthorizationUrl(u);
        (void)mcpdesk::OAuthClient::isInternalAddress(u);
    }
    // Token (and registration) responses.
    const auto t = mcpdesk::OAuthClient::parseTokenResponse(json);
    return int(t.expiresInSeconds < 0); // never
}
