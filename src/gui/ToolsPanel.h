// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

#include "history/CallHistory.h"
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QTabWidget;
class QTreeWidget;
class QVBoxLayout;

namespace mcpdesk {

class ServerTextView;

class CallHistory;
class McpSession;
class RpcReply;
class ToolForm;

// The Tools tab: pick a tool, fill the form made from its schema (or its JSON),
// Run (Ctrl+Enter), Cancel (Esc); progress and log messages while it runs; then
// the result: text (Markdown), images, resource links and embedded resources,
// structured content as a tree checked against the output schema, errors in red.
class ToolsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ToolsPanel(QWidget *parent = nullptr);
    void setSession(McpSession *session, const QString &target);
    void selectTool(const QString &name);
    ToolForm *form() const { return m_form; }
    void run();
    void cancel();
    // Each finished call is kept here (with the server id given to setSession()).
    void setHistory(CallHistory *history) { m_history = history; }
    // Picks `tool`, fills its form with `arguments` and runs it (or waits for the
    // user to fill in what was masked, when runNow is false).
    void runWith(const QString &tool, const QJsonObject &arguments, bool runNow = true);

    static constexpr int UrlElicitationRequired = -32042;

signals:
    // A tools/call failed with -32042: the server asks the user to open this page
    // ({mode: "url", url, message, elicitationId}) before the call can succeed.
    void urlElicitationRequired(const QJsonObject &elicitation);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void reloadTools();
    void showTool(const QJsonObject &tool);
    void fitDescription();
    void showHeader(); // the title, the full name, the hints as badges
    void showResult(const QJsonObject &result, bool isRpcError, const QString &errorText);
    void syncJsonFromForm();
    void syncFormFromJson();
    // A large text result: shown as plain text, inserted a slice at a time between
    // events so the window keeps answering; lines longer than LongLine are broken
    // for display only (Save text… keeps the exact text).
    static constexpr qsizetype LargeText = 512 * 1024;
    static constexpr qsizetype LongLine = 4096;
    void showLargeText(const QString &text);
    void fillLargeText(int generation);

    QPointer<McpSession> m_session;
    QPointer<CallHistory> m_history;
    QString m_target;
    QJsonArray m_tools;
    QJsonObject m_tool;
    QLineEdit *m_search;
    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_name;
    QHBoxLayout *m_badges;
    ServerTextView *m_description;
    QTabWidget *m_inputTabs;
    QTabWidget *m_resultTabs;
    QScrollArea *m_formArea;
    ToolForm *m_form = nullptr;
    QPlainTextEdit *m_json;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_progressMessage;
    QListWidget *m_logs;
    QLabel *m_status;
    ServerTextView *m_text;
    QPlainTextEdit *m_plain;
    QPushButton *m_saveText;
    QString m_largeText;
    qsizetype m_largePos = 0;
    qsizetype m_lineLength = 0;
    qsizetype m_brokenLines = 0;
    int m_generation = 0;
    QVBoxLayout *m_media;
    QWidget *m_mediaBox;
    QTreeWidget *m_tree;
    QLabel *m_schemaCheck;
    QPushButton *m_copyJson;
    QPushButton *m_copyCli;
    QPointer<RpcReply> m_call;
    QElapsedTimer m_clock;
    QJsonObject m_lastResult;
    bool m_syncing = false;
};

} // namespace mcpdesk
