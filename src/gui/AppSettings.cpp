// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "AppSettings.h"

#include "auth/SecretStore.h"
#include "servers/ServerManager.h"

#include <QApplication>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QPalette>
#include <QSettings>
#include <QStyle>

namespace mcpdesk::appsettings {

namespace {
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6),
        disabled(0x7d, 0x80, 0x86), button(0x36, 0x38, 0x3c);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, button);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x7b, 0x72));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x44));
    p.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x5e));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xeb));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xbc, 0x8c, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}
} // namespace

QString theme()
{
    const QString t = QSettings().value(QStringLiteral("theme")).toString();
    return t == QLatin1String("light") || t == QLatin1String("dark") ? t : QStringLiteral("system");
}

void setTheme(const QString &t)
{
    QSettings().setValue(QStringLiteral("theme"), t);
    applyTheme(t);
}

void applyTheme(const QString &t)
{
    if (t == QLatin1String("dark"))
        QApplication::setPalette(darkPalette());
    else if (t == QLatin1String("light"))
        QApplication::setPalette(QApplication::style()->standardPalette());
    else
        QApplication::setPalette(QPalette()); // the desktop's own again
}

Proxy proxy()
{
    QSettings s;
    Proxy p;
    const QString mode = s.value(QStringLiteral("proxy/mode")).toString();
    if (mode == QLatin1String("none") || mode == QLatin1String("manual"))
        p.mode = mode;
    p.host = s.value(QStringLiteral("proxy/host")).toString();
    p.port = s.value(QStringLiteral("proxy/port")).toInt();
    p.user = s.value(QStringLiteral("proxy/user")).toString();
    return p;
}

void setProxy(const Proxy &p)
{
    QSettings s;
    s.setValue(QStringLiteral("proxy/mode"), p.mode);
    s.setValue(QStringLiteral("proxy/host"), p.host);
    s.setValue(QStringLiteral("proxy/port"), p.port);
    s.setValue(QStringLiteral("proxy/user"), p.user);
}

void applyProxy(const Proxy &p, const QByteArray &password)
{
    if (p.mode == QLatin1String("manual") && !p.host.isEmpty() && p.port > 0 && p.port < 65536) {
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::HttpProxy, p.host,
                                                         quint16(p.port), p.user,
                                                         QString::fromUtf8(password)));
    } else if (p.mode == QLatin1String("none")) {
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    } else {
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    }
}

QString proxyPasswordKey()
{
    return SecretStore::makeKey(QStringLiteral("app"), QString(), QStringLiteral("proxy-password"));
}

QString defaultProtocol()
{
    return QSettings().value(QStringLiteral("protocol/default")).toString();
}

void setDefaultProtocol(const QString &version)
{
    QSettings().setValue(QStringLiteral("protocol/default"), version);
}

void applySaved(ServerManager *manager, SecretStore *secrets)
{
    if (theme() != QLatin1String("system"))
        applyTheme(theme());
    if (manager)
        manager->setDefaultProtocolVersion(defaultProtocol());
    const Proxy p = proxy();
    if (p.mode != QLatin1String("manual") || p.user.isEmpty() || !secrets) {
        applyProxy(p, {});
        return;
    }
    applyProxy(p, {}); // until the keychain answers
    secrets->read(proxyPasswordKey(), [p](std::optional<QByteArray> password, const QString &) {
        if (proxy() == p) // not changed meanwhile
            applyProxy(p, password.value_or(QByteArray()));
    });
}

} // namespace mcpdesk::appsettings
