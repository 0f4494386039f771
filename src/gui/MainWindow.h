// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QDialog;
class QLabel;
class QMenu;
class QLineEdit;
class QComboBox;
class QListView;
class QStackedWidget;
class QPushButton;
class QFrame;
class QSplitter;
class QSystemTrayIcon;
class QActionGroup;
class QTabWidget;
class QListWidget;

namespace Ui {
class MainWindow;
}

namespace mcpdesk {

class ServerTextView;

class CurrentServer;
class McpSession;
class ServerManager;
class ServerListModel;
class ServerFilterModel;
class ServerDialog;
class TokensDialog;
class ToolsPanel;
class ServerRequests;
class TrafficPanel;
class ResourcesPanel;
class PromptsPanel;
class HistoryPanel;
class CallHistory;

// The window users live in: the server list with live state on the left, the
// selected server on the right (details, the sign-in card), a first-run page
// when the list is empty. Every action has a shortcut and an objectName.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ServerManager *manager, QWidget *parent = nullptr);
    ~MainWindow() override;

    QString currentId() const;
    void selectServer(const QString &id);
    ServerListModel *serverModel() const { return m_model; }
    ServerFilterModel *filterModel() const { return m_filter; }
    // Opened dialogs (for tests and screenshots).
    ServerDialog *serverDialog() const;
    TokensDialog *tokensDialog() const;
    // The detail tabs' panels, built on first use.
    ToolsPanel *toolsPanel()
    {
        ensurePanel(TabTools);
        return m_toolsPanel;
    }
    ServerRequests *serverRequests() const { return m_requests; }
    TrafficPanel *trafficPanel()
    {
        ensurePanel(TabTraffic);
        return m_trafficPanel;
    }
    ResourcesPanel *resourcesPanel()
    {
        ensurePanel(TabResources);
        return m_resourcesPanel;
    }
    PromptsPanel *promptsPanel()
    {
        ensurePanel(TabPrompts);
        return m_promptsPanel;
    }
    HistoryPanel *historyPanel()
    {
        ensurePanel(TabHistory);
        return m_historyPanel;
    }
    CallHistory *history() const { return m_history; }
    // Shares `folder` with the selected server (what "Add folder…" does after its dialog).
    void addRootFolder(const QString &folder);

    void addServer();
    void editServer();
    void showTokens();
    // Reads another client's settings and opens the preview (objectName "importPreview"),
    // which shows every stdio server's whole command before anything is added.
    void importServersFrom(const QString &path);
    // The selected server came from elsewhere and awaits confirmation: its command,
    // and "Enable and start" (objectName "reviewDialog").
    QDialog *reviewServer();
    // Help ▸ About McpDesk: version, license, libraries, third-party notices.
    QDialog *showAbout();
    // Edit ▸ Settings (Ctrl+,): one window, raised if open (objectName "settingsDialog").
    QDialog *showSettings();
    void exportServersTo(const QString &path, int format, bool all);
    // The language of the window: a locale name ("zh_CN"), or empty for the system's.
    void setLanguage(const QString &locale);

signals:
    // The window has been painted for the first time (and that paint is done).
    void firstPainted();

protected:
    bool event(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum Tab { TabOverview, TabTools, TabResources, TabPrompts, TabHistory, TabTraffic };
    void ensurePanel(int tab);
    void watchCurrent(QWidget *panel);
    void buildUi();
    void buildActions();
    void retranslate();
    void updateDetails();
    static QString eraText(const McpSession &session); // the Overview's era line
    void updateActions();
    void restoreLayout();
    void saveLayout();
    void addDemoServer();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ServerManager *m_manager;
    CurrentServer *m_current; // the selected server: what the details and panels show
    bool m_painted = false;
    ServerListModel *m_model;
    ServerFilterModel *m_filter;
    QSplitter *m_splitter = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_filterCombo = nullptr;
    QListView *m_list = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_welcomeTitle = nullptr;
    QLabel *m_welcomeText = nullptr;
    QPushButton *m_tryDemo = nullptr;
    QPushButton *m_welcomeAdd = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_review = nullptr; // "Review and enable…": an imported command not yet confirmed
    QMenu *m_helpMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QFrame *m_banner = nullptr; // the server list was damaged: stays until dismissed
    QLabel *m_bannerText = nullptr;
    QPushButton *m_dismissBanner = nullptr;
    void showBanner(const QString &text);
    QLabel *m_endpoint = nullptr;
    QLabel *m_protocol = nullptr;
    QLabel *m_era = nullptr;
    QPushButton *m_detectEra = nullptr;
    QLabel *m_serverInfo = nullptr;
    QLabel *m_serverIcon = nullptr;
    QLabel *m_capabilities = nullptr;
    ServerTextView *m_instructions = nullptr;
    QString m_shownInstructions;
    QTabWidget *m_detailTabs = nullptr;
    ToolsPanel *m_toolsPanel = nullptr;
    ServerRequests *m_requests;
    CallHistory *m_history;
    HistoryPanel *m_historyPanel = nullptr;
    TrafficPanel *m_trafficPanel = nullptr;
    ResourcesPanel *m_resourcesPanel = nullptr;
    PromptsPanel *m_promptsPanel = nullptr;
    QLabel *m_rootsLabel = nullptr;
    QListWidget *m_roots = nullptr;
    QPushButton *m_addRoot = nullptr;
    QPushButton *m_removeRoot = nullptr;
    QFrame *m_signInCard = nullptr;
    QLabel *m_signInMessage = nullptr;
    QLineEdit *m_signInUrl = nullptr;
    QPushButton *m_copyUrl = nullptr;
    QLabel *m_deviceCode = nullptr;
    QPushButton *m_copyCode = nullptr;
    QPushButton *m_signInButton = nullptr;
    QPushButton *m_cancelSignIn = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QActionGroup *m_languages = nullptr;
    QPointer<ServerDialog> m_dialog;
    QPointer<TokensDialog> m_tokens;
};

} // namespace mcpdesk
