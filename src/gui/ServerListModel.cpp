// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerListModel.h"

#include "ServerText.h"
#include "util/VisibleText.h"

#include "IconLoader.h"
#include "Roles.h"
#include "servers/ServerManager.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace mcpdesk {

ServerListModel::ServerListModel(ServerManager *manager, QObject *parent)
    : QAbstractListModel(parent), m_manager(manager), m_ids(manager->ids())
{
    connect(manager, &ServerManager::serverChanged, this, &ServerListModel::onServerChanged);
    connect(manager, &ServerManager::listChanged, this, &ServerListModel::onListChanged);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        bool waiting = false;
        for (int row = 0; row < m_ids.size(); ++row) {
            const auto *s = m_manager->server(m_ids.at(row));
            if (s && s->state == ServerState::Error && s->nextAttempt.isValid()) {
                waiting = true;
                const QModelIndex i = index(row);
                emit dataChanged(i, i, {SecondLineRole});
            }
        }
        if (!waiting)
            m_countdown.stop();
    });
}

int ServerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

QString ServerListModel::idAt(int row) const
{
    return m_ids.value(row);
}

QModelIndex ServerListModel::indexOf(const QString &id) const
{
    const qsizetype row = m_ids.indexOf(id);
    return row < 0 ? QModelIndex() : index(int(row));
}

QVariant ServerListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const auto *s = m_manager->server(m_ids.at(index.row()));
    if (!s)
        return QVariant();
    const ServerConfig &c = s->config;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return visibleName(c.name); // as it reads (an imported name can hold anything)
    case IdRole:
        return c.mcpId;
    case StateRole:
        return int(s->state);
    case StateTextRole:
        return serverStateDisplayName(s->state);
    case ReasonRole:
        return s->reason;
    case NextAttemptRole:
        return s->nextAttempt;
    case TransportRole:
        return c.transportName();
    case EndpointRole:
        return c.type == TransportKind::Stdio
                   ? (QStringList{c.command} + c.args).join(QLatin1Char(' '))
                   : c.url.toString();
    case EnabledRole:
        return c.enabled;
    case ServerIconRole:
        return serverIcon(c.mcpId);
    case Qt::CheckStateRole:
        return c.mayStart() ? Qt::Checked : Qt::Unchecked;
    case SignInRole:
        if (c.authMethod != ServerConfig::AuthMethod::OAuth2)
            return QString();
        return s->oauth && s->oauth->tokenInfo().signedIn ? tr("signed in") : tr("not signed in");
    case SecondLineRole: {
        QString line = serverStateDisplayName(s->state);
        if (s->state == ServerState::Error && s->nextAttempt.isValid()) {
            const qint64 secs =
                std::max<qint64>(0, QDateTime::currentDateTime().secsTo(s->nextAttempt));
            line = secs > 0 ? tr("error — retrying in %n s", nullptr, int(secs))
                            : tr("error — retrying now");
            if (!m_countdown.isActive())
                const_cast<QTimer &>(m_countdown).start();
        }
        if (c.awaitsConfirmation())
            line += QStringLiteral(" · ") + tr("its command awaits your review");
        else if (!s->reason.isEmpty() &&
                 (s->state == ServerState::Error || s->state == ServerState::NeedsSignIn))
            line += QStringLiteral(": ") + visibleField(s->reason);
        else if (!s->reason.isEmpty() && s->state == ServerState::Connected)
            line += QStringLiteral(" · ") + visibleField(s->reason); // a warning
        else
            line += QStringLiteral(" · ") + c.transportName();
        return line;
    }
    case Qt::ToolTipRole:
        return plainToolTip(s->reason.isEmpty() ? c.url.toString() : s->reason);
    case Qt::AccessibleTextRole:
        return tr("%1, %2").arg(c.name, serverStateDisplayName(s->state));
    default:
        return QVariant();
    }
}

bool ServerListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::CheckStateRole)
        return false;
    m_manager->setEnabled(m_ids.at(index.row()), value.toInt() == Qt::Checked);
    return true;
}

Qt::ItemFlags ServerListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
}

QHash<int, QByteArray> ServerListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "mcpId");
    names.insert(StateRole, "state");
    names.insert(StateTextRole, "stateText");
    names.insert(ReasonRole, "reason");
    names.insert(SecondLineRole, "secondLine");
    return names;
}

QVariant ServerListModel::serverIcon(const QString &id) const
{
    const McpSession *session = m_manager->session(id);
    const QJsonArray icons =
        session ? session->serverInfo().value(QStringLiteral("icons")).toArray() : QJsonArray();
    if (icons.isEmpty())
        return QVariant();
    const QString src = QString::fromUtf8(QJsonDocument(icons).toJson(QJsonDocument::Compact));
    if (auto it = m_icons.constFind(id); it != m_icons.constEnd() && it->first == src)
        return it->second.isNull() ? QVariant() : QVariant(it->second);
    m_icons.insert(id, {src, QIcon()}); // asked for; drawn when it comes
    auto *self = const_cast<ServerListModel *>(this);
    IconLoader::shared()->load(icons, session->serverUrl(), self,
                               [self, id, src](const IconLoader::Result &r) {
                                   auto it = self->m_icons.find(id);
                                   if (it == self->m_icons.end() || it->first != src)
                                       return;
                                   it->second = r.icon;
                                   const QModelIndex i = self->indexOf(id);
                                   if (i.isValid())
                                       emit self->dataChanged(i, i, {ServerIconRole});
                               });
    const auto it = m_icons.constFind(id); // answered at once, from the cache
    return it->second.isNull() ? QVariant() : QVariant(it->second);
}

void ServerListModel::onServerChanged(const QString &id)
{
    const QModelIndex i = indexOf(id);
    if (i.isValid())
        emit dataChanged(i, i);
}

void ServerListModel::onListChanged()
{
    const QStringList ids = m_manager->ids();
    if (ids == m_ids)
        return;
    // Removals and insertions one by one, so that views keep their selection.
    for (int row = int(m_ids.size()) - 1; row >= 0; --row) {
        if (!ids.contains(m_ids.at(row))) {
            beginRemoveRows(QModelIndex(), row, row);
            m_ids.removeAt(row);
            endRemoveRows();
        }
    }
    for (int row = 0; row < ids.size(); ++row) {
        if (row < m_ids.size() && m_ids.at(row) == ids.at(row))
            continue;
        if (!m_ids.contains(ids.at(row))) {
            beginInsertRows(QModelIndex(), row, row);
            m_ids.insert(row, ids.at(row));
            endInsertRows();
        }
    }
    if (m_ids != ids) { // reordered elsewhere
        beginResetModel();
        m_ids = ids;
        endResetModel();
    }
}

void ServerFilterModel::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void ServerFilterModel::setStateFilter(Filter filter)
{
    m_filter = filter;
    invalidateFilter();
}

bool ServerFilterModel::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    const QModelIndex i = sourceModel()->index(row, 0, parent);
    const auto state = ServerState(i.data(StateRole).toInt());
    switch (m_filter) {
    case Filter::All:
        break;
    case Filter::Connected:
        if (state != ServerState::Connected)
            return false;
        break;
    case Filter::Problems:
        if (state != ServerState::Error && state != ServerState::NeedsSignIn)
            return false;
        break;
    case Filter::Disabled:
        if (state != ServerState::Disabled)
            return false;
        break;
    }
    if (m_text.isEmpty())
        return true;
    for (int role : {int(NameRole), int(EndpointRole), int(IdRole)})
        if (i.data(role).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace mcpdesk
