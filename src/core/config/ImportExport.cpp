// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ImportExport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace mcpdesk {

namespace {
} // namespace

QString clientFormatName(ClientFormat format)
{
    switch (format) {
    case ClientFormat::ClaudeDesktop:
        return QStringLiteral("Claude Desktop");
    case ClientFormat::Cursor:
        return QStringLiteral("Cursor");
    case ClientFormat::VsCode:
        return QStringLiteral("VS Code");
    case ClientFormat::McpDesk:
        return QStringLiteral("McpDesk");
    }
    return QString();
}

bool looksSecret(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral(
            "(token|secret|password|passwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|"
            "credential|^authorization$|^x-api-key$|_pat$|^pat$|auth)"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

namespace {
// One entry of a "mcpServers" / "servers" map.
ImportedServer fromClientEntry(const QString &name, const QJsonObject &e, QStringList *warnings)
{
    ImportedServer out;
    ServerConfig &c = out.config;
    c.name = name;
    c.mcpId = ServerConfig::makeId(name);
    const QString type = e.value(QStringLiteral("type")).toString().toLower();
    if (e.contains(QStringLiteral("url")) || type == QLatin1String("http") ||
        type == QLatin1String("sse") || type == QLatin1String("streamable-http") ||
        type == QLatin1String("streamablehttp")) {
        c.type =
            type == QLatin1String("sse") ? TransportKind::LegacySse : TransportKind::StreamableHttp;
        c.url = QUrl(e.value(QStringLiteral("url")).toString());
        const QJsonObject headers = e.value(QStringLiteral("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            const QString value = it.value().toString();
            if (looksSecret(it.key()) ||
                value.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive)) {
                c.secretHeaders.append(it.key());
                if (!value.contains(QLatin1String("${")))
                    out.secrets.insert(QStringLiteral("header:") + it.key(), value.toUtf8());
                else
                    warnings->append(
                        QCoreApplication::translate(
                            "ImportExport",
                            "%1: header %2 refers to a variable; enter its value in McpDesk.")
                            .arg(name, it.key()));
            } else {
                c.headers.append({it.key(), value});
            }
        }
    } else {
        c.type = TransportKind::Stdio;
        c.command = e.value(QStringLiteral("command")).toString();
        for (const QJsonValue &a : e.value(QStringLiteral("args")).toArray())
            c.args.append(a.toString());
        c.workingDirectory = e.value(QStringLiteral("cwd")).toString();
    }
    const QJsonObject env = e.value(QStringLiteral("env")).toObject();
    for (auto it = env.begin(); it != env.end(); ++it) {
        const QString value = it.value().toString();
        if (looksSecret(it.key())) {
            c.secretEnv.append(it.key());
            if (!value.contains(QLatin1String("${")) && !value.isEmpty())
                out.secrets.insert(QStringLiteral("env:") + it.key(), value.toUtf8());
            else
                warnings->append(
                    QCoreApplication::translate(
                        "ImportExport", "%1: %2 refers to a variable; enter its value in McpDesk.")
                        .arg(name, it.key()));
        } else {
            c.env.insert(it.key(), value);
        }
    }
    if (e.value(QStringLiteral("disabled")).toBool())
        c.enabled = false;
    return out;
}
} // namespace

ImportResult importServers(const QByteArray &json)
{
    ImportResult r;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        r.error =
            err.error != QJsonParseError::NoError
                ? QCoreApplication::translate("ImportExport", "The file is not valid JSON: %1.")
                      .arg(err.errorString())
                : QCoreApplication::translate("ImportExport",
                                              "The file does not hold a list of servers.");
        return r;
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("servers")).isArray()) {
        // McpDesk's own records (the seed's shape).
        r.format = ClientFormat::McpDesk;
        for (const QJsonValue &v : root.value(QStringLiteral("servers")).toArray()) {
            QString why;
            auto c = ServerConfig::fromJson(v.toObject(), &why);
            if (!c) {
                r.warnings.append(why);
                continue;
            }
            ImportedServer s;
            s.config = *c;
            for (auto it = c->legacySecrets.cbegin(); it != c->legacySecrets.cend(); ++it) {
                const QString kind = it.key() == QLatin1String("client_secret")
                                         ? QStringLiteral("client_secret")
                                     : c->authMethod == ServerConfig::AuthMethod::Bearer &&
                                             it.key() == QLatin1String("access_token")
                                         ? QStringLiteral("bearer")
                                         : QStringLiteral("imported:") + it.key();
                s.secrets.insert(kind, it.value().toUtf8());
            }
            s.config.legacySecrets.clear();
            r.servers.append(s);
        }
    } else if (root.value(QStringLiteral("servers")).isObject()) {
        r.format = ClientFormat::VsCode;
        const QJsonObject servers = root.value(QStringLiteral("servers")).toObject();
        for (auto it = servers.begin(); it != servers.end(); ++it)
            r.servers.append(fromClientEntry(it.key(), it.value().toObject(), &r.warnings));
    } else if (root.value(QStringLiteral("mcpServers")).isObject()) {
        const QJsonObject servers = root.value(QStringLiteral("mcpServers")).toObject();
        bool anyUrl = false;
        for (auto it = servers.begin(); it != servers.end(); ++it) {
            anyUrl = anyUrl || it.value().toObject().contains(QStringLiteral("url"));
            r.servers.append(fromClientEntry(it.key(), it.value().toObject(), &r.warnings));
        }
        r.format = anyUrl ? ClientFormat::Cursor : ClientFormat::ClaudeDesktop;
    } else {
        r.error = QCoreApplication::translate(
            "ImportExport",
            "No servers found: the file has neither \"mcpServers\" nor \"servers\".");
        return r;
    }
    for (const ImportedServer &s : r.servers) {
        if (s.config.type == TransportKind::Stdio ? s.config.command.isEmpty()
                                                  : !s.config.url.isValid()) {
            r.warnings.append(QCoreApplication::translate(
                                  "ImportExport", "%1 has no command or URL and was left out.")
                                  .arg(s.config.name));
        }
    }
    // A command from another program's settings is not run before the person has
    // seen it and allowed it (ServerConfig::confirmed).
    for (ImportedServer &s : r.servers)
        if (s.config.type == TransportKind::Stdio)
            s.config.confirmed = false;
    r.servers.removeIf([](const ImportedServer &s) {
        return s.config.type == TransportKind::Stdio
                   ? s.config.command.isEmpty()
                   : !s.config.url.isValid() || s.config.url.isEmpty();
    });
    r.ok = true;
    return r;
}

QByteArray exportServers(const QList<ServerConfig> &servers, ClientFormat format)
{
    if (format == ClientFormat::McpDesk) {
        QJsonArray list;
        for (ServerConfig s : servers) {
            s.legacySecrets.clear();
            list.append(s.toJson());
        }
        return QJsonDocument(QJsonObject{{QStringLiteral("servers"), list}})
            .toJson(QJsonDocument::Indented);
    }
    QJsonObject map;
    QJsonArray inputs;
    for (const ServerConfig &s : servers) {
        QJsonObject e;
        if (s.type == TransportKind::Stdio) {
            if (format == ClientFormat::VsCode)
                e.insert(QStringLiteral("type"), QStringLiteral("stdio"));
            e.insert(QStringLiteral("command"), s.command);
            e.insert(QStringLiteral("args"), QJsonArray::fromStringList(s.args));
            QJsonObject env;
            for (auto it = s.env.cbegin(); it != s.env.cend(); ++it)
                env.insert(it.key(), it.value());
            // Secrets are never written: VS Code gets a prompt, the others a placeholder.
            for (const QString &k : s.secretEnv) {
                if (format == ClientFormat::VsCode) {
                    const QString id = s.mcpId + QLatin1Char('-') + k.toLower();
                    env.insert(k, QStringLiteral("${input:%1}").arg(id));
                    inputs.append(
                        QJsonObject{{QStringLiteral("id"), id},
                                    {QStringLiteral("type"), QStringLiteral("promptString")},
                                    {QStringLiteral("description"), k},
                                    {QStringLiteral("password"), true}});
                } else {
                    env.insert(k, QStringLiteral("<%1>").arg(k));
                }
            }
            if (!env.isEmpty())
                e.insert(QStringLiteral("env"), env);
        } else {
            if (format == ClientFormat::ClaudeDesktop) {
                // Claude Desktop's file starts local programs only: through mcp-remote.
                e.insert(QStringLiteral("command"), QStringLiteral("npx"));
                e.insert(QStringLiteral("args"),
                         QJsonArray{QStringLiteral("-y"), QStringLiteral("mcp-remote"),
                                    s.url.toString()});
            } else {
                if (format == ClientFormat::VsCode)
                    e.insert(QStringLiteral("type"), s.type == TransportKind::LegacySse
                                                         ? QStringLiteral("sse")
                                                         : QStringLiteral("http"));
                e.insert(QStringLiteral("url"), s.url.toString());
                QJsonObject headers;
                for (const auto &h : s.headers)
                    headers.insert(h.first, h.second);
                for (const QString &h : s.secretHeaders)
                    headers.insert(h, QStringLiteral("<%1>").arg(h));
                if (!headers.isEmpty())
                    e.insert(QStringLiteral("headers"), headers);
            }
        }
        map.insert(s.name, e);
    }
    QJsonObject root;
    if (format == ClientFormat::VsCode) {
        root.insert(QStringLiteral("servers"), map);
        if (!inputs.isEmpty())
            root.insert(QStringLiteral("inputs"), inputs);
    } else {
        root.insert(QStringLiteral("mcpServers"), map);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace mcpdesk
