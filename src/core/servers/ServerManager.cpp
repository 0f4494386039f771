// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "ServerManager.h"

#include "protocol/McpSession.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

#include <memory>
#include <tuple>
#include <utility>

Q_LOGGING_CATEGORY(lcServers, "mcpdesk.servers")

namespace mcpdesk {

ServerManager::ServerManager(ConfigStore *config, SecretStore *secrets, SignInStore *signIns,
                             QObject *parent)
    : QObject(parent), m_config(config), m_secrets(secrets), m_signIns(signIns)
{
    m_undoTimer.setSingleShot(true);
    connect(&m_undoTimer, &QTimer::timeout, this, &ServerManager::lapseUndo);
    connect(m_config, &ConfigStore::serversChanged, this, &ServerManager::reconcile);
    connect(&m_pingTimer, &QTimer::timeout, this, &ServerManager::ping);
    m_pingTimer.start(20000);
    // A sign-in made elsewhere (mcpdesk-cli login, another window) is picked up.
    m_signInDebounce.setSingleShot(true);
    m_signInDebounce.setInterval(150);
    connect(&m_signInDebounce, &QTimer::timeout, this, &ServerManager::onSignInsChanged);
    if (m_signIns) {
        const QFileInfo info(m_signIns->path());
        QDir().mkpath(info.absolutePath());
        m_signInWatcher.addPath(info.absolutePath());
        if (info.exists())
            m_signInWatcher.addPath(info.absoluteFilePath());
        connect(&m_signInWatcher, &QFileSystemWatcher::directoryChanged, &m_signInDebounce,
                qOverload<>(&QTimer::start));
        connect(&m_signInWatcher, &QFileSystemWatcher::fileChanged, &m_signInDebounce,
                qOverload<>(&QTimer::start));
    }
}

ServerManager::~ServerManager()
{
    for (auto &s : m_servers)
        teardown(*s);
}

void ServerManager::lapseUndo()
{
    // The undo lapsed: now the server's secrets and sign-in go too.
    m_undoTimer.stop();
    if (!m_lastRemoved)
        return;
    const ServerConfig gone = *m_lastRemoved;
    m_lastRemoved.reset();
    if (m_config->server(gone.mcpId))
        return; // it came back some other way
    if (m_secrets) {
        for (const QString &h : gone.secretHeaders)
            m_secrets->remove(serverSecretKey(gone.mcpId, QStringLiteral("header:") + h), {});
        for (const QString &e : gone.secretEnv)
            m_secrets->remove(serverSecretKey(gone.mcpId, QStringLiteral("env:") + e), {});
        m_secrets->remove(serverSecretKey(gone.mcpId, QStringLiteral("bearer")), {});
        m_secrets->remove(serverSecretKey(gone.mcpId, QStringLiteral("client_secret")), {});
    }
    // Its sign-in, whichever transport it spoke (a stdio server's is kept by its id).
    OAuthClient *forget = storedSignIn(gone);
    forget->load(
        [forget] { forget->signOut([forget](bool, const QString &) { forget->deleteLater(); }); });
}

void ServerManager::setPingIntervalMs(int ms)
{
    m_pingTimer.start(ms);
}

ServerManager::Server *ServerManager::find(const QString &id)
{
    auto it = m_servers.find(id);
    return it == m_servers.end() ? nullptr : it.value().get();
}

const ServerManager::Server *ServerManager::server(const QString &id) const
{
    auto it = m_servers.constFind(id);
    return it == m_servers.constEnd() ? nullptr : it.value().get();
}

McpSession *ServerManager::session(const QString &id) const
{
    const Server *s = server(id);
    return s ? s->session.data() : nullptr;
}

OAuthClient *ServerManager::oauth(const QString &id) const
{
    const Server *s = server(id);
    return s ? s->oauth.data() : nullptr;
}

void ServerManager::start(bool connectNow)
{
    if (!m_config->load() && !m_config->lastError().isEmpty()) {
        if (m_config->recovery().damaged) {
            m_damageNotice = m_config->lastError();
            emit serverListDamaged(m_damageNotice);
        } else {
            emit errorOccurred(m_config->lastError());
        }
    }
    m_config->setWatching(true);
    // The list is there at once; connecting waits (200 servers cost about 17 ms to start).
    m_deferStart = true;
    reconcile();
    m_deferStart = false;
    if (connectNow)
        QTimer::singleShot(0, this, &ServerManager::connectWaiting);
}

void ServerManager::connectWaiting()
{
    const QStringList ids = std::exchange(m_deferred, {});
    for (const QString &id : ids)
        if (Server *s = find(id); s && s->config.mayStart() && !s->session &&
                                  !s->userDisconnected && s->state == ServerState::Disconnected)
            startSession(*s, false);
}

// Brings the runtime list in line with the configuration (ours or another
// process's changes): new servers start, removed ones stop, changed ones restart.
namespace {
// Everything a running session was made from: a change to any of it needs a new session
// (where and how to reach the server, and how to sign in to it).
auto sessionInputs(const ServerConfig &c)
{
    return std::tuple(c.endpointSpec(), c.secretHeaders, c.secretEnv, c.authMethod, c.authConfig,
                      c.scopes, c.provider);
}
} // namespace

void ServerManager::reconcile()
{
    const QList<ServerConfig> configs = m_config->servers();
    QStringList order;
    bool listChangedNow = false;
    for (const ServerConfig &c : configs) {
        order.append(c.mcpId);
        Server *s = find(c.mcpId);
        if (!s) {
            auto fresh = std::make_shared<Server>();
            fresh->config = c;
            fresh->traffic = std::make_unique<TrafficLog>();
            fresh->state = c.mayStart() ? ServerState::Disconnected : ServerState::Disabled;
            if (c.awaitsConfirmation())
                fresh->reason = awaitingReason();
            m_servers.insert(c.mcpId, fresh);
            listChangedNow = true;
            if (c.mayStart() && m_autoConnect && !m_holdNewSessions) {
                if (m_deferStart)
                    m_deferred.append(c.mcpId);
                else
                    startSession(*fresh, false);
            }
            continue;
        }
        if (s->config == c)
            continue;
        const bool endpointChanged = sessionInputs(s->config) != sessionInputs(c);
        const bool enabledChanged = s->config.mayStart() != c.mayStart();
        const bool rootsChanged = s->config.roots != c.roots;
        s->config = c;
        if (!c.mayStart()) {
            teardown(*s);
            setState(*s, ServerState::Disabled,
                     c.awaitsConfirmation() ? awaitingReason() : QString());
        } else if (enabledChanged || (endpointChanged && s->state != ServerState::Disconnected)) {
            teardown(*s);
            s->userDisconnected = false;
            setState(*s, ServerState::Disconnected);
            if (m_autoConnect || enabledChanged)
                startSession(*s, false);
        } else {
            if (rootsChanged && s->session)
                s->session->notifyRootsChanged();
            emit serverChanged(c.mcpId);
        }
    }
    for (const QString &id : m_order) {
        if (!order.contains(id)) {
            if (Server *s = find(id))
                teardown(*s);
            m_servers.remove(id);
            listChangedNow = true;
        }
    }
    if (order != m_order)
        listChangedNow = true;
    m_order = order;
    if (listChangedNow)
        emit listChanged();
}

void ServerManager::readSecrets(const ServerConfig &c, std::function<void(ServerSecrets)> done)
{
    QPointer<ServerManager> self(this);
    readServerSecrets(m_secrets, c, [self, done](ServerSecrets secrets) {
        if (self)
            done(std::move(secrets));
    });
}

void ServerManager::writeSecrets(const QString &id, const QHash<QString, QByteArray> &secrets)
{
    if (!m_secrets)
        return;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (it.value().isEmpty())
            m_secrets->remove(serverSecretKey(id, it.key()), {});
        else
            m_secrets->write(serverSecretKey(id, it.key()), it.value(),
                             [this](bool ok, const QString &error) {
                                 if (!ok)
                                     emit errorOccurred(error);
                             });
    }
}

QString ServerManager::awaitingReason()
{
    return tr("Not started: it was added from elsewhere. Review its command and enable it.");
}

bool ServerManager::confirmServer(const QString &id)
{
    Server *s = find(id);
    if (!s)
        return false;
    ServerConfig c = s->config;
    c.confirmed = true;
    c.enabled = true;
    if (!m_config->update(c) || !m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return false;
    }
    return true; // reconcile() starts it
}

void ServerManager::setEnabled(const QString &id, bool enabled)
{
    Server *s = find(id);
    if (!s || s->config.enabled == enabled)
        return;
    ServerConfig c = s->config;
    c.enabled = enabled;
    if (!m_config->update(c) || !m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
    }
}

std::optional<QString> ServerManager::addServer(const ServerConfig &config,
                                                const QHash<QString, QByteArray> &secrets)
{
    // The new server's session starts only once its secrets are written: adding it
    // to the list is what would start it, and it reads its secrets at start.
    m_holdNewSessions = true;
    const auto added = m_config->add(config);
    m_holdNewSessions = false;
    if (!added) {
        m_lastError = m_config->lastError();
        return std::nullopt;
    }
    writeSecrets(added->mcpId, secrets);
    if (Server *s = find(added->mcpId); s && s->config.mayStart() && m_autoConnect && !s->session &&
                                        s->state == ServerState::Disconnected) {
        if (m_deferStart)
            m_deferred.append(added->mcpId);
        else
            startSession(*s, false);
    }
    if (!m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return std::nullopt;
    }
    return added->mcpId;
}

bool ServerManager::updateServer(const ServerConfig &config,
                                 const QHash<QString, QByteArray> &secrets)
{
    writeSecrets(config.mcpId, secrets);
    if (!m_config->update(config) || !m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return false;
    }
    if (!secrets.isEmpty()) {
        if (Server *s = find(config.mcpId); s && s->config.mayStart()) {
            s->failures = 0;
            startSession(*s, false); // new secrets take effect now
        }
    }
    return true;
}

TrafficLog *ServerManager::traffic(const QString &id) const
{
    const Server *s = server(id);
    return s ? s->traffic.get() : nullptr;
}

bool ServerManager::setRoots(const QString &id, const QStringList &folders)
{
    const Server *s = find(id);
    if (!s)
        return false;
    ServerConfig c = s->config;
    c.roots = folders;
    return updateServer(c); // the server is told when the saved list comes back
}

bool ServerManager::removeServer(const QString &id)
{
    Server *s = find(id);
    if (!s)
        return false;
    const ServerConfig removed = s->config;
    if (m_lastRemoved)
        lapseUndo();         // the previous undo lapses now
    m_lastRemoved = removed; // before the save: views updating on it can offer the undo
    if (!m_config->remove(id) || !m_config->save()) {
        m_lastRemoved.reset();
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return false;
    }
    m_undoTimer.start(m_undoMs);
    return true;
}

std::optional<QString> ServerManager::undoRemove()
{
    if (!m_lastRemoved)
        return std::nullopt;
    ServerConfig back = *m_lastRemoved;
    m_lastRemoved.reset();
    m_undoTimer.stop();
    const auto added = m_config->add(back);
    if (!added || !m_config->save()) {
        m_lastError = m_config->lastError();
        emit errorOccurred(m_lastError);
        return std::nullopt;
    }
    return added->mcpId;
}

} // namespace mcpdesk
