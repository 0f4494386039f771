// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "OAuthDiscovery.h"
#include "ProviderPresets.h"
#include "SecretStore.h"
#include "SignInHttp.h"
#include "SignInStore.h"
#include "protocol/Authenticator.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslCertificate>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace mcpdesk {

class LoopbackReceiver;
class CallbackRouter;

struct OAuthSettings
{
    // A client registered by the user beforehand (its secret comes from the keychain).
    QString clientId;
    QByteArray clientSecret;
    // Scopes chosen by the user; empty: what the server asks for.
    QStringList scopes;
    // Client ID Metadata Document URL, used when the server supports it.
    QUrl clientMetadataUrl;
    QString clientName = QStringLiteral("McpDesk");
    // False: never start a browser sign-in (refresh only); the caller asks the user.
    bool interactive = true;
    // Opens the authorization URL; returns false if it could not. Empty: nothing
    // is opened, the URL is only announced (authorizationUrlReady).
    std::function<bool(const QUrl &)> openBrowser;
    int callbackTimeoutMs = 5 * 60 * 1000;
    // Each request to the servers of the sign-in (discovery, registration, token,
    // refresh, revocation, device polling) that has no answer after this long fails
    // in words: a server that never answers must not hold the waiting calls forever.
    int requestTimeoutMs = 30 * 1000;
    // A provider preset ("github", "notion", "x") instead of MCP discovery, with
    // its endpoint overrides; `deviceFlow` for RFC 8628 (GitHub), no browser redirect.
    QString provider;
    QJsonObject providerConfig;
    bool deviceFlow = false;
    // Presets only (never MCP discovery, which needs loopback or https): the
    // redirect mcpdesk://oauth/callback, delivered through this router.
    CallbackRouter *customSchemeRouter = nullptr;
    // Browser sign-ins allowed for one chain of refusals (step-up included).
    int maxAuthorizations = 3;
};

// MCP authorization (2025-06-18 / 2025-11-25, with the 2025-03-26 fallbacks) for
// one HTTP server, as an Authenticator for McpSession.
//
//   401/403 ──> protected-resource metadata (WWW-Authenticate resource_metadata,
//   then /.well-known/oauth-protected-resource/<path>, then the root) ──> resource
//   must match the server ──> authorization-server metadata (RFC 8414 with path
//   insertion, then both OpenID Connect positions; issuer checked) ──> PKCE S256
//   must be supported ──> client: pre-registered > remembered registration >
//   Client ID Metadata Document > dynamic registration (RFC 7591) > ask the user
//   ──> browser: authorization request (state, PKCE, resource, scope) ──> loopback
//   callback (state, iss checked) ──> token request (resource, client auth as the
//   server supports) ──> tokens: secrets in the SecretStore, facts in SignInStore.
//
//   No metadata at all (2025-03-26): the server's origin, /authorize, /token, /register.
//   Refresh: a timer before expiry, and on 401; one at a time; a rotated refresh
//   token is saved at once; a failed refresh never loops: the user must sign in.
//
// In parts: every request goes through SignInHttp (the network policy and the
// sign-in's address rules), discovery is OAuthDiscovery; the rest are this class's
// own, one file each: the challenge and the flow (OAuthClient.cpp), the client's
// registration (OAuthRegistration.cpp), the authorization-code flow
// (OAuthAuthorizationCode.cpp), provider presets and the device flow
// (OAuthDeviceFlow.cpp), the refresher (OAuthRefresher.cpp), and the sign-in record
// kept in the keychain and signins.json (SignInRecord.cpp).
class OAuthClient : public Authenticator
{
    Q_OBJECT
public:
    struct TokenInfo
    {
        bool signedIn = false;
        QString issuer;
        QString clientId;
        QStringList scopesRequested;
        QStringList scopesGranted;
        QDateTime expiresAt; // invalid: no expiry given
        QString tokenType;
        bool hasRefreshToken = false;
        QDateTime lastRefresh;
        bool persistent = true; // false: kept for this run only (no keychain)
    };

    OAuthClient(const QUrl &serverUrl, SecretStore *secrets, SignInStore *facts,
                const OAuthSettings &settings, QObject *parent = nullptr);
    // For a server without a URL (a local program): its sign-in is kept under `serverKey`.
    void setServerKey(const QString &key) { m_serverKey = key; }
    ~OAuthClient() override;

    // The parts' rules, here for the callers of the whole (see SignInHttp and
    // OAuthDiscovery for what each says).
    static QString canonicalResource(const QUrl &url)
    {
        return OAuthDiscovery::canonicalResource(url);
    }
    static bool isSafeAuthorizationUrl(const QUrl &url)
    {
        return SignInHttp::isSafeAuthorizationUrl(url);
    }
    static bool isInternalAddress(const QUrl &url) { return SignInHttp::isInternalAddress(url); }
    static bool allowedTarget(const QUrl &server, const QUrl &target)
    {
        return SignInHttp::allowedTarget(server, target);
    }
    static bool resourceMatches(const QUrl &resource, const QUrl &server)
    {
        return OAuthDiscovery::resourceMatches(resource, server);
    }
    static QJsonObject parseResponseBody(const QByteArray &body)
    {
        return SignInHttp::parseResponseBody(body);
    }
    // Decides which addresses count as internal (SignInHttp::isInternalAddress unless
    // set): tests make a loopback address play a public host.
    void setAddressClassifier(std::function<bool(const QUrl &)> internal)
    {
        m_net->setAddressClassifier(std::move(internal));
    }
    // Extra certificate authorities to trust for the server's sign-in (the server's own
    // "extra CA", as its MCP requests use): its metadata often lives on the same host.
    void setCaCertificates(const QList<QSslCertificate> &certs) { m_net->setCaCertificates(certs); }
    QString refusedRedirect(const QUrl &from, const QUrl &to, bool withBody) const
    {
        return m_net->refusedRedirect(from, to, withBody);
    }
    // A token endpoint's answer, read defensively (expires_in as number or string,
    // clamped; scope as a string or a list).
    struct TokenResponse
    {
        QByteArray accessToken;
        QString tokenType;
        QByteArray refreshToken;
        qint64 expiresInSeconds = 0; // 0: unknown
        bool hasScope = false;
        QStringList scopes;
    };
    static TokenResponse parseTokenResponse(const QJsonObject &json);
    // A dynamic client registration answer (RFC 7591); `requestedMethod` is what was asked for.
    struct Registration
    {
        QString clientId; // empty: not registered
        QByteArray clientSecret;
        QString authMethod;
    };
    static Registration parseRegistrationResponse(const QJsonObject &json,
                                                  const QString &requestedMethod);

    QString serverKey() const { return m_serverKey; }
    void setSettings(const OAuthSettings &settings);
    const OAuthSettings &settings() const { return m_settings; }
    // Whether a refusal may start a browser sign-in (else: refresh only, then
    // "needs sign-in"); everything else of the settings stays as it was made.
    void setInteractive(bool on) { m_settings.interactive = on; }

    // Restores a previous sign-in (facts and secrets); `done` always runs.
    void load(std::function<void()> done);

    QByteArray authorizationHeader() const override;
    int tokenGeneration() const override { return m_generation; }
    void handleChallenge(const McpError &error) override;

    // Interactive sign-in; signedIn() or signInFailed() follows.
    void signIn(const QStringList &scopes = {}, const QUrl &resourceMetadata = {});
    // Whether a sign-in can start without a refusal first: a server's refusal named
    // its sign-in (resource metadata, scopes), or a provider preset says it.
    bool knowsSignInServer() const { return m_challenged || !m_settings.provider.isEmpty(); }
    // The person asked to sign in: a browser sign-in with what the last refusal said,
    // allowed anew (the limit counts sign-ins nobody asked for).
    void signInNow();
    void cancelSignIn();
    // Refresh now; refreshed() follows.
    void refresh();
    // Revokes what the server lets revoke, then forgets the tokens.
    void signOut(std::function<void(bool ok, const QString &message)> done);

    TokenInfo tokenInfo() const;
    QByteArray accessToken() const { return m_accessToken; } // for an explicit "reveal"

signals:
    void authorizationUrlReady(const QUrl &url);
    // Device flow: show the code (large, copyable) and where to enter it.
    void deviceCodeReady(const QString &userCode, const QUrl &verificationUri);
    void statusMessage(const QString &message);
    void signedIn();
    void signInFailed(const mcpdesk::McpError &error);
    void refreshed(bool ok, const mcpdesk::McpError &error);
    void tokensChanged();
    void warning(const QString &message);

private:
    using JsonDone = SignInHttp::JsonDone;
    void getJson(const QUrl &url, JsonDone done) { m_net->getJson(url, std::move(done)); }
    void postForm(const QUrl &url, const QList<QPair<QString, QString>> &form,
                  const QList<QPair<QByteArray, QByteArray>> &headers, JsonDone done)
    {
        m_net->postForm(url, form, headers, std::move(done));
    }
    void postJson(const QUrl &url, const QJsonObject &body, JsonDone done,
                  const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        m_net->postJson(url, body, std::move(done), headers);
    }
    void startProviderSignIn();
    void startDeviceFlow();
    void pollDevice();
    void postToken(const QList<QPair<QString, QString>> &form, JsonDone done);
    void ensureClient(std::function<void()> next);
    // The loopback listener for the redirect address: on `registered`'s port (false if
    // that port is taken), or on any free port when `registered` is empty.
    bool listenForRedirect(const QUrl &registered, QString *error = nullptr);
    void registerClient(std::function<void()> next);
    void startAuthorization();
    void onCallback(const QUrlQuery &query);
    bool issResponseRequired() const; // the server said its answers carry `iss`
    static constexpr qint64 kRenewBeforeMs = 60000;
    bool renewalDue() const;   // a refresh token, and the access token expires within a minute
    McpError m_renewalFailure; // a renewal before first use that was refused
    void exchangeCode(const QString &code);
    void applyTokenResponse(const QJsonObject &json, bool isRefresh, std::function<void()> saved);
    void addClientAuth(QList<QPair<QString, QString>> &form,
                       QList<QPair<QByteArray, QByteArray>> &headers) const;
    void fail(const QString &message);
    void persist(std::function<void()> done = {});
    void scheduleRefresh();
    QStringList chooseScopes(const QStringList &hint) const;
    QString describeTokenError(const QJsonObject &json, int status,
                               const QString &networkError) const;
    void finishChallenge(bool ok, const McpError &error);

    QUrl m_serverUrl;
    QString m_serverKey;
    QPointer<SecretStore> m_secrets;
    SignInStore *m_facts;
    OAuthSettings m_settings;
    SignInHttp *m_net;           // every request of the sign-in
    OAuthDiscovery *m_discovery; // where to sign in
    AuthServerInfo m_as;         // what discovery (or a preset, or the record) says

    // client
    QString m_clientId;
    QByteArray m_clientSecret;
    QString m_authMethod = QStringLiteral("none");
    bool m_registeredNow = false;
    bool m_reregistered = false;

    // tokens
    QByteArray m_accessToken;
    QByteArray m_refreshToken;
    QString m_tokenType;
    QDateTime m_expiresAt;
    QDateTime m_lastRefresh;
    QStringList m_scopesRequested;
    QStringList m_scopesGranted;
    bool m_persistent = true;
    QTimer m_refreshTimer;
    int m_generation = 0;

    // the running flow
    bool m_flowRunning = false;
    QStringList m_flowScopeHint;
    QByteArray m_verifier;
    QString m_redirectUri;
    QByteArray m_state;
    LoopbackReceiver *m_receiver = nullptr;
    int m_authorizations = 0;
    // provider presets and the device flow
    bool m_usePkce = true;
    bool m_tokenJson = false;
    QList<QPair<QString, QString>> m_extraAuthParams;
    QByteArray m_deviceCode;
    int m_pollSeconds = 5;
    QDateTime m_deviceDeadline;
    QTimer m_pollTimer;
    bool m_refreshing = false;
    bool m_inChallenge = false;
    int m_challengeStatus = 0;
    bool m_challenged = false; // a refusal was seen: what it said is below
    QUrl m_challengeResourceMetadata;
    QStringList m_challengeScopes;
};

} // namespace mcpdesk
