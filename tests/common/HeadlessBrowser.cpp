// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "HeadlessBrowser.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace mcpdesk {

HeadlessBrowser::HeadlessBrowser(QObject *parent)
    : QObject(parent), m_http(new QNetworkAccessManager(this))
{
}

bool HeadlessBrowser::open(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return false;
    visit(url, 0);
    return true;
}

void HeadlessBrowser::visit(const QUrl &url, int hops)
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_http->get(req);
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, hops] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray location = reply->rawHeader("Location");
        if (status / 100 == 3 && !location.isEmpty() && hops < 10) {
            const QUrl next = url.resolved(QUrl::fromEncoded(location));
            const QString scheme = next.scheme().toLower();
            if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
                visit(next, hops + 1);
                return;
            }
        }
        emit finished(status, url);
    });
}

} // namespace mcpdesk
