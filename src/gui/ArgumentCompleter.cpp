// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ArgumentCompleter.h"

#include "ToolForm.h"
#include "protocol/McpSession.h"
#include "util/VisibleText.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QJsonArray>
#include <QLineEdit>
#include <QStringListModel>
#include <QTimer>

namespace mcpdesk {

ArgumentCompleter *ArgumentCompleter::attach(McpSession *session, const QJsonObject &ref,
                                             ToolForm *form, const QStringList &arguments)
{
    if (!session || !form || !session->serverHas(QStringLiteral("completions")))
        return nullptr;
    auto *c = new ArgumentCompleter(session, ref, form);
    for (const QString &name : arguments)
        if (auto *field = form->findChild<QLineEdit *>(QStringLiteral("field_") + name))
            c->watch(name, field);
    return c;
}

ArgumentCompleter::ArgumentCompleter(McpSession *session, const QJsonObject &ref, ToolForm *form)
    : QObject(form), m_session(session), m_ref(ref), m_form(form)
{
}

void ArgumentCompleter::watch(const QString &argument, QLineEdit *field)
{
    Field &f = m_fields[argument];
    f.edit = field;
    f.completer = new QCompleter(new QStringListModel(this), field);
    f.completer->setObjectName(QStringLiteral("completer_") + argument);
    f.completer->setCaseSensitivity(Qt::CaseInsensitive);
    // The server filtered already: show what it sent, as it sent it.
    f.completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    f.completer->setMaxVisibleItems(10);
    field->setCompleter(f.completer);
    f.timer = new QTimer(this);
    f.timer->setSingleShot(true);
    f.timer->setInterval(DebounceMs);
    connect(f.timer, &QTimer::timeout, this, [this, argument] { ask(argument); });
    // Typed (or focused empty: what is there to choose from at all).
    connect(field, &QLineEdit::textEdited, f.timer, qOverload<>(&QTimer::start));
}

void ArgumentCompleter::ask(const QString &argument)
{
    Field &field = m_fields[argument];
    if (!m_session || !field.edit)
        return;
    const QString typed = field.edit->text();
    const quint64 question = ++field.asked;
    RpcReply *reply = m_session->complete(m_ref, argument, typed, m_form->value());
    connect(reply, &RpcReply::finished, this, [this, reply, argument, typed, question] {
        Field &f = m_fields[argument];
        if (!reply->isOk() || question != f.asked || !f.edit || f.edit->text() != typed)
            return; // failed, or the person typed on
        QStringList values;
        const QJsonArray got = reply->result()
                                   .toObject()
                                   .value(QStringLiteral("completion"))
                                   .toObject()
                                   .value(QStringLiteral("values"))
                                   .toArray();
        for (const QJsonValue &v : got)
            if (v.isString() && values.size() < 100) // the spec's limit per answer
                values << v.toString();
        auto *model = static_cast<QStringListModel *>(f.completer->model());
        model->setStringList(values);
        if (!values.isEmpty() && f.edit->hasFocus())
            f.completer->complete();
        emit offered(argument, values);
    });
}

} // namespace mcpdesk
