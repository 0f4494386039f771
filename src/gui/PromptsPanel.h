// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;

namespace mcpdesk {

class ServerTextView;

class McpSession;
class ToolForm;

// The Prompts tab: the server's prompts; picking one shows a form for its
// arguments (required ones marked); Get shows the messages the server returns.
class PromptsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PromptsPanel(QWidget *parent = nullptr);
    void setSession(McpSession *session);
    bool select(const QString &name);
    ToolForm *form() const { return m_form; }
    void get();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void reload();
    void showPrompt(const QJsonObject &prompt);

    QPointer<McpSession> m_session;
    QJsonArray m_prompts;
    QJsonObject m_prompt;
    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_description;
    QScrollArea *m_formArea;
    ToolForm *m_form = nullptr;
    QPushButton *m_get;
    QLabel *m_status;
    ServerTextView *m_messages;
};

} // namespace mcpdesk
