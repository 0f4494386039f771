// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QPointer>

#include "history/CallHistory.h"
#include <QWidget>

class QDialog;
class QLabel;
class QListWidget;
class QPushButton;

namespace mcpdesk {

class ServerTextView;

class CallHistory;

// The History tab: the calls made to the selected server, newest first, kept across
// restarts. The picked call shows its arguments and result; Run again repeats it in
// the Tools tab; Compare shows two picked results side by side, differences marked.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPanel(CallHistory *history, QWidget *parent = nullptr);
    void setServer(const QString &serverId);
    // Compares the two selected calls (what the Compare button does); the dialog.
    QDialog *compareSelected();

signals:
    void rerunRequested(const QString &tool, const QJsonObject &arguments, bool argumentsMasked);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void reload();
    void showSelected();

    QPointer<CallHistory> m_history;
    QString m_serverId;
    QListWidget *m_list;
    ServerTextView *m_detail;
    QPushButton *m_rerun;
    QPushButton *m_compare;
    QPushButton *m_clear;
    QLabel *m_hint;
};

} // namespace mcpdesk
