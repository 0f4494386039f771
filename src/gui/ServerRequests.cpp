// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerRequests.h"

#include "ServerText.h"
#include "util/VisibleText.h"

#include "ToolForm.h"
#include "schema/SchemaSample.h"
#include "servers/ServerManager.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <memory>

namespace mcpdesk {

namespace {
// The spec's error for a sampling request the user refuses.
constexpr int UserRejected = -1;

QLabel *wrapped(const QString &text, QWidget *parent, const char *name)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::RichText); // the app's own markup, with the server's words escaped
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A server's words, literally (see ServerText.h).
QLabel *plainWrapped(const QString &text, QWidget *parent, const char *name)
{
    return plainLabel(wrapped(visibleText(text), parent, name));
}

QString contentText(const QJsonValue &content)
{
    if (content.isArray()) {
        QStringList parts;
        for (const QJsonValue &c : content.toArray())
            parts << contentText(c);
        return parts.join(QLatin1Char('\n'));
    }
    const QJsonObject o = content.toObject();
    if (o.value(QStringLiteral("type")).toString() == QLatin1String("text"))
        return o.value(QStringLiteral("text")).toString();
    return QStringLiteral("[%1 %2]")
        .arg(o.value(QStringLiteral("type")).toString(),
             o.value(QStringLiteral("mimeType")).toString())
        .trimmed();
}
} // namespace

ServerRequests::ServerRequests(ServerManager *manager, QWidget *window)
    : QObject(window), m_manager(manager), m_window(window)
{
}

QString ServerRequests::serverName(const QString &serverId) const
{
    const auto *s = m_manager->server(serverId);
    return visibleName(s ? s->config.name : serverId); // shown as it reads
}

ClientFeatures ServerRequests::featuresFor(const QString &serverId)
{
    QPointer<ServerRequests> self(this);
    ClientFeatures f;
    f.elicitForm = [self, serverId](const QJsonObject &params,
                                    const JsonRpcEndpoint::Responder &r) {
        if (self)
            self->elicitForm(serverId, params, r);
        else
            r.result(QJsonObject{{QStringLiteral("action"), QStringLiteral("cancel")}});
    };
    f.elicitUrl = [self, serverId](const QJsonObject &params, const JsonRpcEndpoint::Responder &r) {
        if (self)
            self->elicitUrl(serverId, params, r);
        else
            r.result(QJsonObject{{QStringLiteral("action"), QStringLiteral("cancel")}});
    };
    f.createMessage = [self, serverId](const QJsonObject &params,
                                       const JsonRpcEndpoint::Responder &r) {
        if (self)
            self->createMessage(serverId, params, r);
        else
            r.error(UserRejected, QStringLiteral("User rejected sampling request"));
    };
    f.cancelled = [self, serverId](const QString &requestId) {
        if (!self)
            return;
        // The server no longer wants the answer: its window goes away unanswered.
        if (QPointer<QDialog> d = self->m_open.take(serverId + QLatin1Char('\n') + requestId))
            d->reject();
    };
    return f;
}

void ServerRequests::track(const QString &serverId, const JsonRpcEndpoint::Responder &r,
                           QDialog *dialog)
{
    const QJsonValue id = r.id();
    const QString key = serverId + QLatin1Char('\n') +
                        (id.isString() ? id.toString() : QString::number(id.toInteger()));
    m_open.insert(key, dialog);
    connect(dialog, &QObject::destroyed, this, [this, key] { m_open.remove(key); });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    emit asking(dialog);
}

void ServerRequests::elicitForm(const QString &serverId, const QJsonObject &params,
                                const JsonRpcEndpoint::Responder &r)
{
    const QJsonObject schema = params.value(QStringLiteral("requestedSchema")).toObject();
    auto *dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("elicitationDialog"));
    dialog->setWindowTitle(tr("%1 asks for information").arg(serverName(serverId)));
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(wrapped(tr("<b>%1</b> asks:").arg(serverName(serverId).toHtmlEscaped()),
                              dialog, "elicitationServer"));
    layout->addWidget(plainWrapped(params.value(QStringLiteral("message")).toString(), dialog,
                                   "elicitationMessage"));
    auto *scroll = new QScrollArea(dialog);
    scroll->setWidgetResizable(true);
    auto *form = new ToolForm(schema, scroll);
    form->setObjectName(QStringLiteral("elicitationForm"));
    scroll->setWidget(form);
    layout->addWidget(scroll, 1);
    auto *errors = plainWrapped(QString(), dialog, "elicitationErrors");
    errors->setStyleSheet(QStringLiteral("color: #cf222e"));
    errors->hide();
    layout->addWidget(errors);
    auto *buttons = new QDialogButtonBox(dialog);
    auto *accept = buttons->addButton(tr("Accept"), QDialogButtonBox::AcceptRole);
    accept->setObjectName(QStringLiteral("acceptButton"));
    auto *decline = buttons->addButton(tr("Decline"), QDialogButtonBox::RejectRole);
    decline->setObjectName(QStringLiteral("declineButton"));
    auto *cancel = buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);
    dialog->resize(520, 560);

    // Answered once: by a button, or as "cancel" when the window is closed.
    auto answered = std::make_shared<bool>(false);
    auto answer = [r, answered](const QJsonObject &result) {
        if (!std::exchange(*answered, true))
            r.result(result);
    };
    connect(accept, &QPushButton::clicked, dialog, [=] {
        if (!form->validate()) {
            errors->setText(form->errors().join(QLatin1Char('\n')));
            errors->show();
            return;
        }
        answer({{QStringLiteral("action"), QStringLiteral("accept")},
                {QStringLiteral("content"), applyDefaults(schema, form->value())}});
        dialog->accept();
    });
    connect(form, &ToolForm::changed, dialog, [=] {
        if (errors->isVisible() && form->validate())
            errors->hide(); // fixed: the messages go away as soon as the form is valid
    });
    connect(decline, &QPushButton::clicked, dialog, [=] {
        answer({{QStringLiteral("action"), QStringLiteral("decline")}});
        dialog->reject();
    });
    connect(cancel, &QPushButton::clicked, dialog, &QDialog::reject);
    connect(dialog, &QDialog::rejected, dialog, [=] {
        answer({{QStringLiteral("action"), QStringLiteral("cancel")}});
    });
    track(serverId, r, dialog);
}

void ServerRequests::elicitUrl(const QString &serverId, const QJsonObject &params,
                               const JsonRpcEndpoint::Responder &r)
{
    QDialog *dialog = urlDialog(serverId, params, [r](const QString &action) {
        r.result(QJsonObject{{QStringLiteral("action"), action}});
    });
    track(serverId, r, dialog);
}

QDialog *ServerRequests::askToOpenUrl(const QString &serverId, const QJsonObject &params)
{
    QDialog *dialog = urlDialog(serverId, params, [](const QString &) {});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    emit asking(dialog);
    return dialog;
}

QDialog *ServerRequests::urlDialog(const QString &serverId, const QJsonObject &params,
                                   std::function<void(const QString &action)> done)
{
    const QUrl url(params.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    auto *dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("urlElicitationDialog"));
    dialog->setWindowTitle(tr("%1 asks you to open a web page").arg(serverName(serverId)));
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(wrapped(
        tr("<b>%1</b> asks you to open a web page:").arg(serverName(serverId).toHtmlEscaped()),
        dialog, "elicitationServer"));
    layout->addWidget(plainWrapped(params.value(QStringLiteral("message")).toString(), dialog,
                                   "elicitationMessage"));
    // The host as it really is (punycode for international names), then the whole address.
    const QString host = url.host(QUrl::FullyEncoded);
    layout->addWidget(
        wrapped(tr("Site: <b>%1</b>").arg(host.toHtmlEscaped()), dialog, "elicitationHost"));
    auto *full = plainWrapped(url.toString(QUrl::FullyEncoded), dialog, "elicitationUrl");
    layout->addWidget(full);
    const bool usable =
        url.isValid() &&
        (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) &&
        !host.isEmpty();
    if (!usable) {
        auto *warn = wrapped(tr("This is not a web address McpDesk will open."), dialog,
                             "elicitationWarning");
        warn->setStyleSheet(QStringLiteral("color: #cf222e"));
        layout->addWidget(warn);
    } else if (url.scheme() == QLatin1String("http")) {
        auto *warn = wrapped(tr("The page is not encrypted (http)."), dialog, "elicitationWarning");
        warn->setStyleSheet(QStringLiteral("color: #9a6700"));
        layout->addWidget(warn);
    }
    auto *buttons = new QDialogButtonBox(dialog);
    auto *open = buttons->addButton(tr("Open in browser"), QDialogButtonBox::AcceptRole);
    open->setObjectName(QStringLiteral("acceptButton"));
    open->setEnabled(usable);
    auto *decline = buttons->addButton(tr("Decline"), QDialogButtonBox::RejectRole);
    decline->setObjectName(QStringLiteral("declineButton"));
    auto *cancel = buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);

    auto answered = std::make_shared<bool>(false);
    auto answer = [done, answered](const QString &action) {
        if (!std::exchange(*answered, true))
            done(action);
    };
    connect(open, &QPushButton::clicked, dialog, [=, this] {
        const bool opened = m_opener ? m_opener(url) : false;
        answer(opened ? QStringLiteral("accept") : QStringLiteral("cancel"));
        dialog->accept();
    });
    connect(decline, &QPushButton::clicked, dialog, [=] {
        answer(QStringLiteral("decline"));
        dialog->reject();
    });
    connect(cancel, &QPushButton::clicked, dialog, &QDialog::reject);
    connect(dialog, &QDialog::rejected, dialog, [=] { answer(QStringLiteral("cancel")); });
    return dialog;
}

void ServerRequests::createMessage(const QString &serverId, const QJsonObject &params,
                                   const JsonRpcEndpoint::Responder &r)
{
    auto *dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("samplingDialog"));
    dialog->setWindowTitle(tr("%1 asks for a reply").arg(serverName(serverId)));
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(wrapped(tr("<b>%1</b> asks for a reply to these messages (you write it; "
                                 "no model is asked):")
                                  .arg(serverName(serverId).toHtmlEscaped()),
                              dialog, "samplingServer"));
    auto *messages = new ServerTextView(dialog);
    messages->setObjectName(QStringLiteral("samplingMessages"));
    QString text;
    const QString system = params.value(QStringLiteral("systemPrompt")).toString();
    if (!system.isEmpty())
        text += tr("System: %1").arg(system) + QStringLiteral("\n\n");
    for (const QJsonValue &m : params.value(QStringLiteral("messages")).toArray()) {
        const QJsonObject msg = m.toObject();
        text += QStringLiteral("%1: %2\n\n")
                    .arg(msg.value(QStringLiteral("role")).toString(),
                         contentText(msg.value(QStringLiteral("content"))));
    }
    if (params.contains(QStringLiteral("maxTokens")))
        text += tr("At most %1 tokens.").arg(params.value(QStringLiteral("maxTokens")).toInteger());
    messages->setServerText(visibleText(text.trimmed()));
    layout->addWidget(messages, 1);
    auto *reply = new QPlainTextEdit(dialog);
    reply->setObjectName(QStringLiteral("samplingReply"));
    reply->setPlaceholderText(tr("Your reply"));
    layout->addWidget(reply, 1);
    auto *buttons = new QDialogButtonBox(dialog);
    auto *send = buttons->addButton(tr("Send reply"), QDialogButtonBox::AcceptRole);
    send->setObjectName(QStringLiteral("sendButton"));
    auto *decline = buttons->addButton(tr("Decline"), QDialogButtonBox::RejectRole);
    decline->setObjectName(QStringLiteral("declineButton"));
    layout->addWidget(buttons);
    dialog->resize(520, 480);

    auto answered = std::make_shared<bool>(false);
    connect(send, &QPushButton::clicked, dialog, [=] {
        if (!std::exchange(*answered, true)) {
            r.result(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                 {QStringLiteral("content"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                              {QStringLiteral("text"), reply->toPlainText()}}},
                                 {QStringLiteral("model"), QStringLiteral("mcpdesk-user")},
                                 {QStringLiteral("stopReason"), QStringLiteral("endTurn")}});
        }
        dialog->accept();
    });
    connect(decline, &QPushButton::clicked, dialog, &QDialog::reject);
    connect(dialog, &QDialog::rejected, dialog, [=] {
        if (!std::exchange(*answered, true))
            r.error(UserRejected, QStringLiteral("User rejected sampling request"));
    });
    track(serverId, r, dialog);
}

} // namespace mcpdesk
