// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "config/ServerConfig.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QCheckBox;

namespace mcpdesk {

class McpSession;

// Add or edit one server: presets, transport, URL or command, environment and
// headers (each value can be marked secret: it then goes to the keychain),
// sign-in method, scopes, a CA certificate. Checked as you type; "Test
// connection" says what happened in words.
class ServerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ServerDialog(QWidget *parent = nullptr);

    // Editing: the record and which of its secrets are set (values never shown).
    void setServer(const ServerConfig &config);
    ServerConfig server() const;
    // Secret values entered in this dialog, by kind (header:<name>, env:<name>,
    // bearer, client_secret); an empty value clears one.
    QHash<QString, QByteArray> secrets() const;
    QString validationError() const;

    enum Preset { Custom, EverythingDemo, GitHub, GitHubHosted, Notion, NotionHosted, XTwitter };
    void applyPreset(Preset preset);

private:
    void updateVisibility();
    void validate();
    void testConnection();
    static void fillTable(QTableWidget *table, const QList<QPair<QString, QString>> &rows,
                          const QStringList &secret);

    ServerConfig m_original;
    QComboBox *m_preset;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QComboBox *m_transport;
    QComboBox *m_protocol; // the MCP version: find out (empty data), or one pinned
    QLineEdit *m_url;
    QLineEdit *m_command;
    QLineEdit *m_args;
    QTableWidget *m_env;
    QTableWidget *m_headers;
    QComboBox *m_auth;
    QComboBox *m_provider;
    QLineEdit *m_scopes;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QLineEdit *m_bearer;
    QLineEdit *m_caFile;
    QCheckBox *m_enabled;
    QLabel *m_error;
    QLabel *m_testResult;
    QPushButton *m_test;
    QDialogButtonBox *m_buttons;
    QList<QWidget *> m_httpOnly;
    QList<QWidget *> m_stdioOnly;
    QPointer<McpSession> m_testSession;
};

} // namespace mcpdesk
