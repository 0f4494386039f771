// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "SingleInstance.h"

#include <QLocalSocket>
#include <QUrl>

namespace mcpdesk {

QString SingleInstance::socketName()
{
    const QString overridden = qEnvironmentVariable("MCPDESK_INSTANCE_NAME");
    if (!overridden.isEmpty())
        return overridden;
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = QStringLiteral("user");
    return QStringLiteral("io.github.mcpdesk.McpDesk.") + user;
}

bool SingleInstance::handOff(const QString &message, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(socketName());
    if (!socket.waitForConnected(timeoutMs / 3))
        return false;
    socket.write(message.toUtf8() + '\n');
    if (!socket.waitForBytesWritten(timeoutMs / 3))
        return false;
    // Wait for the first instance to confirm.
    return socket.waitForReadyRead(timeoutMs / 3) && socket.readLine().trimmed() == "ok";
}

SingleInstance::SingleInstance(QObject *parent) : QObject(parent)
{
    // Only this user may talk to it.
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *s = m_server.nextPendingConnection()) {
            connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
            connect(s, &QLocalSocket::readyRead, this, [this, s] {
                if (!s->canReadLine()) {
                    if (s->bytesAvailable() > 8192)
                        s->abort();
                    return;
                }
                const QString line = QString::fromUtf8(s->readLine(8192)).trimmed();
                s->write("ok\n");
                s->flush();
                s->disconnectFromServer();
                const QUrl url(line);
                if (url.scheme() == QLatin1String("mcpdesk"))
                    emit urlReceived(url);
                else
                    emit raiseRequested();
            });
        }
    });
}

bool SingleInstance::listen(QString *error)
{
    if (m_server.listen(socketName()))
        return true;
    // A socket left behind by a crash: nobody answered on it, so it can go.
    QLocalServer::removeServer(socketName());
    if (m_server.listen(socketName()))
        return true;
    if (error)
        *error = m_server.errorString();
    return false;
}

} // namespace mcpdesk
