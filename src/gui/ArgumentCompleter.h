// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QCompleter;
class QLineEdit;
class QTimer;

namespace mcpdesk {

class McpSession;
class ToolForm;

// Offers the server's values (completion/complete) in the text fields of a prompt's
// or a resource template's form as the person types: asked a moment after the last
// key (not on every key), with the arguments already filled as context, shown as a
// completer list under the field. Made only for a server that declares completions;
// an answer for text that changed meanwhile is dropped.
class ArgumentCompleter : public QObject
{
    Q_OBJECT
public:
    static constexpr int DebounceMs = 250;

    // `ref`: {type: "ref/prompt", name} or {type: "ref/resource", uri}. Lives as
    // long as `form`; nullptr when the server offers no completions.
    static ArgumentCompleter *attach(McpSession *session, const QJsonObject &ref, ToolForm *form,
                                     const QStringList &arguments);

signals:
    // The server's values for `argument` were shown (for tests).
    void offered(const QString &argument, const QStringList &values);

private:
    ArgumentCompleter(McpSession *session, const QJsonObject &ref, ToolForm *form);
    void watch(const QString &argument, QLineEdit *field);
    void ask(const QString &argument);

    struct Field
    {
        QPointer<QLineEdit> edit;
        QCompleter *completer = nullptr;
        QTimer *timer = nullptr;
        quint64 asked = 0; // the latest question; older answers are dropped
    };
    QPointer<McpSession> m_session;
    QJsonObject m_ref;
    ToolForm *m_form;
    QHash<QString, Field> m_fields;
};

} // namespace mcpdesk
