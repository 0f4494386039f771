// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QIcon>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace mcpdesk {

class ServerManager;

// The configured servers and their live state, for the list on the left.
// Changes come from ServerManager's signals: nothing polls (a 1 s timer only
// refreshes the "retrying in N s" countdown while a server waits to retry).
class ServerListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit ServerListModel(ServerManager *manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOf(const QString &id) const;
    QString idAt(int row) const;

private:
    void onServerChanged(const QString &id);
    void onListChanged();

    QVariant serverIcon(const QString &id) const;

    ServerManager *m_manager;
    QStringList m_ids;
    QTimer m_countdown;
    // Each server's icon as the loader gave it, by the `src` it came from.
    mutable QHash<QString, QPair<QString, QIcon>> m_icons;
};

// Search (name, URL, command) and a state filter on top of ServerListModel.
class ServerFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Filter { All, Connected, Problems, Disabled };
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setText(const QString &text);
    void setStateFilter(Filter filter);

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    QString m_text;
    Filter m_filter = Filter::All;
};

} // namespace mcpdesk
