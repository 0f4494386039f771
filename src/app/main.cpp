// McpDesk, the desktop program: only start-up lives here; everything else is in
// mcpdesk_gui and mcpdesk_core.
#include "MainWindow.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "servers/ServerManager.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QLibraryInfo>
#include <QLocale>
#include <QNetworkProxyFactory>
#include <QSettings>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("McpDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("McpDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MCPDESK_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.mcpdesk.McpDesk"));
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Native desktop client for MCP servers"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    // The user's choice in View > Language, else the system language.
    const QString chosen = QSettings().value(QStringLiteral("language")).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale() : QLocale(chosen);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(locale, QStringLiteral("mcpdesk"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(&translator);

    mcpdesk::ConfigStore config;
    mcpdesk::KeychainSecretStore secrets;
    mcpdesk::SignInStore signIns;
    mcpdesk::ServerManager manager(&config, &secrets, &signIns);
    manager.setBrowserOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
    manager.start();
    mcpdesk::MainWindow window(&manager);
    window.show();
    return app.exec();
}
