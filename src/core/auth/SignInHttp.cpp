// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "SignInHttp.h"

#include "OAuthClient.h"
#include "OAuthHelpers.h"
#include "transport/HttpClient.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QLocale>
#include <QTimer>
#include <QUrlQuery>

namespace mcpdesk {

using oauth::formEncode;
using oauth::origin;

namespace {
constexpr qsizetype kMaxResponse = 1024 * 1024;
} // namespace

SignInHttp::SignInHttp(const QUrl &serverUrl, QObject *parent)
    : QObject(parent), m_serverUrl(serverUrl), m_http(new HttpClient(this))
{
}

bool SignInHttp::isInternalAddress(const QUrl &url)
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

bool SignInHttp::allowedTarget(const QUrl &server, const QUrl &target)
{
    // A server on the internet must not point McpDesk at this machine or the local
    // network (SSRF): its sign-in addresses may be internal only when it is itself.
    return !isInternalAddress(target) || isInternalAddress(server);
}

bool SignInHttp::mayContact(const QUrl &url, QString *why) const
{
    // Provider presets (and their endpoint overrides) and stdio servers: the addresses
    // come from the user's own settings, not from a server, and are used as given.
    if (m_addressesFromPerson || m_serverUrl.host().isEmpty())
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

QString SignInHttp::refusedRedirect(const QUrl &from, const QUrl &to, bool withBody) const
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

bool SignInHttp::refused(const QUrl &url, const JsonDone &done)
{
    QString why;
    if (mayContact(url, &why))
        return false;
    // Answered like a network failure, later, as a real request would be.
    m_refusal = why;
    QTimer::singleShot(0, this, [done, why] { done(0, QJsonObject(), why); });
    return true;
}

bool SignInHttp::isSafeAuthorizationUrl(const QUrl &url)
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

void SignInHttp::setCaCertificates(const QList<QSslCertificate> &certs)
{
    m_http->setCaCertificates(certs);
}

void SignInHttp::sendJson(HttpRequest req, JsonDone done)
{
    req.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    req.totalTimeoutMs = std::max(1, m_timeoutMs);
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

void SignInHttp::getJson(const QUrl &url, JsonDone done)
{
    if (refused(url, done))
        return;
    HttpRequest req;
    req.url = url;
    req.headers.append(
        {QByteArrayLiteral("MCP-Protocol-Version"), QByteArrayLiteral("2025-11-25")});
    sendJson(std::move(req), std::move(done));
}

void SignInHttp::postForm(const QUrl &url, const Form &form, const Headers &headers, JsonDone done)
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

void SignInHttp::postJson(const QUrl &url, const QJsonObject &body, JsonDone done,
                          const Headers &headers)
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

QJsonObject SignInHttp::parseResponseBody(const QByteArray &body)
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

} // namespace mcpdesk
