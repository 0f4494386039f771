// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "MainWindow.h"

#include "IconLoader.h"
#include "ServerText.h"
#include "SettingsDialog.h"
#include "util/VisibleText.h"

#include "AppStyle.h"

#include "HistoryPanel.h"
#include "PromptsPanel.h"
#include "ResourcesPanel.h"
#include "Roles.h"
#include "ServerDelegate.h"
#include "ServerDialog.h"
#include "ServerListModel.h"
#include "ServerRequests.h"
#include "TokensDialog.h"
#include "ToolsPanel.h"
#include "TrafficPanel.h"
#include "config/ImportExport.h"
#include "history/CallHistory.h"
#include "servers/CurrentServer.h"
#include "servers/ServerManager.h"
#include "ui_MainWindow.h"
#include "util/BuildInfo.h"

#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QTranslator>
#include <QVBoxLayout>

// Resources of a static library are registered by hand (outside any namespace).
static void initResources()
{
    Q_INIT_RESOURCE(mcpdesk);
}

namespace mcpdesk {

namespace {
QAction *makeAction(QObject *parent, const char *objectName, const QString &icon,
                    const QKeySequence &key)
{
    auto *a = new QAction(parent);
    a->setObjectName(QLatin1String(objectName));
    if (!icon.isEmpty())
        a->setIcon(appIcon(icon));
    if (!key.isEmpty())
        a->setShortcut(key);
    return a;
}
} // namespace

namespace {
// Everything a stdio server's command will run with, one item a line, as it is.
QString commandDetails(const ServerConfig &c)
{
    QStringList lines;
    lines << QStringLiteral("    ") + MainWindow::tr("Program: %1").arg(visibleField(c.command));
    for (qsizetype i = 0; i < c.args.size(); ++i)
        lines << QStringLiteral("    ") +
                     MainWindow::tr("Argument %1: %2").arg(i + 1).arg(visibleField(c.args.at(i)));
    lines << QStringLiteral("    ") + MainWindow::tr("Working directory: %1")
                                          .arg(c.workingDirectory.isEmpty()
                                                   ? MainWindow::tr("McpDesk's own")
                                                   : visibleField(c.workingDirectory));
    QStringList names = c.env.keys();
    for (const QString &n : c.secretEnv)
        if (!names.contains(n))
            names << n;
    lines << QStringLiteral("    ") +
                 MainWindow::tr("Environment variables: %1")
                     .arg(names.isEmpty() ? MainWindow::tr("none")
                                          : visibleField(names.join(QStringLiteral(", "))));
    return lines.join(QLatin1Char('\n'));
}
} // namespace

MainWindow::MainWindow(ServerManager *manager, QWidget *parent)
    : QMainWindow(parent), m_ui(new Ui::MainWindow), m_manager(manager),
      m_current(new CurrentServer(manager, this)), m_model(new ServerListModel(manager, this)),
      m_filter(new ServerFilterModel(this)), m_requests(new ServerRequests(manager, this)),
      m_history(new CallHistory(QString(), this))
{
    // What servers may ask of the user: sessions opened from now on offer it.
    m_requests->setUrlOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
    ServerTextView::setLinkOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
    m_manager->setClientFeaturesFactory(
        [requests = QPointer<ServerRequests>(m_requests)](const QString &id) {
            return requests ? requests->featuresFor(id) : ClientFeatures();
        });
    initResources();
    m_ui->setupUi(this);
    setWindowIcon(appIcon(QStringLiteral("mcpdesk"), IconUse::Window));
    m_filter->setSourceModel(m_model);
    buildUi();
    buildActions();
    retranslate();
    // The details and the panels show the selected server: they follow m_current.
    connect(m_current, &CurrentServer::changed, this, &MainWindow::updateDetails);
    connect(m_manager, &ServerManager::serverChanged, this, &MainWindow::updateActions);
    connect(m_manager, &ServerManager::listChanged, this, [this] {
        if (currentId().isEmpty() && m_filter->rowCount() > 0)
            m_list->setCurrentIndex(m_filter->index(0, 0));
        m_current->select(currentId());
        updateActions();
    });
    connect(m_manager, &ServerManager::errorOccurred, this,
            [this](const QString &m) { statusBar()->showMessage(m, 10000); });
    connect(m_manager, &ServerManager::serverListDamaged, this, &MainWindow::showBanner);
    if (!m_manager->damageNotice().isEmpty())
        showBanner(m_manager->damageNotice());
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setObjectName(QStringLiteral("trayIcon"));
        m_tray->show();
    }
    connect(m_manager, &ServerManager::needsSignIn, this,
            [this](const QString &id, const QString &reason) {
                const auto *s = m_manager->server(id);
                if (m_tray && s)
                    m_tray->showMessage(tr("%1 needs you to sign in").arg(s->config.name), reason,
                                        QSystemTrayIcon::Information, 8000);
            });
    restoreLayout();
    updateDetails();
    updateActions();
}

MainWindow::~MainWindow() = default;

ServerDialog *MainWindow::serverDialog() const
{
    return m_dialog;
}

TokensDialog *MainWindow::tokensDialog() const
{
    return m_tokens;
}

void MainWindow::buildUi()
{
    auto *central = m_ui->centralWidget;
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(6, 6, 6, 6);
    // The server list was damaged: what was recovered and what was lost, until dismissed.
    m_banner = new QFrame(central);
    m_banner->setObjectName(QStringLiteral("configBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setStyleSheet(
        QStringLiteral("#configBanner { background: #fff8c5; border: 1px solid #d4a72c; }"));
    auto *bannerRow = new QHBoxLayout(m_banner);
    m_bannerText = plainLabel(new QLabel(m_banner));
    m_bannerText->setObjectName(QStringLiteral("configBannerText"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dismissBanner = new QPushButton(m_banner);
    m_dismissBanner->setObjectName(QStringLiteral("dismissBannerButton"));
    bannerRow->addWidget(m_bannerText, 1);
    bannerRow->addWidget(m_dismissBanner, 0, Qt::AlignVCenter);
    connect(m_dismissBanner, &QPushButton::clicked, m_banner, &QWidget::hide);
    m_banner->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_banner->hide();
    outer->addWidget(m_banner);
    m_splitter = new QSplitter(central);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    outer->addWidget(m_splitter, 1);

    auto *left = new QWidget(m_splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *searchRow = new QHBoxLayout;
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);
    m_filterCombo = new QComboBox(left);
    m_filterCombo->setObjectName(QStringLiteral("filterCombo"));
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_filterCombo);
    leftLayout->addLayout(searchRow);
    m_list = new QListView(left);
    m_list->setObjectName(QStringLiteral("serverList"));
    m_list->setModel(m_filter);
    m_list->setItemDelegate(new ServerDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    leftLayout->addWidget(m_list);
    connect(m_search, &QLineEdit::textChanged, m_filter, &ServerFilterModel::setText);
    connect(m_filterCombo, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_filter->setStateFilter(ServerFilterModel::Filter(i)); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        m_current->select(currentId());
        updateActions();
    });
    connect(m_list, &QListView::doubleClicked, this, [this] { editServer(); });

    m_stack = new QStackedWidget(m_splitter);
    m_stack->setObjectName(QStringLiteral("detailsStack"));
    // First run: what to do instead of an empty window.
    auto *welcome = new QWidget(m_stack);
    welcome->setObjectName(QStringLiteral("welcomePage"));
    auto *wl = new QVBoxLayout(welcome);
    wl->addStretch();
    m_welcomeTitle = new QLabel(welcome);
    m_welcomeTitle->setObjectName(QStringLiteral("welcomeTitle"));
    QFont big = m_welcomeTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_welcomeTitle->setFont(big);
    m_welcomeText = new QLabel(welcome);
    m_welcomeText->setObjectName(QStringLiteral("welcomeText"));
    m_welcomeText->setWordWrap(true);
    m_tryDemo = new QPushButton(welcome);
    m_tryDemo->setObjectName(QStringLiteral("tryDemoButton"));
    m_welcomeAdd = new QPushButton(welcome);
    m_welcomeAdd->setObjectName(QStringLiteral("welcomeAddButton"));
    wl->addWidget(m_welcomeTitle, 0, Qt::AlignHCenter);
    // Centred by the label, not the layout: a layout alignment would drop the
    // word-wrapped text's height-for-width, and its last lines were cut off.
    m_welcomeText->setAlignment(Qt::AlignHCenter);
    auto *textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(m_welcomeText, 4);
    textRow->addStretch(1);
    wl->addLayout(textRow);
    auto *wb = new QHBoxLayout;
    wb->addStretch();
    wb->addWidget(m_tryDemo);
    wb->addWidget(m_welcomeAdd);
    wb->addStretch();
    wl->addLayout(wb);
    wl->addStretch();
    connect(m_tryDemo, &QPushButton::clicked, this, &MainWindow::addDemoServer);
    connect(m_welcomeAdd, &QPushButton::clicked, this, &MainWindow::addServer);
    m_stack->addWidget(welcome);

    // The selected server.
    auto *details = new QWidget(m_stack);
    details->setObjectName(QStringLiteral("detailsPage"));
    auto *dl = new QVBoxLayout(details);
    m_name = plainLabel(new QLabel(details));
    m_name->setObjectName(QStringLiteral("detailsName"));
    m_name->setFont(big);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state = new QLabel(details);
    m_state->setObjectName(QStringLiteral("detailsState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    dl->addWidget(m_name);
    dl->addWidget(m_state);
    m_review = new QPushButton(details);
    m_review->setObjectName(QStringLiteral("reviewButton"));
    m_review->hide();
    dl->addWidget(m_review, 0, Qt::AlignLeft);
    connect(m_review, &QPushButton::clicked, this, [this] { reviewServer(); });

    m_signInCard = new QFrame(details);
    m_signInCard->setObjectName(QStringLiteral("signInCard"));
    m_signInCard->setFrameShape(QFrame::StyledPanel);
    auto *cl = new QVBoxLayout(m_signInCard);
    m_signInMessage = plainLabel(new QLabel(m_signInCard));
    m_signInMessage->setObjectName(QStringLiteral("signInMessage"));
    m_signInMessage->setWordWrap(true);
    cl->addWidget(m_signInMessage);
    auto *codeRow = new QHBoxLayout;
    m_deviceCode = plainLabel(new QLabel(m_signInCard));
    m_deviceCode->setObjectName(QStringLiteral("deviceCode"));
    QFont codeFont = m_deviceCode->font();
    codeFont.setPointSizeF(codeFont.pointSizeF() * 2.2);
    codeFont.setBold(true);
    codeFont.setLetterSpacing(QFont::AbsoluteSpacing, 3);
    m_deviceCode->setFont(codeFont);
    m_deviceCode->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyCode = new QPushButton(m_signInCard);
    m_copyCode->setObjectName(QStringLiteral("copyDeviceCodeButton"));
    codeRow->addWidget(m_deviceCode);
    codeRow->addWidget(m_copyCode);
    codeRow->addStretch();
    cl->addLayout(codeRow);
    connect(m_copyCode, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_deviceCode->text());
        statusBar()->showMessage(tr("Code copied."), 3000);
    });
    auto *urlRow = new QHBoxLayout;
    m_signInUrl = new QLineEdit(m_signInCard);
    m_signInUrl->setObjectName(QStringLiteral("signInUrl"));
    m_signInUrl->setReadOnly(true);
    m_copyUrl = new QPushButton(m_signInCard);
    m_copyUrl->setObjectName(QStringLiteral("copySignInUrlButton"));
    urlRow->addWidget(m_signInUrl, 1);
    urlRow->addWidget(m_copyUrl);
    cl->addLayout(urlRow);
    auto *cardButtons = new QHBoxLayout;
    m_signInButton = new QPushButton(appIcon(QStringLiteral("signin")), QString(), m_signInCard);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_cancelSignIn = new QPushButton(m_signInCard);
    m_cancelSignIn->setObjectName(QStringLiteral("cancelSignInButton"));
    cardButtons->addWidget(m_signInButton);
    cardButtons->addWidget(m_cancelSignIn);
    cardButtons->addStretch();
    cl->addLayout(cardButtons);
    dl->addWidget(m_signInCard);
    connect(m_copyUrl, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_signInUrl->text());
        statusBar()->showMessage(tr("Address copied."), 3000);
    });
    connect(m_signInButton, &QPushButton::clicked, this,
            [this] { m_manager->signIn(currentId()); });
    connect(m_cancelSignIn, &QPushButton::clicked, this,
            [this] { m_manager->cancelSignIn(currentId()); });

    auto *form = new QFormLayout;
    m_endpoint = new QLabel(details);
    m_endpoint->setObjectName(QStringLiteral("detailsEndpoint"));
    m_protocol = new QLabel(details);
    m_protocol->setObjectName(QStringLiteral("detailsProtocol"));
    // Which era of MCP the server speaks, how that was found and when; found again
    // on request.
    m_era = new QLabel(details);
    m_era->setObjectName(QStringLiteral("detailsEra"));
    m_detectEra = new QPushButton(details);
    m_detectEra->setObjectName(QStringLiteral("detectEraButton"));
    connect(m_detectEra, &QPushButton::clicked, this,
            [this] { m_manager->detectEraAgain(currentId()); });
    auto *eraRow = new QHBoxLayout;
    eraRow->addWidget(m_era, 1);
    eraRow->addWidget(m_detectEra);
    m_serverInfo = new QLabel(details);
    m_serverInfo->setObjectName(QStringLiteral("detailsServerInfo"));
    m_capabilities = new QLabel(details);
    m_capabilities->setObjectName(QStringLiteral("detailsCapabilities"));
    m_capabilities->setWordWrap(true);
    for (QLabel *l : {m_endpoint, m_protocol, m_era, m_serverInfo, m_capabilities}) {
        plainLabel(l);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
    }
    form->addRow(QStringLiteral("endpoint"), m_endpoint);
    form->addRow(QStringLiteral("protocol"), m_protocol);
    form->addRow(QStringLiteral("era"), eraRow);
    // The server's own icon beside its name (or the app's, its tooltip saying why).
    m_serverIcon = new QLabel(details);
    m_serverIcon->setObjectName(QStringLiteral("detailsServerIcon"));
    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_serverIcon);
    serverRow->addWidget(m_serverInfo, 1);
    form->addRow(QStringLiteral("server"), serverRow);
    form->addRow(QStringLiteral("capabilities"), m_capabilities);
    dl->addLayout(form);
    m_instructions = new ServerTextView(details);
    m_instructions->setObjectName(QStringLiteral("detailsInstructions"));
    dl->addWidget(m_instructions, 1);
    // Folders this server may see (roots), chosen by the user; the server is told of changes.
    m_rootsLabel = new QLabel(details);
    m_rootsLabel->setWordWrap(true);
    dl->addWidget(m_rootsLabel);
    auto *rootsRow = new QHBoxLayout;
    m_roots = new QListWidget(details);
    m_roots->setObjectName(QStringLiteral("rootsList"));
    m_roots->setMaximumHeight(90);
    rootsRow->addWidget(m_roots, 1);
    auto *rootButtons = new QVBoxLayout;
    m_addRoot = new QPushButton(details);
    m_addRoot->setObjectName(QStringLiteral("addRootButton"));
    m_removeRoot = new QPushButton(details);
    m_removeRoot->setObjectName(QStringLiteral("removeRootButton"));
    rootButtons->addWidget(m_addRoot);
    rootButtons->addWidget(m_removeRoot);
    rootButtons->addStretch();
    rootsRow->addLayout(rootButtons);
    dl->addLayout(rootsRow);
    connect(m_addRoot, &QPushButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Share a folder with this server"));
        if (!folder.isEmpty())
            addRootFolder(folder);
    });
    connect(m_removeRoot, &QPushButton::clicked, this, [this] {
        const auto *s = m_manager->server(currentId());
        if (!s || !m_roots->currentItem())
            return;
        QStringList roots = s->config.roots;
        roots.removeAll(m_roots->currentItem()->data(Qt::UserRole).toString());
        m_manager->setRoots(s->config.mcpId, roots);
    });
    m_detailTabs = new QTabWidget(m_stack);
    m_detailTabs->setObjectName(QStringLiteral("detailsTabs"));
    m_detailTabs->addTab(details, QString());
    // The other tabs are built when first opened (or asked for): the window
    // appears sooner and servers nobody looks at cost less memory.
    for (int i = TabTools; i <= TabTraffic; ++i)
        m_detailTabs->addTab(new QWidget(m_detailTabs), QString());
    connect(m_detailTabs, &QTabWidget::currentChanged, this, &MainWindow::ensurePanel);
    m_stack->addWidget(m_detailTabs);

    m_splitter->addWidget(left);
    m_splitter->addWidget(m_stack);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({320, 680});
    setTabOrder(m_search, m_filterCombo);
    setTabOrder(m_filterCombo, m_list);
}

void MainWindow::buildActions()
{
    auto add = [this](const char *name, const QString &icon, const QKeySequence &key, auto slot) {
        QAction *a = makeAction(this, name, icon, key);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    QAction *aAdd =
        add("actionAdd", QStringLiteral("add"), QKeySequence::New, [this] { addServer(); });
    QAction *aEdit = add("actionEdit", QStringLiteral("edit"), QKeySequence(Qt::CTRL | Qt::Key_E),
                         [this] { editServer(); });
    QAction *aRemove = add("actionRemove", QStringLiteral("remove"), QKeySequence::Delete, [this] {
        const QString id = currentId();
        const auto *s = m_manager->server(id);
        const QString name = s ? s->config.name : id;
        if (s && m_manager->removeServer(id))
            statusBar()->showMessage(
                tr("Removed “%1”. Undo with %2.")
                    .arg(name, QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)),
                10000);
    });
    QAction *aUndo = add("actionUndo", QStringLiteral("undo"), QKeySequence::Undo, [this] {
        if (const auto id = m_manager->undoRemove())
            selectServer(*id);
    });
    QAction *aConnect =
        add("actionConnect", QStringLiteral("connect"), QKeySequence(Qt::CTRL | Qt::Key_K), [this] {
            const auto *s = m_manager->server(currentId());
            if (s && s->config.awaitsConfirmation())
                reviewServer(); // its command is shown before anything runs
            else
                m_manager->connectServer(currentId());
        });
    QAction *aDisconnect = add("actionDisconnect", QStringLiteral("disconnect"),
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                               [this] { m_manager->disconnectServer(currentId()); });
    QAction *aSignIn =
        add("actionSignIn", QStringLiteral("signin"), QKeySequence(Qt::CTRL | Qt::Key_L),
            [this] { m_manager->signIn(currentId()); });
    QAction *aSignOut = add("actionSignOut", QStringLiteral("signout"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                            [this] { m_manager->signOut(currentId()); });
    QAction *aTokens = add("actionTokens", QStringLiteral("tokens"),
                           QKeySequence(Qt::CTRL | Qt::Key_T), [this] { showTokens(); });
    QAction *aImport = add("actionImport", QString(), QKeySequence(Qt::CTRL | Qt::Key_I), [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import servers"), QDir::homePath(),
                                         tr("MCP client settings (*.json);;All files (*)"));
        if (!path.isEmpty())
            importServersFrom(path);
    });
    QAction *aExport =
        add("actionExport", QString(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] {
            const QStringList formats{QStringLiteral("Claude Desktop"), QStringLiteral("Cursor"),
                                      QStringLiteral("VS Code"), QStringLiteral("McpDesk")};
            bool ok = false;
            const QString f = QInputDialog::getItem(this, tr("Export servers"), tr("Format:"),
                                                    formats, 0, false, &ok);
            if (!ok)
                return;
            const QString path = QFileDialog::getSaveFileName(
                this, tr("Export servers"), QDir::homePath() + QStringLiteral("/mcp.json"),
                tr("JSON (*.json)"));
            if (!path.isEmpty())
                exportServersTo(path, int(formats.indexOf(f)), true);
        });
    QAction *aFind =
        add("actionFind", QString(), QKeySequence::Find, [this] { m_search->setFocus(); });
    QAction *aQuit = add("actionQuit", QString(), QKeySequence::Quit, [this] { close(); });
    for (QAction *a :
         {aAdd, aEdit, aRemove, aUndo, aConnect, aDisconnect, aSignIn, aSignOut, aTokens})
        m_ui->menuServer->addAction(a);
    m_ui->menuServer->insertSeparator(aConnect);
    m_ui->menuServer->insertSeparator(aSignIn);
    m_ui->menuServer->addSeparator();
    m_ui->menuServer->addAction(aImport);
    m_ui->menuServer->addAction(aExport);
    m_ui->menuServer->addSeparator();
    m_ui->menuServer->addAction(aQuit);
    m_ui->menuView->addAction(aFind);
    for (QAction *a : {aAdd, aEdit, aRemove, aConnect, aDisconnect, aSignIn, aTokens})
        m_ui->toolBar->addAction(a);
    for (QAction *a : {aEdit, aConnect, aDisconnect, aSignIn, aSignOut, aRemove})
        m_list->addAction(a);

    m_editMenu = new QMenu(this);
    m_editMenu->setObjectName(QStringLiteral("menuEdit"));
    menuBar()->insertMenu(m_ui->menuView->menuAction(), m_editMenu);
    QAction *aSettings = add("actionSettings", QString(), QKeySequence(QStringLiteral("Ctrl+,")),
                             [this] { showSettings(); });
    aSettings->setMenuRole(QAction::PreferencesRole);
    m_editMenu->addAction(aSettings);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("menuHelp"));
    QAction *aAbout = m_helpMenu->addAction(QString());
    aAbout->setObjectName(QStringLiteral("actionAbout"));
    aAbout->setMenuRole(QAction::AboutRole);
    connect(aAbout, &QAction::triggered, this, [this] { showAbout(); });

    QMenu *language = m_ui->menuView->addMenu(QString());
    language->setObjectName(QStringLiteral("menuLanguage"));
    m_languages = new QActionGroup(this);
    for (const auto &[code, label] :
         {std::pair{QString(), QString()},
          std::pair{QStringLiteral("en"), QStringLiteral("English")},
          std::pair{QStringLiteral("zh_CN"), QStringLiteral("简体中文")}}) {
        QAction *a = language->addAction(label);
        a->setObjectName(QStringLiteral("actionLanguage_") +
                         (code.isEmpty() ? QStringLiteral("system") : code));
        a->setData(code);
        a->setCheckable(true);
        m_languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, a] { setLanguage(a->data().toString()); });
    }
    const QString chosen = QSettings().value(QStringLiteral("language")).toString();
    for (QAction *a : m_languages->actions())
        a->setChecked(a->data().toString() == chosen);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("McpDesk"));
    m_ui->menuServer->setTitle(tr("&Server"));
    m_ui->menuView->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_editMenu->setTitle(tr("&Edit"));
    if (auto *about = findChild<QAction *>(QStringLiteral("actionAbout")))
        about->setText(tr("&About McpDesk"));
    m_search->setPlaceholderText(tr("Search servers"));
    m_search->setAccessibleName(tr("Search servers"));
    const int f = m_filterCombo->currentIndex();
    m_filterCombo->blockSignals(true);
    m_filterCombo->clear();
    m_filterCombo->addItems({tr("All"), tr("Connected"), tr("Problems"), tr("Disabled")});
    m_filterCombo->setCurrentIndex(std::max(0, f));
    m_filterCombo->blockSignals(false);
    m_filterCombo->setAccessibleName(tr("Show"));
    m_list->setAccessibleName(tr("Servers"));
    m_welcomeTitle->setText(tr("Welcome to McpDesk"));
    m_welcomeText->setText(
        tr("Connect MCP servers — GitHub, Notion, X or any other — and try their tools. "
           "Start with the demo server, add one of the presets, or enter any server's address."));
    m_tryDemo->setText(tr("Try the demo server"));
    m_welcomeAdd->setText(tr("Add a server…"));
    m_copyUrl->setText(tr("Copy"));
    m_detailTabs->setTabText(TabOverview, tr("Overview"));
    m_detailTabs->setTabText(TabTools, tr("Tools"));
    m_detailTabs->setTabText(TabResources, tr("Resources"));
    m_detailTabs->setTabText(TabPrompts, tr("Prompts"));
    m_detailTabs->setTabText(TabHistory, tr("History"));
    m_detailTabs->setTabText(TabTraffic, tr("Traffic"));
    m_rootsLabel->setText(tr("Folders this server may see (roots):"));
    m_addRoot->setText(tr("Add folder…"));
    m_removeRoot->setText(tr("Remove"));
    m_detectEra->setText(tr("Detect again"));
    m_detectEra->setToolTip(tr("Forget which version of MCP this server was found to speak, "
                               "and connect again to find out"));
    m_copyCode->setText(tr("Copy code"));
    m_deviceCode->setAccessibleName(tr("Code to enter"));
    m_signInButton->setText(tr("Sign in"));
    m_review->setText(tr("Review and enable…"));
    m_dismissBanner->setText(tr("Dismiss"));
    m_cancelSignIn->setText(tr("Cancel"));
    m_signInUrl->setAccessibleName(tr("Sign-in address"));
    const QList<QPair<const char *, QString>> texts{
        {"actionAdd", tr("&Add server…")},
        {"actionEdit", tr("&Edit server…")},
        {"actionRemove", tr("&Remove server")},
        {"actionUndo", tr("&Undo remove")},
        {"actionConnect", tr("&Connect")},
        {"actionDisconnect", tr("&Disconnect")},
        {"actionSignIn", tr("Sign &in")},
        {"actionSignOut", tr("Sign &out")},
        {"actionTokens", tr("&Tokens…")},
        {"actionFind", tr("&Find")},
        {"actionImport", tr("&Import from another client…")},
        {"actionExport", tr("E&xport…")},
        {"actionQuit", tr("&Quit")},
        {"actionSettings", tr("&Settings…")}};
    for (const auto &[name, text] : texts)
        if (QAction *a = findChild<QAction *>(QLatin1String(name)))
            a->setText(text);
    if (auto *lang = findChild<QMenu *>(QStringLiteral("menuLanguage")))
        lang->setTitle(tr("&Language"));
    if (QAction *sys = findChild<QAction *>(QStringLiteral("actionLanguage_system")))
        sys->setText(tr("System language"));
    if (auto *form = m_endpoint->parentWidget()->findChild<QFormLayout *>()) {
        const QStringList labels{tr("Endpoint:"), tr("Protocol:"), tr("Era:"), tr("Server:"),
                                 tr("Capabilities:")};
        for (int r = 0; r < form->rowCount() && r < labels.size(); ++r)
            if (auto *l = qobject_cast<QLabel *>(form->itemAt(r, QFormLayout::LabelRole)->widget()))
                l->setText(labels.at(r));
    }
    updateDetails();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::setLanguage(const QString &locale)
{
    QSettings().setValue(QStringLiteral("language"), locale);
    static QTranslator *current = nullptr;
    if (current) {
        QCoreApplication::removeTranslator(current);
        delete current;
        current = nullptr;
    }
    const QLocale l = locale.isEmpty() ? QLocale::system() : QLocale(locale);
    QLocale::setDefault(l); // dates and numbers follow the chosen language too
    auto *t = new QTranslator(qApp);
    if (t->load(l, QStringLiteral("mcpdesk"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(t);
        current = t;
    } else {
        delete t;
    }
    for (QAction *a : m_languages->actions())
        a->setChecked(a->data().toString() == locale);
    // Also retranslate when nothing was installed (English).
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(this, &change);
    if (auto *settings = findChild<QDialog *>(QStringLiteral("settingsDialog")))
        QCoreApplication::sendEvent(settings, &change);
}

QDialog *MainWindow::showSettings()
{
    auto *dialog = findChild<SettingsDialog *>(QStringLiteral("settingsDialog"));
    if (!dialog) {
        dialog = new SettingsDialog(this, m_manager);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QString MainWindow::currentId() const
{
    return m_list->currentIndex().data(IdRole).toString();
}

void MainWindow::addRootFolder(const QString &folder)
{
    const auto *s = m_manager->server(currentId());
    if (!s)
        return;
    QStringList roots = s->config.roots;
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    if (!roots.contains(clean))
        roots.append(clean);
    m_manager->setRoots(s->config.mcpId, roots);
}

void MainWindow::selectServer(const QString &id)
{
    const QModelIndex source = m_model->indexOf(id);
    const QModelIndex proxy = m_filter->mapFromSource(source);
    if (proxy.isValid())
        m_list->setCurrentIndex(proxy);
}

void MainWindow::updateActions()
{
    const auto *s = m_manager->server(currentId());
    const bool has = s != nullptr;
    auto set = [this](const char *name, bool on) {
        if (QAction *a = findChild<QAction *>(QLatin1String(name)))
            a->setEnabled(on);
    };
    set("actionEdit", has);
    set("actionRemove", has);
    set("actionUndo", m_manager->canUndoRemove());
    set("actionConnect",
        has && s->state != ServerState::Connected && s->state != ServerState::Connecting);
    set("actionDisconnect",
        has && (s->state == ServerState::Connected || s->state == ServerState::Connecting ||
                s->state == ServerState::Error));
    set("actionSignIn",
        has && (s->config.type != TransportKind::Stdio || !s->config.provider.isEmpty()));
    set("actionSignOut", has && s->oauth && s->oauth->tokenInfo().signedIn);
}

QString MainWindow::eraText(const McpSession &session)
{
    const McpSession::Era era = session.era();
    if (era == McpSession::Era::Unknown)
        return QStringLiteral("—");
    const QString name = era == McpSession::Era::Modern ? tr("modern (2026-07-28 and later)")
                                                        : tr("legacy (2025-11-25 and earlier)");
    const QString when =
        QLocale().toString(session.eraFoundAt().toLocalTime(), QLocale::ShortFormat);
    switch (session.eraSource()) {
    case McpSession::EraSource::Detected:
        return tr("%1, detected %2").arg(name, when);
    case McpSession::EraSource::Cached:
        return tr("%1, remembered from %2").arg(name, when);
    case McpSession::EraSource::Pinned:
        return tr("%1, pinned in the server's settings").arg(name);
    case McpSession::EraSource::None:
        break;
    }
    return name;
}

void MainWindow::updateDetails()
{
    if (!m_stack)
        return;
    const auto *s = m_manager->server(currentId());
    if (m_manager->ids().isEmpty() || !s) {
        m_stack->setCurrentIndex(m_manager->ids().isEmpty() ? 0 : 1);
        if (!s) {
            m_name->clear();
            m_state->clear();
            m_signInCard->hide();
        }
        return;
    }
    m_stack->setCurrentIndex(1);
    const ServerConfig &c = s->config;
    m_name->setText(visibleName(c.name));
    QString state = QStringLiteral("<b style=\"color:%1\">●</b> %2")
                        .arg(ServerDelegate::stateColor(int(s->state)).name(),
                             serverStateDisplayName(s->state).toHtmlEscaped());
    if (!s->reason.isEmpty())
        state += QStringLiteral(" — ") + visibleText(s->reason).toHtmlEscaped();
    if (s->state == ServerState::Error && s->nextAttempt.isValid())
        state += QStringLiteral("<br>") +
                 tr("Next attempt at %1.")
                     .arg(QLocale().toString(s->nextAttempt.time(), QLocale::ShortFormat));
    m_state->setTextFormat(Qt::RichText); // the app's own markup; the reason is escaped
    m_state->setText(state);
    m_review->setVisible(c.awaitsConfirmation());
    m_endpoint->setText(visibleText(
        c.type == TransportKind::Stdio
            ? (QStringList{c.command} + c.args).join(QLatin1Char(' ')) + QStringLiteral(" (stdio)")
            : c.url.toString() + QStringLiteral(" (%1)").arg(c.transportName())));
    McpSession *session = m_current->session();
    const bool live = session != nullptr;
    m_protocol->setText(live ? session->protocolVersion() : QStringLiteral("—"));
    m_era->setText(live ? eraText(*session) : QStringLiteral("—"));
    m_detectEra->setEnabled(live && session->eraSource() != McpSession::EraSource::Pinned &&
                            s->state == ServerState::Connected);
    m_serverInfo->setText(
        live ? visibleName(QStringLiteral("%1 %2").arg(
                   session->serverInfo().value(QStringLiteral("name")).toString(),
                   session->serverInfo().value(QStringLiteral("version")).toString()))
             : QStringLiteral("—"));
    m_capabilities->setText(
        live ? visibleName(session->serverCapabilities().keys().join(QStringLiteral(", ")))
             : QStringLiteral("—"));
    m_serverIcon->clear();
    m_serverIcon->setToolTip(QString());
    m_serverIcon->setProperty("problem", QString());
    if (live) {
        const int side = fontMetrics().height() + 4;
        IconLoader::shared()->load(
            session->serverInfo().value(QStringLiteral("icons")).toArray(), session->serverUrl(),
            m_serverIcon,
            [label = m_serverIcon, side, shown = QPointer<McpSession>(session),
             current = m_current](const IconLoader::Result &r) {
                if (!shown || current->session() != shown)
                    return; // another server is shown now
                label->setPixmap(r.icon.pixmap(side, side));
                label->setProperty("problem", r.problem);
                label->setToolTip(r.isServers() ? QString() : tr("Icon: %1").arg(r.problem));
            });
    }
    const QString instructions = live ? session->instructions() : QString();
    if (instructions != m_shownInstructions) {
        m_shownInstructions = instructions;
        m_instructions->setServerMarkdown(instructions);
    }
    QStringList shown;
    for (int i = 0; i < m_roots->count(); ++i)
        shown << m_roots->item(i)->data(Qt::UserRole).toString();
    if (shown != c.roots) {
        m_roots->clear();
        for (const QString &folder : c.roots) {
            auto *item = new QListWidgetItem(QDir::toNativeSeparators(folder), m_roots);
            item->setData(Qt::UserRole, folder);
        }
    }

    // The sign-in card: shown when the server needs a sign-in or one is under way.
    const bool needs = s->state == ServerState::NeedsSignIn;
    m_signInCard->setVisible(needs || s->signingIn);
    m_deviceCode->setVisible(s->signingIn && !s->deviceCode.isEmpty());
    m_copyCode->setVisible(s->signingIn && !s->deviceCode.isEmpty());
    if (s->signingIn && !s->deviceCode.isEmpty()) {
        // The device flow: a code to type on another page.
        m_signInMessage->setText(
            tr("Open %1 and enter this code:").arg(s->deviceUri.toDisplayString()));
        m_deviceCode->setText(s->deviceCode);
        m_signInUrl->setText(s->deviceUri.toString());
        m_signInUrl->setCursorPosition(0);
        m_signInUrl->show();
        m_copyUrl->show();
        m_signInButton->hide();
        m_cancelSignIn->show();
    } else if (s->signingIn) {
        const QString host = s->signInUrl.isValid() ? s->signInUrl.host() : QString();
        m_signInMessage->setText(
            host.isEmpty() ? visibleText(s->signInStatus)
                           : tr("Waiting for you to sign in at %1 in your browser. If no browser "
                                "opened, open this address:")
                                 .arg(host));
        m_signInUrl->setText(QString::fromUtf8(s->signInUrl.toEncoded()));
        m_signInUrl->setCursorPosition(0);
        m_signInUrl->setVisible(s->signInUrl.isValid());
        m_copyUrl->setVisible(s->signInUrl.isValid());
        m_signInButton->hide();
        m_cancelSignIn->show();
    } else {
        m_signInMessage->setText(s->reason.isEmpty()
                                     ? tr("%1 needs you to sign in.").arg(visibleName(c.name))
                                     : visibleText(s->reason));
        m_signInUrl->hide();
        m_copyUrl->hide();
        m_signInButton->show();
        m_cancelSignIn->hide();
    }
}

void MainWindow::addServer()
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = new ServerDialog(this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        const auto id = m_manager->addServer(m_dialog->server(), m_dialog->secrets());
        if (id)
            selectServer(*id);
        else
            QMessageBox::warning(this, tr("Server not added"), m_manager->lastError());
    });
    m_dialog->open();
}

void MainWindow::editServer()
{
    const auto *s = m_manager->server(currentId());
    if (!s)
        return;
    if (m_dialog)
        m_dialog->close();
    m_dialog = new ServerDialog(this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setServer(s->config);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        if (!m_manager->updateServer(m_dialog->server(), m_dialog->secrets()))
            QMessageBox::warning(this, tr("Server not saved"), m_manager->lastError());
    });
    m_dialog->open();
}

void MainWindow::addDemoServer()
{
    ServerDialog d;
    d.applyPreset(ServerDialog::EverythingDemo);
    if (const auto id = m_manager->addServer(d.server()))
        selectServer(*id);
}

void MainWindow::showTokens()
{
    if (!m_tokens) {
        m_tokens = new TokensDialog(m_manager, this);
        m_tokens->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_tokens->show();
    m_tokens->raise();
}

void MainWindow::importServersFrom(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Import servers"),
                             tr("Cannot read %1: %2").arg(path, f.errorString()));
        return;
    }
    const ImportResult r = importServers(f.readAll());
    if (!r.ok) {
        QMessageBox::warning(this, tr("Import servers"), r.error);
        return;
    }
    // A preview: what will be added, each command in full, what goes to the keychain.
    // Nothing runs unless the person allows the commands they have just read.
    QStringList added, moved;
    bool anyCommand = false;
    for (const ImportedServer &s : r.servers) {
        added << QStringLiteral("• %1 (%2)")
                     .arg(visibleName(s.config.name), s.config.transportName());
        if (s.config.type == TransportKind::Stdio) {
            anyCommand = true;
            added << commandDetails(s.config);
        } else {
            added << QStringLiteral("    ") + visibleText(s.config.url.toString());
        }
        for (auto it = s.secrets.cbegin(); it != s.secrets.cend(); ++it)
            moved << QStringLiteral("• %1: %2")
                         .arg(visibleName(s.config.name),
                              visibleName(it.key().section(QLatin1Char(':'), -1)));
    }
    QString text = tr("From %1, %n server(s) will be added:", nullptr, int(r.servers.size()))
                       .arg(clientFormatName(r.format)) +
                   QLatin1Char('\n') + added.join(QLatin1Char('\n'));
    if (!moved.isEmpty())
        text += QStringLiteral("\n\n") +
                tr("These secrets go to the system keychain, not to McpDesk's settings:") +
                QLatin1Char('\n') + moved.join(QLatin1Char('\n'));
    if (!r.warnings.isEmpty())
        text += QStringLiteral("\n\n") + visibleText(r.warnings.join(QLatin1Char('\n')));
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("importPreview"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Import servers"));
    auto *layout = new QVBoxLayout(dialog);
    auto *details = new QPlainTextEdit(dialog);
    details->setObjectName(QStringLiteral("importDetails"));
    details->setReadOnly(true);
    details->setLineWrapMode(QPlainTextEdit::NoWrap);
    details->setPlainText(text);
    layout->addWidget(details, 1);
    auto *allow =
        new QCheckBox(tr("Allow these commands to run (otherwise they are added without being "
                         "started, and each can be reviewed and enabled later)"),
                      dialog);
    allow->setObjectName(QStringLiteral("allowCommands"));
    allow->setVisible(anyCommand);
    layout->addWidget(allow);
    auto *buttons = new QDialogButtonBox(dialog);
    auto *add = buttons->addButton(tr("Add"), QDialogButtonBox::AcceptRole);
    add->setObjectName(QStringLiteral("addButton"));
    add->setEnabled(!r.servers.isEmpty());
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    dialog->resize(640, 460);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    const QList<ImportedServer> servers = r.servers;
    connect(dialog, &QDialog::accepted, this, [this, servers, allow] {
        const bool allowed = allow->isChecked();
        for (ImportedServer s : servers) {
            if (allowed)
                s.config.confirmed = true;
            m_manager->addServer(s.config, s.secrets);
        }
    });
    dialog->open();
}

QDialog *MainWindow::reviewServer()
{
    const auto *s = m_manager->server(currentId());
    if (!s || !s->config.awaitsConfirmation())
        return nullptr;
    const QString id = s->config.mcpId;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("reviewDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Review %1").arg(visibleName(s->config.name)));
    auto *layout = new QVBoxLayout(dialog);
    auto *intro =
        plainLabel(new QLabel(tr("%1 was added from elsewhere. McpDesk will run this command on "
                                 "your computer, with your permissions, when you enable it:")
                                  .arg(visibleName(s->config.name)),
                              dialog));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *details = new QPlainTextEdit(dialog);
    details->setObjectName(QStringLiteral("reviewDetails"));
    details->setReadOnly(true);
    details->setLineWrapMode(QPlainTextEdit::NoWrap);
    details->setPlainText(commandDetails(s->config));
    layout->addWidget(details, 1);
    auto *buttons = new QDialogButtonBox(dialog);
    auto *confirm = buttons->addButton(tr("Enable and start"), QDialogButtonBox::AcceptRole);
    confirm->setObjectName(QStringLiteral("confirmButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    dialog->resize(600, 360);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, [this, id] {
        if (!m_manager->confirmServer(id))
            QMessageBox::warning(this, tr("Server not saved"), m_manager->lastError());
    });
    dialog->open();
    return dialog;
}

QDialog *MainWindow::showAbout()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("aboutDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("About McpDesk"));
    auto *layout = new QVBoxLayout(dialog);
    auto *title = plainLabel(new QLabel(QStringLiteral("McpDesk ") + BuildInfo::version(), dialog));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    layout->addWidget(title);
    auto *what = plainLabel(
        new QLabel(tr("The desktop client for MCP servers: connect them, try their tools, and "
                      "manage their sign-ins."),
                   dialog));
    what->setWordWrap(true);
    layout->addWidget(what);
    auto *facts = plainLabel(
        new QLabel(tr("License: %1 (Apache License 2.0)\nQt %2 · qtkeychain %3 · zlib %4")
                       .arg(BuildInfo::license(), BuildInfo::qtVersion(),
                            BuildInfo::keychainVersion(), BuildInfo::zlibVersion()),
                   dialog));
    facts->setObjectName(QStringLiteral("aboutFacts"));
    facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(facts);
    layout->addWidget(plainLabel(new QLabel(tr("Third-party notices:"), dialog)));
    auto *notices = new QPlainTextEdit(dialog);
    notices->setObjectName(QStringLiteral("aboutNotices"));
    notices->setReadOnly(true);
    notices->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont)); // its columns line up
    QFile notice(QStringLiteral(":/doc/NOTICE"));
    if (notice.open(QIODevice::ReadOnly))
        notices->setPlainText(QString::fromUtf8(notice.readAll()));
    layout->addWidget(notices, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(620, 440);
    dialog->open();
    return dialog;
}

void MainWindow::showBanner(const QString &text)
{
    m_bannerText->setText(text);
    m_banner->show();
}

void MainWindow::exportServersTo(const QString &path, int format, bool all)
{
    QList<ServerConfig> servers;
    for (const QString &id : m_manager->ids())
        if (all || id == currentId())
            servers.append(m_manager->server(id)->config);
    QSaveFile out(path);
    const QByteArray bytes = exportServers(servers, ClientFormat(format));
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        QMessageBox::warning(this, tr("Export servers"),
                             tr("Cannot write %1: %2").arg(path, out.errorString()));
    else
        statusBar()->showMessage(
            tr("Exported %n server(s), without their secrets.", nullptr, int(servers.size())),
            8000);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    const QString selected = settings.value(QStringLiteral("window/selected")).toString();
    if (!selected.isEmpty())
        selectServer(selected);
    if (currentId().isEmpty() && m_filter->rowCount() > 0)
        m_list->setCurrentIndex(m_filter->index(0, 0));
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/selected"), currentId());
}

bool MainWindow::event(QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        QTimer::singleShot(0, this, &MainWindow::firstPainted); // once this paint is on screen
    }
    return QMainWindow::event(event);
}

void MainWindow::ensurePanel(int tab)
{
    QWidget *made = nullptr;
    switch (tab) {
    case TabTools:
        if (!m_toolsPanel) {
            made = m_toolsPanel = new ToolsPanel(m_detailTabs);
            m_toolsPanel->setHistory(m_history);
            connect(
                m_toolsPanel, &ToolsPanel::urlElicitationRequired, this,
                [this](const QJsonObject &page) { m_requests->askToOpenUrl(currentId(), page); });
        }
        break;
    case TabResources:
        if (!m_resourcesPanel)
            made = m_resourcesPanel = new ResourcesPanel(m_detailTabs);
        break;
    case TabPrompts:
        if (!m_promptsPanel)
            made = m_promptsPanel = new PromptsPanel(m_detailTabs);
        break;
    case TabHistory:
        if (!m_historyPanel) {
            made = m_historyPanel = new HistoryPanel(m_history, m_detailTabs);
            connect(m_historyPanel, &HistoryPanel::rerunRequested, this,
                    [this](const QString &tool, const QJsonObject &args, bool masked) {
                        m_detailTabs->setCurrentIndex(TabTools);
                        toolsPanel()->runWith(tool, args, !masked);
                    });
        }
        break;
    case TabTraffic:
        if (!m_trafficPanel)
            made = m_trafficPanel = new TrafficPanel(m_detailTabs);
        break;
    default:
        break;
    }
    if (!made)
        return;
    // The panel takes its placeholder's place (same index, text, current tab).
    QWidget *placeholder = m_detailTabs->widget(tab);
    const QString text = m_detailTabs->tabText(tab);
    const bool current = m_detailTabs->currentIndex() == tab;
    const QSignalBlocker quiet(m_detailTabs);
    m_detailTabs->removeTab(tab);
    m_detailTabs->insertTab(tab, made, text);
    if (current)
        m_detailTabs->setCurrentIndex(tab);
    delete placeholder;
    watchCurrent(made);
}

void MainWindow::watchCurrent(QWidget *panel)
{
    // Each panel shows the selected server from the moment it is made, and is told
    // again only when that server's session comes, goes, or another one is chosen.
    std::function<void()> apply;
    auto onSession = &CurrentServer::sessionChanged;
    if (panel == m_toolsPanel) {
        apply = [this] { m_toolsPanel->setSession(m_current->session(), m_current->id()); };
    } else if (panel == m_resourcesPanel) {
        apply = [this] { m_resourcesPanel->setSession(m_current->session()); };
    } else if (panel == m_promptsPanel) {
        apply = [this] { m_promptsPanel->setSession(m_current->session()); };
    } else if (panel == m_historyPanel) {
        apply = [this] { m_historyPanel->setServer(m_current->id()); };
        onSession = nullptr;
    } else if (panel == m_trafficPanel) {
        apply = [this] { m_trafficPanel->setLog(m_current->traffic()); };
        onSession = nullptr;
    } else {
        return;
    }
    apply();
    if (onSession)
        connect(m_current, onSession, panel, apply);
    else
        connect(m_current, &CurrentServer::selected, panel, apply);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace mcpdesk
