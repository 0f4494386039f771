// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace mcpdesk {

class ServerManager;
class SecretStore;

// The app's own settings (Edit ▸ Settings), kept in QSettings beside the window's
// size; the proxy's password alone in the keychain. Each is applied at once.
namespace appsettings {

// "system" (the desktop's palette), "light" or "dark".
QString theme();
void setTheme(const QString &theme);
void applyTheme(const QString &theme);

struct Proxy
{
    QString mode = QStringLiteral("system"); // "system", "none" or "manual"
    QString host;
    int port = 0;
    QString user;
    bool operator==(const Proxy &) const = default;
};
Proxy proxy();
void setProxy(const Proxy &proxy);
// For every request from now on (connections already open keep their way).
void applyProxy(const Proxy &proxy, const QByteArray &password);
// The keychain entry of the manual proxy's password.
QString proxyPasswordKey();

// The MCP version asked for where a server pins none: empty (find out) or a version.
QString defaultProtocol();
void setDefaultProtocol(const QString &version);

// At start: the theme, the proxy (its password read from `secrets` first), the
// default version for `manager`'s connections.
void applySaved(ServerManager *manager, SecretStore *secrets);

} // namespace appsettings
} // namespace mcpdesk
