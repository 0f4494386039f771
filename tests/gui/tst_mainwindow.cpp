// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The desktop app driven as a person would, offscreen, by objectName, against the
// real server-everything and the SDK's OAuth example server. Saves screenshots
// (English and Chinese) to $MCPDESK_SCREENSHOT_DIR (default: ./screenshots).
#include "PeerProcess.h"

#include "AppStyle.h"
#include "HeadlessBrowser.h"
#include "MainWindow.h"
#include "Roles.h"
#include "ServerDialog.h"
#include "ServerListModel.h"
#include "TokensDialog.h"
#include "ToolsPanel.h"
#include "TrafficPanel.h"
#include "auth/SecretStore.h"
#include "auth/SignInStore.h"
#include "config/ConfigStore.h"
#include "protocol/TrafficLog.h"
#include "servers/ServerManager.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QToolBar>
#include <QToolButton>
#include <functional>

using namespace mcpdesk;

namespace {
QTemporaryDir *g_home = nullptr;
}

class TestMainWindow : public QObject
{
    Q_OBJECT

    PeerProcess everything;
    quint16 everythingPort = 0;
    std::unique_ptr<ConfigStore> config;
    std::unique_ptr<KeychainSecretStore>
        secrets; // the real keychain of the test session, shared with the CLI
    std::unique_ptr<SignInStore> signIns;
    std::unique_ptr<ServerManager> manager;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<HeadlessBrowser> browser;
    QString screenshotDir;

    template <typename T> T *w(const char *name) const
    {
        T *found = window->findChild<T *>(QLatin1String(name));
        if (!found)
            qWarning("no widget %s", name);
        return found;
    }
    void trigger(const char *action)
    {
        QAction *a = window->findChild<QAction *>(QLatin1String(action));
        QVERIFY2(a, action);
        QVERIFY2(a->isEnabled(), action);
        a->trigger();
    }
    // How many `method` requests went to server `id` (its traffic log).
    int sentCount(const QString &id, const QString &method) const
    {
        const TrafficLog *log = manager->traffic(id);
        int n = 0;
        for (qsizetype i = 0; log && i < log->size(); ++i)
            n += log->at(i).direction == TrafficLog::Direction::Sent &&
                         log->at(i).method == method && log->at(i).hasMessage()
                     ? 1
                     : 0;
        return n;
    }

    ServerState stateOf(const QString &id) const
    {
        const auto *s = manager->server(id);
        return s ? s->state : ServerState::Disabled;
    }
    QString idOfName(const QString &name) const
    {
        for (const QString &id : manager->ids())
            if (manager->server(id)->config.name == name)
                return id;
        return QString();
    }
    void shot(QWidget *widget, const QString &name)
    {
        QApplication::processEvents();
        const QString file = screenshotDir + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY2(widget->grab().save(file), qPrintable(file));
    }
    bool startEverything()
    {
        everything.stop();
        return everything.startEverythingOnPort(everythingPort);
    }

    // Everything a screenshot of `top` could show: texts of labels, buttons, fields
    // (not password fields), text views, every cell of every list, table and tree
    // (display text and tooltip, hidden tabs included), tooltips and titles.
    static QString everythingShown(QWidget *top)
    {
        QStringList parts;
        QList<QWidget *> widgets = top->findChildren<QWidget *>();
        widgets.prepend(top);
        for (QWidget *wi : widgets) {
            parts << wi->windowTitle() << wi->toolTip();
            if (auto *l = qobject_cast<QLabel *>(wi))
                parts << l->text();
            else if (auto *b = qobject_cast<QAbstractButton *>(wi))
                parts << b->text();
            else if (auto *e = qobject_cast<QLineEdit *>(wi))
                parts << (e->echoMode() == QLineEdit::Normal ? e->text() : QString());
            else if (auto *t = qobject_cast<QPlainTextEdit *>(wi))
                parts << t->toPlainText();
            else if (auto *te = qobject_cast<QTextEdit *>(wi))
                parts << te->toPlainText();
            else if (auto *v = qobject_cast<QAbstractItemView *>(wi); v && v->model()) {
                std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
                    const QAbstractItemModel *m = v->model();
                    for (int r = 0; r < m->rowCount(parent); ++r)
                        for (int c = 0; c < m->columnCount(parent); ++c) {
                            const QModelIndex i = m->index(r, c, parent);
                            parts << i.data(Qt::DisplayRole).toString()
                                  << i.data(Qt::ToolTipRole).toString();
                            if (c == 0 && m->hasChildren(i) && !m->canFetchMore(i))
                                walk(i);
                        }
                };
                walk(QModelIndex());
            }
        }
        return parts.join(QLatin1Char('\n'));
    }

private slots:
    void initTestCase()
    {
        screenshotDir = qEnvironmentVariable("MCPDESK_SCREENSHOT_DIR",
                                             QDir::currentPath() + QStringLiteral("/screenshots"));
        QDir().mkpath(screenshotDir);
        everythingPort = PeerProcess::freePort();
        QVERIFY(startEverything());
        config = std::make_unique<ConfigStore>(
            g_home->filePath(QStringLiteral("config/McpDesk/servers.json")));
        secrets = std::make_unique<KeychainSecretStore>();
        signIns = std::make_unique<SignInStore>(
            g_home->filePath(QStringLiteral("config/McpDesk/signins.json")));
        manager = std::make_unique<ServerManager>(config.get(), secrets.get(), signIns.get());
        manager->setPingIntervalMs(500);
        manager->setUndoTimeoutMs(60000);
        browser = std::make_unique<HeadlessBrowser>();
        manager->setBrowserOpener([this](const QUrl &u) { return browser->open(u); });
        manager->start();
        window = std::make_unique<MainWindow>(manager.get());
        new QAbstractItemModelTester(window->serverModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     window.get());
        new QAbstractItemModelTester(window->filterModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     window.get());
        window->resize(1040, 640);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }

    // The window as it first shows needs no image-format plugin (nor QtSvg): its
    // icons are read as the PNGs they are, and the standard icons it shows from the
    // start (the bars' overflow button, the search field's clear button) are the
    // app's own (asked to guess a format, Qt loads every plugin: 400 KB, 2 ms).
    void startsWithoutImagePlugins()
    {
        QFile maps(QStringLiteral("/proc/self/maps"));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY2(!mapped.contains("/imageformats/"), "an image-format plugin was loaded");
        QVERIFY(!mapped.contains("libQt6Svg"));
        QVERIFY(!window->windowIcon().isNull());
        QVERIFY(
            window->windowIcon().availableSizes().contains(QSize(64, 64))); // for the task switcher
    }

    // The app shows its window before it connects anything (start(false), then
    // connectWaiting() on firstPainted()): the list is there, the servers wait.
    void serversConnectAfterTheFirstPaint()
    {
        QTemporaryDir dir;
        ConfigStore store(dir.filePath(QStringLiteral("servers.json")));
        for (int i = 0; i < 3; ++i) {
            ServerConfig c;
            c.name = QStringLiteral("Waiting %1").arg(i);
            c.url = QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(PeerProcess::freePort()));
            QVERIFY(store.add(c));
        }
        QVERIFY(store.save());
        ConfigStore reread(store.path());
        MemorySecretStore noSecrets;
        SignInStore noSignIns(dir.filePath(QStringLiteral("signins.json")));
        ServerManager m(&reread, &noSecrets, &noSignIns);
        MainWindow w(&m); // as the app does: the window, then the list
        QSignalSpy painted(&w, &MainWindow::firstPainted);
        connect(&w, &MainWindow::firstPainted, &m, &ServerManager::connectWaiting);
        m.start(false);
        QTest::qWait(50);
        QCOMPARE(w.serverModel()->rowCount(), 3);
        const QStringList ids = m.ids();
        QCOMPARE(ids.size(), 3);
        for (const QString &id : ids)
            QCOMPARE(m.server(id)->state, ServerState::Disconnected);
        w.show();
        QTRY_COMPARE(painted.count(), 1);
        for (const QString &id : ids)
            QVERIFY(m.server(id)->state == ServerState::Connecting ||
                    m.server(id)->state == ServerState::Error);
        for (const QString &id : ids) // nothing listens there: each says so
            QTRY_COMPARE_WITH_TIMEOUT(m.server(id)->state, ServerState::Error, 10000);
        w.update();
        QTest::qWait(20);
        QCOMPARE(painted.count(), 1); // once
        // The detail tabs' panels are built when first opened, in their place.
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("detailsTabs"));
        QVERIFY(tabs);
        QVERIFY(!w.findChild<ToolsPanel *>());
        QVERIFY(!w.findChild<TrafficPanel *>());
        tabs->setCurrentIndex(1);
        auto *tools = w.findChild<ToolsPanel *>();
        QVERIFY(tools);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(tools));
        QCOMPARE(tabs->tabText(1), QStringLiteral("Tools"));
        QCOMPARE(tabs->count(), 6);
        QCOMPARE(w.toolsPanel(), tools); // the same one
    }

    void firstRunScreen()
    {
        QCOMPARE(w<QStackedWidget>("detailsStack")->currentIndex(), 0);
        QVERIFY(w<QPushButton>("tryDemoButton")->isVisible());
        shot(window.get(), QStringLiteral("welcome-en"));
    }

    void addServerThroughTheDialog()
    {
        trigger("actionAdd");
        ServerDialog *d = window->serverDialog();
        QVERIFY(d);
        QTRY_VERIFY(d->isVisible());
        auto *save = d->findChild<QDialogButtonBox *>(QStringLiteral("dialogButtons"))
                         ->button(QDialogButtonBox::Save);
        QVERIFY(!save->isEnabled()); // nothing entered yet: told what is missing
        QCOMPARE(d->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->accessibleName(),
                 QStringLiteral("Name"));
        QVERIFY(!d->findChild<QLabel *>(QStringLiteral("errorLabel"))->text().isEmpty());
        QTest::keyClicks(d->findChild<QLineEdit *>(QStringLiteral("nameEdit")),
                         QStringLiteral("Everything"));
        QTest::keyClicks(d->findChild<QLineEdit *>(QStringLiteral("urlEdit")),
                         QStringLiteral("not a url"));
        QVERIFY(!save->isEnabled());
        d->findChild<QLineEdit *>(QStringLiteral("urlEdit"))
            ->setText(QStringLiteral("http://127.0.0.1:%1/mcp").arg(everythingPort));
        QVERIFY(save->isEnabled());
        // "Test connection" says what happened.
        QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("testButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(d->findChild<QLabel *>(QStringLiteral("testResult"))
                                     ->text()
                                     .contains(QStringLiteral("2025-11-25")),
                                 10000);
        shot(d, QStringLiteral("add-server-en"));
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(window->serverModel()->rowCount(), 1);
        const QString id = idOfName(QStringLiteral("Everything"));
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), ServerState::Connected, 10000);
        QCOMPARE(window->currentId(), id);
        QTRY_COMPARE(w<QLabel>("detailsProtocol")->text(), QStringLiteral("2025-11-25"));
        QVERIFY(w<QLabel>("detailsCapabilities")->text().contains(QStringLiteral("tools")));
        QCOMPARE(w<QStackedWidget>("detailsStack")->currentIndex(), 1);
    }

    void serverStopsThenComesBack()
    {
        const QString id = idOfName(QStringLiteral("Everything"));
        everything.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), ServerState::Error, 10000);
        QVERIFY2(manager->server(id)->reason.contains(QStringLiteral("refused")) ||
                     manager->server(id)->reason.contains(QStringLiteral("closed")),
                 qPrintable(manager->server(id)->reason));
        const QModelIndex row = window->serverModel()->indexOf(id);
        QVERIFY2(row.data(SecondLineRole).toString().contains(QStringLiteral("retrying")),
                 qPrintable(row.data(SecondLineRole).toString()));
        QVERIFY(w<QLabel>("detailsState")->text().contains(QStringLiteral("Next attempt")));
        QVERIFY(startEverything());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), ServerState::Connected, 20000);
    }

    void disconnectDisableEnable()
    {
        const QString id = idOfName(QStringLiteral("Everything"));
        trigger("actionDisconnect");
        QTRY_COMPARE(stateOf(id), ServerState::Disconnected);
        QCOMPARE(window->serverModel()->indexOf(id).data(StateTextRole).toString(),
                 QStringLiteral("disconnected"));
        trigger("actionConnect");
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), ServerState::Connected, 10000);
        const QModelIndex row = window->serverModel()->indexOf(id);
        QVERIFY(window->serverModel()->setData(row, Qt::Unchecked, Qt::CheckStateRole));
        QTRY_COMPARE(stateOf(id), ServerState::Disabled);
        QCOMPARE(config->server(id)->enabled, false); // saved
        QVERIFY(window->serverModel()->setData(row, Qt::Checked, Qt::CheckStateRole));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), ServerState::Connected, 10000);
    }

    void removeAndUndo()
    {
        const QString id = idOfName(QStringLiteral("Everything"));
        window->selectServer(id);
        trigger("actionRemove");
        QTRY_COMPARE(window->serverModel()->rowCount(), 0);
        QVERIFY(!config->server(id));
        trigger("actionUndo");
        QTRY_COMPARE(window->serverModel()->rowCount(), 1);
        const QString back = idOfName(QStringLiteral("Everything"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(back), ServerState::Connected, 10000);
    }

    void filterTheList()
    {
        ServerConfig broken;
        broken.name = QStringLiteral("Broken local server");
        broken.type = TransportKind::Stdio;
        broken.command = QStringLiteral("sh");
        broken.args = {QStringLiteral("-c"), QStringLiteral("echo 'missing API key' >&2; exit 3")};
        const auto id = manager->addServer(broken);
        QVERIFY(id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::Error, 10000);
        QVERIFY(manager->server(*id)->reason.contains(QStringLiteral("missing API key")));
        auto *filter = w<QComboBox>("filterCombo");
        filter->setCurrentIndex(2); // Problems
        QCOMPARE(window->filterModel()->rowCount(), 1);
        QCOMPARE(window->filterModel()->index(0, 0).data(NameRole).toString(),
                 QStringLiteral("Broken local server"));
        filter->setCurrentIndex(1); // Connected
        QCOMPARE(window->filterModel()->rowCount(), 1);
        filter->setCurrentIndex(0);
        QTest::keyClicks(w<QLineEdit>("searchEdit"), QStringLiteral("BROKEN"));
        QCOMPARE(window->filterModel()->rowCount(), 1);
        // Its clear button shows, with the app's icon.
        const auto clearButtons = w<QLineEdit>("searchEdit")->findChildren<QAction *>();
        const auto clear = std::find_if(clearButtons.begin(), clearButtons.end(), [](QAction *a) {
            return a->isVisible() && !a->icon().isNull();
        });
        QVERIFY(clear != clearButtons.end());
        QCOMPARE((*clear)->icon().pixmap(16).toImage(),
                 appIcon(QStringLiteral("clear")).pixmap(16).toImage());
        QTest::qWait(300); // it fades in
        shot(window.get(), QStringLiteral("search-en"));
        w<QLineEdit>("searchEdit")->clear();
        QCOMPARE(window->filterModel()->rowCount(), 2);
    }

    // Too narrow for the tool bar: its overflow button shows "»" (the app's icon).
    void narrowWindowOverflows()
    {
        const QSize before = window->size();
        window->resize(360, before.height());
        QTest::qWait(50);
        auto *bar = window->findChild<QToolBar *>(QStringLiteral("toolBar"));
        QVERIFY(bar);
        QToolButton *more = nullptr;
        for (QToolButton *b : bar->findChildren<QToolButton *>())
            if (b->objectName() == QLatin1String("qt_toolbar_ext_button"))
                more = b;
        QVERIFY(more);
        QTRY_VERIFY(more->isVisible());
        QCOMPARE(more->icon().pixmap(16).toImage(),
                 appIcon(QStringLiteral("more")).pixmap(16).toImage());
        shot(window.get(), QStringLiteral("narrow-en"));
        window->resize(before);
        QTRY_VERIFY(!more->isVisible());
    }

    void cliChangeAppearsInTheApp()
    {
        QProcess cli;
        cli.start(QStringLiteral(MCPDESK_CLI),
                  {QStringLiteral("add"), QStringLiteral("Added from the CLI"),
                   QStringLiteral("http://127.0.0.1:%1/mcp").arg(everythingPort),
                   QStringLiteral("--config"), config->path()});
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!idOfName(QStringLiteral("Added from the CLI")).isEmpty(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(idOfName(QStringLiteral("Added from the CLI"))),
                                  ServerState::Connected, 10000);
    }

    void signInCardAndTokensView()
    {
        QProcess sdk;
        const quint16 mcpPort = PeerProcess::freePort();
        const quint16 authPort = PeerProcess::freePort();
        QProcessEnvironment se = QProcessEnvironment::systemEnvironment();
        se.insert(QStringLiteral("MCP_PORT"), QString::number(mcpPort));
        se.insert(QStringLiteral("MCP_AUTH_PORT"), QString::number(authPort));
        sdk.setProcessEnvironment(se);
        sdk.start(PeerProcess::node(),
                  {PeerProcess::peersDir() +
                       QStringLiteral("/node_modules/@modelcontextprotocol/sdk/dist/esm/examples/"
                                      "server/simpleStreamableHttp.js"),
                   QStringLiteral("--oauth")});
        QVERIFY(PeerProcess::portOpen(mcpPort, 20000));
        QVERIFY(PeerProcess::portOpen(authPort, 20000));
        ServerConfig c;
        c.name = QStringLiteral("Protected example");
        c.url = QUrl(QStringLiteral("http://localhost:%1/mcp").arg(mcpPort));
        c.authMethod = ServerConfig::AuthMethod::OAuth2;
        const auto id = manager->addServer(c);
        QVERIFY(id);
        window->selectServer(*id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::NeedsSignIn, 10000);
        QTRY_VERIFY(w<QFrame>("signInCard")->isVisible());
        QVERIFY(w<QPushButton>("signInButton")->isVisible());
        shot(window.get(), QStringLiteral("main-window-en"));
        // The first request, the era probe, was refused.
        QCOMPARE(sentCount(*id, QStringLiteral("server/discover")), 1);
        QCOMPARE(sentCount(*id, QStringLiteral("initialize")), 0);
        QTest::mouseClick(w<QPushButton>("signInButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::Connected, 15000);
        QVERIFY(!w<QFrame>("signInCard")->isVisible());
        // The refusal had said where to sign in: the sign-in began at once, and one
        // probe and one initialize followed it (no session started first to be
        // refused again).
        QCOMPARE(sentCount(*id, QStringLiteral("server/discover")), 2);
        QCOMPARE(sentCount(*id, QStringLiteral("initialize")), 1);
        trigger("actionTokens");
        TokensDialog *tokens = window->tokensDialog();
        QVERIFY(tokens);
        QTRY_COMPARE(tokens->table()->rowCount(), 1);
        QCOMPARE(tokens->table()->item(0, 0)->text(), QStringLiteral("Protected example"));
        QVERIFY(tokens->table()->item(0, 1)->text().contains(QString::number(authPort)));
        QVERIFY(tokens->table()->item(0, 4)->text().contains(QStringLiteral("min")));
        QVERIFY(tokens->findChild<QPlainTextEdit *>(QStringLiteral("tokenClaims"))
                    ->toPlainText()
                    .isEmpty()); // never shown unasked
        shot(tokens, QStringLiteral("tokens-en"));
        // Nothing on screen shows the token — the window with its Traffic tab (the
        // requests that carried it), the tokens view — until Reveal is pressed.
        const QString token = QString::fromUtf8(manager->oauth(*id)->accessToken());
        QVERIFY(token.size() >= 16);
        QVERIFY(window->trafficPanel()); // its tab is built when first opened
        QTRY_VERIFY(everythingShown(window.get())
                        .contains(QStringLiteral("Authorization"))); // the traffic was recorded
        QVERIFY2(!everythingShown(window.get()).contains(token),
                 "the token is shown in the main window");
        QVERIFY2(!everythingShown(tokens).contains(token), "the token is shown in the tokens view");
        tokens->table()->selectRow(0);
        QTest::mouseClick(tokens->findChild<QPushButton *>(QStringLiteral("revealTokenButton")),
                          Qt::LeftButton);
        QVERIFY(everythingShown(tokens).contains(token)); // asked for: now it is there
        tokens->findChild<QPlainTextEdit *>(QStringLiteral("tokenClaims"))->clear();
        QTest::mouseClick(tokens->findChild<QPushButton *>(QStringLiteral("signOutButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::NeedsSignIn, 10000);
        QTRY_COMPARE(tokens->table()->rowCount(), 0);
        tokens->close();
        // The sign-in card while waiting for the browser (the opener does nothing this time).
        manager->setBrowserOpener([](const QUrl &) { return true; });
        QTest::mouseClick(w<QPushButton>("signInButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QLineEdit>("signInUrl")->isVisible(), 10000);
        QVERIFY(w<QLineEdit>("signInUrl")
                    ->text()
                    .startsWith(QStringLiteral("http://localhost:%1/authorize").arg(authPort)));
        QVERIFY(w<QPushButton>("cancelSignInButton")->isVisible());
        shot(window.get(), QStringLiteral("sign-in-card-en"));
        QTest::mouseClick(w<QPushButton>("cancelSignInButton"), Qt::LeftButton);
        QTRY_VERIFY(!w<QLineEdit>("signInUrl")->isVisible());
        sdk.terminate();
        sdk.waitForFinished(3000);
    }

    // Against oidc-provider, which issues refresh tokens: Refresh now and Sign out (revoke).
    void refreshNowAndRevokeWithOidcProvider()
    {
        PeerProcess strict;
        const quint16 authPort = PeerProcess::freePort();
        QVERIFY(strict.startScript(QStringLiteral("strict-oauth.mjs"),
                                   {QStringLiteral("--auth-port"), QString::number(authPort),
                                    QStringLiteral("--upstream"),
                                    QStringLiteral("http://127.0.0.1:%1").arg(everythingPort)}));
        manager->setBrowserOpener([this](const QUrl &u) { return browser->open(u); });
        ServerConfig c;
        c.name = QStringLiteral("Strict example");
        c.url = strict.url();
        c.authMethod = ServerConfig::AuthMethod::OAuth2;
        const auto id = manager->addServer(c);
        QVERIFY(id);
        window->selectServer(*id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::NeedsSignIn, 10000);
        QTest::mouseClick(w<QPushButton>("signInButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::Connected, 20000);
        trigger("actionTokens");
        TokensDialog *tokens = window->tokensDialog();
        QTRY_COMPARE(tokens->table()->rowCount(), 1);
        QCOMPARE(tokens->table()->item(0, 5)->text(), QStringLiteral("yes"));
        QCOMPARE(tokens->table()->item(0, 6)->text(), QStringLiteral("never"));
        QCOMPARE(tokens->table()->item(0, 7)->text(),
                 QStringLiteral("mcpdesk-test-user")); // the JWT's subject
        auto *refresh = tokens->findChild<QPushButton *>(QStringLiteral("refreshTokenButton"));
        QVERIFY(refresh->isEnabled());
        QTest::mouseClick(refresh, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(strict.lines().contains(QStringLiteral("token refresh_token")),
                                 10000);
        QTRY_VERIFY(tokens->table()->rowCount() == 1 &&
                    tokens->table()->item(0, 6)->text() != QStringLiteral("never"));
        // The JWT's claims, only on request: its audience is this server.
        QTest::mouseClick(tokens->findChild<QPushButton *>(QStringLiteral("revealTokenButton")),
                          Qt::LeftButton);
        QVERIFY(tokens->findChild<QPlainTextEdit *>(QStringLiteral("tokenClaims"))
                    ->toPlainText()
                    .contains(c.url.toString()));
        QTest::mouseClick(tokens->findChild<QPushButton *>(QStringLiteral("signOutButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::NeedsSignIn, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(strict.lines().contains(QStringLiteral("revoke")), 5000);
        QTRY_COMPARE(tokens->table()->rowCount(), 0);
        tokens->close();
        manager->removeServer(*id);
    }

    // A local server signed in to GitHub with the device flow: the card shows the
    // code, and the server starts with the token in its environment.
    void deviceFlowForALocalServer()
    {
        PeerProcess providers;
        QVERIFY(providers.startScript(QStringLiteral("fake-providers.mjs"), {}));
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(providers.port());
        manager->setBrowserOpener([this](const QUrl &u) { return browser->open(u); });
        ServerConfig c;
        c.name = QStringLiteral("GitHub (local)");
        c.type = TransportKind::Stdio;
        c.command = PeerProcess::node();
        c.args = {PeerProcess::peersDir() +
                      QStringLiteral(
                          "/node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
                  QStringLiteral("stdio")};
        c.authMethod = ServerConfig::AuthMethod::OAuth2;
        c.provider = QStringLiteral("github");
        c.authConfig = {
            {QStringLiteral("client_id"), QStringLiteral("gh-client")},
            {QStringLiteral("flow"), QStringLiteral("device")},
            {QStringLiteral("token_env"), QStringLiteral("GITHUB_PERSONAL_ACCESS_TOKEN")},
            {QStringLiteral("device_authorization_endpoint"),
             base + QStringLiteral("/github/login/device/code")},
            {QStringLiteral("token_endpoint"),
             base + QStringLiteral("/github/login/oauth/access_token")}};
        const auto id = manager->addServer(c);
        QVERIFY(id);
        window->selectServer(*id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::NeedsSignIn, 10000);
        QTest::mouseClick(w<QPushButton>("signInButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w<QLabel>("deviceCode")->isVisible(), 10000);
        QCOMPARE(w<QLabel>("deviceCode")->text(), QStringLiteral("WDJB-MJHT"));
        QVERIFY(w<QLineEdit>("signInUrl")->text().endsWith(QStringLiteral("/github/login/device")));
        shot(window.get(), QStringLiteral("device-card-en"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::Connected, 30000);
        QVERIFY(!w<QLabel>("deviceCode")->isVisible());
        RpcReply *r = manager->session(*id)->callTool(QStringLiteral("get-env"), {});
        r->setAutoDelete(false);
        QSignalSpy done(r, &RpcReply::finished);
        QVERIFY(done.wait(10000));
        QVERIFY2(QJsonDocument(r->result().toObject()).toJson().contains("gho_device_token"),
                 "the token was not in the environment");
        delete r;
        manager->removeServer(*id);
    }

    // Live sharing: a sign-in made with mcpdesk-cli reaches the running app.
    void signInFromTheCliReachesTheApp()
    {
        PeerProcess strict;
        const quint16 authPort = PeerProcess::freePort();
        QVERIFY(strict.startScript(QStringLiteral("strict-oauth.mjs"),
                                   {QStringLiteral("--auth-port"), QString::number(authPort),
                                    QStringLiteral("--upstream"),
                                    QStringLiteral("http://127.0.0.1:%1").arg(everythingPort)}));
        ServerConfig c;
        c.name = QStringLiteral("Signed in elsewhere");
        c.url = strict.url();
        c.authMethod = ServerConfig::AuthMethod::OAuth2;
        const auto id = manager->addServer(c);
        QVERIFY(id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::NeedsSignIn, 10000);
        QProcess login;
        login.start(QStringLiteral(MCPDESK_CLI),
                    {QStringLiteral("login"), c.url.toString(), QStringLiteral("--no-browser")});
        QString err;
        QUrl authUrl;
        QTRY_VERIFY_WITH_TIMEOUT(
            ([&] {
                err += QString::fromUtf8(login.readAllStandardError());
                const qsizetype at = err.indexOf(QStringLiteral("\n  http"));
                if (at >= 0 && err.indexOf(QLatin1Char('\n'), at + 3) > 0)
                    authUrl = QUrl::fromEncoded(
                        err.mid(at + 3, err.indexOf(QLatin1Char('\n'), at + 3) - at - 3).toUtf8());
                return authUrl.isValid();
            }()),
            15000);
        HeadlessBrowser cliBrowser;
        QVERIFY(cliBrowser.open(authUrl));
        QTRY_VERIFY_WITH_TIMEOUT(login.state() == QProcess::NotRunning, 20000);
        QCOMPARE(login.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::Connected,
                                  10000); // no click in the app
        manager->signOut(*id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), ServerState::NeedsSignIn, 10000);
        manager->removeServer(*id);
    }

    void chinese()
    {
        trigger("actionLanguage_zh_CN");
        QTRY_COMPARE(w<QComboBox>("filterCombo")->itemText(0), QStringLiteral("全部"));
        QCOMPARE(QLocale().language(), QLocale::Chinese); // dates and numbers follow
        QCOMPARE(window->findChild<QAction *>(QStringLiteral("actionAdd"))->text(),
                 QStringLiteral("添加服务器(&A)…"));
        window->selectServer(idOfName(QStringLiteral("Everything")));
        QTRY_VERIFY(w<QLabel>("detailsState")->text().contains(QStringLiteral("已连接")));
        shot(window.get(), QStringLiteral("main-window-zh_CN"));
        trigger("actionAdd");
        QTRY_VERIFY(window->serverDialog() && window->serverDialog()->isVisible());
        shot(window->serverDialog(), QStringLiteral("add-server-zh_CN"));
        window->serverDialog()->close();
        trigger("actionLanguage_en");
        QTRY_COMPARE(w<QComboBox>("filterCombo")->itemText(0), QStringLiteral("All"));
        QCOMPARE(QLocale().language(), QLocale::English);
    }

    void cleanupTestCase()
    {
        window.reset();
        manager.reset();
        everything.stop();
    }
};

int main(int argc, char **argv)
{
    // A throwaway home for the config and settings, before anything reads them.
    QTemporaryDir home;
    g_home = &home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8()); // the call history
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("McpDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("McpDesk"));
    QApplication::setFont(QFont(QStringLiteral("WenQuanYi Micro Hei"), 10));
    AppStyle::install(); // as the app does
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_mainwindow.moc"
