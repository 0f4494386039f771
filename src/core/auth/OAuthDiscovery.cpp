// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "OAuthDiscovery.h"

#include "OAuthClient.h"
#include "OAuthHelpers.h"
#include "SignInHttp.h"

#include <QJsonArray>

namespace mcpdesk {

using oauth::origin;
using oauth::toStringList;
using oauth::trimSlash;

bool AuthServerInfo::supports(const QString &key, const QString &value, bool ifAbsent) const
{
    if (!meta.contains(key))
        return ifAbsent;
    return toStringList(meta.value(key)).contains(value);
}

OAuthDiscovery::OAuthDiscovery(SignInHttp *http, const QUrl &serverUrl, QObject *parent)
    : QObject(parent), m_http(http), m_serverUrl(serverUrl),
      m_serverKey(canonicalResource(serverUrl))
{
}

void OAuthDiscovery::run(const QUrl &resourceMetadata, Done done)
{
    cancel();
    m_done = std::move(done);
    m_as = AuthServerInfo();
    m_as.resource = m_serverKey;
    discoverResource(resourceMetadata,
                     [this] { discoverAuthServer([this] { finish(QString()); }); });
}

void OAuthDiscovery::cancel()
{
    ++m_generation;
    m_done = {};
}

void OAuthDiscovery::finish(const QString &error)
{
    ++m_generation; // nothing of this run is heard any more
    if (Done done = std::exchange(m_done, {}))
        done(error);
}

QString OAuthDiscovery::canonicalResource(const QUrl &url)
{
    QUrl u = url.adjusted(QUrl::RemoveFragment | QUrl::RemoveQuery);
    u.setScheme(u.scheme().toLower());
    u.setHost(u.host().toLower());
    if ((u.scheme() == QLatin1String("https") && u.port() == 443) ||
        (u.scheme() == QLatin1String("http") && u.port() == 80))
        u.setPort(-1);
    if (u.path() == QLatin1String("/"))
        u.setPath(QString());
    return u.toString(QUrl::FullyEncoded);
}

bool OAuthDiscovery::resourceMatches(const QUrl &resource, const QUrl &server)
{
    // RFC 9728 §3.3 with the MCP spec's canonical server URI (scheme and host in
    // lower case, no default port, no fragment): the metadata must name this server,
    // character for character in its path, or a parent of it on the same origin.
    // "https://x/mcp/" does not name "https://x/mcp": a trailing slash is another
    // resource identifier, and a token minted for it has another audience.
    // The leniency kept is the parent path at a segment boundary (the origin alone,
    // or "/v1" for "/v1/mcp"), which the spec allows a server to use as its
    // resource: it is safe because the parent lives on the same origin, so the token
    // can only go to the server that published the metadata or one beside it that
    // the same party runs, never to another host.
    const bool sameOrigin = resource.isValid() && !resource.host().isEmpty() &&
                            origin(resource).compare(origin(server), Qt::CaseInsensitive) == 0;
    if (!sameOrigin)
        return false;
    const QString rPath = resource.path(QUrl::FullyEncoded);
    const QString sPath = server.path(QUrl::FullyEncoded);
    if (rPath.isEmpty() || rPath == QLatin1String("/") || rPath == sPath)
        return true;
    return sPath.startsWith(rPath.endsWith(QLatin1Char('/')) ? rPath : rPath + QLatin1Char('/'));
}

void OAuthDiscovery::discoverResource(const QUrl &resourceMetadata, std::function<void()> next)
{
    QList<QUrl> candidates;
    if (resourceMetadata.isValid() && !resourceMetadata.isEmpty()) {
        const QString scheme = resourceMetadata.scheme().toLower();
        if (scheme == QLatin1String("https") || scheme == QLatin1String("http"))
            candidates.append(resourceMetadata);
    }
    const QString base = origin(m_serverUrl);
    const QString path = m_serverUrl.path();
    if (!path.isEmpty() && path != QLatin1String("/"))
        candidates.append(
            QUrl(base + QStringLiteral("/.well-known/oauth-protected-resource") + path));
    candidates.append(QUrl(base + QStringLiteral("/.well-known/oauth-protected-resource")));
    tryResourceMetadata(candidates, std::move(next));
}

void OAuthDiscovery::tryResourceMetadata(QList<QUrl> candidates, std::function<void()> next)
{
    if (candidates.isEmpty()) {
        // 2025-03-26: no protected-resource metadata; the server's origin is the
        // authorization server.
        qCDebug(lcAuth) << "no protected-resource metadata; using the server's origin";
        m_as.prm = QJsonObject();
        m_as.prmScopes.clear();
        m_as.legacyFallback = true;
        m_as.issuer = origin(m_serverUrl);
        m_as.resource = m_serverKey;
        next();
        return;
    }
    const QUrl url = candidates.takeFirst();
    m_http->getJson(url, [this, generation = m_generation, url, candidates,
                          next](int status, const QJsonObject &json, const QString &netError) {
        if (generation != m_generation)
            return;
        if (status != 200 || !json.value(QStringLiteral("authorization_servers")).isArray()) {
            if (!netError.isEmpty() && candidates.isEmpty()) {
                finish(tr("Cannot sign in: %1").arg(netError));
                return;
            }
            tryResourceMetadata(candidates, next);
            return;
        }
        // The metadata must describe this very server (RFC 9728 §3.3).
        const QString resource = json.value(QStringLiteral("resource")).toString();
        const QUrl r(resource);
        if (!resourceMatches(r, m_serverUrl)) {
            finish(tr("The server's sign-in information is for “%1”, not for %2. McpDesk did not "
                      "sign in, "
                      "because the token could be sent to the wrong place.")
                       .arg(resource.isEmpty() ? tr("(nothing)") : resource, m_serverKey));
            return;
        }
        m_as.prm = json;
        m_as.legacyFallback = false;
        m_as.resource = canonicalResource(r);
        m_as.prmScopes = toStringList(json.value(QStringLiteral("scopes_supported")));
        const QJsonArray servers = json.value(QStringLiteral("authorization_servers")).toArray();
        m_as.issuer = servers.isEmpty() ? QString() : servers.first().toString();
        if (m_as.issuer.isEmpty()) {
            finish(tr("The server does not name a sign-in server."));
            return;
        }
        next();
    });
}

void OAuthDiscovery::discoverAuthServer(std::function<void()> next)
{
    const QUrl issuer(m_as.issuer);
    const QString base = origin(issuer);
    const QString path = trimSlash(issuer.path());
    QList<QUrl> candidates;
    if (!path.isEmpty()) {
        candidates << QUrl(base + QStringLiteral("/.well-known/oauth-authorization-server") + path)
                   << QUrl(base + QStringLiteral("/.well-known/openid-configuration") + path)
                   << QUrl(base + path + QStringLiteral("/.well-known/openid-configuration"));
    } else {
        candidates << QUrl(base + QStringLiteral("/.well-known/oauth-authorization-server"))
                   << QUrl(base + QStringLiteral("/.well-known/openid-configuration"));
    }
    tryAuthServerMetadata(candidates, !m_as.legacyFallback, std::move(next));
}

void OAuthDiscovery::tryAuthServerMetadata(QList<QUrl> candidates, bool checkIssuer,
                                           std::function<void()> next)
{
    if (candidates.isEmpty()) {
        if (!m_as.legacyFallback) {
            finish(tr("The sign-in server %1 publishes no metadata McpDesk can use.")
                       .arg(m_as.issuer));
            return;
        }
        // 2025-03-26 without any metadata: the default endpoints at the origin.
        m_as.meta = QJsonObject();
        const QString base = origin(m_serverUrl);
        m_as.authorizationEndpoint = QUrl(base + QStringLiteral("/authorize"));
        m_as.tokenEndpoint = QUrl(base + QStringLiteral("/token"));
        m_as.registrationEndpoint = QUrl(base + QStringLiteral("/register"));
        m_as.revocationEndpoint = QUrl();
        next();
        return;
    }
    const QUrl url = candidates.takeFirst();
    m_http->getJson(url, [this, generation = m_generation, candidates, checkIssuer,
                          next](int status, const QJsonObject &json, const QString &) {
        if (generation != m_generation)
            return;
        if (status != 200 || !json.contains(QStringLiteral("authorization_endpoint"))) {
            tryAuthServerMetadata(candidates, checkIssuer, next);
            return;
        }
        // RFC 8414 §3.3: identical to the issuer the metadata address was made from,
        // character for character (an added or missing trailing slash included).
        const QString issuer = json.value(QStringLiteral("issuer")).toString();
        if (checkIssuer && issuer != m_as.issuer) {
            finish(
                tr("The sign-in server's metadata names issuer “%1” instead of “%2”; McpDesk did "
                   "not "
                   "trust it.")
                    .arg(issuer, m_as.issuer));
            return;
        }
        if (!issuer.isEmpty())
            m_as.issuer = issuer;
        m_as.meta = json;
        m_as.authorizationEndpoint =
            QUrl(json.value(QStringLiteral("authorization_endpoint")).toString());
        m_as.tokenEndpoint = QUrl(json.value(QStringLiteral("token_endpoint")).toString());
        m_as.registrationEndpoint =
            QUrl(json.value(QStringLiteral("registration_endpoint")).toString());
        m_as.revocationEndpoint =
            QUrl(json.value(QStringLiteral("revocation_endpoint")).toString());
        if (!m_as.tokenEndpoint.isValid() || m_as.tokenEndpoint.isEmpty()) {
            finish(tr("The sign-in server %1 has no token endpoint.").arg(m_as.issuer));
            return;
        }
        next();
    });
}

} // namespace mcpdesk
