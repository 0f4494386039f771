// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ToolsPanel.h"

#include "IconLoader.h"
#include "Roles.h"
#include "ServerText.h"
#include "ToolForm.h"
#include "history/CallHistory.h"
#include "protocol/ContentFormat.h"
#include "protocol/McpSession.h"
#include "schema/JsonSchema.h"
#include "util/Format.h"
#include "util/VisibleText.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mcpdesk {

namespace {
// The structured content tree is filled lazily: an item's children are made when it
// is first expanded, and long arrays are split into ranges of RangeSize elements, so a
// result with a hundred thousand items opens at once.
constexpr int ValueRole = Qt::UserRole;
constexpr int FilledRole = Qt::UserRole + 1;
constexpr int RangeStartRole = Qt::UserRole + 2;
constexpr int RangeEndRole = Qt::UserRole + 3;
constexpr qsizetype RangeSize = 1000;

QTreeWidgetItem *addTreeItem(QTreeWidgetItem *parent, const QString &key, const QJsonValue &v)
{
    auto *item = new QTreeWidgetItem(parent, {key});
    if (v.isObject()) {
        item->setText(1, QStringLiteral("{%1}").arg(v.toObject().size()));
        item->setChildIndicatorPolicy(v.toObject().isEmpty() ? QTreeWidgetItem::DontShowIndicator
                                                             : QTreeWidgetItem::ShowIndicator);
        item->setData(0, ValueRole, QVariant::fromValue(v));
    } else if (v.isArray()) {
        item->setText(1, QStringLiteral("[%1]").arg(v.toArray().size()));
        item->setChildIndicatorPolicy(v.toArray().isEmpty() ? QTreeWidgetItem::DontShowIndicator
                                                            : QTreeWidgetItem::ShowIndicator);
        item->setData(0, ValueRole, QVariant::fromValue(v));
        item->setData(0, RangeStartRole, 0);
        item->setData(0, RangeEndRole, v.toArray().size());
    } else {
        item->setText(1, formatJsonValue(v));
        item->setData(0, FilledRole, true);
    }
    return item;
}

void fillTreeItem(QTreeWidgetItem *item)
{
    if (item->data(0, FilledRole).toBool())
        return;
    item->setData(0, FilledRole, true);
    const QJsonValue v = item->data(0, ValueRole).value<QJsonValue>();
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            addTreeItem(item, it.key(), it.value());
        return;
    }
    const QJsonArray a = v.toArray();
    const qsizetype start = item->data(0, RangeStartRole).toLongLong();
    const qsizetype end = item->data(0, RangeEndRole).toLongLong();
    if (end - start <= RangeSize) {
        for (qsizetype i = start; i < end; ++i)
            addTreeItem(item, QString::number(i), a.at(i));
        return;
    }
    // Ranges of RangeSize, RangeSize², … elements, whichever keeps the children few.
    qsizetype step = RangeSize;
    while ((end - start) / step > RangeSize)
        step *= RangeSize;
    for (qsizetype from = start; from < end; from += step) {
        const qsizetype to = std::min(end, from + step);
        auto *range =
            new QTreeWidgetItem(item, {QStringLiteral("[%1 … %2]").arg(from).arg(to - 1)});
        range->setText(1, QStringLiteral("[%1]").arg(to - from));
        range->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
        range->setData(0, ValueRole, QVariant::fromValue(v));
        range->setData(0, RangeStartRole, from);
        range->setData(0, RangeEndRole, to);
    }
}

QString badges(const QJsonObject &tool)
{
    // Hints from the server, shown as such; never trusted for safety.
    const QJsonObject a = tool.value(QStringLiteral("annotations")).toObject();
    QStringList out;
    if (a.value(QStringLiteral("readOnlyHint")).toBool())
        out << ToolsPanel::tr("read-only");
    if (a.value(QStringLiteral("destructiveHint")).toBool())
        out << ToolsPanel::tr("destructive");
    if (a.value(QStringLiteral("idempotentHint")).toBool())
        out << ToolsPanel::tr("idempotent");
    if (a.value(QStringLiteral("openWorldHint")).toBool())
        out << ToolsPanel::tr("open-world");
    return out.isEmpty()
               ? QString()
               : QStringLiteral("  [") + out.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// The tool's title (or its name), as it reads.
QString toolTitle(const QJsonObject &tool)
{
    return visibleName(tool.value(QStringLiteral("title"))
                           .toString(tool.value(QStringLiteral("name")).toString()));
}

// The tool's hints as small badges, each saying in its tooltip what the hint means.
struct Hint
{
    const char *key;
    const char *badge;
    const char *meaning;
};
const Hint kHints[] = {
    {"readOnlyHint", QT_TRANSLATE_NOOP("ToolsPanel", "read-only"),
     QT_TRANSLATE_NOOP("ToolsPanel", "The server says this tool changes nothing.")},
    {"destructiveHint", QT_TRANSLATE_NOOP("ToolsPanel", "destructive"),
     QT_TRANSLATE_NOOP("ToolsPanel", "The server says this tool may change or delete things; "
                                     "McpDesk asks before running it.")},
    {"idempotentHint", QT_TRANSLATE_NOOP("ToolsPanel", "idempotent"),
     QT_TRANSLATE_NOOP("ToolsPanel", "The server says calling it again with the same arguments "
                                     "changes nothing more.")},
    {"openWorldHint", QT_TRANSLATE_NOOP("ToolsPanel", "open-world"),
     QT_TRANSLATE_NOOP("ToolsPanel", "The server says this tool reaches outside it (the "
                                     "internet, other systems).")},
};
} // namespace

void ToolsPanel::retranslate()
{
    m_search->setPlaceholderText(tr("Search tools"));
    m_search->setAccessibleName(tr("Search tools"));
    m_list->setAccessibleName(tr("Tools"));
    m_json->setAccessibleName(tr("Arguments as JSON"));
    m_inputTabs->setTabText(0, tr("Form"));
    m_inputTabs->setTabText(1, tr("JSON"));
    m_run->setText(tr("Run"));
    m_run->setToolTip(tr("Ctrl+Enter"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Esc"));
    m_tree->setHeaderLabels({tr("Key"), tr("Value")});
    m_resultTabs->setTabText(0, tr("Content"));
    m_resultTabs->setTabText(1, tr("Structured"));
    m_resultTabs->setTabText(2, tr("Log"));
    m_copyJson->setText(tr("Copy as JSON"));
    m_copyCli->setText(tr("Copy as mcpdesk-cli command"));
    m_saveText->setText(tr("Save text…"));
    m_plain->setAccessibleName(tr("Result text"));
    // The annotation tags ("read-only", …) are words too.
    for (int i = 0; i < m_list->count() && i < m_tools.size(); ++i)
        m_list->item(i)->setText(
            visibleName(m_tools.at(i).toObject().value(QStringLiteral("name")).toString()) +
            badges(m_tools.at(i).toObject()));
    if (!m_tool.isEmpty())
        showHeader(); // the badges' words and tooltips too
}

void ToolsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

ToolsPanel::ToolsPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("toolsPanel"));
    auto *split = new QSplitter(this);
    auto *left = new QWidget(split);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("toolSearch"));
    m_search->setClearButtonEnabled(true);
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("toolList"));
    m_list->setUniformItemSizes(true); // one line each: thousands of tools lay out at once
    ll->addWidget(m_search);
    ll->addWidget(m_list);

    auto *right = new QWidget(split);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    m_title = plainLabel(new QLabel(right));
    m_title->setObjectName(QStringLiteral("toolTitle"));
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    // The description as the Markdown servers write it (raw HTML as text, images and
    // links only on the person's word), as tall as it needs up to a few lines.
    m_description = new ServerTextView(right);
    m_description->setObjectName(QStringLiteral("toolDescription"));
    m_description->setFrameShape(QFrame::NoFrame);
    m_description->viewport()->setAutoFillBackground(false);
    m_description->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_description->setTabChangesFocus(true); // Tab goes on to the form, not into the text
    // The title with the tool's hints as badges beside it, its full name below.
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    m_badges = new QHBoxLayout;
    m_badges->setSpacing(4);
    header->addLayout(m_badges);
    rl->addLayout(header);
    m_name = plainLabel(new QLabel(right));
    m_name->setObjectName(QStringLiteral("toolName"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name->setWordWrap(true);
    rl->addWidget(m_name);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rl->addWidget(m_description);
    m_inputTabs = new QTabWidget(right);
    m_inputTabs->setObjectName(QStringLiteral("inputTabs"));
    m_formArea = new QScrollArea(m_inputTabs);
    m_formArea->setWidgetResizable(true);
    m_json = new QPlainTextEdit(m_inputTabs);
    m_json->setObjectName(QStringLiteral("argumentsJson"));
    m_inputTabs->addTab(m_formArea, QString());
    m_inputTabs->addTab(m_json, QString());
    rl->addWidget(m_inputTabs, 2);
    auto *buttons = new QHBoxLayout;
    m_run = new QPushButton(right);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel = new QPushButton(right);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(right);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->hide();
    m_progressMessage = plainLabel(new QLabel(right));
    m_progressMessage->setObjectName(QStringLiteral("progressMessage"));
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_progressMessage);
    rl->addLayout(buttons);
    m_status = plainLabel(new QLabel(right));
    m_status->setObjectName(QStringLiteral("resultStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rl->addWidget(m_status);
    auto *resultTabs = m_resultTabs = new QTabWidget(right);
    resultTabs->setObjectName(QStringLiteral("resultTabs"));
    auto *content = new QWidget(resultTabs);
    auto *cl = new QVBoxLayout(content);
    cl->setContentsMargins(0, 0, 0, 0);
    m_text = new ServerTextView(content); // links are resources of the server: read here
    m_text->setObjectName(QStringLiteral("resultText"));
    m_plain = new QPlainTextEdit(content);
    m_plain->setObjectName(QStringLiteral("resultPlainText"));
    m_plain->setReadOnly(true);
    m_plain->setUndoRedoEnabled(false);
    m_plain->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_plain->hide();
    m_mediaBox = new QWidget(content);
    m_media = new QVBoxLayout(m_mediaBox);
    m_media->setContentsMargins(0, 0, 0, 0);
    cl->addWidget(m_text, 1);
    cl->addWidget(m_plain, 1);
    cl->addWidget(m_mediaBox);
    auto *structured = new QWidget(resultTabs);
    auto *sl = new QVBoxLayout(structured);
    sl->setContentsMargins(0, 0, 0, 0);
    m_schemaCheck = plainLabel(new QLabel(structured));
    m_schemaCheck->setObjectName(QStringLiteral("schemaCheck"));
    m_schemaCheck->setWordWrap(true);
    m_tree = new QTreeWidget(structured);
    m_tree->setObjectName(QStringLiteral("structuredTree"));
    connect(m_tree, &QTreeWidget::itemExpanded, this,
            [](QTreeWidgetItem *item) { fillTreeItem(item); });
    sl->addWidget(m_schemaCheck);
    sl->addWidget(m_tree);
    m_logs = new QListWidget(resultTabs);
    m_logs->setObjectName(QStringLiteral("logList"));
    resultTabs->addTab(content, QString());
    resultTabs->addTab(structured, QString());
    resultTabs->addTab(m_logs, QString());
    rl->addWidget(resultTabs, 3);
    auto *copyRow = new QHBoxLayout;
    m_copyJson = new QPushButton(right);
    m_copyJson->setObjectName(QStringLiteral("copyJsonButton"));
    m_copyCli = new QPushButton(right);
    m_copyCli->setObjectName(QStringLiteral("copyCliButton"));
    copyRow->addWidget(m_copyJson);
    copyRow->addWidget(m_copyCli);
    m_saveText = new QPushButton(right);
    m_saveText->setObjectName(QStringLiteral("saveTextButton"));
    m_saveText->hide();
    copyRow->addWidget(m_saveText);
    copyRow->addStretch();
    rl->addLayout(copyRow);
    split->addWidget(left);
    split->addWidget(right);
    split->setObjectName(QStringLiteral("toolsSplitter"));
    split->setStretchFactor(1, 1);
    split->setSizes({240, 600});
    // Where the person left the divider, in every window from now on.
    split->restoreState(QSettings().value(QStringLiteral("tools/splitter")).toByteArray());
    connect(split, &QSplitter::splitterMoved, this, [split] {
        QSettings().setValue(QStringLiteral("tools/splitter"), split->saveState());
    });
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(split);
    retranslate();

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) {
        for (int i = 0; i < m_list->count(); ++i)
            m_list->item(i)->setHidden(
                !m_list->item(i)->text().contains(t, Qt::CaseInsensitive) &&
                !m_list->item(i)->toolTip().contains(t, Qt::CaseInsensitive));
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_tools.size())
            showTool(m_tools.at(row).toObject());
    });
    connect(m_run, &QPushButton::clicked, this, &ToolsPanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &ToolsPanel::cancel);
    // From the search field, Down or Return goes to the list (its first match).
    m_search->installEventFilter(this);
    auto *runKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(runKey, &QShortcut::activated, this, &ToolsPanel::run);
    auto *cancelKey = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(cancelKey, &QShortcut::activated, this, &ToolsPanel::cancel);
    connect(m_json, &QPlainTextEdit::textChanged, this, &ToolsPanel::syncFormFromJson);
    // A resource link in a result: read it from the server and show its contents.
    connect(m_text, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (!m_session)
            return;
        RpcReply *r = m_session->readResource(url.toString());
        connect(r, &RpcReply::finished, this, [this, r, url] {
            QString text = QStringLiteral("### %1\n\n").arg(url.toString());
            if (!r->isOk()) {
                text += r->error().message;
            } else {
                for (const QJsonValue &c :
                     r->result().toObject().value(QStringLiteral("contents")).toArray()) {
                    const QJsonObject o = c.toObject();
                    text += o.contains(QStringLiteral("text"))
                                ? QStringLiteral("```\n%1\n```\n")
                                      .arg(o.value(QStringLiteral("text")).toString())
                                : QStringLiteral("`[blob %1 %2]`\n")
                                      .arg(o.value(QStringLiteral("mimeType")).toString(),
                                           formatByteSize(decodedBase64Size(
                                               o.value(QStringLiteral("blob")).toString())));
                }
            }
            m_text->setServerMarkdown(m_text->toMarkdown() + QStringLiteral("\n") + text);
        });
    });
    connect(m_saveText, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save text"), QStringLiteral("result.txt"));
        if (path.isEmpty())
            return;
        QSaveFile file(path);
        const QByteArray bytes = m_largeText.toUtf8();
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            QMessageBox::warning(this, tr("Save text"),
                                 tr("Could not save “%1”: %2").arg(path, file.errorString()));
    });
    connect(m_copyJson, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(
            QString::fromUtf8(QJsonDocument(m_lastResult).toJson(QJsonDocument::Indented)));
    });
    connect(m_copyCli, &QPushButton::clicked, this, [this] {
        // Every part quoted: the tool's name and the target come from elsewhere, and
        // the command is meant to be pasted into a shell.
        const QString args = QString::fromUtf8(
            QJsonDocument(m_form ? m_form->value() : QJsonObject()).toJson(QJsonDocument::Compact));
        QGuiApplication::clipboard()->setText(
            QStringLiteral("mcpdesk-cli call %1 %2 --args %3")
                .arg(shellQuote(m_target),
                     shellQuote(m_tool.value(QStringLiteral("name")).toString()),
                     shellQuote(args)));
    });
}

void ToolsPanel::setSession(McpSession *session, const QString &target)
{
    if (m_session == session)
        return;
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    m_target = target;
    m_list->clear();
    m_tools = QJsonArray();
    if (!session)
        return;
    connect(session, &McpSession::toolsChanged, this, [this] {
        m_tools = m_session->tools();
        reloadTools();
    });
    connect(session, &McpSession::logMessage, this,
            [this](const QString &level, const QString &logger, const QJsonValue &logData) {
                m_logs->addItem(visibleField(QStringLiteral("%1 %2%3").arg(
                    level, logger.isEmpty() ? QString() : logger + QStringLiteral(": "),
                    formatJsonValue(logData))));
            });
    if (session->state() == ServerState::Connected && session->hasTools()) {
        // Listed already (and kept current on list_changed): no second request.
        m_tools = session->tools();
        reloadTools();
    } else if (session->state() == ServerState::Connected) {
        RpcReply *r = session->listTools();
        connect(r, &RpcReply::finished, this, [this, r, asked = QPointer<McpSession>(session)] {
            // The answer for a server that is no longer shown changes nothing.
            if (r->isOk() && asked && m_session == asked) {
                m_tools = r->result().toArray();
                reloadTools();
            }
        });
    }
}

void ToolsPanel::reloadTools()
{
    // The list came again (list_changed): keep what the user is filling in when
    // their tool did not change.
    const QString keep = m_tool.value(QStringLiteral("name")).toString();
    const QSignalBlocker quiet(m_list);
    m_list->clear();
    for (const QJsonValue &v : m_tools) {
        const QJsonObject t = v.toObject();
        auto *item = new QListWidgetItem(
            visibleName(t.value(QStringLiteral("name")).toString()) + badges(t), m_list);
        item->setToolTip(plainToolTip(t.value(QStringLiteral("description")).toString()));
        item->setData(Qt::UserRole, t.value(QStringLiteral("name")).toString());
        IconLoader::showIn(m_list, t, m_session ? m_session->serverUrl() : QUrl());
    }
    if (keep.isEmpty())
        return;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() != keep)
            continue;
        m_list->setCurrentRow(i);
        if (!jsonEqual(m_tools.at(i), m_tool))
            showTool(m_tools.at(i).toObject());
        return;
    }
}

void ToolsPanel::selectTool(const QString &name)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == name)
            m_list->setCurrentRow(i);
}

bool ToolsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) {
            m_list->setFocus(Qt::ShortcutFocusReason);
            if (!m_list->currentItem() || m_list->currentItem()->isHidden())
                for (int i = 0; i < m_list->count(); ++i)
                    if (!m_list->item(i)->isHidden()) {
                        m_list->setCurrentRow(i);
                        break;
                    }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ToolsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitDescription(); // the same text wraps into more or fewer lines
}

void ToolsPanel::fitDescription()
{
    // As tall as its text at the current width, from one line to six (it scrolls past).
    QTextDocument *doc = m_description->document();
    doc->setTextWidth(m_description->viewport()->width());
    const int line = m_description->fontMetrics().lineSpacing();
    const int text = int(std::ceil(doc->size().height()));
    const int frame = 2 * m_description->frameWidth();
    m_description->setFixedHeight(
        m_description->toPlainText().isEmpty() ? 0 : std::clamp(text, line, line * 6) + frame);
}

void ToolsPanel::showTool(const QJsonObject &tool)
{
    m_tool = tool;
    showHeader();
    m_description->setServerMarkdown(tool.value(QStringLiteral("description")).toString());
    fitDescription();
    m_form = new ToolForm(tool.value(QStringLiteral("inputSchema")).toObject());
    m_formArea->setWidget(m_form); // deletes the previous form
    connect(m_form, &ToolForm::changed, this, &ToolsPanel::syncJsonFromForm);
    syncJsonFromForm();
    // Tab goes from the tool list through the form's fields to Run (made after the
    // rest of the panel, the fields would otherwise come last).
    QWidget *previous = m_list;
    const auto fields = m_form->findChildren<QWidget *>();
    for (QWidget *field : fields)
        if (field->focusPolicy() & Qt::TabFocus) {
            setTabOrder(previous, field);
            previous = field;
        }
    setTabOrder(previous, m_run);
}

void ToolsPanel::showHeader()
{
    const QJsonObject &tool = m_tool;
    m_title->setText(toolTitle(tool));
    const QString name = visibleName(tool.value(QStringLiteral("name")).toString());
    m_name->setText(name == m_title->text() ? QString() : name);
    m_name->setVisible(!m_name->text().isEmpty());
    while (QLayoutItem *item = m_badges->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QJsonObject hints = tool.value(QStringLiteral("annotations")).toObject();
    for (const Hint &h : kHints) {
        if (!hints.value(QLatin1String(h.key)).toBool())
            continue;
        auto *badge = new QLabel(tr(h.badge), m_title->parentWidget());
        badge->setObjectName(QStringLiteral("badge_") + QLatin1String(h.key));
        badge->setToolTip(tr(h.meaning));
        // A chip in the palette's own colours (light or dark alike).
        badge->setStyleSheet(QStringLiteral("QLabel { border: 1px solid palette(mid); "
                                            "border-radius: 6px; padding: 0 5px; }"));
        m_badges->addWidget(badge);
    }
}

void ToolsPanel::syncJsonFromForm()
{
    if (m_syncing || !m_form)
        return;
    m_syncing = true;
    m_json->setPlainText(
        QString::fromUtf8(QJsonDocument(m_form->value()).toJson(QJsonDocument::Indented)));
    m_syncing = false;
}

void ToolsPanel::syncFormFromJson()
{
    if (m_syncing || !m_form)
        return;
    const QJsonDocument doc = QJsonDocument::fromJson(m_json->toPlainText().toUtf8());
    if (!doc.isObject())
        return; // still being typed
    m_syncing = true;
    m_form->setValue(doc.object());
    m_syncing = false;
}

void ToolsPanel::run()
{
    if (!m_session || !m_form || m_call || m_tool.isEmpty())
        return;
    if (!m_form->validate()) {
        m_status->setText(
            tr("Check the arguments: %1").arg(m_form->errors().join(QStringLiteral("; "))));
        m_status->setStyleSheet(QStringLiteral("color: #cf222e"));
        return;
    }
    const QJsonObject args = m_form->value();
    if (m_tool.value(QStringLiteral("annotations"))
            .toObject()
            .value(QStringLiteral("destructiveHint"))
            .toBool()) {
        const auto answer = QMessageBox::question(
            this, tr("Run a destructive tool?"),
            tr("“%1” says it may change or delete things. Run it with these arguments?\n\n%2")
                .arg(m_tool.value(QStringLiteral("name")).toString(),
                     QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Indented))));
        if (answer != QMessageBox::Yes)
            return;
    }
    ++m_generation; // stops the filling of an earlier large result
    m_largeText.clear();
    m_plain->clear();
    m_plain->hide();
    m_saveText->hide();
    m_text->show();
    m_text->setServerText(QString());
    m_tree->clear();
    m_schemaCheck->clear();
    m_logs->clear();
    while (QLayoutItem *item = m_media->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Running…"));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_progressMessage->clear();
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_clock.start();
    m_call = m_session->callTool(m_tool.value(QStringLiteral("name")).toString(), args);
    RpcReply *call = m_call;
    connect(call, &RpcReply::progress, this,
            [this](double progress, double total, const QString &message) {
                if (!std::isnan(total) && total > 0) {
                    m_progress->setRange(0, 1000);
                    m_progress->setValue(int(progress / total * 1000));
                }
                m_progressMessage->setText(visibleField(message));
            });
    connect(call, &RpcReply::waitingForAnswer, this, [this](bool waiting) {
        // The server asked something in a window of its own: the call goes on once
        // it is answered (or ends with Cancel here, which closes that window).
        m_status->setText(waiting ? tr("Waiting for your answer in the server's window…")
                                  : tr("Running…"));
        m_progress->setVisible(!waiting);
    });
    const QString toolName = m_tool.value(QStringLiteral("name")).toString();
    const QDateTime startedAt = QDateTime::currentDateTime();
    connect(call, &RpcReply::finished, this, [this, call, toolName, args, startedAt] {
        m_call = nullptr;
        m_run->setEnabled(true);
        m_cancel->setEnabled(false);
        m_progress->hide();
        if (m_history)
            m_history->add(
                m_target, toolName, args, call->isOk() ? call->result().toObject() : QJsonObject(),
                call->isOk() ? QString() : call->error().message, startedAt, m_clock.elapsed());
        if (call->isOk()) {
            showResult(call->result().toObject(), false, QString());
        } else if (const McpError &e = call->error();
                   e.isRpcError && e.rpcCode == UrlElicitationRequired) {
            // The server needs the user to visit a page first (MCP 2025-11-25): asked
            // for with consent; the call is run again by the user afterwards.
            showResult(QJsonObject(), true, e.message);
            m_status->setText(tr("The server needs you to open a web page first; then Run again."));
            const QJsonArray pages =
                e.rpcData.toObject().value(QStringLiteral("elicitations")).toArray();
            for (const QJsonValue &page : pages)
                if (page.toObject().value(QStringLiteral("mode")).toString() ==
                    QLatin1String("url"))
                    emit urlElicitationRequired(page.toObject());
        } else {
            showResult(QJsonObject(), true, call->error().message);
        }
    });
}

void ToolsPanel::runWith(const QString &tool, const QJsonObject &arguments, bool runNow)
{
    selectTool(tool);
    if (m_tool.value(QStringLiteral("name")).toString() != tool) {
        m_status->setText(tr("“%1” is not offered by this server any more.").arg(tool));
        m_status->setStyleSheet(QStringLiteral("color: #cf222e"));
        return;
    }
    m_form->setValue(arguments);
    syncJsonFromForm();
    if (runNow) {
        run();
    } else {
        m_status->setStyleSheet(QString());
        m_status->setText(tr("Some values were masked when the call was kept (they looked secret): "
                             "fill them in, then Run."));
    }
}

void ToolsPanel::cancel()
{
    if (m_call)
        m_call->cancel(tr("Cancelled in McpDesk"));
}

void ToolsPanel::showLargeText(const QString &text)
{
    m_text->hide();
    m_plain->show();
    m_saveText->show();
    m_largeText = text;
    m_largePos = 0;
    m_lineLength = 0;
    m_brokenLines = 0;
    const int generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] { fillLargeText(generation); });
}

void ToolsPanel::fillLargeText(int generation)
{
    if (generation != m_generation)
        return;
    // Slices of SliceChars, until about SliceMs have passed; then back to the event loop.
    constexpr qsizetype SliceChars = 16 * 1024;
    constexpr qint64 SliceMs = 8;
    QElapsedTimer clock;
    clock.start();
    QTextCursor cursor(m_plain->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    QString slice;
    while (m_largePos < m_largeText.size() && clock.elapsed() < SliceMs) {
        const qsizetype end = std::min(m_largeText.size(), m_largePos + SliceChars);
        slice.clear();
        for (qsizetype i = m_largePos; i < end; ++i) {
            const QChar c = m_largeText.at(i);
            if (c == QLatin1Char('\n')) {
                m_lineLength = 0;
            } else if (++m_lineLength > LongLine) {
                slice += QLatin1Char('\n');
                m_lineLength = 1;
                ++m_brokenLines;
            }
            slice += c;
        }
        cursor.insertText(slice);
        m_largePos = end;
    }
    cursor.endEditBlock();
    if (m_largePos < m_largeText.size()) {
        QTimer::singleShot(0, this, [this, generation] { fillLargeText(generation); });
        return;
    }
    QString note = tr("Large result (%1 characters): shown as plain text.")
                       .arg(QLocale().toString(m_largeText.size()));
    if (m_brokenLines > 0)
        note += QLatin1Char(' ') +
                tr("%n line break(s) were added for display only; Save text… keeps the exact text.",
                   nullptr, int(std::min<qsizetype>(m_brokenLines, INT_MAX)));
    m_status->setText(m_status->text() + QLatin1Char(' ') + note);
}

void ToolsPanel::showResult(const QJsonObject &result, bool failed, const QString &errorText)
{
    m_lastResult = result;
    const QString elapsed = tr("%1 s").arg(m_clock.elapsed() / 1000.0, 0, 'f', 2);
    if (failed) {
        m_status->setText(tr("Failed after %1: %2").arg(elapsed, errorText));
        m_status->setStyleSheet(QStringLiteral("color: #cf222e"));
        return;
    }
    const bool isError = result.value(QStringLiteral("isError")).toBool();
    m_status->setText(isError ? tr("The tool reported an error (%1).").arg(elapsed)
                              : tr("Done in %1.").arg(elapsed));
    m_status->setStyleSheet(isError ? QStringLiteral("color: #cf222e") : QString());
    QStringList parts; // Markdown, one part per content item
    for (const QJsonValue &v : result.value(QStringLiteral("content")).toArray()) {
        const QJsonObject item = v.toObject();
        const QString type = item.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("text")) {
            parts += item.value(QStringLiteral("text")).toString();
        } else if (type == QLatin1String("image")) {
            QImage image;
            image.loadFromData(
                QByteArray::fromBase64(item.value(QStringLiteral("data")).toString().toLatin1()));
            auto *label = new QLabel(m_mediaBox);
            label->setObjectName(QStringLiteral("resultImage"));
            label->setPixmap(QPixmap::fromImage(image));
            label->setToolTip(plainToolTip(formatContentItem(item)));
            m_media->addWidget(label);
        } else if (type == QLatin1String("audio")) {
            // Audio: named, and saved on request (no player is bundled).
            const QByteArray audio =
                QByteArray::fromBase64(item.value(QStringLiteral("data")).toString().toLatin1());
            const QString mime = item.value(QStringLiteral("mimeType")).toString();
            auto *save =
                new QPushButton(tr("Save audio (%1)…").arg(formatContentItem(item)), m_mediaBox);
            save->setObjectName(QStringLiteral("saveAudioButton"));
            connect(save, &QPushButton::clicked, this, [this, audio, mime] {
                const QString ext =
                    mime.section(QLatin1Char('/'), 1).section(QLatin1Char(';'), 0, 0);
                const QString path = QFileDialog::getSaveFileName(this, tr("Save audio"),
                                                                  QStringLiteral("audio.") + ext);
                QSaveFile f(path);
                if (!path.isEmpty() && f.open(QIODevice::WriteOnly) &&
                    f.write(audio) == audio.size())
                    f.commit();
            });
            m_media->addWidget(save);
        } else if (type == QLatin1String("resource_link")) {
            // A link the user can open: the resource is read from the server.
            parts += QStringLiteral("[%1](%2)")
                         .arg(formatContentItem(item).toHtmlEscaped(),
                              item.value(QStringLiteral("uri")).toString());
        } else {
            // embedded resources and anything else: named, with type and size.
            parts += QStringLiteral("`%1`").arg(formatContentItem(item));
            const QJsonObject res = item.value(QStringLiteral("resource")).toObject();
            if (res.contains(QStringLiteral("text")))
                parts += QStringLiteral("```\n%1\n```")
                             .arg(res.value(QStringLiteral("text")).toString());
        }
    }
    // One part (the usual case) is taken as it is: joining copies it, and a 20 MB
    // text costs about 25 ms to copy.
    const QString markdown = parts.size() == 1 ? parts.first() : parts.join(QStringLiteral("\n\n"));
    if (markdown.size() > LargeText)
        showLargeText(markdown);
    else
        m_text->setServerMarkdown(markdown);
    if (result.contains(QStringLiteral("structuredContent"))) {
        QTreeWidgetItem *top =
            addTreeItem(m_tree->invisibleRootItem(), QStringLiteral("structuredContent"),
                        result.value(QStringLiteral("structuredContent")));
        // Open two levels, as far as they are small.
        fillTreeItem(top);
        top->setExpanded(true);
        for (int i = 0; i < top->childCount(); ++i) {
            if (top->child(i)->childIndicatorPolicy() == QTreeWidgetItem::ShowIndicator &&
                top->child(i)->data(0, RangeEndRole).toLongLong() <= RangeSize) {
                fillTreeItem(top->child(i));
                top->child(i)->setExpanded(true);
            }
        }
        const QJsonObject outputSchema = m_tool.value(QStringLiteral("outputSchema")).toObject();
        if (!outputSchema.isEmpty()) {
            const auto errors = SchemaValidator(outputSchema)
                                    .validate(result.value(QStringLiteral("structuredContent")));
            QStringList lines;
            for (const auto &e : errors)
                lines << (e.path.isEmpty() ? e.message : e.path + QStringLiteral(": ") + e.message);
            m_schemaCheck->setText(errors.isEmpty()
                                       ? tr("Matches the tool's output schema.")
                                       : tr("Does not match the tool's output schema: %1")
                                             .arg(lines.join(QStringLiteral("; "))));
            m_schemaCheck->setStyleSheet(errors.isEmpty() ? QString()
                                                          : QStringLiteral("color: #cf222e"));
        }
    }
}

} // namespace mcpdesk
