// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerConfig.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace mcpdesk {

namespace {

// Record fields McpDesk owns; everything else is kept in `extra` as it was.
const QStringList kOwnFields{
    QStringLiteral("mcpId"), QStringLiteral("name"), QStringLiteral("description"),
    QStringLiteral("endpoint"), QStringLiteral("enabled"), QStringLiteral("authorization"),
    QStringLiteral("createdAt"), QStringLiteral("updatedAt"), QStringLiteral("roots"),
    QStringLiteral("confirmed"),
    // runtime state of the app that wrote the file: never persisted by McpDesk
    QStringLiteral("status"), QStringLiteral("error")};
const QStringList kOwnEndpointFields{
    QStringLiteral("type"),    QStringLiteral("url"),           QStringLiteral("headers"),
    QStringLiteral("command"), QStringLiteral("args"),          QStringLiteral("env"),
    QStringLiteral("cwd"),     QStringLiteral("secretHeaders"), QStringLiteral("secretEnv")};
const QStringList kOwnAuthFields{QStringLiteral("method"),      QStringLiteral("scopes"),
                                 QStringLiteral("provider"),    QStringLiteral("config"),
                                 QStringLiteral("credentials"), QStringLiteral("status"),
                                 QStringLiteral("expireAt")};
// Keys that are secrets wherever they appear in `authorization.config`.
const QStringList kSecretConfigKeys{QStringLiteral("client_secret"), QStringLiteral("access_token"),
                                    QStringLiteral("refresh_token"), QStringLiteral("token")};
} // namespace

QString ServerConfig::typeToConfigName(TransportKind kind)
{
    switch (kind) {
    case TransportKind::StreamableHttp:
        return QStringLiteral("streamableHttp");
    case TransportKind::LegacySse:
        return QStringLiteral("sse");
    case TransportKind::Stdio:
        return QStringLiteral("stdio");
    }
    return QString();
}

std::optional<TransportKind> ServerConfig::typeFromConfigName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("streamablehttp") || n == QLatin1String("streamable-http") ||
        n == QLatin1String("http"))
        return TransportKind::StreamableHttp;
    if (n == QLatin1String("sse"))
        return TransportKind::LegacySse;
    if (n == QLatin1String("stdio"))
        return TransportKind::Stdio;
    return std::nullopt;
}

QString ServerConfig::authMethodName(AuthMethod m)
{
    switch (m) {
    case AuthMethod::None:
        return QStringLiteral("none");
    case AuthMethod::Bearer:
        return QStringLiteral("bearer");
    case AuthMethod::OAuth2:
        return QStringLiteral("oauth2");
    }
    return QString();
}

QString ServerConfig::makeId(const QString &name)
{
    QString id = name.toLower().normalized(QString::NormalizationForm_KD);
    id.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    id.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    if (id.isEmpty())
        id = QStringLiteral("server");
    return id.left(48);
}

std::optional<ServerConfig> ServerConfig::fromJson(const QJsonObject &r, QString *error)
{
    ServerConfig c;
    c.mcpId = r.value(QStringLiteral("mcpId")).toString().trimmed();
    c.name = r.value(QStringLiteral("name")).toString();
    if (c.mcpId.isEmpty() && c.name.isEmpty()) {
        *error = QCoreApplication::translate("ServerConfig", "a server without mcpId and name");
        return std::nullopt;
    }
    if (c.name.isEmpty())
        c.name = c.mcpId;
    c.description = r.value(QStringLiteral("description")).toString();
    c.enabled = r.value(QStringLiteral("enabled")).toBool(true);
    c.confirmed = r.value(QStringLiteral("confirmed")).toBool(true);
    c.createdAt = qint64(r.value(QStringLiteral("createdAt")).toDouble());
    c.updatedAt = qint64(r.value(QStringLiteral("updatedAt")).toDouble());

    const QJsonObject ep = r.value(QStringLiteral("endpoint")).toObject();
    const QString typeName = ep.value(QStringLiteral("type")).toString();
    const auto type =
        typeFromConfigName(typeName.isEmpty() ? QStringLiteral("streamableHttp") : typeName);
    if (!type) {
        *error = QCoreApplication::translate("ServerConfig",
                                             "server “%1” has an unknown endpoint type “%2”")
                     .arg(c.name, typeName);
        return std::nullopt;
    }
    c.type = *type;
    c.url = QUrl(ep.value(QStringLiteral("url")).toString());
    const QJsonObject headers = ep.value(QStringLiteral("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        c.headers.append({it.key(), it.value().toString()});
    for (const QJsonValue &v : ep.value(QStringLiteral("secretHeaders")).toArray())
        c.secretHeaders.append(v.toString());
    c.command = ep.value(QStringLiteral("command")).toString();
    for (const QJsonValue &v : ep.value(QStringLiteral("args")).toArray())
        c.args.append(v.toString());
    const QJsonObject env = ep.value(QStringLiteral("env")).toObject();
    for (auto it = env.begin(); it != env.end(); ++it)
        c.env.insert(it.key(), it.value().toString());
    for (const QJsonValue &v : ep.value(QStringLiteral("secretEnv")).toArray())
        c.secretEnv.append(v.toString());
    c.workingDirectory = ep.value(QStringLiteral("cwd")).toString();
    if (c.type == TransportKind::Stdio ? c.command.isEmpty()
                                       : !c.url.isValid() || c.url.isEmpty()) {
        *error = c.type == TransportKind::Stdio
                     ? QCoreApplication::translate("ServerConfig", "server “%1” has no command")
                           .arg(c.name)
                     : QCoreApplication::translate("ServerConfig", "server “%1” has no valid URL")
                           .arg(c.name);
        return std::nullopt;
    }

    const QJsonObject auth = r.value(QStringLiteral("authorization")).toObject();
    const QString method = auth.value(QStringLiteral("method")).toString(QStringLiteral("none"));
    if (method == QLatin1String("bearer"))
        c.authMethod = AuthMethod::Bearer;
    else if (method == QLatin1String("oauth2"))
        c.authMethod = AuthMethod::OAuth2;
    const QJsonValue scopes = auth.value(QStringLiteral("scopes"));
    if (scopes.isArray()) {
        for (const QJsonValue &v : scopes.toArray())
            c.scopes.append(v.toString());
    } else {
        c.scopes = scopes.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    c.provider = auth.value(QStringLiteral("provider")).toString();
    QJsonObject config = auth.value(QStringLiteral("config")).toObject();
    for (const QString &k : kSecretConfigKeys) {
        if (config.contains(k)) {
            const QString v = config.take(k).toString();
            if (!v.isEmpty() && !v.startsWith(QLatin1Char('<'))) // "<REDACTED…>" is no secret
                c.legacySecrets.insert(k, v);
        }
    }
    c.authConfig = config;
    const QJsonObject creds = auth.value(QStringLiteral("credentials")).toObject();
    for (const QString &k : {QStringLiteral("access_token"), QStringLiteral("refresh_token")}) {
        const QString v = creds.value(k).toString();
        if (!v.isEmpty() && !v.startsWith(QLatin1Char('<')))
            c.legacySecrets.insert(k, v);
    }
    for (const QJsonValue &v : r.value(QStringLiteral("roots")).toArray())
        if (!v.toString().isEmpty())
            c.roots.append(v.toString());
    for (auto it = r.begin(); it != r.end(); ++it)
        if (!kOwnFields.contains(it.key()))
            c.extra.insert(it.key(), it.value());
    for (auto it = ep.begin(); it != ep.end(); ++it)
        if (!kOwnEndpointFields.contains(it.key()))
            c.extraEndpoint.insert(it.key(), it.value());
    for (auto it = auth.begin(); it != auth.end(); ++it)
        if (!kOwnAuthFields.contains(it.key()))
            c.extraAuthorization.insert(it.key(), it.value());
    return c;
}

QJsonObject ServerConfig::toJson() const
{
    QJsonObject ep = extraEndpoint;
    ep.insert(QStringLiteral("type"), typeToConfigName(type));
    ep.insert(QStringLiteral("url"), url.toString());
    QJsonObject headerObj;
    for (const auto &h : headers)
        headerObj.insert(h.first, h.second);
    ep.insert(QStringLiteral("headers"), headerObj);
    if (!secretHeaders.isEmpty())
        ep.insert(QStringLiteral("secretHeaders"), QJsonArray::fromStringList(secretHeaders));
    ep.insert(QStringLiteral("command"), command);
    ep.insert(QStringLiteral("args"), args.isEmpty()
                                          ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(QJsonArray::fromStringList(args)));
    QJsonObject envObj;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        envObj.insert(it.key(), it.value());
    ep.insert(QStringLiteral("env"),
              env.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(envObj));
    if (!secretEnv.isEmpty())
        ep.insert(QStringLiteral("secretEnv"), QJsonArray::fromStringList(secretEnv));
    if (!workingDirectory.isEmpty())
        ep.insert(QStringLiteral("cwd"), workingDirectory);

    QJsonObject auth = extraAuthorization;
    auth.insert(QStringLiteral("method"), authMethodName(authMethod));
    auth.insert(QStringLiteral("scopes"), scopes.join(QLatin1Char(' ')));
    if (!provider.isEmpty())
        auth.insert(QStringLiteral("provider"), provider);
    auth.insert(QStringLiteral("config"),
                authConfig.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(authConfig));

    QJsonObject r = extra;
    r.insert(QStringLiteral("mcpId"), mcpId);
    r.insert(QStringLiteral("name"), name);
    r.insert(QStringLiteral("description"), description);
    r.insert(QStringLiteral("endpoint"), ep);
    r.insert(QStringLiteral("enabled"), enabled);
    if (!confirmed)
        r.insert(QStringLiteral("confirmed"), false);
    r.insert(QStringLiteral("authorization"), auth);
    r.insert(QStringLiteral("createdAt"), createdAt);
    r.insert(QStringLiteral("updatedAt"), updatedAt);
    if (!roots.isEmpty())
        r.insert(QStringLiteral("roots"), QJsonArray::fromStringList(roots));
    return r;
}

EndpointSpec ServerConfig::endpointSpec() const
{
    EndpointSpec spec;
    spec.kind = type;
    spec.url = url;
    for (const auto &h : headers)
        spec.headers.append({h.first.toLatin1(), h.second.toUtf8()});
    spec.command.program = command;
    spec.command.arguments = args;
    spec.command.environment = env;
    spec.command.workingDirectory = workingDirectory;
    spec.caFile = authConfig.value(QStringLiteral("ca_file")).toString();
    spec.protocolVersion = protocolPin();
    return spec;
}

QString ServerConfig::protocolPin() const
{
    // Kept in extraEndpoint as written: a value McpDesk does not know is not lost (the
    // session leaves such a pin aside, with a warning).
    const QString v = extraEndpoint.value(QStringLiteral("protocolVersion")).toString();
    return v == QLatin1String("auto") ? QString() : v;
}

} // namespace mcpdesk
