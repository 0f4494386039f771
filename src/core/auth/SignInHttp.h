// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QUrl>

#include <functional>

namespace mcpdesk {

class HttpClient;
struct HttpRequest;

// The requests of one MCP server's sign-in (discovery, registration, token,
// refresh, revocation, device flow), through the network policy every McpDesk
// request follows (HttpClient: the server's CAs, the proxy, timeouts), and the
// sign-in's own address rules: a server on the internet may not point McpDesk at
// this machine or the local network (SSRF), and every redirect hop is checked as
// the first request was.
class SignInHttp : public QObject
{
    Q_OBJECT
public:
    // status 0 and `error` in words when no answer came (or the address was refused).
    using JsonDone = std::function<void(int status, const QJsonObject &json, const QString &error)>;
    using Form = QList<QPair<QString, QString>>;
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    SignInHttp(const QUrl &serverUrl, QObject *parent = nullptr);

    // Extra certificate authorities to trust (the server's own "extra CA").
    void setCaCertificates(const QList<QSslCertificate> &certs);
    // Each request without a complete answer after this long fails in words.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Addresses that come from the person's own settings (provider presets), not
    // from a server: used as given.
    void setAddressesFromPerson(bool on) { m_addressesFromPerson = on; }
    // Decides which addresses count as internal (isInternalAddress unless set): tests
    // make a loopback address play a public host.
    void setAddressClassifier(std::function<bool(const QUrl &)> internal)
    {
        m_isInternal = std::move(internal);
    }

    void getJson(const QUrl &url, JsonDone done);
    void postForm(const QUrl &url, const Form &form, const Headers &headers, JsonDone done);
    void postJson(const QUrl &url, const QJsonObject &body, JsonDone done,
                  const Headers &headers = {});

    // Whether `url` may be contacted for this server's sign-in (else `why`).
    bool mayContact(const QUrl &url, QString *why) const;
    // Why a sign-in request from `from` may not follow its redirect to `to`, or empty:
    // no https→http, no request with a body (it carries secrets) to another origin,
    // no internal address.
    QString refusedRedirect(const QUrl &from, const QUrl &to, bool withBody) const;
    // The last address refused, once (for the failure message that follows).
    QString takeRefusal() { return std::exchange(m_refusal, QString()); }

    // Loopback, link-local, private (RFC 1918, unique local, CGNAT) or unspecified, from
    // the address literal (or "localhost"); other names are not resolved here.
    static bool isInternalAddress(const QUrl &url);
    // Whether a sign-in address `target` given by (or for) MCP server `server` may be
    // contacted: internal addresses only for a server that is internal itself.
    static bool allowedTarget(const QUrl &server, const QUrl &target);
    // Only https, or http to a loopback host, may be opened in a browser.
    static bool isSafeAuthorizationUrl(const QUrl &url);
    // A sign-in server's answer body: JSON, or form-encoded as some token endpoints send.
    static QJsonObject parseResponseBody(const QByteArray &body);

private:
    // True (and `done` called later with the reason) when `url` may not be contacted.
    bool refused(const QUrl &url, const JsonDone &done);
    void sendJson(HttpRequest req, JsonDone done);

    QUrl m_serverUrl;
    HttpClient *m_http;
    int m_timeoutMs = 30 * 1000;
    bool m_addressesFromPerson = false;
    std::function<bool(const QUrl &)> m_isInternal;
    QString m_refusal;
};

} // namespace mcpdesk
