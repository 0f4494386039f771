// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Servers that arrive from elsewhere, and a damaged server list, as a person meets
// them in the app: an imported stdio command is shown in full and never run until
// allowed (the import preview, or "Review and enable…" on its card); a damaged
// servers.json gives a banner that stays until dismissed. The imported command is a
// real server (tests/peers/hostile-server.mjs --stdio, on the official SDK).
#include "PeerProcess.h"

#include "MainWindow.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "servers/ServerManager.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFrame>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace mcpdesk;

namespace {
QString screenshotDir()
{
    return qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR", QDir::currentPath());
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A person's app: its own configuration folder.
struct App
{
    QTemporaryDir home;
    std::unique_ptr<ConfigStore> config;
    MemorySecretStore secrets;
    std::unique_ptr<SignInStore> signIns;
    std::unique_ptr<ServerManager> manager;
    std::unique_ptr<MainWindow> window;

    QString serversPath() const { return home.filePath(QStringLiteral("McpDesk/servers.json")); }
    void start()
    {
        config = std::make_unique<ConfigStore>(serversPath());
        signIns =
            std::make_unique<SignInStore>(home.filePath(QStringLiteral("McpDesk/signins.json")));
        manager = std::make_unique<ServerManager>(config.get(), &secrets, signIns.get());
        manager->start();
        window = std::make_unique<MainWindow>(manager.get());
        window->resize(1000, 700);
        window->show();
    }
    ~App()
    {
        window.reset();
        manager.reset();
    }
};

// A Claude Desktop file with one stdio server (the hostile SDK server) and one URL.
QByteArray claudeDesktopFile()
{
    const QJsonObject stdio{
        {QStringLiteral("command"), PeerProcess::node()},
        {QStringLiteral("args"),
         QJsonArray{PeerProcess::peersDir() + QStringLiteral("/hostile-server.mjs"),
                    QStringLiteral("--stdio")}},
        {QStringLiteral("env"),
         QJsonObject{{QStringLiteral("GITHUB_TOKEN"), QStringLiteral("not-a-real-token")},
                     {QStringLiteral("MODE"), QStringLiteral("x")}}}};
    const QJsonObject url{{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/mcp")}};
    return QJsonDocument(QJsonObject{{QStringLiteral("mcpServers"),
                                      QJsonObject{{QStringLiteral("gh"), stdio},
                                                  {QStringLiteral("remote"), url}}}})
        .toJson();
}
} // namespace

class TestImports : public QObject
{
    Q_OBJECT

    QDialog *importFile(App &app)
    {
        const QString file = app.home.filePath(QStringLiteral("claude_desktop_config.json"));
        if (!writeFile(file, claudeDesktopFile()))
            return nullptr;
        app.window->importServersFrom(file);
        QDialog *preview = nullptr;
        return QTest::qWaitFor(
                   [&] {
                       return (preview = app.window->findChild<QDialog *>(
                                   QStringLiteral("importPreview")));
                   },
                   5000)
                   ? preview
                   : nullptr;
    }

private slots:
    // The preview shows the whole command; added without allowing it, it never runs
    // until "Review and enable…".
    void importedCommandWaitsForReview()
    {
        App app;
        app.start();
        QDialog *preview = importFile(app);
        QVERIFY(preview);
        const QString details =
            preview->findChild<QPlainTextEdit *>(QStringLiteral("importDetails"))->toPlainText();
        QVERIFY2(details.contains(QStringLiteral("Program: ") + PeerProcess::node()),
                 qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("Argument 1: ") + PeerProcess::peersDir() +
                                  QStringLiteral("/hostile-server.mjs")),
                 qPrintable(details));
        QVERIFY(details.contains(QStringLiteral("Argument 2: --stdio")));
        QVERIFY(details.contains(QStringLiteral("Working directory: McpDesk's own")));
        QVERIFY2(details.contains(QStringLiteral("Environment variables: MODE, GITHUB_TOKEN")),
                 qPrintable(details));
        QVERIFY(!details.contains(QStringLiteral("not-a-real-token")));
        auto *allow = preview->findChild<QCheckBox *>(QStringLiteral("allowCommands"));
        QVERIFY(allow->isVisible());
        QVERIFY(!allow->isChecked());
        preview->grab().save(screenshotDir() + QStringLiteral("/import-preview-en.png"));
        QTest::mouseClick(preview->findChild<QPushButton *>(QStringLiteral("addButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(app.manager->ids().size(), 2);

        const auto gh = app.config->server(QStringLiteral("gh"));
        QVERIFY(gh);
        QVERIFY(!gh->confirmed);
        // Kept as such in servers.json, for every McpDesk program.
        QFile file(app.serversPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"confirmed\": false"));
        // Never started: it stays disabled, saying why.
        QTest::qWait(1500);
        const auto *server = app.manager->server(gh->mcpId);
        QCOMPARE(server->state, ServerState::Disabled);
        QVERIFY(!server->session);
        QCOMPARE(server->reason, ServerManager::awaitingReason());
        app.manager->connectServer(gh->mcpId); // Connect does not start it either
        QTest::qWait(300);
        QCOMPARE(app.manager->server(gh->mcpId)->state, ServerState::Disabled);

        app.window->selectServer(gh->mcpId);
        auto *review = app.window->findChild<QPushButton *>(QStringLiteral("reviewButton"));
        QTRY_VERIFY(review->isVisible());
        app.window->grab().save(screenshotDir() + QStringLiteral("/import-card-en.png"));
        QTest::mouseClick(review, Qt::LeftButton);
        QDialog *dialog = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] {
                return (dialog = app.window->findChild<QDialog *>(QStringLiteral("reviewDialog")));
            },
            5000));
        const QString shown =
            dialog->findChild<QPlainTextEdit *>(QStringLiteral("reviewDetails"))->toPlainText();
        QVERIFY(shown.contains(QStringLiteral("Argument 2: --stdio")));
        dialog->grab().save(screenshotDir() + QStringLiteral("/import-review-en.png"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(app.manager->server(gh->mcpId)->state, ServerState::Connected,
                                  15000);
        QVERIFY(app.config->server(gh->mcpId)->confirmed);
        QVERIFY(!review->isVisible());
    }

    // Allowed in the preview: the person has seen the command; it starts at once.
    void allowedInThePreviewStarts()
    {
        App app;
        app.start();
        QDialog *preview = importFile(app);
        QVERIFY(preview);
        preview->findChild<QCheckBox *>(QStringLiteral("allowCommands"))->setChecked(true);
        QTest::mouseClick(preview->findChild<QPushButton *>(QStringLiteral("addButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(app.manager->ids().size(), 2);
        const auto gh = app.config->server(QStringLiteral("gh"));
        QVERIFY(gh && gh->confirmed);
        QTRY_COMPARE_WITH_TIMEOUT(app.manager->server(gh->mcpId)->state, ServerState::Connected,
                                  15000);
    }

    // A record saved before confirmation existed (no "confirmed") counts as confirmed.
    void earlierRecordsStillStart()
    {
        App app;
        const QJsonObject record{{QStringLiteral("mcpId"), QStringLiteral("old")},
                                 {QStringLiteral("name"), QStringLiteral("Old")},
                                 {QStringLiteral("endpoint"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("stdio")},
                                              {QStringLiteral("command"), PeerProcess::node()},
                                              {QStringLiteral("args"),
                                               QJsonArray{PeerProcess::peersDir() +
                                                              QStringLiteral("/hostile-server.mjs"),
                                                          QStringLiteral("--stdio")}}}}};
        QVERIFY(writeFile(
            app.serversPath(),
            QJsonDocument(QJsonObject{{QStringLiteral("servers"), QJsonArray{record}}}).toJson()));
        app.start();
        app.manager->connectWaiting();
        QTRY_COMPARE_WITH_TIMEOUT(app.manager->server(QStringLiteral("old"))->state,
                                  ServerState::Connected, 15000);
        QVERIFY(!app.window->findChild<QPushButton *>(QStringLiteral("reviewButton"))->isVisible());
    }

    // Help ▸ About McpDesk: the version, the license, the libraries and their notices.
    void aboutShowsTheLicense()
    {
        App app;
        app.start();
        auto *help = app.window->findChild<QMenu *>(QStringLiteral("menuHelp"));
        QVERIFY(help);
        QCOMPARE(help->title(), QStringLiteral("&Help"));
        QDialog *about = app.window->showAbout();
        QVERIFY(about);
        const QString facts = about->findChild<QLabel *>(QStringLiteral("aboutFacts"))->text();
        QVERIFY2(facts.startsWith(QStringLiteral("License: Apache-2.0")), qPrintable(facts));
        QVERIFY2(facts.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())),
                 qPrintable(facts));
        QVERIFY2(facts.contains(QStringLiteral("qtkeychain 0.")), qPrintable(facts));
        const QString notices =
            about->findChild<QPlainTextEdit *>(QStringLiteral("aboutNotices"))->toPlainText();
        QVERIFY(notices.contains(QStringLiteral("LGPL-3.0-only")));
        QVERIFY(notices.contains(QStringLiteral("BSD-3-Clause")));
        about->grab().save(screenshotDir() + QStringLiteral("/about-en.png"));
    }

    // The same windows in Chinese.
    void chinese()
    {
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/mcpdesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        App app;
        app.start();
        QDialog *preview = importFile(app);
        QVERIFY(preview);
        QCOMPARE(preview->windowTitle(), QStringLiteral("导入服务器"));
        QVERIFY(preview->findChild<QCheckBox *>(QStringLiteral("allowCommands"))
                    ->text()
                    .startsWith(QStringLiteral("允许运行")));
        QVERIFY(preview->findChild<QPlainTextEdit *>(QStringLiteral("importDetails"))
                    ->toPlainText()
                    .contains(QStringLiteral("参数 2：--stdio")));
        preview->grab().save(screenshotDir() + QStringLiteral("/import-preview-zh_CN.png"));
        preview->reject();
        QDialog *about = app.window->showAbout();
        QCOMPARE(about->windowTitle(), QStringLiteral("关于 McpDesk"));
        about->grab().save(screenshotDir() + QStringLiteral("/about-zh_CN.png"));
        about->reject();
        QCoreApplication::removeTranslator(&zh);
    }

    // A damaged servers.json: a banner above the list says what was recovered and
    // lost, and stays until dismissed; the recovered servers are there.
    void damagedListBanner()
    {
        App app;
        QVERIFY(writeFile(app.serversPath(),
                          "{\"servers\": [\n"
                          " {\"mcpId\": \"a\", \"name\": \"A\", \"endpoint\": {\"type\": "
                          "\"streamableHttp\", \"url\": \"http://127.0.0.1:9/a\"}},\n"
                          " {\"mcpId\": \"b\", \"name\": \"B\" \"endpoint\": {}},\n"
                          " {\"mcpId\": \"c\", \"name\": \"C\", \"endpoint\": {\"type\": "
                          "\"streamableHttp\", \"url\": \"http://127.0.0.1:9/c\"}}\n"
                          "]"));
        app.start();
        auto *banner = app.window->findChild<QFrame *>(QStringLiteral("configBanner"));
        QVERIFY(banner->isVisible());
        const QString text =
            app.window->findChild<QLabel *>(QStringLiteral("configBannerText"))->text();
        QVERIFY2(text.contains(QStringLiteral("Servers recovered: 2; servers lost: 1.")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral(".corrupt-")), qPrintable(text));
        QCOMPARE(app.manager->ids(), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
        app.window->grab().save(screenshotDir() + QStringLiteral("/damaged-list-en.png"));
        QTest::qWait(200);
        QVERIFY(banner->isVisible()); // not a passing status-bar message
        QTest::mouseClick(
            app.window->findChild<QPushButton *>(QStringLiteral("dismissBannerButton")),
            Qt::LeftButton);
        QVERIFY(!banner->isVisible());
    }
};

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir data;
    qputenv("XDG_DATA_HOME", data.filePath(QStringLiteral("data")).toUtf8());
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("McpDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("McpDesk-imports-test"));
    QTranslator english; // the plurals, as the app shows them in English
    if (english.load(QStringLiteral(":/i18n/mcpdesk_en.qm")))
        QCoreApplication::installTranslator(&english);
    TestImports test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_imports.moc"
