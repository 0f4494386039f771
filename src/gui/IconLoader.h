// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QIcon>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QListWidget;
class QTreeWidget;

namespace mcpdesk {

class HttpClient;

// The icons servers give their items (MCP 2025-11-25 `icons`), as the rules of
// protocol/IconRules.h allow: fetched without credentials (a client of its own: no
// token, no cookie), limited in size and in number per server, kept on disk, the
// `theme` that suits the palette preferred. An icon that cannot be shown gives the
// app's own instead, and the reason for its tooltip.
class IconLoader : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        QIcon icon;      // the server's, or the app's own
        QString problem; // why it is not the server's (empty when it is)
        bool isServers() const { return problem.isEmpty(); }
    };
    using Done = std::function<void(const Result &)>;

    // `cacheDir`: where fetched icons are kept (empty: the system's cache folder).
    explicit IconLoader(const QString &cacheDir = QString(), QObject *parent = nullptr);
    ~IconLoader() override;

    // The icon to show for an item with `icons`, from the server at `server` (empty
    // for a local program). `done` runs once, now when the answer is known, else later
    // (never after `context` is gone); an item without icons gets nothing (done is
    // not called).
    void load(const QJsonArray &icons, const QUrl &server, QObject *context, Done done);

    static QIcon fallback();
    // The app's one loader (its memory and disk cache shared by every panel).
    static IconLoader *shared();
    // The icon of `item` (a tool or a prompt: its `icons`) on the entry of `list`
    // whose Qt::UserRole is the item's name, found again when the icon arrives (the
    // list may have been filled anew); a refused icon's reason ends the tooltip.
    static void showIn(QListWidget *list, const QJsonObject &item, const QUrl &server);
    // The same in a tree whose entries keep their item (a resource or template) as a
    // QJsonValue in `role`, matched by `key` ("uri", "uriTemplate").
    static void showIn(QTreeWidget *tree, const QJsonObject &item, const QUrl &server, int role,
                       const QString &key);

signals:
    // An icon was fetched from the network (for tests).
    void fetched(const QUrl &url);

private:
    void fetch(const QUrl &url, const QUrl &server);
    void settle(const QString &key, const Result &result);
    Result decode(const QByteArray &bytes);
    QString cachePath(const QUrl &url) const;

    struct Waiter
    {
        QPointer<QObject> context;
        Done done;
    };
    QString m_cacheDir;
    std::unique_ptr<HttpClient> m_http;
    QHash<QString, Result> m_known;          // by source
    QHash<QString, QList<Waiter>> m_waiting; // fetches under way, by source
    QHash<QString, int> m_fetchesPerOrigin;  // what each server's origin cost
};

} // namespace mcpdesk
