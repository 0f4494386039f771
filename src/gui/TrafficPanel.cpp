// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "TrafficPanel.h"

#include "ServerText.h"
#include "util/Redaction.h"
#include "util/VisibleText.h"

#include "protocol/TrafficLog.h"

#include <QAbstractTableModel>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace mcpdesk {

// The log as a table: time, direction, method, a one-line summary.
class TrafficModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;
    enum Column { Time, Direction, Method, Summary, ColumnCount };
    static constexpr int DirectionRole = Qt::UserRole;

    void setLog(TrafficLog *log)
    {
        beginResetModel();
        if (m_log)
            m_log->disconnect(this);
        m_log = log;
        if (m_log) {
            connect(m_log, &TrafficLog::entryAboutToBeAdded, this, [this] {
                const int row = int(m_log->size());
                beginInsertRows({}, row, row);
            });
            connect(m_log, &TrafficLog::entryAdded, this, [this] { endInsertRows(); });
            connect(m_log, &TrafficLog::entriesAboutToBeDropped, this,
                    [this](qsizetype n) { beginRemoveRows({}, 0, int(n) - 1); });
            connect(m_log, &TrafficLog::entriesDropped, this, [this] { endRemoveRows(); });
            connect(m_log, &TrafficLog::cleared, this, [this] {
                beginResetModel();
                endResetModel();
            });
        }
        endResetModel();
    }
    TrafficLog *log() const { return m_log; }

    int rowCount(const QModelIndex &parent) const override
    {
        return parent.isValid() || !m_log ? 0 : int(m_log->size());
    }
    int columnCount(const QModelIndex &parent) const override
    {
        return parent.isValid() ? 0 : ColumnCount;
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!m_log || index.row() >= m_log->size())
            return {};
        const TrafficLog::Entry &e = m_log->at(index.row());
        if (role == DirectionRole)
            return int(e.direction);
        if (role == Qt::ToolTipRole && index.column() == Summary)
            return plainToolTip(summary(e, 2000));
        if (role != Qt::DisplayRole)
            return {};
        switch (index.column()) {
        case Time:
            return e.time.toString(QStringLiteral("HH:mm:ss.zzz"));
        case Direction:
            return directionText(e.direction);
        case Method:
            return visibleField(e.method);
        case Summary:
            return visibleField(summary(e, 300));
        }
        return {};
    }
    QVariant headerData(int section, Qt::Orientation o, int role) const override
    {
        if (o != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case Time:
            return TrafficPanel::tr("Time");
        case Direction:
            return TrafficPanel::tr("Direction");
        case Method:
            return TrafficPanel::tr("Method");
        case Summary:
            return TrafficPanel::tr("Message");
        }
        return {};
    }
    static QString directionText(TrafficLog::Direction d)
    {
        switch (d) {
        case TrafficLog::Direction::Sent:
            return TrafficPanel::tr("→ sent");
        case TrafficLog::Direction::Received:
            return TrafficPanel::tr("← received");
        case TrafficLog::Direction::Http:
            return TrafficPanel::tr("HTTP");
        case TrafficLog::Direction::Stderr:
            return TrafficPanel::tr("stderr");
        }
        return {};
    }
    // Its first `chars` characters on one line, for each paint: of a message, no more
    // of its text is read (and inflated) than that.
    static QString summary(const TrafficLog::Entry &e, qsizetype chars)
    {
        if (!e.text.isEmpty())
            return QString(e.text.left(chars)).replace(QLatin1Char('\n'), QStringLiteral("  "));
        if (!e.large.isEmpty()) // not written out again for each paint: its outline and size
            return TrafficPanel::tr("%1 (%2 MB; select it to see all of it)")
                .arg(outline(e.large))
                .arg(double(e.bytes) / (1024 * 1024), 0, 'f', 1)
                .left(chars);
        // Enough UTF-8 for `chars` UTF-16 units, and a sequence it may end inside.
        const QString text = QString::fromUtf8(e.compactJsonHead(chars * 3 + 3));
        return text.size() > chars ? text.left(chars) : text;
    }
    // {"id":7,"jsonrpc":"2.0","result":{…}}: the top level, nested values elided, masked.
    static QString outline(const QJsonObject &message)
    {
        QJsonObject top;
        for (auto it = message.begin(); it != message.end(); ++it)
            top.insert(it.key(), it.value().isObject()  ? QJsonValue(QJsonObject())
                                 : it.value().isArray() ? QJsonValue(QJsonArray())
                                                        : it.value());
        const QJsonObject o = maskSecrets(top).toObject();
        QStringList parts;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QJsonValue v = it.value();
            QString shown;
            if (v.isObject())
                shown = QStringLiteral("{…}");
            else if (v.isArray())
                shown = QStringLiteral("[…]");
            else if (v.isString())
                shown = QLatin1Char('"') + v.toString().left(80) + QLatin1Char('"');
            else
                shown =
                    QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
                        .mid(1)
                        .chopped(1);
            parts << QLatin1Char('"') + it.key() + QStringLiteral("\":") + shown;
        }
        return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
    }

private:
    QPointer<TrafficLog> m_log;
};

class TrafficFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMethod(const QString &m)
    {
        m_method = m.trimmed();
        invalidateFilter();
    }
    void setDirection(int d) // -1: all
    {
        m_direction = d;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex idx = sourceModel()->index(row, TrafficModel::Method, parent);
        if (m_direction >= 0 && idx.data(TrafficModel::DirectionRole).toInt() != m_direction)
            return false;
        return m_method.isEmpty() || idx.data().toString().contains(m_method, Qt::CaseInsensitive);
    }

private:
    QString m_method;
    int m_direction = -1;
};

TrafficPanel::TrafficPanel(QWidget *parent)
    : QWidget(parent), m_model(new TrafficModel(this)), m_filter(new TrafficFilter(this))
{
    setObjectName(QStringLiteral("trafficPanel"));
    m_filter->setSourceModel(m_model);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_method = new QLineEdit(this);
    m_method->setObjectName(QStringLiteral("trafficFilter"));
    m_method->setClearButtonEnabled(true);
    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("trafficDirection"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("trafficCount"));
    m_clear = new QPushButton(this);
    m_clear->setObjectName(QStringLiteral("clearTrafficButton"));
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("exportTrafficButton"));
    row->addWidget(m_method, 1);
    row->addWidget(m_direction);
    row->addWidget(m_count);
    row->addWidget(m_clear);
    row->addWidget(m_export);
    layout->addLayout(row);
    auto *split = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("trafficTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(
        TrafficModel::Time,
        m_table->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
    m_table->horizontalHeader()->resizeSection(
        TrafficModel::Method, m_table->fontMetrics().horizontalAdvance(
                                  QStringLiteral("notifications/tools/list_changed")) +
                                  16);
    m_table->setWordWrap(false);
    m_detail = new QPlainTextEdit(split);
    m_detail->setObjectName(QStringLiteral("trafficDetail"));
    m_detail->setReadOnly(true);
    m_detail->setUndoRedoEnabled(false);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    retranslate();

    connect(m_method, &QLineEdit::textChanged, m_filter,
            [this](const QString &t) { m_filter->setMethod(t); });
    connect(m_direction, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setDirection(m_direction->currentData().toInt()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficPanel::showSelected);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        if (m_log)
            m_log->clear();
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export traffic"), QStringLiteral("traffic.jsonl"),
            tr("JSON lines (*.jsonl);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !exportTo(path, &error))
            QMessageBox::warning(this, tr("Export traffic"), error);
    });
    // Follow new entries while the list is scrolled to its end.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        QScrollBar *bar = m_table->verticalScrollBar();
        if (bar->value() >= bar->maximum() - 2)
            QMetaObject::invokeMethod(m_table, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });
    auto count = [this] { m_count->setText(tr("%n entries", nullptr, m_filter->rowCount())); };
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, count);
    connect(m_filter, &QAbstractItemModel::modelReset, this, count);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, count);
}

void TrafficPanel::retranslate()
{
    m_method->setPlaceholderText(tr("Filter by method"));
    m_method->setAccessibleName(tr("Filter by method"));
    const int current = std::max(0, m_direction->currentIndex());
    {
        const QSignalBlocker block(m_direction);
        m_direction->clear();
        m_direction->addItem(tr("All directions"), -1);
        m_direction->addItem(tr("Sent"), int(TrafficLog::Direction::Sent));
        m_direction->addItem(tr("Received"), int(TrafficLog::Direction::Received));
        m_direction->addItem(tr("HTTP requests"), int(TrafficLog::Direction::Http));
        m_direction->addItem(tr("stderr"), int(TrafficLog::Direction::Stderr));
        m_direction->setCurrentIndex(current);
    }
    m_clear->setText(tr("Clear"));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Save as JSON lines (secrets stay masked)"));
    m_count->setText(tr("%n entries", nullptr, m_filter->rowCount()));
    m_model->headerDataChanged(Qt::Horizontal, 0, TrafficModel::ColumnCount - 1);
}

void TrafficPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TrafficPanel::setLog(TrafficLog *log)
{
    if (m_log == log)
        return;
    m_log = log;
    m_model->setLog(log);
    m_detail->clear();
    m_table->scrollToBottom();
}

void TrafficPanel::showSelected()
{
    const QModelIndex idx = m_filter->mapToSource(m_table->currentIndex());
    if (!m_log || !idx.isValid() || idx.row() >= m_log->size()) {
        m_detail->clear();
        return;
    }
    const TrafficLog::Entry &e = m_log->at(idx.row());
    QString text = QStringLiteral("%1  %2  %3\n\n")
                       .arg(e.time.toString(Qt::ISODateWithMs),
                            TrafficModel::directionText(e.direction), e.method);
    text += e.text.isEmpty()
                ? QString::fromUtf8(QJsonDocument(e.message()).toJson(QJsonDocument::Indented))
                : e.text;
    m_detail->setPlainText(text);
}

bool TrafficPanel::exportTo(const QString &path, QString *error)
{
    QSaveFile f(path);
    const QByteArray lines = m_log ? m_log->toJsonLines() : QByteArray();
    if (f.open(QIODevice::WriteOnly) && f.write(lines) == lines.size() && f.commit())
        return true;
    if (error)
        *error = tr("Could not save “%1”: %2").arg(path, f.errorString());
    return false;
}

} // namespace mcpdesk
