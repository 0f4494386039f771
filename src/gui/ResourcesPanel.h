// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace mcpdesk {

class ServerTextView;

class McpSession;
class ToolForm;

// The Resources tab: the server's resources and resource templates. A resource is
// read when picked; a template gets a form with one field per URI variable and is
// read with them filled in. Text is shown as text (Markdown when it says so), images
// as images, other binary contents by type and size with Save…. "Watch for changes"
// subscribes: each update the server announces is read again at once.
class ResourcesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ResourcesPanel(QWidget *parent = nullptr);
    void setSession(McpSession *session);
    // Picks a resource (by URI) or a template (by its URI template).
    bool select(const QString &uriOrTemplate);
    ToolForm *templateForm() const { return m_form; }
    void read();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void reload();
    void showItem(QTreeWidgetItem *item);
    void readUri(const QString &uri, bool update);
    void showContents(const QJsonObject &result);
    void setSubscribed(bool on);
    void clearMedia();

    QPointer<McpSession> m_session;
    QTreeWidget *m_list;
    QLabel *m_title;
    QLabel *m_description;
    QScrollArea *m_formArea;
    ToolForm *m_form = nullptr;
    QPushButton *m_read;
    QCheckBox *m_subscribe;
    QLabel *m_status;
    ServerTextView *m_text;
    QWidget *m_mediaBox;
    QVBoxLayout *m_media;
    QJsonObject m_item; // the resource or template shown
    bool m_isTemplate = false;
    QString m_uri;           // what was read last
    QString m_subscribedUri; // empty: none
    int m_listGeneration = 0;
};

} // namespace mcpdesk
