// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace mcpdesk {

class TrafficLog;
class TrafficModel;
class TrafficFilter;

// The Traffic tab: what went over the wire with the selected server — JSON-RPC
// messages both ways, the HTTP requests that carried them, a stdio server's stderr —
// timestamped, filterable by method and direction, secrets masked, exportable as
// JSON lines. The selected entry is shown in full below the list.
class TrafficPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TrafficPanel(QWidget *parent = nullptr);
    void setLog(TrafficLog *log);
    // Writes the log (masked) as JSON lines; false and a message on failure.
    bool exportTo(const QString &path, QString *error = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showSelected();

    QPointer<TrafficLog> m_log;
    TrafficModel *m_model;
    TrafficFilter *m_filter;
    QLineEdit *m_method;
    QComboBox *m_direction;
    QPushButton *m_export;
    QPushButton *m_clear;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    QLabel *m_count;
};

} // namespace mcpdesk
