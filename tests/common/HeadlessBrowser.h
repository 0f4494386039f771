// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace mcpdesk {

// Plays the browser for sign-ins that need no person: fetches the authorization
// URL without following redirects by itself, and follows each Location by hand
// (at most 10), so that the last one reaches the loopback callback over real
// HTTP. For the conformance runner's authorization servers and for tests, whose
// authorization endpoints redirect at once.
class HeadlessBrowser : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessBrowser(QObject *parent = nullptr);
    // Starts the visit; returns false if the URL is not http(s).
    bool open(const QUrl &url);

signals:
    void finished(int lastStatus, const QUrl &lastUrl);

private:
    void visit(const QUrl &url, int hops);
    QNetworkAccessManager *m_http;
};

} // namespace mcpdesk
