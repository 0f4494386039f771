// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerInputs.h"

#include "auth/SecretStore.h"

#include <QPointer>

#include <memory>

namespace mcpdesk {

namespace {
const QString kHeader = QStringLiteral("header:");
const QString kEnv = QStringLiteral("env:");
const QString kBearer = QStringLiteral("bearer");
const QString kClientSecret = QStringLiteral("client_secret");
} // namespace

QString serverSecretKey(const QString &mcpId, const QString &kind)
{
    return SecretStore::makeKey(QStringLiteral("server:") + mcpId, QString(), kind);
}

void readServerSecrets(SecretStore *store, const ServerConfig &c,
                       std::function<void(ServerSecrets)> done)
{
    QStringList kinds;
    for (const QString &h : c.secretHeaders)
        kinds << kHeader + h;
    for (const QString &e : c.secretEnv)
        kinds << kEnv + e;
    if (c.authMethod == ServerConfig::AuthMethod::Bearer)
        kinds << kBearer;
    if (c.authMethod == ServerConfig::AuthMethod::OAuth2)
        kinds << kClientSecret;
    auto out = std::make_shared<ServerSecrets>();
    if (kinds.isEmpty() || !store) {
        done(*out);
        return;
    }
    auto left = std::make_shared<int>(int(kinds.size()));
    for (const QString &kind : kinds) {
        store->read(serverSecretKey(c.mcpId, kind),
                    [out, left, kind, done](std::optional<QByteArray> v, const QString &) {
                        if (v)
                            out->insert(kind, *v);
                        if (--*left == 0)
                            done(*out);
                    });
    }
}

void addSecrets(EndpointSpec &spec, const ServerConfig &c, const ServerSecrets &secrets)
{
    for (const QString &h : c.secretHeaders)
        if (secrets.contains(kHeader + h))
            spec.headers.append({h.toLatin1(), secrets.value(kHeader + h)});
    for (const QString &e : c.secretEnv)
        if (secrets.contains(kEnv + e))
            spec.command.environment.insert(e, QString::fromUtf8(secrets.value(kEnv + e)));
    if (c.authMethod == ServerConfig::AuthMethod::Bearer && secrets.contains(kBearer))
        spec.headers.append({QByteArrayLiteral("Authorization"),
                             QByteArrayLiteral("Bearer ") + secrets.value(kBearer)});
}

OAuthSettings signInSettings(const ServerConfig &c, const ServerSecrets &secrets,
                             CallbackRouter *router)
{
    OAuthSettings settings;
    settings.clientId = c.authConfig.value(QStringLiteral("client_id")).toString();
    settings.clientSecret = secrets.value(kClientSecret);
    settings.scopes = c.scopes;
    settings.interactive = false;
    settings.provider = c.provider;
    settings.providerConfig = c.authConfig;
    settings.deviceFlow =
        c.authConfig.value(QStringLiteral("flow")).toString() == QLatin1String("device");
    if (c.authConfig.value(QStringLiteral("redirect")).toString() == QLatin1String("mcpdesk"))
        settings.customSchemeRouter = router;
    return settings;
}

} // namespace mcpdesk
