// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "HttpTransport.h"

#include <QSslError>

namespace mcpdesk {

QString HttpTransport::hostOf(const QUrl &url)
{
    return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port())
                          : url.host();
}

HttpRequest HttpTransport::httpRequest(const QByteArray &verb, const QUrl &url) const
{
    HttpRequest req;
    req.verb = verb;
    req.url = url;
    req.headers = m_headers;
    const QByteArray auth = m_authorization ? m_authorization() : QByteArray();
    if (!auth.isEmpty())
        req.headers.append({QByteArrayLiteral("Authorization"), auth});
    return req;
}

McpError HttpTransport::describeNetworkError(const HttpReply *reply)
{
    const QList<QSslError> sslErrors = reply->sslErrors();
    const QUrl url = reply->url();
    const QString host = hostOf(url);
    McpError e;
    e.kind = McpError::Kind::Connection;
    switch (reply->error()) {
    case HttpReply::Error::ConnectionRefused:
        e.message = tr("Could not connect to %1: the connection was refused. Is the server "
                       "running?")
                        .arg(host);
        break;
    case HttpReply::Error::HostNotFound:
        e.message =
            tr("The server name “%1” could not be found (DNS lookup failed).").arg(url.host());
        break;
    case HttpReply::Error::RemoteClosed:
        e.message = tr("%1 closed the connection before answering.").arg(host);
        break;
    case HttpReply::Error::Timeout:
        e.message = tr("The connection to %1 timed out.").arg(host);
        break;
    case HttpReply::Error::Cancelled:
        e.kind = McpError::Kind::Cancelled;
        e.message = tr("The request to %1 was cancelled.").arg(host);
        break;
    case HttpReply::Error::Proxy:           // names the proxy and what it said
    case HttpReply::Error::RedirectRefused: // says which hop and why
    case HttpReply::Error::NotResent:       // says it may have reached the server
        e.message = reply->errorString();
        break;
    default:
        if (!sslErrors.isEmpty()) {
            QStringList reasons;
            for (const QSslError &sslError : sslErrors)
                if (!reasons.contains(sslError.errorString()))
                    reasons.append(sslError.errorString());
            QString detail = reasons.join(QStringLiteral("; "));
            const QSslCertificate cert = sslErrors.first().certificate();
            if (!cert.isNull())
                detail += tr(" (certificate for “%1”, issued by “%2”)")
                              .arg(cert.subjectDisplayName(), cert.issuerDisplayName());
            e.message =
                tr("The secure connection to %1 could not be trusted: %2").arg(host, detail);
        } else if (reply->error() == HttpReply::Error::Tls) {
            e.message =
                tr("The secure connection to %1 failed: %2").arg(host, reply->errorString());
        } else {
            e.message = tr("Network error talking to %1: %2").arg(host, reply->errorString());
        }
        break;
    }
    return e;
}

} // namespace mcpdesk
