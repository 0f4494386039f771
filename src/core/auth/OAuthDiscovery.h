// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace mcpdesk {

class SignInHttp;

// Where and how to sign in to one MCP server, as discovery found it (or as a
// provider preset or a remembered sign-in says).
struct AuthServerInfo
{
    QJsonObject prm;  // protected-resource metadata (RFC 9728); empty: none
    QJsonObject meta; // authorization-server metadata (RFC 8414 / OIDC); empty: none
    QString resource; // the RFC 8707 resource the tokens are for
    QString issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl registrationEndpoint;
    QUrl revocationEndpoint;
    bool legacyFallback = false; // 2025-03-26: no metadata, the server's origin serves
    QStringList prmScopes;       // scopes_supported of the protected resource
    // Whether the metadata lists `value` under `key`; `ifAbsent` when it says nothing.
    bool supports(const QString &key, const QString &value, bool ifAbsent) const;
};

// MCP authorization discovery for one server:
//   protected-resource metadata (the challenge's resource_metadata, then
//   /.well-known/oauth-protected-resource/<path>, then the root; its `resource` must
//   name this server) ──> authorization-server metadata (RFC 8414 with path
//   insertion, then both OpenID Connect positions; the issuer checked exactly).
//   No metadata at all (2025-03-26): the server's origin, /authorize, /token, /register.
class OAuthDiscovery : public QObject
{
    Q_OBJECT
public:
    // `error` empty: result() holds what was found.
    using Done = std::function<void(const QString &error)>;

    OAuthDiscovery(SignInHttp *http, const QUrl &serverUrl, QObject *parent = nullptr);

    void run(const QUrl &resourceMetadata, Done done);
    // What is running stops; its answers are ignored and `done` is not called.
    void cancel();
    const AuthServerInfo &result() const { return m_as; }

    // RFC 8707 canonical URI: lower-case scheme and host, no default port, no
    // fragment, no trailing slash on a bare origin.
    static QString canonicalResource(const QUrl &url);
    // Protected-resource metadata's `resource` names this server (same origin, a
    // path that is the server's or a parent of it).
    static bool resourceMatches(const QUrl &resource, const QUrl &server);

private:
    void discoverResource(const QUrl &resourceMetadata, std::function<void()> next);
    void tryResourceMetadata(QList<QUrl> candidates, std::function<void()> next);
    void discoverAuthServer(std::function<void()> next);
    void tryAuthServerMetadata(QList<QUrl> candidates, bool checkIssuer,
                               std::function<void()> next);
    void finish(const QString &error);

    SignInHttp *m_http;
    QUrl m_serverUrl;
    QString m_serverKey;
    AuthServerInfo m_as;
    Done m_done;
    int m_generation = 0;
};

} // namespace mcpdesk
