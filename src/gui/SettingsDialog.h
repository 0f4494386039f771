// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace mcpdesk {

class MainWindow;
class ServerManager;

// Edit ▸ Settings (Ctrl+,): the language, the theme, the proxy (the password kept in
// the keychain), the MCP version asked for where a server pins none, and where the
// data folder is. Each change is applied at once: there is nothing to save.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(MainWindow *window, ServerManager *manager);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void proxyChanged();

    MainWindow *m_window;
    ServerManager *m_manager;
    QComboBox *m_language;
    QComboBox *m_theme;
    QComboBox *m_protocol;
    QButtonGroup *m_proxyMode;
    QWidget *m_manual;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_proxyNote;
    QLabel *m_dataFolder;
    bool m_passwordEdited = false;
};

} // namespace mcpdesk
