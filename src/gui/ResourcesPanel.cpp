// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ResourcesPanel.h"

#include "ServerText.h"
#include "util/VisibleText.h"

#include "ArgumentCompleter.h"
#include "IconLoader.h"
#include "ToolForm.h"
#include "protocol/ContentFormat.h"
#include "protocol/McpSession.h"
#include "protocol/UriTemplate.h"
#include "util/Format.h"

#include <QCheckBox>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>
#include <optional>

namespace mcpdesk {

namespace {
constexpr int ItemRole = Qt::UserRole; // the resource or template object
constexpr int TemplateRole = Qt::UserRole + 1;

QJsonObject templateSchema(const QJsonObject &tmpl)
{
    QJsonObject props;
    QJsonArray required;
    for (const QString &v :
         UriTemplate(tmpl.value(QStringLiteral("uriTemplate")).toString()).variables()) {
        props.insert(v, QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
        required.append(v);
    }
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), props},
                       {QStringLiteral("required"), required}};
}
} // namespace

ResourcesPanel::ResourcesPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("resourcesPanel"));
    auto *split = new QSplitter(this);
    m_list = new QTreeWidget(split);
    m_list->setObjectName(QStringLiteral("resourceList"));
    m_list->setHeaderHidden(true);
    m_list->setRootIsDecorated(true);
    auto *right = new QWidget(split);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    m_title = plainLabel(new QLabel(right));
    m_title->setObjectName(QStringLiteral("resourceTitle"));
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description = plainLabel(new QLabel(right));
    m_description->setWordWrap(true);
    m_formArea = new QScrollArea(right);
    m_formArea->setWidgetResizable(true);
    m_formArea->setMaximumHeight(160);
    m_formArea->hide();
    auto *row = new QHBoxLayout;
    m_read = new QPushButton(right);
    m_read->setObjectName(QStringLiteral("readResourceButton"));
    m_subscribe = new QCheckBox(right);
    m_subscribe->setObjectName(QStringLiteral("subscribeBox"));
    m_status = plainLabel(new QLabel(right));
    m_status->setObjectName(QStringLiteral("resourceStatus"));
    m_status->setWordWrap(true);
    row->addWidget(m_read);
    row->addWidget(m_subscribe);
    row->addWidget(m_status, 1);
    m_text = new ServerTextView(right);
    m_text->setObjectName(QStringLiteral("resourceText"));
    m_mediaBox = new QWidget(right);
    m_media = new QVBoxLayout(m_mediaBox);
    m_media->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_title);
    rl->addWidget(m_description);
    rl->addWidget(m_formArea);
    rl->addLayout(row);
    rl->addWidget(m_text, 1);
    rl->addWidget(m_mediaBox);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({260, 560});
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(split);
    retranslate();

    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { showItem(item); });
    connect(m_read, &QPushButton::clicked, this, &ResourcesPanel::read);
    connect(m_subscribe, &QCheckBox::toggled, this, &ResourcesPanel::setSubscribed);
}

void ResourcesPanel::retranslate()
{
    m_list->setAccessibleName(tr("Resources"));
    m_read->setText(tr("Read"));
    m_subscribe->setText(tr("Watch for changes"));
    m_subscribe->setToolTip(
        tr("Subscribe: the server says when this resource changes, and it is read again"));
    if (m_list->topLevelItemCount() == 2) {
        m_list->topLevelItem(0)->setText(
            0, tr("Resources (%1)").arg(m_list->topLevelItem(0)->childCount()));
        m_list->topLevelItem(1)->setText(
            0, tr("Templates (%1)").arg(m_list->topLevelItem(1)->childCount()));
    }
}

void ResourcesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ResourcesPanel::setSession(McpSession *session)
{
    if (m_session == session)
        return;
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    m_subscribedUri.clear();
    {
        const QSignalBlocker block(m_subscribe);
        m_subscribe->setChecked(false);
    }
    m_list->clear();
    showItem(nullptr);
    if (!m_session)
        return;
    connect(m_session, &McpSession::resourcesChanged, this, &ResourcesPanel::reload);
    connect(m_session, &McpSession::resourceUpdated, this, [this](const QString &uri) {
        if (!m_subscribedUri.isEmpty() && uri == m_subscribedUri)
            readUri(uri, true);
    });
    reload();
}

void ResourcesPanel::reload()
{
    if (!m_session || !m_session->serverCapabilities().contains(QStringLiteral("resources")))
        return;
    // Both lists are asked for; the tree is rebuilt when both have answered. The
    // answers are kept here: each reply is gone once it has finished.
    RpcReply *resources = m_session->listResources();
    RpcReply *templates = m_session->listResourceTemplates();
    const int generation = ++m_listGeneration;
    struct Lists
    {
        std::optional<QJsonArray> resources, templates;
    };
    auto lists = std::make_shared<Lists>();
    auto fill = [this, lists, generation] {
        if (generation != m_listGeneration || !lists->resources || !lists->templates)
            return;
        const QString current = m_isTemplate
                                    ? m_item.value(QStringLiteral("uriTemplate")).toString()
                                    : m_item.value(QStringLiteral("uri")).toString();
        const QSignalBlocker block(m_list);
        m_list->clear();
        auto *resourceGroup = new QTreeWidgetItem(m_list);
        auto *templateGroup = new QTreeWidgetItem(m_list);
        for (QTreeWidgetItem *group : {resourceGroup, templateGroup})
            group->setFlags(Qt::ItemIsEnabled);
        const QJsonArray r = *lists->resources;
        for (const QJsonValue &v : r) {
            const QJsonObject o = v.toObject();
            auto *item = new QTreeWidgetItem(
                resourceGroup,
                {visibleName(o.value(QStringLiteral("title"))
                                 .toString(o.value(QStringLiteral("name")).toString()))});
            item->setToolTip(0, plainToolTip(o.value(QStringLiteral("uri")).toString()));
            item->setData(0, ItemRole, QVariant::fromValue(QJsonValue(o)));
            IconLoader::showIn(m_list, o, m_session ? m_session->serverUrl() : QUrl(), ItemRole,
                               QStringLiteral("uri"));
        }
        const QJsonArray t = *lists->templates;
        for (const QJsonValue &v : t) {
            const QJsonObject o = v.toObject();
            auto *item = new QTreeWidgetItem(
                templateGroup,
                {visibleName(o.value(QStringLiteral("title"))
                                 .toString(o.value(QStringLiteral("name")).toString()))});
            item->setToolTip(0, plainToolTip(o.value(QStringLiteral("uriTemplate")).toString()));
            item->setData(0, ItemRole, QVariant::fromValue(QJsonValue(o)));
            IconLoader::showIn(m_list, o, m_session ? m_session->serverUrl() : QUrl(), ItemRole,
                               QStringLiteral("uriTemplate"));
            item->setData(0, TemplateRole, true);
        }
        resourceGroup->setExpanded(true);
        templateGroup->setExpanded(true);
        retranslate();
        if (!current.isEmpty() && !select(current))
            showItem(nullptr);
    };
    connect(resources, &RpcReply::finished, this, [resources, lists, fill] {
        lists->resources = resources->isOk() ? resources->result().toArray() : QJsonArray();
        fill();
    });
    connect(templates, &RpcReply::finished, this, [templates, lists, fill] {
        lists->templates = templates->isOk() ? templates->result().toArray() : QJsonArray();
        fill();
    });
}

bool ResourcesPanel::select(const QString &uriOrTemplate)
{
    const QString shown = m_isTemplate ? m_item.value(QStringLiteral("uriTemplate")).toString()
                                       : m_item.value(QStringLiteral("uri")).toString();
    for (int g = 0; g < m_list->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_list->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            const QJsonObject o = group->child(i)->data(0, ItemRole).value<QJsonValue>().toObject();
            if (o.value(QStringLiteral("uri")).toString() == uriOrTemplate ||
                o.value(QStringLiteral("uriTemplate")).toString() == uriOrTemplate) {
                if (m_list->currentItem() != group->child(i) || shown != uriOrTemplate) {
                    m_list->setCurrentItem(group->child(i));
                    showItem(group->child(i)); // also when the list was rebuilt under it
                }
                return true;
            }
        }
    }
    return false;
}

void ResourcesPanel::showItem(QTreeWidgetItem *item)
{
    const QJsonObject o =
        item ? item->data(0, ItemRole).value<QJsonValue>().toObject() : QJsonObject();
    m_item = o;
    m_isTemplate = item && item->data(0, TemplateRole).toBool();
    delete m_form;
    m_form = nullptr;
    m_formArea->hide();
    m_text->setServerText(QString());
    m_status->clear();
    clearMedia();
    m_read->setEnabled(!o.isEmpty());
    m_subscribe->setEnabled(!o.isEmpty() && !m_isTemplate && m_session &&
                            m_session->serverCapabilities()
                                .value(QStringLiteral("resources"))
                                .toObject()
                                .value(QStringLiteral("subscribe"))
                                .toBool());
    if (o.isEmpty()) {
        m_title->clear();
        m_description->clear();
        return;
    }
    m_title->setText(visibleName(m_isTemplate ? o.value(QStringLiteral("uriTemplate")).toString()
                                              : o.value(QStringLiteral("uri")).toString()));
    QString description = o.value(QStringLiteral("description")).toString();
    if (o.contains(QStringLiteral("mimeType")))
        description += (description.isEmpty() ? QString() : QStringLiteral(" — ")) +
                       o.value(QStringLiteral("mimeType")).toString();
    m_description->setText(visibleText(description));
    {
        const QSignalBlocker block(m_subscribe);
        m_subscribe->setChecked(!m_isTemplate &&
                                o.value(QStringLiteral("uri")).toString() == m_subscribedUri);
    }
    if (m_isTemplate) {
        const QJsonObject schema = templateSchema(o);
        m_form = new ToolForm(schema, m_formArea);
        m_formArea->setWidget(m_form);
        m_formArea->show();
        ArgumentCompleter::attach(
            m_session,
            QJsonObject{{QStringLiteral("type"), QStringLiteral("ref/resource")},
                        {QStringLiteral("uri"), o.value(QStringLiteral("uriTemplate")).toString()}},
            m_form, schema.value(QStringLiteral("properties")).toObject().keys());
    } else {
        readUri(o.value(QStringLiteral("uri")).toString(), false);
    }
}

void ResourcesPanel::read()
{
    if (m_item.isEmpty())
        return;
    if (!m_isTemplate) {
        readUri(m_item.value(QStringLiteral("uri")).toString(), false);
        return;
    }
    if (!m_form->validate()) {
        m_status->setText(tr("Fill in: %1").arg(m_form->errors().join(QStringLiteral("; "))));
        return;
    }
    QHash<QString, QString> values;
    const QJsonObject v = m_form->value();
    for (auto it = v.begin(); it != v.end(); ++it)
        values.insert(it.key(), it.value().toString());
    readUri(UriTemplate(m_item.value(QStringLiteral("uriTemplate")).toString()).expand(values),
            false);
}

void ResourcesPanel::readUri(const QString &uri, bool update)
{
    if (!m_session)
        return;
    m_uri = uri;
    m_status->setText(tr("Reading %1…").arg(uri));
    RpcReply *reply = m_session->readResource(uri);
    connect(reply, &RpcReply::waitingForAnswer, this, [this, uri](bool waiting) {
        m_status->setText(waiting ? tr("Waiting for your answer in the server's window…")
                                  : tr("Reading %1…").arg(uri));
    });
    connect(reply, &RpcReply::finished, this, [this, reply, uri, update] {
        if (uri != m_uri)
            return; // something else was picked meanwhile
        if (!reply->isOk()) {
            m_status->setText(tr("Could not read %1: %2").arg(uri, reply->error().message));
            m_status->setStyleSheet(QStringLiteral("color: #cf222e"));
            return;
        }
        m_status->setStyleSheet(QString());
        const QString time = QLocale().toString(QTime::currentTime(), QStringLiteral("HH:mm:ss"));
        m_status->setText(update ? tr("Updated by the server; read again at %1.").arg(time)
                                 : tr("Read at %1.").arg(time));
        showContents(reply->result().toObject());
    });
}

void ResourcesPanel::showContents(const QJsonObject &result)
{
    clearMedia();
    QStringList texts;
    bool markdown = false;
    for (const QJsonValue &v : result.value(QStringLiteral("contents")).toArray()) {
        const QJsonObject c = v.toObject();
        const QString mime = c.value(QStringLiteral("mimeType")).toString();
        if (c.contains(QStringLiteral("text"))) {
            texts << c.value(QStringLiteral("text")).toString();
            markdown = markdown || mime == QLatin1String("text/markdown");
            continue;
        }
        const QByteArray blob =
            QByteArray::fromBase64(c.value(QStringLiteral("blob")).toString().toLatin1());
        QImage image;
        if (mime.startsWith(QLatin1String("image/")) && image.loadFromData(blob)) {
            auto *label = new QLabel(m_mediaBox);
            label->setObjectName(QStringLiteral("resourceImage"));
            label->setPixmap(QPixmap::fromImage(image));
            m_media->addWidget(label);
            continue;
        }
        texts << QStringLiteral("[%1 %2]").arg(mime.isEmpty() ? tr("binary") : mime,
                                               formatByteSize(blob.size()));
        auto *save = new QPushButton(
            tr("Save %1…")
                .arg(c.value(QStringLiteral("uri")).toString().section(QLatin1Char('/'), -1)),
            m_mediaBox);
        save->setObjectName(QStringLiteral("saveBlobButton"));
        const QString name =
            c.value(QStringLiteral("uri")).toString().section(QLatin1Char('/'), -1);
        connect(save, &QPushButton::clicked, this, [this, blob, name] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Save resource"), name);
            QSaveFile f(path);
            if (!path.isEmpty() && f.open(QIODevice::WriteOnly) && f.write(blob) == blob.size())
                f.commit();
        });
        m_media->addWidget(save);
    }
    const QString all = texts.join(QStringLiteral("\n\n"));
    if (markdown)
        m_text->setServerMarkdown(all);
    else
        m_text->setServerText(all);
}

void ResourcesPanel::clearMedia()
{
    while (QLayoutItem *li = m_media->takeAt(0)) {
        delete li->widget();
        delete li;
    }
}

void ResourcesPanel::setSubscribed(bool on)
{
    if (!m_session || m_isTemplate)
        return;
    const QString uri = m_item.value(QStringLiteral("uri")).toString();
    if (!m_subscribedUri.isEmpty() && m_subscribedUri != uri)
        m_session->unsubscribeResource(m_subscribedUri); // one watched resource at a time
    if (!on) {
        if (m_subscribedUri == uri)
            m_session->unsubscribeResource(uri);
        m_subscribedUri.clear();
        return;
    }
    m_subscribedUri = uri;
    RpcReply *reply = m_session->subscribeResource(uri);
    connect(reply, &RpcReply::finished, this, [this, reply, uri] {
        if (!reply->isOk() && m_subscribedUri == uri) {
            m_subscribedUri.clear();
            const QSignalBlocker block(m_subscribe);
            m_subscribe->setChecked(false);
            m_status->setText(
                tr("The server refused to report changes: %1").arg(reply->error().message));
        }
    });
}

} // namespace mcpdesk
