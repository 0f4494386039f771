// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>

namespace mcpdesk {

// One McpDesk per user. The first one listens on a local socket named after the
// app id; a second one started with an mcpdesk:// URL hands the URL over (the
// browser does that at the end of a custom-scheme sign-in) and exits 0; started
// plainly it asks the first to raise its window.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // io.github.mcpdesk.McpDesk.<user>, or $MCPDESK_INSTANCE_NAME (tests).
    static QString socketName();
    // Returns true if another instance took `message` (a URL, or "raise").
    static bool handOff(const QString &message, int timeoutMs = 3000);

    explicit SingleInstance(QObject *parent = nullptr);
    bool listen(QString *error = nullptr);

signals:
    void urlReceived(const QUrl &url);
    void raiseRequested();

private:
    QLocalServer m_server;
};

} // namespace mcpdesk
