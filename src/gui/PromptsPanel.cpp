// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "PromptsPanel.h"

#include "ServerText.h"
#include "util/VisibleText.h"

#include "ArgumentCompleter.h"
#include "IconLoader.h"
#include "ToolForm.h"
#include "protocol/ContentFormat.h"
#include "protocol/McpSession.h"

#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace mcpdesk {

namespace {
// Prompt arguments as an object schema of strings, so the tool form can show them.
QJsonObject argumentsSchema(const QJsonObject &prompt)
{
    QJsonObject props;
    QJsonArray required;
    for (const QJsonValue &v : prompt.value(QStringLiteral("arguments")).toArray()) {
        const QJsonObject a = v.toObject();
        const QString name = a.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            continue;
        QJsonObject p{{QStringLiteral("type"), QStringLiteral("string")}};
        if (a.contains(QStringLiteral("description")))
            p.insert(QStringLiteral("description"), a.value(QStringLiteral("description")));
        if (a.contains(QStringLiteral("title")))
            p.insert(QStringLiteral("title"), a.value(QStringLiteral("title")));
        props.insert(name, p);
        if (a.value(QStringLiteral("required")).toBool())
            required.append(name);
    }
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), props},
                       {QStringLiteral("required"), required}};
}

QString messageText(const QJsonObject &content)
{
    const QString type = content.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("text"))
        return content.value(QStringLiteral("text")).toString();
    if (type == QLatin1String("resource")) {
        const QJsonObject r = content.value(QStringLiteral("resource")).toObject();
        QString s = QStringLiteral("`%1`").arg(formatContentItem(content));
        if (r.contains(QStringLiteral("text")))
            s += QStringLiteral("\n\n```\n%1\n```").arg(r.value(QStringLiteral("text")).toString());
        return s;
    }
    return QStringLiteral("`%1`").arg(formatContentItem(content));
}
} // namespace

PromptsPanel::PromptsPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("promptsPanel"));
    auto *split = new QSplitter(this);
    m_list = new QListWidget(split);
    m_list->setObjectName(QStringLiteral("promptList"));
    auto *right = new QWidget(split);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    m_title = plainLabel(new QLabel(right));
    m_title->setObjectName(QStringLiteral("promptTitle"));
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_description = plainLabel(new QLabel(right));
    m_description->setWordWrap(true);
    m_formArea = new QScrollArea(right);
    m_formArea->setWidgetResizable(true);
    m_get = new QPushButton(right);
    m_get->setObjectName(QStringLiteral("getPromptButton"));
    m_get->setEnabled(false);
    m_status = plainLabel(new QLabel(right));
    m_status->setObjectName(QStringLiteral("promptStatus"));
    m_status->setWordWrap(true);
    m_messages = new ServerTextView(right);
    m_messages->setObjectName(QStringLiteral("promptMessages"));
    rl->addWidget(m_title);
    rl->addWidget(m_description);
    rl->addWidget(m_formArea, 1);
    rl->addWidget(m_get, 0, Qt::AlignLeft);
    rl->addWidget(m_status);
    rl->addWidget(m_messages, 2);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({220, 600});
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(split);
    retranslate();
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        showPrompt(row >= 0 && row < m_prompts.size() ? m_prompts.at(row).toObject()
                                                      : QJsonObject());
    });
    connect(m_get, &QPushButton::clicked, this, &PromptsPanel::get);
}

void PromptsPanel::retranslate()
{
    m_list->setAccessibleName(tr("Prompts"));
    m_get->setText(tr("Get prompt"));
}

void PromptsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PromptsPanel::setSession(McpSession *session)
{
    if (m_session == session)
        return;
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    if (m_session)
        connect(m_session, &McpSession::promptsChanged, this, &PromptsPanel::reload);
    reload();
}

void PromptsPanel::reload()
{
    if (!m_session || !m_session->serverCapabilities().contains(QStringLiteral("prompts"))) {
        m_prompts = {};
        m_list->clear();
        showPrompt(QJsonObject());
        return;
    }
    RpcReply *reply = m_session->listPrompts();
    QPointer<McpSession> session = m_session;
    connect(reply, &RpcReply::finished, this, [this, reply, session] {
        if (session != m_session || !reply->isOk())
            return;
        const QString current = m_prompt.value(QStringLiteral("name")).toString();
        m_prompts = reply->result().toArray();
        {
            const QSignalBlocker block(m_list);
            m_list->clear();
            for (const QJsonValue &v : m_prompts) {
                const QJsonObject p = v.toObject();
                auto *item = new QListWidgetItem(
                    visibleName(p.value(QStringLiteral("name")).toString()), m_list);
                item->setData(Qt::UserRole, p.value(QStringLiteral("name")).toString());
                item->setToolTip(plainToolTip(p.value(QStringLiteral("description")).toString()));
                IconLoader::showIn(m_list, p, m_session ? m_session->serverUrl() : QUrl());
            }
        }
        if (current.isEmpty() || !select(current))
            showPrompt(QJsonObject());
    });
}

bool PromptsPanel::select(const QString &name)
{
    for (int i = 0; i < m_prompts.size(); ++i) {
        if (m_prompts.at(i).toObject().value(QStringLiteral("name")).toString() == name) {
            m_list->setCurrentRow(i);
            showPrompt(m_prompts.at(i).toObject());
            return true;
        }
    }
    return false;
}

void PromptsPanel::showPrompt(const QJsonObject &prompt)
{
    if (!m_prompt.isEmpty() && prompt == m_prompt && m_form)
        return;
    m_prompt = prompt;
    delete m_form;
    m_form = nullptr;
    m_messages->setServerText(QString());
    m_status->clear();
    m_get->setEnabled(!prompt.isEmpty());
    m_title->setText(visibleName(prompt.value(QStringLiteral("title"))
                                     .toString(prompt.value(QStringLiteral("name")).toString())));
    m_description->setText(visibleText(prompt.value(QStringLiteral("description")).toString()));
    if (prompt.isEmpty())
        return;
    const QJsonObject schema = argumentsSchema(prompt);
    m_form = new ToolForm(schema, m_formArea);
    m_formArea->setWidget(m_form);
    ArgumentCompleter::attach(
        m_session,
        QJsonObject{{QStringLiteral("type"), QStringLiteral("ref/prompt")},
                    {QStringLiteral("name"), prompt.value(QStringLiteral("name")).toString()}},
        m_form, schema.value(QStringLiteral("properties")).toObject().keys());
}

void PromptsPanel::get()
{
    if (!m_session || !m_form)
        return;
    if (!m_form->validate()) {
        m_status->setText(
            tr("Check the arguments: %1").arg(m_form->errors().join(QStringLiteral("; "))));
        m_status->setStyleSheet(QStringLiteral("color: #cf222e"));
        return;
    }
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Asking the server…"));
    const QString name = m_prompt.value(QStringLiteral("name")).toString();
    RpcReply *reply = m_session->getPrompt(name, m_form->value());
    connect(reply, &RpcReply::waitingForAnswer, this, [this](bool waiting) {
        m_status->setText(waiting ? tr("Waiting for your answer in the server's window…")
                                  : tr("Asking the server…"));
    });
    connect(reply, &RpcReply::finished, this, [this, reply, name] {
        if (m_prompt.value(QStringLiteral("name")).toString() != name)
            return;
        if (!reply->isOk()) {
            m_status->setText(tr("Failed: %1").arg(reply->error().message));
            m_status->setStyleSheet(QStringLiteral("color: #cf222e"));
            return;
        }
        const QJsonObject result = reply->result().toObject();
        const QJsonArray messages = result.value(QStringLiteral("messages")).toArray();
        m_status->setText(tr("%n message(s).", nullptr, int(messages.size())));
        QStringList parts;
        if (result.contains(QStringLiteral("description")))
            parts << QStringLiteral("*%1*").arg(
                result.value(QStringLiteral("description")).toString());
        for (const QJsonValue &v : messages) {
            const QJsonObject m = v.toObject();
            parts << QStringLiteral("**%1:** %2")
                         .arg(m.value(QStringLiteral("role")).toString(),
                              messageText(m.value(QStringLiteral("content")).toObject()));
        }
        m_messages->setServerMarkdown(parts.join(QStringLiteral("\n\n")));
    });
}

} // namespace mcpdesk
