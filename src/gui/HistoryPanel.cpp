// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "HistoryPanel.h"

#include "ServerText.h"
#include "util/VisibleText.h"

#include "history/CallHistory.h"
#include "protocol/ContentFormat.h"
#include "util/Format.h"

#include <QDialog>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBlock>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace mcpdesk {

namespace {
QString prettyResult(const CallHistory::Call &c)
{
    if (!c.error.isEmpty())
        return HistoryPanel::tr("Failed: %1").arg(c.error);
    return QString::fromUtf8(QJsonDocument(c.result).toJson(QJsonDocument::Indented));
}

// Which lines of `a` and `b` are not shared (a longest common subsequence of lines);
// long inputs are compared line by line instead.
void diffLines(const QStringList &a, const QStringList &b, QList<bool> *changedA,
               QList<bool> *changedB)
{
    *changedA = QList<bool>(a.size(), true);
    *changedB = QList<bool>(b.size(), true);
    if (qint64(a.size()) * b.size() > 4'000'000) {
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i)
            (*changedA)[i] = (*changedB)[i] = a.at(i) != b.at(i);
        return;
    }
    const qsizetype n = a.size(), m = b.size();
    std::vector<std::vector<int>> l(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            l[i][j] = a.at(i) == b.at(j) ? l[i + 1][j + 1] + 1 : std::max(l[i + 1][j], l[i][j + 1]);
    for (qsizetype i = 0, j = 0; i < n && j < m;) {
        if (a.at(i) == b.at(j)) {
            (*changedA)[i++] = false;
            (*changedB)[j++] = false;
        } else if (l[i + 1][j] >= l[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
}

void markLines(QPlainTextEdit *edit, const QList<bool> &changed)
{
    QList<QTextEdit::ExtraSelection> marks;
    QTextBlock block = edit->document()->firstBlock();
    for (qsizetype i = 0; block.isValid() && i < changed.size(); ++i, block = block.next()) {
        if (!changed.at(i))
            continue;
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(block);
        sel.format.setBackground(QColor(255, 235, 150));
        sel.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << sel;
    }
    edit->setExtraSelections(marks);
}
} // namespace

HistoryPanel::HistoryPanel(CallHistory *history, QWidget *parent)
    : QWidget(parent), m_history(history)
{
    setObjectName(QStringLiteral("historyPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(this);
    m_list = new QListWidget(split);
    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_detail = new ServerTextView(split);
    m_detail->setObjectName(QStringLiteral("historyDetail"));
    split->addWidget(m_list);
    split->addWidget(m_detail);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 520});
    layout->addWidget(split, 1);
    auto *row = new QHBoxLayout;
    m_rerun = new QPushButton(this);
    m_rerun->setObjectName(QStringLiteral("rerunButton"));
    m_compare = new QPushButton(this);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_clear = new QPushButton(this);
    m_clear->setObjectName(QStringLiteral("clearHistoryButton"));
    m_hint = plainLabel(new QLabel(this));
    m_hint->setObjectName(QStringLiteral("historyHint"));
    m_hint->setWordWrap(true);
    row->addWidget(m_rerun);
    row->addWidget(m_compare);
    row->addWidget(m_hint, 1);
    row->addWidget(m_clear);
    layout->addLayout(row);
    retranslate();

    connect(m_list, &QListWidget::itemSelectionChanged, this, &HistoryPanel::showSelected);
    connect(m_rerun, &QPushButton::clicked, this, [this] {
        const auto items = m_list->selectedItems();
        const CallHistory::Call *c =
            m_history && items.size() == 1
                ? m_history->find(items.first()->data(Qt::UserRole).toString())
                : nullptr;
        if (c)
            emit rerunRequested(c->tool, c->arguments, c->argumentsMasked());
    });
    connect(m_list, &QListWidget::itemDoubleClicked, m_rerun, &QPushButton::click);
    connect(m_compare, &QPushButton::clicked, this, &HistoryPanel::compareSelected);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        if (!m_history || m_serverId.isEmpty())
            return;
        if (QMessageBox::question(this, tr("Clear history"),
                                  tr("Forget every call made to this server?")) == QMessageBox::Yes)
            m_history->clear(m_serverId);
    });
    if (m_history)
        connect(m_history, &CallHistory::changed, this, [this](const QString &id) {
            if (id == m_serverId)
                reload();
        });
}

void HistoryPanel::retranslate()
{
    m_list->setAccessibleName(tr("Calls"));
    m_rerun->setText(tr("Run again"));
    m_compare->setText(tr("Compare"));
    m_compare->setToolTip(tr("Pick two calls (Ctrl+click) to compare their results"));
    m_clear->setText(tr("Clear history"));
    reload();
}

void HistoryPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HistoryPanel::setServer(const QString &serverId)
{
    if (serverId == m_serverId)
        return;
    m_serverId = serverId;
    reload();
}

void HistoryPanel::reload()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    if (m_history) {
        const QDate today = QDate::currentDate();
        for (const CallHistory::Call &c : m_history->calls(m_serverId)) {
            const QString when =
                c.startedAt.date() == today
                    ? QLocale().toString(c.startedAt.time(), QStringLiteral("HH:mm:ss"))
                    : QLocale().toString(c.startedAt, QLocale::ShortFormat);
            const bool failed =
                !c.error.isEmpty() || c.result.value(QStringLiteral("isError")).toBool();
            auto *item = new QListWidgetItem(
                QStringLiteral("%1  %2  %3  %4")
                    .arg(when, failed ? QStringLiteral("✗") : QStringLiteral("✓"),
                         visibleName(c.tool), tr("%1 ms").arg(c.durationMs)),
                m_list);
            item->setData(Qt::UserRole, c.id);
            if (failed)
                item->setForeground(QColor(0xcf, 0x22, 0x2e));
        }
    }
    showSelected();
    if (m_history && !m_history->lastError().isEmpty())
        m_hint->setText(m_history->lastError());
}

void HistoryPanel::showSelected()
{
    const auto items = m_list->selectedItems();
    m_rerun->setEnabled(items.size() == 1);
    m_compare->setEnabled(items.size() == 2);
    if (items.size() != 1 || !m_history) {
        m_detail->setServerText(QString());
        return;
    }
    const CallHistory::Call *c = m_history->find(items.first()->data(Qt::UserRole).toString());
    if (!c)
        return;
    QString md =
        QStringLiteral("### %1\n\n%2 · %3\n\n")
            .arg(visibleName(c->tool), QLocale().toString(c->startedAt, QLocale::LongFormat),
                 tr("%1 ms").arg(c->durationMs));
    md += QStringLiteral("**%1**\n\n```\n%2\n```\n\n")
              .arg(tr("Arguments"),
                   QString::fromUtf8(QJsonDocument(c->arguments).toJson(QJsonDocument::Indented)));
    if (c->argumentsMasked())
        md += tr("Values that looked secret were masked; Run again asks for them.") +
              QStringLiteral("\n\n");
    md += QStringLiteral("**%1**\n\n").arg(tr("Result"));
    if (!c->error.isEmpty())
        md += tr("Failed: %1").arg(c->error);
    else
        md += QStringLiteral("```\n%1\n```").arg(formatToolResult(c->result));
    if (c->resultTruncated)
        md += QStringLiteral("\n\n") + tr("The result was %1; only its beginning was kept.")
                                           .arg(formatByteSize(c->resultBytes));
    m_detail->setServerMarkdown(md);
}

QDialog *HistoryPanel::compareSelected()
{
    const auto items = m_list->selectedItems();
    if (items.size() != 2 || !m_history)
        return nullptr;
    // Older on the left.
    const CallHistory::Call *a = m_history->find(items.at(0)->data(Qt::UserRole).toString());
    const CallHistory::Call *b = m_history->find(items.at(1)->data(Qt::UserRole).toString());
    if (!a || !b)
        return nullptr;
    if (a->startedAt > b->startedAt)
        std::swap(a, b);
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("compareDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Compare results"));
    auto *layout = new QHBoxLayout(dialog);
    const QStringList left = prettyResult(*a).split(QLatin1Char('\n'));
    const QStringList right = prettyResult(*b).split(QLatin1Char('\n'));
    QList<bool> changedLeft, changedRight;
    diffLines(left, right, &changedLeft, &changedRight);
    int differences = 0;
    for (const auto &[call, lines, changed, name] :
         {std::tuple{a, left, changedLeft, "compareLeft"},
          std::tuple{b, right, changedRight, "compareRight"}}) {
        auto *column = new QVBoxLayout;
        auto *title =
            new QLabel(QStringLiteral("<b>%1</b> · %2")
                           .arg(visibleName(call->tool).toHtmlEscaped(),
                                QLocale().toString(call->startedAt, QLocale::ShortFormat)),
                       dialog);
        auto *edit = new QPlainTextEdit(dialog);
        edit->setObjectName(QLatin1String(name));
        edit->setReadOnly(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setPlainText(lines.join(QLatin1Char('\n')));
        markLines(edit, changed);
        differences += int(std::count(changed.begin(), changed.end(), true));
        column->addWidget(title);
        column->addWidget(edit, 1);
        layout->addLayout(column, 1);
    }
    dialog->setProperty("differentLines", differences);
    dialog->resize(900, 560);
    dialog->show();
    return dialog;
}

} // namespace mcpdesk
