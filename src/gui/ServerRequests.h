// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "protocol/McpSession.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QDialog;
class QWidget;

namespace mcpdesk {

class ServerManager;

// Asks the user on behalf of a server, in a window that names the server:
//  - elicitation, form mode: a form made from the requested schema (defaults filled);
//    Accept sends it (with the defaults of untouched fields), Decline, Cancel;
//  - elicitation, URL mode: the full address and its host; it is opened only when
//    the user agrees;
//  - sampling: the messages the server wants answered; the user writes the reply or
//    declines (no model is involved).
// Nothing is sent without the user's answer; a request the server cancels closes.
class ServerRequests : public QObject
{
    Q_OBJECT
public:
    ServerRequests(ServerManager *manager, QWidget *window);
    ClientFeatures featuresFor(const QString &serverId);
    // A page the server needs the user to visit before a call can succeed (the
    // -32042 "URL elicitation required" error): the same consent window, no answer
    // is sent; the user runs the call again afterwards.
    QDialog *askToOpenUrl(const QString &serverId, const QJsonObject &params);
    // How a URL is opened once the user agrees (the app: QDesktopServices).
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_opener = std::move(opener); }

signals:
    // A window asking the user was shown (for the tray and for tests).
    void asking(QDialog *dialog);

private:
    void elicitForm(const QString &serverId, const QJsonObject &params,
                    const JsonRpcEndpoint::Responder &r);
    void elicitUrl(const QString &serverId, const QJsonObject &params,
                   const JsonRpcEndpoint::Responder &r);
    QDialog *urlDialog(const QString &serverId, const QJsonObject &params,
                       std::function<void(const QString &)> done);
    void createMessage(const QString &serverId, const QJsonObject &params,
                       const JsonRpcEndpoint::Responder &r);
    QString serverName(const QString &serverId) const;
    void track(const QString &serverId, const JsonRpcEndpoint::Responder &r, QDialog *dialog);

    ServerManager *m_manager;
    QPointer<QWidget> m_window;
    std::function<bool(const QUrl &)> m_opener;
    QHash<QString, QPointer<QDialog>> m_open; // "<server>\n<request id>" -> its window
};

} // namespace mcpdesk
