// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "McpSession.h"

#include "transport/HttpTransport.h"
#include "transport/TransportFactory.h"
#include "util/Deflate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSession, "mcpdesk.session")

namespace mcpdesk {

namespace {
constexpr int kMaxPages = 10000; // a server that pages forever is a broken server
} // namespace

const QStringList &McpSession::supportedProtocolVersions()
{
    static const QStringList versions{QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
                                      QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05")};
    return versions;
}

QString McpSession::latestProtocolVersion()
{
    return supportedProtocolVersions().constFirst();
}

McpSession *McpSession::create(const EndpointSpec &spec, QObject *parent,
                               const TransportMaker &maker)
{
    const TransportMaker make = maker ? maker : TransportMaker(createTransport);
    auto *session = new McpSession(make(spec), parent);
    if (spec.kind != TransportKind::Stdio)
        session->m_serverUrl = spec.url;
    session->m_eraKey = spec.kind == TransportKind::Stdio
                            ? EraCache::keyForCommand(spec.command.program, spec.command.arguments)
                            : EraCache::keyForUrl(spec.url.toString());
    if (spec.kind == TransportKind::Stdio)
        session->m_remake = [spec, make] { return make(spec); };
    if (isModernVersion(spec.protocolVersion) ||
        supportedProtocolVersions().contains(spec.protocolVersion))
        session->setProtocolPin(spec.protocolVersion);
    else if (!spec.protocolVersion.isEmpty())
        qCWarning(lcSession).noquote()
            << QStringLiteral("the protocol version “%1” set for this server is not one McpDesk "
                              "speaks; detecting the version instead")
                   .arg(spec.protocolVersion);
    if (spec.kind == TransportKind::StreamableHttp && spec.allowFallback) {
        session->setFallbackFactory([spec, make] {
            EndpointSpec legacy = spec;
            legacy.kind = TransportKind::LegacySse;
            return make(legacy);
        });
    }
    return session;
}

McpSession::McpSession(Transport *transport, QObject *parent)
    : QObject(parent), m_transport(nullptr), m_rpc(new JsonRpcEndpoint(this))
{
    m_rpc->setSink([this](const QJsonObject &msg) {
        // A modern server over HTTP learns of a cancelled request by its stream being
        // closed (the transport's abandon()); notifications/cancelled is for stdio.
        if (m_wireModern && m_transport->kind() != TransportKind::Stdio &&
            msg.value(QStringLiteral("method")) == QLatin1String("notifications/cancelled"))
            return;
        const QJsonObject out = m_wireModern ? withModernMeta(msg) : msg;
        if (m_traffic)
            m_traffic->addMessage(TrafficLog::Direction::Sent, out);
        m_transport->send(out);
    });
    m_rpc->setErrorHook(
        [this](const QJsonValue &id, const McpError &error) { return onEraError(id, error); });
    m_rpc->setResultHook([this](const QJsonValue &id, const QJsonValue &result) {
        return onInputRequired(id, result);
    });
    m_rpc->setResultCheck([this](const QString &method, const QJsonValue &result) {
        return checkResult(method, result);
    });
    connect(m_rpc, &JsonRpcEndpoint::notificationReceived, this, &McpSession::onNotification);
    m_listenRetry.setSingleShot(true);
    connect(&m_listenRetry, &QTimer::timeout, this, &McpSession::startListen);
    connect(m_rpc, &JsonRpcEndpoint::protocolViolation, this,
            [](const QString &what) { qCWarning(lcSession).noquote() << what; });
    attachTransport(transport);
}

void McpSession::attachTransport(Transport *transport)
{
    if (m_transport) {
        m_transport->disconnect(this);
        m_rpc->disconnect(m_transport);
        m_transport->close();
        m_transport->deleteLater();
    }
    m_transport = transport;
    m_transport->setParent(this);
    if (auto *http = qobject_cast<HttpTransport *>(m_transport)) {
        QPointer<Authenticator> auth = m_authenticator;
        http->setAuthorizationProvider(
            [auth] { return auth ? auth->authorizationHeader() : QByteArray(); });
        http->setMessageHeaders([this](const QJsonObject &message) {
            return m_wireModern ? modernHeaders(message) : HeaderList();
        });
        http->setHttpTrace([this](const HttpRequest &req) {
            if (m_traffic)
                m_traffic->addHttp(req.verb, req.url.toString(QUrl::RemoveUserInfo), req.headers);
        });
    }
    connect(m_transport, &Transport::messageReceived, this,
            [this](const QJsonObject &msg, qsizetype bytes) {
                if (m_traffic)
                    m_traffic->addMessage(TrafficLog::Direction::Received, msg, bytes);
            });
    connect(m_transport, &Transport::messageReceived, m_rpc, &JsonRpcEndpoint::handleMessage);
    connect(m_transport, &Transport::diagnosticLine, this, [this](const QString &line) {
        if (m_traffic)
            m_traffic->addStderr(line);
    });
    connect(m_transport, &Transport::requestFailed, this, &McpSession::onRequestFailed);
    connect(m_transport, &Transport::failed, this, &McpSession::onTransportFailed);
    connect(m_transport, &Transport::opened, this, &McpSession::onTransportOpened);
    connect(m_rpc, &JsonRpcEndpoint::requestAbandoned, m_transport, &Transport::abandon);
}

void McpSession::setAuthenticator(Authenticator *authenticator)
{
    if (m_authenticator)
        m_authenticator->disconnect(this);
    m_authenticator = authenticator;
    QPointer<Authenticator> auth = authenticator;
    m_rpc->setSendTagger([auth] { return auth ? auth->tokenGeneration() : 0; });
    if (auto *http = qobject_cast<HttpTransport *>(m_transport))
        http->setAuthorizationProvider(
            [auth] { return auth ? auth->authorizationHeader() : QByteArray(); });
    if (authenticator)
        connect(authenticator, &Authenticator::challengeHandled, this,
                &McpSession::onChallengeHandled);
}

void McpSession::onChallengeHandled(bool ok, const McpError &error)
{
    m_authenticating = false;
    const QList<QJsonValue> waiting = std::exchange(m_waitingForAuth, {});
    for (const QJsonValue &id : waiting) {
        if (ok)
            m_rpc->resend(id);
        else
            m_rpc->failRequest(id, error);
    }
    // The count of sign-ins is kept only for requests still waiting for an answer.
    for (auto it = m_authRetries.begin(); it != m_authRetries.end();)
        it = m_rpc->isPending(it->first) ? std::next(it) : m_authRetries.erase(it);
    if (!ok)
        fail(error); // refused, and no refresh or sign-in helped: "needs sign-in", with the reason
}

void McpSession::onRequestFailed(const QJsonValue &id, const McpError &error)
{
    const bool refused = error.kind == McpError::Kind::Unauthorized &&
                         (error.httpStatus == 401 || error.httpStatus == 403);
    if (refused && m_authenticator && m_rpc->isPending(id)) {
        const QString key = id.toVariant().toString();
        if (m_rpc->sendTag(id) < m_authenticator->tokenGeneration() && !m_authenticating) {
            // Sent with an older token that has been replaced since: just send again.
            m_rpc->resend(id);
            return;
        }
        auto &retries = m_authRetries[key];
        retries.first = id;
        if (++retries.second <= 4) {
            // Hold the request (its clock stopped) until the sign-in layer is done.
            m_rpc->pauseTimeout(id);
            if (!m_waitingForAuth.contains(id))
                m_waitingForAuth.append(id);
            if (!m_authenticating) {
                m_authenticating = true;
                m_authenticator->handleChallenge(error);
            }
            return;
        }
    }
    if (error.kind == McpError::Kind::SessionExpired && m_state == ServerState::Connected &&
        m_rpc->isPending(id)) {
        if (!m_retryAfterReinit.contains(id))
            m_retryAfterReinit.append(id);
        startReinitialize();
        return;
    }
    m_rpc->failRequest(id, error);
}

void McpSession::onTransportFailed(const McpError &error)
{
    if (m_probe && m_transport->kind() == TransportKind::Stdio && m_remake) {
        // A legacy server that ends on a request it does not know: start it again
        // for `initialize`.
        restartForLegacy();
        return;
    }
    if (error.kind == McpError::Kind::SessionExpired && m_state == ServerState::Connected) {
        startReinitialize();
        return;
    }
    if (m_state == ServerState::Disconnected)
        return;
    fail(error);
}

void McpSession::startReinitialize()
{
    if (m_reinitializing)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_reinitTimes.append(now);
    while (!m_reinitTimes.isEmpty() && now - m_reinitTimes.first() > 60000)
        m_reinitTimes.removeFirst();
    if (m_reinitTimes.size() > 3) {
        fail(McpError::make(McpError::Kind::Connection,
                            tr("The server keeps forgetting the session (HTTP 404 again and "
                               "again); McpDesk stopped trying.")));
        return;
    }
    qCInfo(lcSession) << "the server forgot the session; starting a new one";
    m_reinitializing = true;
    m_transport->resetSession();
    JsonRpcEndpoint::RequestOptions opts;
    opts.cancellable = false;
    ++m_initializedTurns; // an earlier handshake's initialized no longer goes out
    RpcReply *reply = m_rpc->request(QStringLiteral("initialize"), initializeParams(), opts);
    connect(reply, &RpcReply::finished, this, [this, reply] {
        m_reinitializing = false;
        const QList<QJsonValue> waiting = std::exchange(m_retryAfterReinit, {});
        if (!reply->isOk()) {
            for (const QJsonValue &id : waiting)
                m_rpc->failRequest(id, reply->error());
            fail(reply->error());
            return;
        }
        const QString version =
            reply->result().toObject().value(QStringLiteral("protocolVersion")).toString();
        if (version != m_protocolVersion) {
            McpError e = McpError::make(
                McpError::Kind::Protocol,
                tr("The server changed its protocol version from %1 to %2 when the session was "
                   "renewed.")
                    .arg(m_protocolVersion, version));
            for (const QJsonValue &id : waiting)
                m_rpc->failRequest(id, e);
            fail(e);
            return;
        }
        m_transport->setProtocolVersion(version);
        sendInitialized([this, waiting] {
            for (const QJsonValue &id : waiting)
                m_rpc->resend(id);
            emit reinitialized();
        });
    });
}

void McpSession::setClientFeatures(const ClientFeatures &f)
{
    m_features = f;
    m_featureCapabilities = {};
    if (f.elicitForm || f.elicitUrl) {
        QJsonObject modes;
        if (f.elicitForm)
            modes.insert(QStringLiteral("form"), QJsonObject());
        if (f.elicitUrl)
            modes.insert(QStringLiteral("url"), QJsonObject());
        m_featureCapabilities.insert(QStringLiteral("elicitation"), modes);
    }
    if (f.createMessage)
        m_featureCapabilities.insert(QStringLiteral("sampling"), QJsonObject());
    if (f.roots)
        m_featureCapabilities.insert(QStringLiteral("roots"),
                                     QJsonObject{{QStringLiteral("listChanged"), true}});
    // A legacy server asks with requests of its own; a modern one inside a result
    // (answerInput() serves both).
    for (const QString &method :
         {QStringLiteral("elicitation/create"), QStringLiteral("sampling/createMessage"),
          QStringLiteral("roots/list")}) {
        const bool offered =
            method == QLatin1String("elicitation/create")       ? (f.elicitForm || f.elicitUrl)
            : method == QLatin1String("sampling/createMessage") ? bool(f.createMessage)
                                                                : bool(f.roots);
        if (offered)
            m_rpc->setRequestHandler(method, [this, method](const QJsonObject &params,
                                                            const JsonRpcEndpoint::Responder &r) {
                // Over HTTP a legacy server asks on the stream of the request it
                // needs the answer for: that request waits for the person too.
                askPerson(m_transport->relatedRequest(), method, params, r);
            });
        else
            m_rpc->setRequestHandler(method, {});
    }
    m_cancelledHandler = f.cancelled;
}

void McpSession::answerInput(const QString &method, const QJsonObject &params,
                             const JsonRpcEndpoint::Responder &r) const
{
    if (method == QLatin1String("elicitation/create")) {
        const QString mode = params.value(QStringLiteral("mode")).toString(QStringLiteral("form"));
        const ClientFeatures::Handler &h = mode == QLatin1String("url") ? m_features.elicitUrl
                                           : mode == QLatin1String("form")
                                               ? m_features.elicitForm
                                               : ClientFeatures::Handler();
        if (h)
            h(params, r);
        else
            r.error(-32602,
                    QStringLiteral("Elicitation mode \"%1\" is not supported by this client.")
                        .arg(mode));
    } else if (method == QLatin1String("sampling/createMessage") && m_features.createMessage) {
        m_features.createMessage(params, r);
    } else if (method == QLatin1String("roots/list") && m_features.roots) {
        r.result(QJsonObject{{QStringLiteral("roots"), m_features.roots()}});
    } else {
        r.error(-32601, QStringLiteral("Method not found: ") + method);
    }
}

void McpSession::askPerson(const QJsonValue &onBehalfOf, const QString &method,
                           const QJsonObject &params, const JsonRpcEndpoint::Responder &r)
{
    RpcReply *outer = method == QLatin1String("roots/list") || onBehalfOf.isUndefined()
                          ? nullptr // roots: answered at once, nobody is asked
                          : m_rpc->pendingReply(onBehalfOf);
    if (!outer) {
        answerInput(method, params, r);
        return;
    }
    // The request waits for the person: its caller shows so (the Tools tab), and a
    // window still open when the request ends (cancelled, failed) closes unanswered.
    const QJsonValue askId = r.id();
    const QString askKey = askId.isString() ? askId.toString() : QString::number(askId.toInteger());
    auto open = std::make_shared<bool>(true);
    const QPointer<RpcReply> watched(outer);
    if (m_asking[outer]++ == 0)
        emit outer->waitingForAnswer(true);
    auto settle = [this, open, watched] {
        if (!std::exchange(*open, false) || !watched)
            return;
        if (--m_asking[watched] <= 0) {
            m_asking.remove(watched);
            emit watched->waitingForAnswer(false);
        }
    };
    connect(outer, &RpcReply::finished, this, [this, open, outer, askKey] {
        m_asking.remove(outer);
        if (std::exchange(*open, false) && m_cancelledHandler)
            m_cancelledHandler(askKey);
    });
    answerInput(method, params,
                JsonRpcEndpoint::Responder::toCallback(
                    [r, settle](const QJsonValue &result, const QJsonObject &error) {
                        settle();
                        if (error.isEmpty())
                            r.result(result);
                        else
                            r.error(error.value(QStringLiteral("code")).toInt(),
                                    error.value(QStringLiteral("message")).toString(),
                                    error.value(QStringLiteral("data")));
                    },
                    r.inputKey(), askId));
}

void McpSession::setTrafficLog(TrafficLog *log)
{
    m_traffic = log;
}

void McpSession::notifyRootsChanged()
{
    if (m_state == ServerState::Connected && m_era != Era::Modern &&
        m_featureCapabilities.contains(QStringLiteral("roots")))
        m_rpc->notify(QStringLiteral("notifications/roots/list_changed"));
}

McpSession::~McpSession()
{
    m_rpc->setSink({});
}

void McpSession::setState(ServerState state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcSession) << "state" << serverStateName(state);
    emit stateChanged(state);
}

void McpSession::open()
{
    if (m_state == ServerState::Connecting || m_state == ServerState::Connected)
        return;
    m_lastError = McpError();
    ++m_handshakes; // an earlier handshake still waiting ends unseen
    m_era = Era::Unknown;
    m_eraSource = EraSource::None;
    m_wireModern = false;
    m_infoKnown = false;
    m_probeRetried = false;
    m_reprobed = false;
    m_reprobing = false;
    m_toolsKnown = false;
    m_toolHeaders.clear();
    m_rejectedTools.clear();
    m_eraRetries.clear();
    setState(ServerState::Connecting);
    m_transport->open();
}

void McpSession::close()
{
    m_retryAfterReinit.clear();
    m_heldForReprobe.clear();
    m_reprobing = false;
    m_reinitializing = false;
    m_listenRetry.stop();
    m_listCache.clear();
    m_rpc->failAll(McpError::make(McpError::Kind::Cancelled, tr("The connection was closed.")));
    m_transport->close();
    setState(ServerState::Disconnected);
}

void McpSession::fail(const McpError &error)
{
    if (m_state == ServerState::Error || m_state == ServerState::NeedsSignIn)
        return; // already failed: the first reason is the one to tell
    m_lastError = error;
    // State first: replies failed below must see that the session is over.
    setState(error.kind == McpError::Kind::Unauthorized ? ServerState::NeedsSignIn
                                                        : ServerState::Error);
    m_listenRetry.stop();
    m_transport->close();
    m_rpc->failAll(error);
    emit failed(error);
}

QJsonObject McpSession::clientInfoJson() const
{
    QJsonObject info{{QStringLiteral("name"), m_clientInfo.name},
                     {QStringLiteral("version"), m_clientInfo.version}};
    if (!m_clientInfo.title.isEmpty())
        info.insert(QStringLiteral("title"), m_clientInfo.title);
    return info;
}

QJsonObject McpSession::initializeParams() const
{
    const QJsonObject clientInfo = clientInfoJson();
    QJsonObject caps = m_clientCapabilities;
    for (auto it = m_featureCapabilities.begin(); it != m_featureCapabilities.end(); ++it)
        caps.insert(it.key(), it.value());
    const bool pinnedLegacy = !m_pin.isEmpty() && !isModernVersion(m_pin);
    return QJsonObject{
        {QStringLiteral("protocolVersion"), pinnedLegacy ? m_pin : latestProtocolVersion()},
        {QStringLiteral("capabilities"), caps},
        {QStringLiteral("clientInfo"), clientInfo}};
}

void McpSession::sendInitialize()
{
    JsonRpcEndpoint::RequestOptions opts;
    opts.cancellable = false; // the spec forbids cancelling initialize
    ++m_initializedTurns;     // an earlier handshake's initialized no longer goes out
    RpcReply *reply = m_rpc->request(QStringLiteral("initialize"), initializeParams(), opts);
    connect(reply, &RpcReply::finished, this, [this, reply] { onInitialized(reply); });
}

void McpSession::onInitialized(RpcReply *reply)
{
    if (m_state != ServerState::Connecting && !m_reprobing)
        return; // closed meanwhile
    if (!reply->isOk()) {
        const McpError e = reply->error();
        if (m_eraSource == EraSource::Cached && !m_reprobed && classify(e) == Verdict::Modern) {
            // The server was legacy when last seen and answers as a modern one now.
            qCInfo(lcSession) << "the cached legacy verdict no longer holds; probing again";
            m_reprobed = true;
            if (m_eraCache)
                m_eraCache->forget(m_eraKey);
            probeEra();
            return;
        }
        if (e.isRpcError && e.rpcCode == -32022 && m_pin.isEmpty()) {
            // A modern-only server taken for a legacy one (a stdio server slow to
            // answer the probe): it names the modern version it speaks.
            const QString modern =
                pickModern(e.rpcData.toObject().value(QStringLiteral("supported")));
            if (!modern.isEmpty()) {
                qCInfo(lcSession) << "initialize refused with -32022; the server speaks" << modern;
                useModern(modern, EraSource::Detected);
                return;
            }
        }
        if (e.isRpcError && e.rpcCode == -32022) {
            // A modern-only server, or one that does not speak the version pinned.
            QStringList offered;
            for (const QJsonValue &v :
                 e.rpcData.toObject().value(QStringLiteral("supported")).toArray())
                offered.append(v.toString());
            m_transport->close();
            fail(McpError::make(
                McpError::Kind::Protocol,
                tr("The server does not speak MCP %1; it speaks %2.")
                    .arg(initializeParams().value(QStringLiteral("protocolVersion")).toString(),
                         offered.isEmpty() ? tr("other versions")
                                           : offered.join(QStringLiteral(", ")))));
            return;
        }
        const bool notStreamableHttp =
            e.kind == McpError::Kind::Connection && classify(e) != Verdict::Modern &&
            (e.httpStatus == 400 || e.httpStatus == 404 || e.httpStatus == 405);
        if (notStreamableHttp && !m_fellBack && m_fallbackFactory &&
            m_transport->kind() == TransportKind::StreamableHttp) {
            if (Transport *fallback = m_fallbackFactory()) {
                // The 2024-11-05 way: GET the same URL and wait for the endpoint event.
                qCInfo(lcSession) << "the server answered HTTP" << e.httpStatus
                                  << "to initialize; trying the HTTP+SSE transport";
                m_fellBack = true;
                attachTransport(fallback);
                emit transportChanged(fallback);
                m_transport->open();
                return;
            }
        }
        McpError withDetail = e;
        const QString more = m_transport->diagnostics();
        if (!more.isEmpty())
            withDetail.message += QLatin1Char(' ') + more;
        m_transport->close();
        fail(withDetail);
        return;
    }
    const QJsonObject result = reply->result().toObject();
    const QString version = result.value(QStringLiteral("protocolVersion")).toString();
    if (!supportedProtocolVersions().contains(version)) {
        McpError e = McpError::make(
            McpError::Kind::Protocol,
            version.isEmpty()
                ? tr("The server did not say which protocol version it speaks.")
                : tr("The server speaks MCP protocol version %1, which McpDesk does not support "
                     "(McpDesk asked for %2 and also speaks %3).")
                      .arg(version, latestProtocolVersion(),
                           supportedProtocolVersions().mid(1).join(QStringLiteral(", "))));
        m_transport->close();
        fail(e);
        return;
    }
    m_protocolVersion = version;
    m_serverInfo = result.value(QStringLiteral("serverInfo")).toObject();
    m_serverCapabilities = result.value(QStringLiteral("capabilities")).toObject();
    m_instructions = result.value(QStringLiteral("instructions")).toString();
    m_infoKnown = true;
    if (m_eraCache && m_eraSource == EraSource::Detected)
        m_eraCache->store(m_eraKey,
                          {EraVerdict::Era::Legacy, version, QDateTime::currentDateTimeUtc()});
    m_transport->setProtocolVersion(version);
    sendInitialized([this] { afterInitialized(); });
}

void McpSession::sendInitialized(std::function<void()> then)
{
    // The server's own stream first: a server may ask something the moment it hears
    // `notifications/initialized` (server-everything asks for roots), on that stream,
    // and a request sent while it is still opening is lost. A server that holds the
    // stream's headers back is not waited for long.
    const quint64 turn = ++m_initializedTurns;
    auto go = [this, turn, then = std::move(then)] {
        if (turn != m_initializedTurns)
            return; // sent already, or a newer handshake began
        ++m_initializedTurns;
        if (m_state != ServerState::Connecting && m_state != ServerState::Connected)
            return;
        m_rpc->notify(QStringLiteral("notifications/initialized"));
        then();
    };
    m_transport->sessionStarted(go);
    QTimer::singleShot(kServerStreamWaitMs, this, go);
}

void McpSession::afterInitialized()
{
    // Over HTTP each message travels on a connection of its own: a request sent now
    // could reach the server before the initialized notification and be answered as
    // if the session had not begun (the SDK's servers add tools once initialized, and
    // the list_changed they send then is lost while the server's own stream is still
    // opening). So the session is connected once the server has taken the notification
    // (or, from a server that never answers it, after a while).
    if (m_transport->kind() != TransportKind::Stdio && m_transport->pendingWrites() > 0) {
        auto drained = std::make_shared<QMetaObject::Connection>();
        const quint64 handshake = ++m_handshakes;
        auto finish = [this, drained, handshake] {
            disconnect(*drained);
            if (handshake == m_handshakes)
                finishConnecting();
        };
        *drained = connect(m_transport, &Transport::writesDrained, this, finish);
        QTimer::singleShot(kInitializedWaitMs, this, finish);
        return;
    }
    finishConnecting();
}

void McpSession::finishConnecting()
{
    if (m_reprobing && m_state == ServerState::Connected) {
        // Found again under a session already in use: what waited goes out now.
        m_reprobing = false;
        qCInfo(lcSession).noquote()
            << "the server is" << eraName(m_era) << "now, protocol" << m_protocolVersion;
        const QList<QJsonValue> held = std::exchange(m_heldForReprobe, {});
        for (const QJsonValue &id : held)
            m_rpc->resend(id);
        return;
    }
    if (m_state != ServerState::Connecting)
        return; // closed or failed meanwhile, or already done
    qCInfo(lcSession).noquote() << "connected to"
                                << m_serverInfo.value(QStringLiteral("name")).toString() << "era"
                                << eraName(m_era) << eraSourceName(m_eraSource) << "protocol"
                                << m_protocolVersion;
    setState(ServerState::Connected);
    emit ready();
    startListen(); // a modern server, when someone listens for changes
}

void McpSession::onNotification(const QString &method, const QJsonObject &params)
{
    if (m_wireModern && !acceptListenNotification(method, params))
        return;
    if (method == QLatin1String("notifications/message")) {
        const QString level = params.value(QStringLiteral("level")).toString();
        const QString logger = params.value(QStringLiteral("logger")).toString();
        const QJsonValue data = params.value(QStringLiteral("data"));
        // On a request's own stream (a modern server sends them only there): that
        // request's too.
        if (RpcReply *r = m_rpc->pendingReply(m_transport->relatedRequest()))
            emit r->logMessage(level, logger, data);
        emit logMessage(level, logger, data);
    } else if (method == QLatin1String("notifications/tools/list_changed")) {
        m_listCache.remove(QStringLiteral("tools/list"));
        scheduleRelist(ListKind::Tools);
    } else if (method == QLatin1String("notifications/resources/list_changed")) {
        m_listCache.remove(QStringLiteral("resources/list"));
        m_listCache.remove(QStringLiteral("resources/templates/list"));
        scheduleRelist(ListKind::Resources);
    } else if (method == QLatin1String("notifications/prompts/list_changed")) {
        m_listCache.remove(QStringLiteral("prompts/list"));
        scheduleRelist(ListKind::Prompts);
    } else if (method == QLatin1String("notifications/resources/updated")) {
        emit resourceUpdated(params.value(QStringLiteral("uri")).toString());
    } else if (method == QLatin1String("notifications/cancelled") && m_cancelledHandler) {
        const QJsonValue id = params.value(QStringLiteral("requestId"));
        m_cancelledHandler(id.isString() ? id.toString() : QString::number(id.toInteger()));
    }
    emit notificationReceived(method, params);
}

void McpSession::scheduleRelist(ListKind kind)
{
    // Servers often announce a change several times in a row (server-everything: five
    // times right after connecting): one fetch per burst, not one per notification.
    // A list nobody has asked for is not fetched: whoever asks later gets it fresh
    // (50 servers announcing three lists each need not cost 150 lists at start).
    const unsigned bit = 1u << unsigned(kind);
    if ((m_relistPending & bit) || !(m_listed & bit))
        return;
    m_relistPending |= bit;
    QTimer::singleShot(kRelistDebounceMs, this, [this, kind, bit] {
        m_relistPending &= ~bit;
        switch (kind) {
        case ListKind::Tools:
            relist(listTools(), &McpSession::toolsChanged);
            break;
        case ListKind::Resources:
            relist(listResources(), &McpSession::resourcesChanged);
            break;
        case ListKind::Prompts:
            relist(listPrompts(), &McpSession::promptsChanged);
            break;
        }
    });
}

void McpSession::relist(RpcReply *reply, void (McpSession::*changed)())
{
    // The list changed on the server: fetch it again, then tell the views.
    if (!m_autoRelist || m_state != ServerState::Connected) {
        reply->cancel();
        emit(this->*changed)();
        return;
    }
    connect(reply, &RpcReply::finished, this, [this, reply, changed] {
        if (reply->isOk())
            emit(this->*changed)();
    });
}

RpcReply *McpSession::failedReply(const McpError &error)
{
    auto *reply = new RpcReply;
    QTimer::singleShot(0, reply, [reply, error] { reply->finishWithError(error); });
    return reply;
}

void McpSession::dropWith(RpcReply *step, RpcReply *outer)
{
    auto done = std::make_shared<bool>(false);
    connect(step, &RpcReply::finished, outer, [done] { *done = true; });
    connect(step, &QObject::destroyed, outer, [outer, done] {
        if (!*done && !outer->isFinished())
            outer->deleteLater();
    });
}

RpcReply *McpSession::listAll(const QString &method, const QString &key)
{
    if (method == QLatin1String("tools/list"))
        m_listed |= 1u << unsigned(ListKind::Tools);
    else if (method == QLatin1String("resources/list"))
        m_listed |= 1u << unsigned(ListKind::Resources);
    else if (method == QLatin1String("prompts/list"))
        m_listed |= 1u << unsigned(ListKind::Prompts);
    auto *aggregate = new RpcReply;
    // A modern server says how long a list stays good (ttlMs; SEP-2549): within that
    // it is not asked again, unless it said it changed. A private one only for the
    // sign-in it was fetched with.
    const auto cached = m_listCache.constFind(method);
    if (m_wireModern && cached != m_listCache.constEnd() && !cached->expires.hasExpired() &&
        (!cached->isPrivate || cached->tokenGeneration == tokenGeneration())) {
        const QJsonArray items = cached->items;
        QTimer::singleShot(0, aggregate,
                           [aggregate, items] { aggregate->finishWithResult(items); });
        return aggregate;
    }
    m_listCache.remove(method);
    fetchPage(aggregate, method, key, QString(), QJsonArray(), QStringList(), {});
    return aggregate;
}

int McpSession::tokenGeneration() const
{
    return m_authenticator ? m_authenticator->tokenGeneration() : 0;
}

void McpSession::fetchPage(RpcReply *aggregate, const QString &method, const QString &key,
                           const QString &cursor, QJsonArray items, QStringList seen,
                           CachedList keep)
{
    QJsonObject params;
    if (!cursor.isEmpty())
        params.insert(QStringLiteral("cursor"), cursor);
    RpcReply *page = m_rpc->request(method, params);
    dropWith(page, aggregate);
    QPointer<RpcReply> pagePtr(page);
    aggregate->setCancelHandler([pagePtr](const QString &reason) {
        if (pagePtr)
            pagePtr->cancel(reason);
    });
    const int generation = tokenGeneration();
    connect(page, &RpcReply::finished, aggregate,
            [this, aggregate, page, method, key, items, seen, keep, generation]() mutable {
                if (!page->isOk()) {
                    aggregate->finishWithError(page->error());
                    return;
                }
                const QJsonObject result = page->result().toObject();
                // The list is good as long as its shortest-lived page (absent: 0).
                const qint64 ttl = qint64(result.value(QStringLiteral("ttlMs")).toDouble(0));
                keep.ttlMs = seen.isEmpty() ? ttl : std::min(keep.ttlMs, ttl);
                keep.isPrivate = keep.isPrivate || result.value(QStringLiteral("cacheScope")) !=
                                                       QLatin1String("public");
                const QJsonArray pageItems = result.value(key).toArray();
                for (const QJsonValue &v : pageItems)
                    items.append(v);
                const QJsonValue next = result.value(QStringLiteral("nextCursor"));
                if (next.isString() && !next.toString().isEmpty()) {
                    const QString c = next.toString();
                    if (seen.contains(c) || seen.size() >= kMaxPages) {
                        aggregate->finishWithError(McpError::make(
                            McpError::Kind::Protocol,
                            tr("The server's “%1” pages never end (cursor “%2” came back).")
                                .arg(method, c.left(40))));
                        return;
                    }
                    seen.append(c);
                    fetchPage(aggregate, method, key, c, items, seen, keep);
                    return;
                }
                if (method == QLatin1String("tools/list") && m_wireModern)
                    items = checkToolHeaders(items);
                if (method == QLatin1String("tools/list"))
                    m_tools = KeptList::of(items);
                else if (method == QLatin1String("resources/list"))
                    m_resources = KeptList::of(items);
                else if (method == QLatin1String("prompts/list"))
                    m_prompts = KeptList::of(items);
                if (m_wireModern && keep.ttlMs > 0 && generation == tokenGeneration()) {
                    keep.items = items;
                    keep.tokenGeneration = generation;
                    keep.expires.setRemainingTime(keep.ttlMs);
                    m_listCache.insert(method, keep);
                }
                aggregate->finishWithResult(items);
            });
}

McpSession::KeptList McpSession::KeptList::of(const QJsonArray &items)
{
    KeptList kept;
    if (items.size() > ParsedAbove) {
        kept.items = items;
        return kept;
    }
    if (items.isEmpty())
        return kept;
    kept.bytes = packedText(QJsonDocument(items).toJson(QJsonDocument::Compact), 0, DeflateLimit,
                            &kept.deflated);
    return kept;
}

QJsonArray McpSession::KeptList::parsed() const
{
    if (bytes.isEmpty())
        return items;
    return QJsonDocument::fromJson(deflated ? qUncompress(bytes) : bytes).array();
}

RpcReply *McpSession::listTools()
{
    return listAll(QStringLiteral("tools/list"), QStringLiteral("tools"));
}

RpcReply *McpSession::listResources()
{
    return listAll(QStringLiteral("resources/list"), QStringLiteral("resources"));
}

RpcReply *McpSession::listResourceTemplates()
{
    return listAll(QStringLiteral("resources/templates/list"), QStringLiteral("resourceTemplates"));
}

RpcReply *McpSession::listPrompts()
{
    return listAll(QStringLiteral("prompts/list"), QStringLiteral("prompts"));
}

RpcReply *McpSession::callTool(const QString &name, const QJsonObject &arguments,
                               const CallOptions &options)
{
    JsonRpcEndpoint::RequestOptions opts;
    opts.timeoutMs = options.timeoutMs;
    opts.maxTotalMs = options.maxTotalMs;
    opts.withProgress = options.progress;
    const QJsonObject params{{QStringLiteral("name"), name},
                             {QStringLiteral("arguments"), arguments}};
    if (m_wireModern)
        return callModernTool(params, opts);
    return m_rpc->request(QStringLiteral("tools/call"), params, opts);
}

RpcReply *McpSession::readResource(const QString &uri)
{
    return m_rpc->request(QStringLiteral("resources/read"),
                          QJsonObject{{QStringLiteral("uri"), uri}});
}

RpcReply *McpSession::subscribeResource(const QString &uri)
{
    if (m_era == Era::Modern) {
        // A modern server tells of updates on a listen stream: listen again with
        // this resource too; done when the server acknowledges it.
        if (!m_watchedUris.contains(uri))
            m_watchedUris.append(uri);
        // Owned by the session until it is settled, then by no one (it deletes itself
        // after `finished`); the reply is the context of these connections.
        auto *reply = new RpcReply(this);
        auto settle = [reply](const McpError &error) {
            if (reply->isFinished())
                return;
            reply->setParent(nullptr);
            if (error.isError())
                reply->finishWithError(error);
            else
                reply->finishWithResult(QJsonObject());
        };
        connect(this, &McpSession::listening, reply, [settle, uri](const QJsonObject &honored) {
            settle(honored.value(QStringLiteral("resourceSubscriptions")).toArray().contains(uri)
                       ? McpError()
                       : McpError::make(
                             McpError::Kind::Protocol,
                             McpSession::tr("The server does not send updates of %1.").arg(uri)));
        });
        connect(this, &McpSession::listenInterrupted, reply,
                [settle](const QString &why, int retryInMs) {
                    if (retryInMs < 0) // else: it will be asked again
                        settle(McpError::make(McpError::Kind::Protocol, why));
                });
        connect(this, &McpSession::stateChanged, reply, [settle](ServerState state) {
            if (state != ServerState::Connected)
                settle(McpError::make(McpError::Kind::Cancelled,
                                      McpSession::tr("The connection was closed.")));
        });
        startListen();
        return reply;
    }
    return m_rpc->request(QStringLiteral("resources/subscribe"),
                          QJsonObject{{QStringLiteral("uri"), uri}});
}

RpcReply *McpSession::unsubscribeResource(const QString &uri)
{
    if (m_era == Era::Modern) {
        if (m_watchedUris.removeAll(uri) > 0) {
            if (m_listenWanted || !m_watchedUris.isEmpty())
                startListen();
            else
                stopListen();
        }
        auto *reply = new RpcReply;
        QTimer::singleShot(0, reply, [reply] { reply->finishWithResult(QJsonObject()); });
        return reply;
    }
    return m_rpc->request(QStringLiteral("resources/unsubscribe"),
                          QJsonObject{{QStringLiteral("uri"), uri}});
}

RpcReply *McpSession::getPrompt(const QString &name, const QJsonObject &arguments)
{
    QJsonObject params{{QStringLiteral("name"), name}};
    if (!arguments.isEmpty())
        params.insert(QStringLiteral("arguments"), arguments);
    return m_rpc->request(QStringLiteral("prompts/get"), params);
}

RpcReply *McpSession::complete(const QJsonObject &ref, const QString &argument,
                               const QString &typed, const QJsonObject &filled)
{
    if (!serverHas(QStringLiteral("completions")))
        return failedReply(McpError::make(McpError::Kind::Protocol,
                                          tr("This server does not offer completions.")));
    QJsonObject params{{QStringLiteral("ref"), ref},
                       {QStringLiteral("argument"), QJsonObject{{QStringLiteral("name"), argument},
                                                                {QStringLiteral("value"), typed}}}};
    QJsonObject context; // the others, as text (the spec's context is a map of strings)
    for (auto it = filled.begin(); it != filled.end(); ++it) {
        if (it.key() == argument || it.value().isNull() || it.value().isUndefined())
            continue;
        const QJsonValue v = it.value();
        context.insert(it.key(), v.isString()   ? v.toString()
                                 : v.isBool()   ? QString::fromLatin1(v.toBool() ? "true" : "false")
                                 : v.isDouble() ? QString::number(v.toDouble())
                                                : QString());
    }
    if (!context.isEmpty())
        params.insert(QStringLiteral("context"),
                      QJsonObject{{QStringLiteral("arguments"), context}});
    return m_rpc->request(QStringLiteral("completion/complete"), params);
}

RpcReply *McpSession::setLoggingLevel(const QString &level)
{
    if (!serverHas(QStringLiteral("logging")))
        return failedReply(McpError::make(McpError::Kind::Protocol,
                                          tr("This server does not offer log messages.")));
    if (m_era == Era::Modern) {
        // No logging/setLevel: each request asks for the messages in its _meta.
        m_logLevel = level;
        auto *reply = new RpcReply;
        QTimer::singleShot(0, reply, [reply] { reply->finishWithResult(QJsonObject()); });
        return reply;
    }
    return m_rpc->request(QStringLiteral("logging/setLevel"),
                          QJsonObject{{QStringLiteral("level"), level}});
}

RpcReply *McpSession::ping()
{
    // A modern server has no ping: server/discover, which every one answers, tells
    // the same (that it is there and answering).
    if (m_era == Era::Modern)
        return m_rpc->request(QStringLiteral("server/discover"));
    return m_rpc->request(QStringLiteral("ping"));
}

} // namespace mcpdesk
