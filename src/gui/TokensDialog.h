// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QTimer>

class QTableWidget;
class QPlainTextEdit;
class QPushButton;
class QLabel;

namespace mcpdesk {

class ServerManager;

// Every sign-in: server, issuer, scopes asked for and granted, a live expiry
// countdown, refresh token present, last refresh; Refresh now, Sign out (which
// revokes where the server offers it); the token only on an explicit Reveal or
// Copy, with its claims decoded when it is a JWT.
class TokensDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TokensDialog(ServerManager *manager, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }
    QString selectedId() const;
    // "header.payload.signature" → the payload's claims as indented JSON, or empty.
    static QString decodeJwtClaims(const QByteArray &token);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void tick();
    void retranslate();
    void updateButtons();

    ServerManager *m_manager;
    QTableWidget *m_table;
    QPlainTextEdit *m_claims;
    QLabel *m_note;
    QPushButton *m_refresh;
    QPushButton *m_signOut;
    QPushButton *m_reveal;
    QPushButton *m_copy;
    QTimer m_timer;
};

} // namespace mcpdesk
