// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// McpDesk, the desktop program: only start-up lives here; everything else is in
// mcpdesk_gui and mcpdesk_core.
#include "AppSettings.h"
#include "AppStyle.h"
#include "MainWindow.h"
#include "Probe.h"
#include "SingleInstance.h"
#include "auth/CallbackRouter.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "servers/ServerManager.h"
#include "util/BuildInfo.h"
#include "util/ProcessHardening.h"

#include <QApplication>
#include <QDir>
#include <QMenuBar>

#include <QDesktopServices>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

int main(int argc, char **argv)
{
    mcpdesk::hardenProcess(); // no core dump with tokens in it
    // A second McpDesk hands its URL (a sign-in callback from the browser) or a
    // "raise" to the running one and exits, before any window or display is needed.
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg.startsWith(QLatin1String("mcpdesk:")))
            return mcpdesk::SingleInstance::handOff(arg) ? 0 : 1;
    }
    // --version and --help need no display: answered before any GUI is made.
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView a(argv[i]);
        if (a == "--version" || a == "-v") {
            // The version first (scripts read that line), then the license and libraries.
            std::printf("%s\n", qPrintable(mcpdesk::BuildInfo::lines().join(QLatin1Char('\n'))));
            return 0;
        }
        if (a == "--help" || a == "-h") {
            std::printf(
                "Usage: mcpdesk [mcpdesk://… URL]\n\n"
                "McpDesk, the desktop client for MCP servers.\n\n"
                "  --version       print the version, the license and the libraries' versions, and "
                "exit\n"
                "  --help          print this help and exit\n"
                "  --smoke-test    build the main window, print its title and first menu, exit\n"
                "                  (checks an installation: plugins and translations found)\n"
                "  mcpdesk://…     a sign-in callback; handed to the running McpDesk\n\n"
                "The scripting interface is mcpdesk-cli (man mcpdesk-cli).\n");
            return 0;
        }
    }
    bool plain = true;
    for (int i = 1; i < argc; ++i)
        plain = plain && QByteArrayView(argv[i]) != "--version" &&
                QByteArrayView(argv[i]) != "--help" && QByteArrayView(argv[i]) != "-h" &&
                QByteArrayView(argv[i]) != "-v" &&
                QByteArrayView(argv[i]) != "--smoke-test"; // an installation check never hands off
    if (plain && mcpdesk::SingleInstance::handOff(QStringLiteral("raise"), 1000))
        return 0;

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("McpDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("McpDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MCPDESK_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.mcpdesk.McpDesk"));
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    // No engine chatter on the terminal it was started from, unless asked for
    // (QT_LOGGING_RULES="mcpdesk.*=true" overrides this); warnings still show.
    QLoggingCategory::setFilterRules(QStringLiteral("mcpdesk.*.debug=false\nmcpdesk.*.info=false"));
    mcpdesk::AppStyle::install(); // the platform's style, with the app's own few standard icons

    const bool smokeTest = app.arguments().contains(QStringLiteral("--smoke-test"));

    // The user's choice in View > Language, else the system language.
    const QString chosen = QSettings().value(QStringLiteral("language")).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale() : QLocale(chosen);
    QLocale::setDefault(locale); // dates and numbers follow the chosen language too
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(locale, QStringLiteral("mcpdesk"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        app.installTranslator(&translator);

    if (smokeTest) {
        // An installation check: the window in the user's language, nothing loaded.
        mcpdesk::ConfigStore none(QDir::tempPath() +
                                  QStringLiteral("/mcpdesk-smoke-%1/servers.json")
                                      .arg(QCoreApplication::applicationPid()));
        mcpdesk::MemorySecretStore noSecrets;
        mcpdesk::SignInStore noSignIns(none.path() + QStringLiteral(".signins"));
        mcpdesk::ServerManager noServers(&none, &noSecrets, &noSignIns);
        mcpdesk::MainWindow w(&noServers);
        std::printf("%s\n%s\n", qPrintable(w.windowTitle()),
                    qPrintable(w.menuBar()->actions().value(0)->text()));
        return 0;
    }
    mcpdesk::ConfigStore config;
    mcpdesk::KeychainSecretStore secrets;
    mcpdesk::SignInStore signIns;
    mcpdesk::CallbackRouter router;
    mcpdesk::ServerManager manager(&config, &secrets, &signIns);
    manager.setBrowserOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
    manager.setCallbackRouter(&router);
    mcpdesk::EraCache eras; // shared with mcpdesk-cli
    manager.setEraCache(&eras);
    mcpdesk::appsettings::applySaved(&manager, &secrets); // theme, proxy, default version
    mcpdesk::MainWindow window(&manager);     // first: it offers the dialogs servers may ask for
    mcpdesk::installProbe(&window, &manager); // does nothing but in mcpdesk-bench
    // The window first, then the servers: connecting 200 of them costs ~17 ms.
    manager.start(false);
    QObject::connect(&window, &mcpdesk::MainWindow::firstPainted, &manager,
                     &mcpdesk::ServerManager::connectWaiting);
    QTimer::singleShot(1000, &manager,
                       &mcpdesk::ServerManager::connectWaiting); // never shown: connect anyway
    mcpdesk::SingleInstance instance;
    QString error;
    if (!instance.listen(&error))
        qWarning("McpDesk cannot receive sign-in callbacks from the browser: %s",
                 qPrintable(error));
    QObject::connect(
        &instance, &mcpdesk::SingleInstance::urlReceived, &router, [&router](const QUrl &url) {
            router.deliver(url); // the state decides which sign-in it belongs to, if any
        });
    QObject::connect(&instance, &mcpdesk::SingleInstance::raiseRequested, &window, [&window] {
        window.show();
        window.raise();
        window.activateWindow();
    });
    window.show();
    return app.exec();
}
