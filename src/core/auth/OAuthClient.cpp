// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "OAuthClient.h"

#include "CallbackRouter.h"
#include "LoopbackReceiver.h"
#include "WwwAuthenticate.h"
#include "transport/HttpClient.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>
#include <cmath>

#include <utility>

Q_LOGGING_CATEGORY(lcAuth, "mcpdesk.auth")

namespace mcpdesk {

namespace {
constexpr qsizetype kMaxResponse = 1024 * 1024;

QByteArray randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray s256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString origin(const QUrl &u)
{
    QUrl o;
    o.setScheme(u.scheme());
    o.setHost(u.host());
    o.setPort(u.port());
    return o.toString(QUrl::FullyEncoded);
}

QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    if (v.isArray()) {
        for (const QJsonValue &x : v.toArray())
            out.append(x.toString());
    } else if (v.isString()) {
        // GitHub answers "repo,gist"; everyone else "repo gist".
        out = v.toString().split(QRegularExpression(QStringLiteral("[ ,]+")), Qt::SkipEmptyParts);
    }
    return out;
}

QString trimSlash(QString s)
{
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}

QByteArray formEncode(const QList<QPair<QString, QString>> &form)
{
    QByteArray out;
    for (const auto &kv : form) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(kv.first) + '=' + QUrl::toPercentEncoding(kv.second);
    }
    return out;
}

const QString kAccess = QStringLiteral("access_token");
const QString kRefresh = QStringLiteral("refresh_token");
} // namespace

OAuthClient::OAuthClient(const QUrl &serverUrl, SecretStore *secrets, SignInStore *facts,
                         const OAuthSettings &settings, QObject *parent)
    : Authenticator(parent), m_serverUrl(serverUrl), m_serverKey(canonicalResource(serverUrl)),
      m_secrets(secrets), m_facts(facts), m_settings(settings), m_http(new HttpClient(this))
{
    m_resource = m_serverKey;
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!m_refreshToken.isEmpty() && !m_refreshing)
            refresh();
    });
}

OAuthClient::~OAuthClient() = default;

QString OAuthClient::canonicalResource(const QUrl &url)
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

bool OAuthClient::isInternalAddress(const QUrl &url)
{
    const QString host = url.host().toLower();
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    QHostAddress a;
    if (!a.setAddress(host))
        return false; // a name: decided by the address it resolves to, not checked here
    if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        bool mapped = false;
        const QHostAddress v4(a.toIPv4Address(&mapped));
        if (mapped)
            a = v4; // ::ffff:10.0.0.1 is 10.0.0.1
    }
    if (a.isLoopback() || a.isNull() || a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6)
        return true;
    if (a.isLinkLocal() || a.isSiteLocal() || a.isUniqueLocalUnicast())
        return true;
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v = a.toIPv4Address();
        const auto in = [v](quint32 net, int bits) {
            return (v >> (32 - bits)) == (net >> (32 - bits));
        };
        return in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16) || // RFC 1918
               in(0x64400000, 10) ||                                            // carrier-grade NAT
               in(0xA9FE0000, 16) || in(0x00000000, 8); // link-local, "this network"
    }
    return false;
}

bool OAuthClient::resourceMatches(const QUrl &resource, const QUrl &server)
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

bool OAuthClient::allowedTarget(const QUrl &server, const QUrl &target)
{
    // A server on the internet must not point McpDesk at this machine or the local
    // network (SSRF): its sign-in addresses may be internal only when it is itself.
    return !isInternalAddress(target) || isInternalAddress(server);
}

bool OAuthClient::mayContact(const QUrl &url, QString *why) const
{
    // Provider presets (and their endpoint overrides) and stdio servers: the addresses
    // come from the user's own settings, not from a server, and are used as given.
    if (!m_settings.provider.isEmpty() || m_serverUrl.host().isEmpty())
        return true;
    const auto internal = [this](const QUrl &u) {
        return m_isInternal ? m_isInternal(u) : isInternalAddress(u);
    };
    if (!internal(url) || internal(m_serverUrl)) // as allowedTarget(), with the classifier
        return true;
    if (why)
        *why = tr("the server %1 pointed McpDesk at the internal address %2, which it refused to "
                  "contact")
                   .arg(m_serverUrl.host(), url.host());
    return false;
}

QString OAuthClient::refusedRedirect(const QUrl &from, const QUrl &to, bool withBody) const
{
    const QString where = to.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    if (from.scheme() == QLatin1String("https") && to.scheme() != QLatin1String("https"))
        return tr("%1 redirected a sign-in request from https to %2, which McpDesk refused")
            .arg(from.host(), where);
    if (withBody && origin(to).compare(origin(from), Qt::CaseInsensitive) != 0)
        return tr("%1 redirected a sign-in request to %2; McpDesk does not send it to another "
                  "site")
            .arg(from.host(), where);
    QString why;
    if (!mayContact(to, &why))
        return why;
    return QString();
}

bool OAuthClient::refused(const QUrl &url, const JsonDone &done)
{
    QString why;
    if (mayContact(url, &why))
        return false;
    // Answered like a network failure, later, as a real request would be.
    m_refusal = why;
    QTimer::singleShot(0, this, [done, why] { done(0, QJsonObject(), why); });
    return true;
}

bool OAuthClient::isSafeAuthorizationUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return true;
    if (scheme == QLatin1String("http")) {
        const QString host = url.host().toLower();
        return host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") ||
               host == QLatin1String("::1") || host == QLatin1String("[::1]");
    }
    return false; // javascript:, file:, data:, custom schemes …
}

// ---------------------------------------------------------------- persistence

void OAuthClient::load(std::function<void()> done)
{
    const QJsonObject f = m_facts ? m_facts->signIn(m_serverKey) : QJsonObject();
    if (f.isEmpty() || !m_secrets) {
        done();
        return;
    }
    m_issuer = f.value(QStringLiteral("issuer")).toString();
    m_clientId = f.value(QStringLiteral("clientId")).toString();
    m_authMethod = f.value(QStringLiteral("authMethod")).toString(QStringLiteral("none"));
    m_tokenEndpoint = QUrl(f.value(QStringLiteral("tokenEndpoint")).toString());
    m_revocationEndpoint = QUrl(f.value(QStringLiteral("revocationEndpoint")).toString());
    m_resource = f.value(QStringLiteral("resource")).toString(m_serverKey);
    m_scopesRequested = toStringList(f.value(QStringLiteral("scopesRequested")));
    m_scopesGranted = toStringList(f.value(QStringLiteral("scopesGranted")));
    m_tokenType = f.value(QStringLiteral("tokenType")).toString();
    if (!m_settings.provider.isEmpty()) {
        if (const auto preset =
                ProviderPreset::find(m_settings.provider, m_settings.providerConfig)) {
            m_tokenJson = preset->tokenRequestJson;
            m_usePkce = preset->pkce;
        }
    }
    if (f.contains(QStringLiteral("expiresAt")))
        m_expiresAt =
            QDateTime::fromSecsSinceEpoch(qint64(f.value(QStringLiteral("expiresAt")).toDouble()));
    if (f.contains(QStringLiteral("lastRefresh")))
        m_lastRefresh = QDateTime::fromSecsSinceEpoch(
            qint64(f.value(QStringLiteral("lastRefresh")).toDouble()));
    const QString issuer = m_issuer;
    m_secrets->read(SecretStore::makeKey(m_serverKey, issuer, kAccess), [this, issuer,
                                                                         done](std::optional<
                                                                                   QByteArray>
                                                                                   access,
                                                                               const QString &) {
        if (access)
            m_accessToken = *access;
        m_secrets->read(
            SecretStore::makeKey(m_serverKey, issuer, kRefresh),
            [this, issuer, done](std::optional<QByteArray> refresh, const QString &) {
                if (refresh)
                    m_refreshToken = *refresh;
                m_secrets->read(
                    SecretStore::makeKey(QStringLiteral("registration"), issuer,
                                         QStringLiteral("client_secret")),
                    [this, done](std::optional<QByteArray> secret, const QString &) {
                        if (secret &&
                            (m_settings.clientId.isEmpty() || m_settings.clientSecret.isEmpty()))
                            m_clientSecret = *secret;
                        if (renewalDue()) {
                            // Stored by another process (or an earlier run) and about to expire:
                            // renew before the first use, not after it was refused.
                            qCDebug(lcAuth)
                                << "the stored token expires within a minute: renewing it first";
                            auto once = std::make_shared<QMetaObject::Connection>();
                            *once = connect(this, &OAuthClient::refreshed, this,
                                            [this, once, done](bool ok, const McpError &e) {
                                                QObject::disconnect(*once);
                                                if (!ok)
                                                    m_renewalFailure =
                                                        e; // said when the server then refuses
                                                done();
                                            });
                            this->refresh();
                            return;
                        }
                        scheduleRefresh();
                        done();
                    });
            });
    });
}

void OAuthClient::persist(std::function<void()> done)
{
    QJsonObject f{
        {QStringLiteral("issuer"), m_issuer},
        {QStringLiteral("clientId"), m_clientId},
        {QStringLiteral("authMethod"), m_authMethod},
        {QStringLiteral("tokenEndpoint"), m_tokenEndpoint.toString()},
        {QStringLiteral("resource"), m_resource},
        {QStringLiteral("scopesRequested"), QJsonArray::fromStringList(m_scopesRequested)},
        {QStringLiteral("scopesGranted"), QJsonArray::fromStringList(m_scopesGranted)},
        {QStringLiteral("tokenType"), m_tokenType},
        {QStringLiteral("hasRefreshToken"), !m_refreshToken.isEmpty()}};
    if (m_revocationEndpoint.isValid())
        f.insert(QStringLiteral("revocationEndpoint"), m_revocationEndpoint.toString());
    if (m_expiresAt.isValid())
        f.insert(QStringLiteral("expiresAt"), m_expiresAt.toSecsSinceEpoch());
    if (m_lastRefresh.isValid())
        f.insert(QStringLiteral("lastRefresh"), m_lastRefresh.toSecsSinceEpoch());
    if (!m_secrets) {
        if (done)
            done();
        return;
    }
    // Secrets first; the facts file once they are safe; `done` when all is written.
    auto pending = std::make_shared<int>(2);
    auto onWritten = [this, pending, f, done](bool ok, const QString &error) {
        if (!ok && m_persistent) {
            m_persistent = false;
            emit warning(tr("The sign-in works for now but will not be kept: %1").arg(error));
        }
        if (--*pending > 0)
            return;
        if (m_facts) {
            QString e;
            if (!m_facts->setSignIn(m_serverKey, f, &e))
                emit warning(e);
        }
        if (done)
            done();
    };
    m_secrets->write(SecretStore::makeKey(m_serverKey, m_issuer, kAccess), m_accessToken,
                     onWritten);
    if (!m_refreshToken.isEmpty())
        m_secrets->write(SecretStore::makeKey(m_serverKey, m_issuer, kRefresh), m_refreshToken,
                         onWritten);
    else
        m_secrets->remove(SecretStore::makeKey(m_serverKey, m_issuer, kRefresh),
                          [onWritten](bool, const QString &) { onWritten(true, QString()); });
}

// ---------------------------------------------------------------- HTTP

void OAuthClient::setCaCertificates(const QList<QSslCertificate> &certs)
{
    m_http->setCaCertificates(certs);
}

void OAuthClient::sendJson(HttpRequest req, JsonDone done)
{
    req.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    req.totalTimeoutMs = std::max(1, m_settings.requestTimeoutMs);
    req.maxBodyBytes = kMaxResponse;
    // Every redirect hop is looked at first (refusedRedirect), as the first request was.
    req.redirectCheck = [this](const QUrl &from, const QUrl &to, bool withBody) {
        const QString why = refusedRedirect(from, to, withBody);
        if (!why.isEmpty())
            qCWarning(lcAuth).noquote() << "redirect refused:" << why;
        return why;
    };
    qCDebug(lcAuth).noquote() << req.verb << req.url.toString(QUrl::RemoveQuery); // never the body
    const int timeoutMs = req.totalTimeoutMs;
    HttpReply *reply = m_http->send(std::move(req));
    connect(reply, &HttpReply::finished, this, [reply, done, timeoutMs] {
        reply->deleteLater();
        switch (reply->error()) {
        case HttpReply::Error::None:
            done(reply->status(), parseResponseBody(reply->readAll()), QString());
            return;
        case HttpReply::Error::RedirectRefused:
            done(0, QJsonObject(), reply->errorString());
            return;
        case HttpReply::Error::Timeout:
            done(0, QJsonObject(),
                 tr("%1 did not answer in time (%2 s)")
                     .arg(reply->url().host())
                     .arg(QLocale().toString(timeoutMs / 1000.0, 'g', 3)));
            return;
        default:
            done(0, QJsonObject(),
                 tr("could not reach %1 (%2)").arg(reply->url().host(), reply->errorString()));
            return;
        }
    });
}

void OAuthClient::getJson(const QUrl &url, JsonDone done)
{
    if (refused(url, done))
        return;
    HttpRequest req;
    req.url = url;
    req.headers.append(
        {QByteArrayLiteral("MCP-Protocol-Version"), QByteArrayLiteral("2025-11-25")});
    sendJson(std::move(req), std::move(done));
}

void OAuthClient::postForm(const QUrl &url, const QList<QPair<QString, QString>> &form,
                           const QList<QPair<QByteArray, QByteArray>> &headers, JsonDone done)
{
    if (refused(url, done))
        return;
    HttpRequest req;
    req.verb = QByteArrayLiteral("POST");
    req.url = url;
    req.headers.append({QByteArrayLiteral("Content-Type"),
                        QByteArrayLiteral("application/x-www-form-urlencoded")});
    for (const auto &h : headers)
        req.headers.append({h.first, h.second});
    req.body = formEncode(form);
    sendJson(std::move(req), std::move(done));
}

void OAuthClient::postJson(const QUrl &url, const QJsonObject &body, JsonDone done,
                           const QList<QPair<QByteArray, QByteArray>> &headers)
{
    if (refused(url, done))
        return;
    HttpRequest req;
    req.verb = QByteArrayLiteral("POST");
    req.url = url;
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    for (const auto &h : headers)
        req.headers.append({h.first, h.second});
    req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    sendJson(std::move(req), std::move(done));
}

// ---------------------------------------------------------------- the session's side

QByteArray OAuthClient::authorizationHeader() const
{
    if (m_accessToken.isEmpty())
        return QByteArray();
    return QByteArrayLiteral("Bearer ") + m_accessToken;
}

void OAuthClient::finishChallenge(bool ok, const McpError &error)
{
    if (!m_inChallenge)
        return;
    m_inChallenge = false;
    emit challengeHandled(ok, error);
}

void OAuthClient::handleChallenge(const McpError &error)
{
    m_inChallenge = true;
    m_challengeStatus = error.httpStatus;
    const auto challenge = bearerChallenge(error.wwwAuthenticate);
    const QUrl resourceMetadata(challenge ? challenge->param(QStringLiteral("resource_metadata"))
                                          : QString());
    const QStringList challengeScopes =
        challenge
            ? challenge->param(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts)
            : QStringList();
    const QString errorCode = challenge ? challenge->param(QStringLiteral("error")) : QString();
    m_challenged = true;
    m_challengeResourceMetadata = resourceMetadata;
    m_challengeScopes = challengeScopes;

    auto interactive = [this, resourceMetadata](const QStringList &scopes) {
        if (!m_settings.interactive) {
            // Why, when a renewal was just refused: "could not be renewed (…)".
            McpError e =
                m_renewalFailure.kind != McpError::Kind::None
                    ? std::exchange(m_renewalFailure, McpError())
                    : McpError::make(McpError::Kind::Unauthorized,
                                     tr("%1 needs you to sign in.").arg(m_serverUrl.host()));
            finishChallenge(false, e);
            return;
        }
        signIn(scopes, resourceMetadata);
    };

    if (error.httpStatus == 403) {
        if (errorCode != QLatin1String("insufficient_scope")) {
            finishChallenge(
                false,
                McpError::make(McpError::Kind::Unauthorized,
                               tr("%1 refused access with this sign-in.").arg(m_serverUrl.host())));
            return;
        }
        // Step-up: ask for what we had plus what the server now wants.
        QStringList scopes = m_scopesRequested.isEmpty() ? m_scopesGranted : m_scopesRequested;
        for (const QString &s : challengeScopes)
            if (!scopes.contains(s))
                scopes.append(s);
        interactive(scopes);
        return;
    }
    // 401: a refresh first when there is a refresh token; else (or if it fails) sign in.
    if (!m_refreshToken.isEmpty() && !m_tokenEndpoint.isEmpty()) {
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn = connect(this, &OAuthClient::refreshed, this,
                        [this, conn, interactive, challengeScopes](bool ok, const McpError &e) {
                            disconnect(*conn);
                            if (ok) {
                                finishChallenge(true, McpError());
                                return;
                            }
                            if (m_settings.interactive)
                                interactive(challengeScopes);
                            else
                                finishChallenge(false, e);
                        });
        if (!m_refreshing)
            refresh();
        return;
    }
    interactive(challengeScopes);
}

// ---------------------------------------------------------------- sign-in flow

void OAuthClient::fail(const QString &given)
{
    // An address refused on the way explains most later failures: say so.
    QString message = given;
    if (!m_refusal.isEmpty() && !message.contains(m_refusal))
        message += QStringLiteral(" (") + m_refusal + QLatin1Char(')');
    m_refusal.clear();
    qCWarning(lcAuth).noquote() << "sign-in failed:" << message;
    m_flowRunning = false;
    if (m_settings.customSchemeRouter && !m_state.isEmpty())
        m_settings.customSchemeRouter->forget(m_state);
    if (m_receiver) {
        m_receiver->disconnect(this);
        m_receiver->close();
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
    m_verifier.clear();
    m_state.clear();
    const McpError e = McpError::make(McpError::Kind::Unauthorized, message);
    emit signInFailed(e);
    finishChallenge(false, e);
}

void OAuthClient::signIn(const QStringList &scopes, const QUrl &resourceMetadata)
{
    if (m_flowRunning)
        return;
    if (m_authorizations >= m_settings.maxAuthorizations) {
        fail(tr("The server keeps refusing after %n sign-in(s); McpDesk stopped asking. It may "
                "want permissions this account cannot grant.",
                nullptr, m_authorizations));
        return;
    }
    m_flowRunning = true;
    m_flowScopeHint = scopes;
    if (!m_settings.provider.isEmpty()) {
        startProviderSignIn();
        return;
    }
    m_usePkce = true;
    m_tokenJson = false;
    m_extraAuthParams.clear();
    emit statusMessage(tr("Looking up how to sign in to %1…").arg(m_serverUrl.host()));
    discoverResource(resourceMetadata, [this] {
        discoverAuthServer([this] {
            // PKCE S256 or nothing (the no-metadata fallback cannot say, and is assumed).
            if (!m_asMeta.isEmpty() &&
                !toStringList(m_asMeta.value(QStringLiteral("code_challenge_methods_supported")))
                     .contains(QStringLiteral("S256"))) {
                fail(tr("The sign-in server %1 does not support PKCE with S256, which McpDesk "
                        "requires to keep your sign-in safe.")
                         .arg(m_issuer));
                return;
            }
            ensureClient([this] { startAuthorization(); });
        });
    });
}

void OAuthClient::signInNow()
{
    if (m_flowRunning)
        return;
    m_authorizations = 0;
    m_settings.interactive = true;
    signIn(m_challengeScopes, m_challengeResourceMetadata);
}

void OAuthClient::cancelSignIn()
{
    m_pollTimer.stop();
    if (m_flowRunning)
        fail(tr("The sign-in was cancelled."));
}

void OAuthClient::startProviderSignIn()
{
    const auto preset = ProviderPreset::find(m_settings.provider, m_settings.providerConfig);
    if (!preset) {
        fail(tr("McpDesk has no sign-in preset called “%1”.").arg(m_settings.provider));
        return;
    }
    if (m_settings.clientId.isEmpty()) {
        fail(tr("Signing in to %1 needs the client ID of your own %1 app; enter it in this "
                "server's settings.")
                 .arg(preset->name));
        return;
    }
    m_issuer = origin(preset->tokenEndpoint);
    m_asMeta = QJsonObject();
    m_prm = QJsonObject();
    m_resource.clear(); // providers know no resource indicators
    m_authorizationEndpoint = preset->authorizationEndpoint;
    m_tokenEndpoint = preset->tokenEndpoint;
    m_revocationEndpoint = preset->revocationEndpoint;
    m_clientId = m_settings.clientId;
    m_clientSecret = m_settings.clientSecret;
    m_usePkce = preset->pkce;
    m_tokenJson = preset->tokenRequestJson;
    m_extraAuthParams = preset->extraAuthorizationParams;
    m_authMethod = m_clientSecret.isEmpty() ? QStringLiteral("none")
                   : preset->clientAuth == ProviderPreset::ClientAuth::Basic
                       ? QStringLiteral("client_secret_basic")
                       : QStringLiteral("client_secret_post");
    QStringList scopes = !m_settings.scopes.isEmpty() ? m_settings.scopes : preset->defaultScopes;
    if (!preset->refreshScope.isEmpty() && !scopes.contains(preset->refreshScope))
        scopes.append(preset->refreshScope);
    m_prmScopes.clear();
    m_flowScopeHint = scopes;
    if (m_settings.deviceFlow) {
        if (preset->deviceAuthorizationEndpoint.isEmpty()) {
            fail(tr("%1 does not offer signing in with a code.").arg(preset->name));
            return;
        }
        startDeviceFlow();
        return;
    }
    if (preset->secretRequired && m_clientSecret.isEmpty()) {
        fail(tr("%1 requires the client secret of your app for this sign-in; enter it in this "
                "server's settings.")
                 .arg(preset->name));
        return;
    }
    if (m_settings.clientSecret.size() > 0 && m_secrets)
        m_secrets->write(SecretStore::makeKey(QStringLiteral("registration"), m_issuer,
                                              QStringLiteral("client_secret")),
                         m_clientSecret, {});
    startAuthorization();
}

// RFC 8628: show a code, let the user enter it on another page, poll for the token.
void OAuthClient::startDeviceFlow()
{
    const auto preset = ProviderPreset::find(m_settings.provider, m_settings.providerConfig);
    const QList<QPair<QString, QString>> form{
        {QStringLiteral("client_id"), m_clientId},
        {QStringLiteral("scope"), m_flowScopeHint.join(QLatin1Char(' '))}};
    m_scopesRequested = m_flowScopeHint;
    m_authMethod = QStringLiteral("none"); // the device flow uses no secret
    m_clientSecret.clear();
    postForm(
        preset->deviceAuthorizationEndpoint, form, {},
        [this](int status, const QJsonObject &json, const QString &netError) {
            if (!m_flowRunning)
                return;
            const QString userCode = json.value(QStringLiteral("user_code")).toString();
            const QUrl verification(json.value(QStringLiteral("verification_uri")).toString());
            m_deviceCode = json.value(QStringLiteral("device_code")).toString().toUtf8();
            if (status != 200 || userCode.isEmpty() || m_deviceCode.isEmpty() ||
                !verification.isValid()) {
                fail(tr("The sign-in server gave no code to enter: %1")
                         .arg(describeTokenError(json, status, netError)));
                return;
            }
            if (!isSafeAuthorizationUrl(verification)) {
                fail(tr("The sign-in server gave an address McpDesk will not open in a browser: %1")
                         .arg(verification.toDisplayString().left(200)));
                return;
            }
            m_pollSeconds = std::max(1, json.value(QStringLiteral("interval")).toInt(5));
            const int expiresIn = json.value(QStringLiteral("expires_in")).toInt(900);
            m_deviceDeadline = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
            ++m_authorizations;
            emit deviceCodeReady(userCode, verification);
            emit statusMessage(
                tr("Enter the code %1 at %2.").arg(userCode, verification.toDisplayString()));
            if (m_settings.openBrowser)
                m_settings.openBrowser(verification);
            m_pollTimer.setSingleShot(true);
            m_pollTimer.setTimerType(Qt::PreciseTimer); // never sooner than the server allows
            m_pollTimer.disconnect(this);
            connect(&m_pollTimer, &QTimer::timeout, this, &OAuthClient::pollDevice);
            m_pollTimer.start(m_pollSeconds * 1000);
        });
}

void OAuthClient::pollDevice()
{
    if (!m_flowRunning)
        return;
    if (QDateTime::currentDateTimeUtc() > m_deviceDeadline) {
        fail(tr("The code expired before it was entered; sign in again."));
        return;
    }
    const QList<QPair<QString, QString>> form{
        {QStringLiteral("client_id"), m_clientId},
        {QStringLiteral("device_code"), QString::fromUtf8(m_deviceCode)},
        {QStringLiteral("grant_type"),
         QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")}};
    postForm(m_tokenEndpoint, form, {},
             [this](int status, const QJsonObject &json, const QString &netError) {
                 if (!m_flowRunning)
                     return;
                 const QString error = json.value(QStringLiteral("error")).toString();
                 if (!json.value(kAccess).toString().isEmpty()) {
                     m_deviceCode.clear();
                     applyTokenResponse(json, false, [this] {
                         m_flowRunning = false;
                         emit statusMessage(tr("Signed in."));
                         emit signedIn();
                         finishChallenge(true, McpError());
                     });
                     return;
                 }
                 if (error == QLatin1String("authorization_pending")) {
                     m_pollTimer.start(m_pollSeconds * 1000);
                 } else if (error == QLatin1String("slow_down")) {
                     // RFC 8628 §3.5: five seconds more, or what the server says.
                     m_pollSeconds = std::max(m_pollSeconds + 5,
                                              json.value(QStringLiteral("interval")).toInt(0));
                     m_pollTimer.start(m_pollSeconds * 1000);
                 } else if (error == QLatin1String("access_denied")) {
                     fail(tr("You declined the sign-in."));
                 } else if (error == QLatin1String("expired_token")) {
                     fail(tr("The code expired before it was entered; sign in again."));
                 } else {
                     fail(tr("The sign-in server did not give a token: %1")
                              .arg(describeTokenError(json, status, netError)));
                 }
             });
}

void OAuthClient::discoverResource(const QUrl &resourceMetadata, std::function<void()> next)
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

void OAuthClient::tryResourceMetadata(QList<QUrl> candidates, std::function<void()> next)
{
    if (candidates.isEmpty()) {
        // 2025-03-26: no protected-resource metadata; the server's origin is the
        // authorization server.
        qCDebug(lcAuth) << "no protected-resource metadata; using the server's origin";
        m_prm = QJsonObject();
        m_prmScopes.clear();
        m_legacyFallback = true;
        m_issuer = origin(m_serverUrl);
        m_resource = m_serverKey;
        next();
        return;
    }
    const QUrl url = candidates.takeFirst();
    getJson(url, [this, url, candidates, next](int status, const QJsonObject &json,
                                               const QString &netError) {
        if (!m_flowRunning)
            return;
        if (status != 200 || !json.value(QStringLiteral("authorization_servers")).isArray()) {
            if (!netError.isEmpty() && candidates.isEmpty()) {
                fail(tr("Cannot sign in: %1").arg(netError));
                return;
            }
            tryResourceMetadata(candidates, next);
            return;
        }
        // The metadata must describe this very server (RFC 9728 §3.3).
        const QString resource = json.value(QStringLiteral("resource")).toString();
        const QUrl r(resource);
        if (!resourceMatches(r, m_serverUrl)) {
            fail(tr("The server's sign-in information is for “%1”, not for %2. McpDesk did not "
                    "sign in, "
                    "because the token could be sent to the wrong place.")
                     .arg(resource.isEmpty() ? tr("(nothing)") : resource, m_serverKey));
            return;
        }
        m_prm = json;
        m_legacyFallback = false;
        m_resource = canonicalResource(r);
        m_prmScopes = toStringList(json.value(QStringLiteral("scopes_supported")));
        const QJsonArray servers = json.value(QStringLiteral("authorization_servers")).toArray();
        m_issuer = servers.isEmpty() ? QString() : servers.first().toString();
        if (m_issuer.isEmpty()) {
            fail(tr("The server does not name a sign-in server."));
            return;
        }
        next();
    });
}

void OAuthClient::discoverAuthServer(std::function<void()> next)
{
    const QUrl issuer(m_issuer);
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
    tryAuthServerMetadata(candidates, !m_legacyFallback, std::move(next));
}

void OAuthClient::tryAuthServerMetadata(QList<QUrl> candidates, bool checkIssuer,
                                        std::function<void()> next)
{
    if (candidates.isEmpty()) {
        if (!m_legacyFallback) {
            fail(tr("The sign-in server %1 publishes no metadata McpDesk can use.").arg(m_issuer));
            return;
        }
        // 2025-03-26 without any metadata: the default endpoints at the origin.
        m_asMeta = QJsonObject();
        const QString base = origin(m_serverUrl);
        m_authorizationEndpoint = QUrl(base + QStringLiteral("/authorize"));
        m_tokenEndpoint = QUrl(base + QStringLiteral("/token"));
        m_registrationEndpoint = QUrl(base + QStringLiteral("/register"));
        m_revocationEndpoint = QUrl();
        next();
        return;
    }
    const QUrl url = candidates.takeFirst();
    getJson(url, [this, candidates, checkIssuer, next](int status, const QJsonObject &json,
                                                       const QString &) {
        if (!m_flowRunning)
            return;
        if (status != 200 || !json.contains(QStringLiteral("authorization_endpoint"))) {
            tryAuthServerMetadata(candidates, checkIssuer, next);
            return;
        }
        // RFC 8414 §3.3: identical to the issuer the metadata address was made from,
        // character for character (an added or missing trailing slash included).
        const QString issuer = json.value(QStringLiteral("issuer")).toString();
        if (checkIssuer && issuer != m_issuer) {
            fail(tr("The sign-in server's metadata names issuer “%1” instead of “%2”; McpDesk did "
                    "not "
                    "trust it.")
                     .arg(issuer, m_issuer));
            return;
        }
        if (!issuer.isEmpty())
            m_issuer = issuer;
        m_asMeta = json;
        m_authorizationEndpoint =
            QUrl(json.value(QStringLiteral("authorization_endpoint")).toString());
        m_tokenEndpoint = QUrl(json.value(QStringLiteral("token_endpoint")).toString());
        m_registrationEndpoint =
            QUrl(json.value(QStringLiteral("registration_endpoint")).toString());
        m_revocationEndpoint = QUrl(json.value(QStringLiteral("revocation_endpoint")).toString());
        if (!m_tokenEndpoint.isValid() || m_tokenEndpoint.isEmpty()) {
            fail(tr("The sign-in server %1 has no token endpoint.").arg(m_issuer));
            return;
        }
        next();
    });
}

bool OAuthClient::asSupports(const QString &key, const QString &value, bool ifAbsent) const
{
    if (!m_asMeta.contains(key))
        return ifAbsent;
    return toStringList(m_asMeta.value(key)).contains(value);
}

QStringList OAuthClient::chooseScopes(const QStringList &hint) const
{
    // The user's choice, else the server's challenge, else what the resource
    // supports, else none.
    QStringList scopes = !m_settings.scopes.isEmpty() ? m_settings.scopes : hint;
    if (!m_settings.scopes.isEmpty())
        for (const QString &s : hint)
            if (!scopes.contains(s))
                scopes.append(s);
    if (scopes.isEmpty())
        scopes = m_prmScopes;
    // A refresh token is asked for only where the sign-in server offers one.
    if (!scopes.isEmpty() && !scopes.contains(QStringLiteral("offline_access")) &&
        asSupports(QStringLiteral("scopes_supported"), QStringLiteral("offline_access"), false))
        scopes.append(QStringLiteral("offline_access"));
    return scopes;
}

void OAuthClient::ensureClient(std::function<void()> next)
{
    m_registeredNow = false;
    const QStringList methods =
        toStringList(m_asMeta.value(QStringLiteral("token_endpoint_auth_methods_supported")));
    auto pickMethod = [&methods](bool haveSecret) {
        const QStringList supported =
            methods.isEmpty() ? QStringList{QStringLiteral("client_secret_basic")} : methods;
        if (haveSecret) {
            for (const char *m : {"client_secret_basic", "client_secret_post"})
                if (supported.contains(QLatin1String(m)))
                    return QString::fromLatin1(m);
        }
        return QStringLiteral("none");
    };
    // 1. A client the user registered themselves.
    if (!m_settings.clientId.isEmpty()) {
        m_clientId = m_settings.clientId;
        m_clientSecret = m_settings.clientSecret;
        m_authMethod = pickMethod(!m_clientSecret.isEmpty());
        // Kept in the keychain, so that a later refresh can authenticate.
        if (m_secrets && !m_clientSecret.isEmpty())
            m_secrets->write(SecretStore::makeKey(QStringLiteral("registration"), m_issuer,
                                                  QStringLiteral("client_secret")),
                             m_clientSecret, {});
        next();
        return;
    }
    // 2. A registration made earlier with this sign-in server.
    const QJsonObject reg = m_facts ? m_facts->registration(m_issuer) : QJsonObject();
    if (!reg.isEmpty() && !m_reregistered &&
        reg.value(QStringLiteral("kind")).toString() == QLatin1String("dcr")) {
        // The registration names one redirect address: listen on its port again. A
        // registration from before the address was kept, or a port now taken, means
        // registering anew (strict servers refuse any other redirect address).
        if (!listenForRedirect(QUrl(reg.value(QStringLiteral("redirectUri")).toString()))) {
            m_reregistered = true;
            ensureClient(next);
            return;
        }
        m_clientId = reg.value(QStringLiteral("clientId")).toString();
        m_authMethod = reg.value(QStringLiteral("authMethod")).toString(QStringLiteral("none"));
        if (m_authMethod == QLatin1String("none") || !m_secrets) {
            m_clientSecret.clear();
            next();
            return;
        }
        m_secrets->read(SecretStore::makeKey(QStringLiteral("registration"), m_issuer,
                                             QStringLiteral("client_secret")),
                        [this, next](std::optional<QByteArray> secret, const QString &) {
                            if (!secret) {
                                m_reregistered = true; // the secret is gone: register again
                                ensureClient(next);
                                return;
                            }
                            m_clientSecret = *secret;
                            next();
                        });
        return;
    }
    // 3. A Client ID Metadata Document, where the server accepts one.
    if (m_settings.clientMetadataUrl.isValid() && !m_settings.clientMetadataUrl.isEmpty() &&
        m_asMeta.value(QStringLiteral("client_id_metadata_document_supported")).toBool()) {
        m_clientId = m_settings.clientMetadataUrl.toString();
        m_clientSecret.clear();
        m_authMethod = QStringLiteral("none");
        next();
        return;
    }
    // 4. Dynamic Client Registration.
    if (m_registrationEndpoint.isValid() && !m_registrationEndpoint.isEmpty()) {
        registerClient(std::move(next));
        return;
    }
    // 5. Nothing left but the user.
    fail(tr("The sign-in server %1 does not let McpDesk register itself. Register an app with it "
            "and enter its client ID (and secret, if it has one) in this server's settings.")
             .arg(m_issuer));
}

bool OAuthClient::listenForRedirect(const QUrl &registered, QString *error)
{
    if (m_settings.customSchemeRouter && !m_settings.provider.isEmpty())
        return true; // mcpdesk:// callbacks: no listener
    const bool anyPort = registered.isEmpty();
    if (!anyPort && (registered.host() != QLatin1String("127.0.0.1") || registered.port() <= 0))
        return false;
    if (m_receiver && (anyPort || m_receiver->redirectUri() == registered))
        return true;
    delete m_receiver;
    m_receiver = new LoopbackReceiver(this);
    QString why;
    if (!m_receiver->listen(anyPort ? 0 : quint16(registered.port()), &why)) {
        delete m_receiver;
        m_receiver = nullptr;
        if (error)
            *error = why;
        return false;
    }
    return true;
}

void OAuthClient::registerClient(std::function<void()> next)
{
    // The loopback listener must exist first: its address is the redirect URI.
    QString error;
    if (!listenForRedirect(QUrl(), &error)) {
        fail(error);
        return;
    }
    const QStringList methods =
        toStringList(m_asMeta.value(QStringLiteral("token_endpoint_auth_methods_supported")));
    QString method = QStringLiteral("none");
    if (!methods.isEmpty() && !methods.contains(method)) {
        for (const char *m : {"client_secret_basic", "client_secret_post"})
            if (methods.contains(QLatin1String(m))) {
                method = QString::fromLatin1(m);
                break;
            }
    }
    QJsonArray grants{QStringLiteral("authorization_code")};
    if (asSupports(QStringLiteral("grant_types_supported"), QStringLiteral("refresh_token"), true))
        grants.append(QStringLiteral("refresh_token"));
    const QJsonObject body{
        {QStringLiteral("client_name"), m_settings.clientName},
        {QStringLiteral("redirect_uris"), QJsonArray{m_receiver->redirectUri().toString()}},
        {QStringLiteral("grant_types"), grants},
        {QStringLiteral("response_types"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("token_endpoint_auth_method"), method},
        {QStringLiteral("application_type"), QStringLiteral("native")}};
    emit statusMessage(tr("Registering McpDesk with %1…").arg(QUrl(m_issuer).host()));
    postJson(m_registrationEndpoint, body,
             [this, method, next](int status, const QJsonObject &json, const QString &netError) {
                 if (!m_flowRunning)
                     return;
                 if (status / 100 != 2 ||
                     json.value(QStringLiteral("client_id")).toString().isEmpty()) {
                     fail(tr("McpDesk could not register with the sign-in server: %1")
                              .arg(describeTokenError(json, status, netError)));
                     return;
                 }
                 const Registration reg = parseRegistrationResponse(json, method);
                 m_clientId = reg.clientId;
                 m_clientSecret = reg.clientSecret;
                 m_authMethod = reg.authMethod;
                 m_registeredNow = true;
                 if (m_facts)
                     m_facts->setRegistration(
                         m_issuer,
                         QJsonObject{
                             {QStringLiteral("kind"), QStringLiteral("dcr")},
                             {QStringLiteral("clientId"), m_clientId},
                             {QStringLiteral("authMethod"), m_authMethod},
                             {QStringLiteral("redirectUri"), m_receiver->redirectUri().toString()},
                             {QStringLiteral("registeredAt"), QDateTime::currentSecsSinceEpoch()}});
                 if (m_secrets && !m_clientSecret.isEmpty())
                     m_secrets->write(SecretStore::makeKey(QStringLiteral("registration"), m_issuer,
                                                           QStringLiteral("client_secret")),
                                      m_clientSecret, {});
                 next();
             });
}

void OAuthClient::startAuthorization()
{
    const bool customScheme = m_settings.customSchemeRouter && !m_settings.provider.isEmpty();
    QString error;
    if (!listenForRedirect(QUrl(), &error)) {
        fail(error);
        return;
    }
    m_verifier = randomUrlSafe(48); // 64 characters
    m_state = randomUrlSafe(24);
    if (customScheme) {
        // The browser hands mcpdesk://oauth/callback to a second mcpdesk, which
        // passes it to this process; the router checks the state.
        QPointer<OAuthClient> self(this);
        m_settings.customSchemeRouter->expect(m_state, [self](const QUrlQuery &q) {
            if (self)
                self->onCallback(q);
        });
        m_redirectUri = CallbackRouter::redirectUri().toString();
    } else {
        m_receiver->setTimeoutMs(m_settings.callbackTimeoutMs);
        m_receiver->setExpectedState(m_state);
        m_receiver->setExpectedIssuer(m_issuer, issResponseRequired());
        connect(m_receiver, &LoopbackReceiver::received, this, &OAuthClient::onCallback);
        connect(m_receiver, &LoopbackReceiver::failed, this,
                [this](const QString &reason) { fail(reason); });
    }

    const QStringList scopes = chooseScopes(m_flowScopeHint);
    m_scopesRequested = scopes;
    if (!customScheme)
        m_redirectUri = m_receiver->redirectUri().toString();
    QList<QPair<QString, QString>> q{{QStringLiteral("response_type"), QStringLiteral("code")},
                                     {QStringLiteral("client_id"), m_clientId},
                                     {QStringLiteral("redirect_uri"), m_redirectUri},
                                     {QStringLiteral("state"), QString::fromLatin1(m_state)}};
    if (m_usePkce) {
        q.append({QStringLiteral("code_challenge"), QString::fromLatin1(s256(m_verifier))});
        q.append({QStringLiteral("code_challenge_method"), QStringLiteral("S256")});
    }
    if (!m_resource.isEmpty())
        q.append({QStringLiteral("resource"), m_resource});
    if (!scopes.isEmpty())
        q.append({QStringLiteral("scope"), scopes.join(QLatin1Char(' '))});
    q += m_extraAuthParams;
    QByteArray encoded = m_authorizationEndpoint.toEncoded();
    encoded += m_authorizationEndpoint.hasQuery() ? '&' : '?';
    encoded += formEncode(q);
    const QUrl url = QUrl::fromEncoded(encoded, QUrl::StrictMode);
    if (!isSafeAuthorizationUrl(url) || !mayContact(url, nullptr)) {
        fail(tr("The sign-in server gave an address McpDesk will not open in a browser: %1")
                 .arg(m_authorizationEndpoint.toDisplayString(QUrl::RemoveQuery).left(200)));
        return;
    }
    ++m_authorizations;
    emit authorizationUrlReady(url);
    emit statusMessage(tr("Waiting for you to sign in in the browser…"));
    if (m_settings.openBrowser && !m_settings.openBrowser(url))
        emit statusMessage(tr("The browser could not be opened; open the address shown yourself."));
}

bool OAuthClient::issResponseRequired() const
{
    return m_asMeta.value(QStringLiteral("authorization_response_iss_parameter_supported"))
        .toBool();
}

void OAuthClient::onCallback(const QUrlQuery &query)
{
    if (m_receiver) {
        m_receiver->disconnect(this);
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
    // RFC 9207: the answer — an error as much as a code — must come from the issuer
    // we asked; one that does not is ignored, whatever it says.
    if (!LoopbackReceiver::fromIssuer(query, m_issuer, issResponseRequired())) {
        fail(tr("The sign-in answer did not come from %1; McpDesk ignored it.").arg(m_issuer));
        return;
    }
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        // The server's own words, as plain text (shown by the app and the CLI as text).
        const QString desc =
            query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded)
                .trimmed()
                .left(500);
        if (error == QLatin1String("access_denied"))
            fail(desc.isEmpty()
                     ? tr("You declined the sign-in.")
                     : tr("The sign-in was declined. The sign-in server said: “%1”").arg(desc));
        else
            fail(desc.isEmpty()
                     ? tr("The sign-in server refused: %1").arg(error.left(100))
                     : tr("The sign-in server refused (%1): “%2”").arg(error.left(100), desc));
        return;
    }
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty()) {
        fail(tr("The sign-in server sent no authorization code."));
        return;
    }
    exchangeCode(code);
}

void OAuthClient::addClientAuth(QList<QPair<QString, QString>> &form,
                                QList<QPair<QByteArray, QByteArray>> &headers) const
{
    if (m_authMethod == QLatin1String("client_secret_basic") && !m_clientSecret.isEmpty()) {
        const QByteArray pair = QUrl::toPercentEncoding(m_clientId) + ':' +
                                QUrl::toPercentEncoding(QString::fromUtf8(m_clientSecret));
        headers.append(
            {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + pair.toBase64()});
        return;
    }
    form.append({QStringLiteral("client_id"), m_clientId});
    if (m_authMethod == QLatin1String("client_secret_post") && !m_clientSecret.isEmpty())
        form.append({QStringLiteral("client_secret"), QString::fromUtf8(m_clientSecret)});
}

QString OAuthClient::describeTokenError(const QJsonObject &json, int status,
                                        const QString &networkError) const
{
    if (!networkError.isEmpty())
        return networkError;
    const QString error = json.value(QStringLiteral("error")).toString();
    const QString desc = json.value(QStringLiteral("error_description")).toString();
    if (!desc.isEmpty())
        return error.isEmpty() ? desc : QStringLiteral("%1 (%2)").arg(desc, error);
    if (!error.isEmpty())
        return error;
    return tr("HTTP %1").arg(status);
}

void OAuthClient::postToken(const QList<QPair<QString, QString>> &form, JsonDone done)
{
    QList<QPair<QString, QString>> f;
    for (const auto &kv : form)
        if (!(kv.first == QLatin1String("resource") && kv.second.isEmpty()) &&
            !(kv.first == QLatin1String("code_verifier") && kv.second.isEmpty()))
            f.append(kv); // providers without resource indicators or PKCE get neither
    QList<QPair<QByteArray, QByteArray>> headers;
    addClientAuth(f, headers);
    if (!m_tokenJson) {
        postForm(m_tokenEndpoint, f, headers, std::move(done));
        return;
    }
    // Notion: a JSON body, the client authenticated with HTTP Basic.
    QJsonObject body;
    for (const auto &kv : f)
        if (kv.first != QLatin1String("client_id") && kv.first != QLatin1String("client_secret"))
            body.insert(kv.first, kv.second);
    postJson(m_tokenEndpoint, body, std::move(done), headers);
}

void OAuthClient::exchangeCode(const QString &code)
{
    // The redirect URI exactly as sent in the authorization request.
    QList<QPair<QString, QString>> form{
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), code},
        {QStringLiteral("redirect_uri"), m_redirectUri},
        {QStringLiteral("code_verifier"), m_usePkce ? QString::fromLatin1(m_verifier) : QString()},
        {QStringLiteral("resource"), m_resource}};
    emit statusMessage(tr("Finishing the sign-in…"));
    postToken(form, [this](int status, const QJsonObject &json, const QString &netError) {
        m_verifier.clear();
        if (status != 200 || json.value(kAccess).toString().isEmpty()) {
            const QString err = json.value(QStringLiteral("error")).toString();
            if (err == QLatin1String("invalid_client") && m_registeredNow == false &&
                !m_reregistered && m_settings.clientId.isEmpty()) {
                // A remembered registration the server no longer knows: register again, once.
                m_reregistered = true;
                if (m_facts)
                    m_facts->removeRegistration(m_issuer);
                m_flowRunning = false;
                --m_authorizations;
                signIn(m_flowScopeHint);
                return;
            }
            fail(tr("The sign-in server did not give a token: %1")
                     .arg(describeTokenError(json, status, netError)));
            return;
        }
        applyTokenResponse(json, false, [this] {
            m_flowRunning = false;
            m_state.clear();
            emit statusMessage(tr("Signed in."));
            emit signedIn();
            finishChallenge(true, McpError());
        });
    });
}

QJsonObject OAuthClient::parseResponseBody(const QByteArray &body)
{
    QJsonParseError err;
    QJsonObject json = QJsonDocument::fromJson(body, &err).object();
    if (err.error != QJsonParseError::NoError && !body.isEmpty()) {
        // Some token endpoints answer form-encoded (GitHub without Accept).
        const QUrlQuery q{QString::fromUtf8(body)};
        for (const auto &item : q.queryItems(QUrl::FullyDecoded))
            json.insert(item.first, item.second);
    }
    return json;
}

OAuthClient::Registration OAuthClient::parseRegistrationResponse(const QJsonObject &json,
                                                                 const QString &requestedMethod)
{
    Registration r;
    r.clientId = json.value(QStringLiteral("client_id")).toString();
    r.clientSecret = json.value(QStringLiteral("client_secret")).toString().toUtf8();
    r.authMethod =
        json.value(QStringLiteral("token_endpoint_auth_method")).toString(requestedMethod);
    // A method that needs a secret, without one, cannot work: use none.
    if (r.authMethod != QLatin1String("none") && r.clientSecret.isEmpty())
        r.authMethod = QStringLiteral("none");
    return r;
}

OAuthClient::TokenResponse OAuthClient::parseTokenResponse(const QJsonObject &json)
{
    TokenResponse t;
    t.accessToken = json.value(kAccess).toString().toUtf8();
    t.tokenType = json.value(QStringLiteral("token_type")).toString(QStringLiteral("Bearer"));
    t.refreshToken = json.value(kRefresh).toString().toUtf8();
    // A number or a numeric string; anything else, negative or absurd: no expiry known.
    const QJsonValue expiresIn = json.value(QStringLiteral("expires_in"));
    double seconds = expiresIn.isString() ? expiresIn.toString().toDouble() : expiresIn.toDouble();
    constexpr double TenYears = 10.0 * 366 * 24 * 3600;
    t.expiresInSeconds =
        std::isfinite(seconds) && seconds > 0 ? qint64(std::min(seconds, TenYears)) : 0;
    t.hasScope = json.contains(QStringLiteral("scope"));
    if (t.hasScope)
        t.scopes = toStringList(json.value(QStringLiteral("scope")));
    return t;
}

void OAuthClient::applyTokenResponse(const QJsonObject &json, bool isRefresh,
                                     std::function<void()> saved)
{
    ++m_generation;
    const TokenResponse t = parseTokenResponse(json);
    m_accessToken = t.accessToken;
    m_tokenType = t.tokenType;
    if (!t.refreshToken.isEmpty())
        m_refreshToken = t.refreshToken; // rotation: the new one replaces the old at once
    else if (!isRefresh)
        m_refreshToken.clear();
    m_expiresAt = t.expiresInSeconds > 0
                      ? QDateTime::currentDateTimeUtc().addSecs(t.expiresInSeconds)
                      : QDateTime();
    if (t.hasScope)
        m_scopesGranted = t.scopes;
    else if (!isRefresh)
        m_scopesGranted = m_scopesRequested;
    if (isRefresh)
        m_lastRefresh = QDateTime::currentDateTimeUtc();
    scheduleRefresh();
    emit tokensChanged();
    persist(std::move(saved));
}

bool OAuthClient::renewalDue() const
{
    return !m_refreshToken.isEmpty() && m_expiresAt.isValid() &&
           QDateTime::currentDateTimeUtc().msecsTo(m_expiresAt) <= kRenewBeforeMs;
}

void OAuthClient::scheduleRefresh()
{
    m_refreshTimer.stop();
    if (m_refreshToken.isEmpty() || !m_expiresAt.isValid())
        return;
    // Renew a minute before expiry (or at 80% of a short lifetime).
    const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(m_expiresAt);
    const qint64 margin = std::min<qint64>(kRenewBeforeMs, left / 5);
    m_refreshTimer.start(
        int(std::clamp<qint64>(left - margin, 1000, std::numeric_limits<int>::max())));
}

void OAuthClient::refresh()
{
    if (m_refreshing)
        return;
    if (m_refreshToken.isEmpty() || m_tokenEndpoint.isEmpty()) {
        emit refreshed(false,
                       McpError::make(McpError::Kind::Unauthorized,
                                      tr("There is no way to renew the sign-in; sign in again.")));
        return;
    }
    m_refreshing = true;
    QList<QPair<QString, QString>> form{
        {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
        {QStringLiteral("refresh_token"), QString::fromUtf8(m_refreshToken)},
        {QStringLiteral("resource"), m_resource}};
    postToken(form, [this](int status, const QJsonObject &json, const QString &netError) {
        m_refreshing = false;
        if (status != 200 || json.value(kAccess).toString().isEmpty()) {
            const QString why = describeTokenError(json, status, netError);
            // Refused (not just unreachable): this refresh token is finished.
            if (netError.isEmpty()) {
                m_accessToken.clear();
                m_refreshToken.clear();
                persist();
                emit tokensChanged();
            }
            emit refreshed(
                false,
                McpError::make(McpError::Kind::Unauthorized,
                               tr("Your sign-in to %1 could not be renewed (%2); sign in again.")
                                   .arg(m_serverUrl.host(), why)));
            return;
        }
        applyTokenResponse(json, true, [this] { emit refreshed(true, McpError()); });
    });
}

void OAuthClient::signOut(std::function<void(bool, const QString &)> done)
{
    m_refreshTimer.stop();
    auto forget = [this, done](const QString &revokeNote) {
        const QString issuer = m_issuer;
        m_accessToken.clear();
        m_refreshToken.clear();
        m_expiresAt = QDateTime();
        if (m_facts)
            m_facts->removeSignIn(m_serverKey);
        emit tokensChanged();
        if (!m_secrets) {
            done(true, revokeNote);
            return;
        }
        // The second removal needs nothing of this client: whoever signed out may
        // delete it before the keychain answers (ServerManager does).
        const QString refreshKey = SecretStore::makeKey(m_serverKey, issuer, kRefresh);
        m_secrets->remove(
            SecretStore::makeKey(m_serverKey, issuer, kAccess),
            [secrets = m_secrets, refreshKey, done, revokeNote](bool ok1, const QString &e1) {
                auto finish = [done, ok1, e1, revokeNote](bool ok2, const QString &e2) {
                    done(ok1 && ok2, !e1.isEmpty() ? e1 : !e2.isEmpty() ? e2 : revokeNote);
                };
                if (secrets)
                    secrets->remove(refreshKey, finish);
                else
                    finish(false, tr("The keychain went away before the sign-in was forgotten."));
            });
    };
    if (!m_revocationEndpoint.isValid() || m_revocationEndpoint.isEmpty() ||
        (m_refreshToken.isEmpty() && m_accessToken.isEmpty())) {
        forget(QString());
        return;
    }
    // RFC 7009: revoke the refresh token (which ends its access tokens too), else the access token.
    const bool useRefresh = !m_refreshToken.isEmpty();
    QList<QPair<QString, QString>> form{
        {QStringLiteral("token"), QString::fromUtf8(useRefresh ? m_refreshToken : m_accessToken)},
        {QStringLiteral("token_type_hint"), useRefresh ? kRefresh : kAccess}};
    QList<QPair<QByteArray, QByteArray>> headers;
    addClientAuth(form, headers);
    postForm(m_revocationEndpoint, form, headers,
             [forget](int status, const QJsonObject &, const QString &netError) {
                 forget(status == 200
                            ? QString()
                            : tr("The server could not be told to revoke the sign-in (%1); it was "
                                 "forgotten here.")
                                  .arg(netError.isEmpty() ? tr("HTTP %1").arg(status) : netError));
             });
}

OAuthClient::TokenInfo OAuthClient::tokenInfo() const
{
    TokenInfo t;
    t.signedIn = !m_accessToken.isEmpty();
    t.issuer = m_issuer;
    t.clientId = m_clientId;
    t.scopesRequested = m_scopesRequested;
    t.scopesGranted = m_scopesGranted;
    t.expiresAt = m_expiresAt;
    t.tokenType = m_tokenType;
    t.hasRefreshToken = !m_refreshToken.isEmpty();
    t.lastRefresh = m_lastRefresh;
    t.persistent = m_persistent && m_secrets && m_secrets->isPersistent();
    return t;
}

} // namespace mcpdesk
