// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The two eras of MCP in one session: finding which one a server speaks, and what
// a modern (2026-07-28) request carries.
//
//   opened --pinned legacy, or a legacy verdict cached--> initialize (McpSession.cpp)
//          --a modern verdict cached (no discover wanted)--> connected, modern
//          --otherwise--> server/discover with the modern _meta and headers:
//               a result naming a modern version, or a modern error (-32022
//               -32021 -32020; over HTTP a 400 -32602, a 404 -32601)   --> modern
//               -32022 naming a version McpDesk speaks     --> asked once more with it
//               anything else (a result without supportedVersions, -32601,
//               -32000, an empty or non-JSON body, 404/405, on stdio a
//               timeout or the server ending)              --> legacy: initialize
//                                                             (stdio: started again)
//               pinned modern and a legacy answer          --> an error in words
// A failure under a cached verdict that looks like the other era probes once more,
// holding the request that failed and sending it again after.
#include "McpSession.h"

#include <QJsonDocument>
#include <QTimer>

namespace mcpdesk {

namespace {
const QString kMetaVersion = QStringLiteral("io.modelcontextprotocol/protocolVersion");
const QString kMetaCapabilities = QStringLiteral("io.modelcontextprotocol/clientCapabilities");
const QString kMetaClientInfo = QStringLiteral("io.modelcontextprotocol/clientInfo");
const QString kMetaLogLevel = QStringLiteral("io.modelcontextprotocol/logLevel");
const QString kMetaServerInfo = QStringLiteral("io.modelcontextprotocol/serverInfo");
constexpr int kStdioProbeTimeoutMs = 5000;
constexpr int kMaxInputRounds = 10; // as the official SDK: a server that never ends is stopped

bool isModernErrorCode(int code)
{
    return code == -32022 || code == -32021 || code == -32020;
}
} // namespace

const QStringList &McpSession::modernProtocolVersions()
{
    static const QStringList versions{QStringLiteral("2026-07-28")};
    return versions;
}

bool McpSession::isModernVersion(const QString &version)
{
    return modernProtocolVersions().contains(version);
}

QString McpSession::eraName(Era era)
{
    switch (era) {
    case Era::Modern:
        return QStringLiteral("modern");
    case Era::Legacy:
        return QStringLiteral("legacy");
    case Era::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString McpSession::eraSourceName(EraSource source)
{
    switch (source) {
    case EraSource::Detected:
        return QStringLiteral("detected");
    case EraSource::Cached:
        return QStringLiteral("cached");
    case EraSource::Pinned:
        return QStringLiteral("pinned");
    case EraSource::None:
        break;
    }
    return QString();
}

void McpSession::onTransportOpened()
{
    if (m_era == Era::Legacy) { // a fallback transport, or a stdio server started again
        sendInitialize();
        return;
    }
    if (!m_pin.isEmpty() && !isModernVersion(m_pin)) {
        useLegacy(EraSource::Pinned);
        return;
    }
    if (m_eraCache && !m_eraKey.isEmpty()) {
        if (const auto known = m_eraCache->lookup(m_eraKey)) {
            const bool modern = known->era == EraVerdict::Era::Modern;
            m_eraFoundAt = known->at;
            if (modern && isModernVersion(known->version) &&
                (m_pin.isEmpty() || m_pin == known->version) && !m_discoverWhenCached) {
                useModern(known->version, EraSource::Cached);
                return;
            }
            if (!modern && m_pin.isEmpty()) {
                useLegacy(EraSource::Cached);
                return;
            }
            if (modern)
                m_eraSource = EraSource::Cached; // discover asked all the same
        }
    }
    probeEra();
}

void McpSession::probeEra(const QString &version)
{
    m_wireModern = true;
    setModernVersion(!version.isEmpty() ? version
                     : m_pin.isEmpty()  ? modernProtocolVersions().constFirst()
                                        : m_pin);
    JsonRpcEndpoint::RequestOptions opts;
    if (m_transport->kind() == TransportKind::Stdio)
        opts.timeoutMs = std::min<qint64>(kStdioProbeTimeoutMs, m_rpc->defaultTimeout());
    RpcReply *reply = m_rpc->request(QStringLiteral("server/discover"), {}, opts);
    m_probe = reply;
    connect(reply, &RpcReply::finished, this, [this, reply] { onProbed(reply); });
}

void McpSession::onProbed(RpcReply *reply)
{
    if (m_probe != reply)
        return;
    m_probe = nullptr;
    if (m_state != ServerState::Connecting && !m_reprobing)
        return; // closed or failed meanwhile
    const EraSource source = !m_pin.isEmpty() ? EraSource::Pinned
                             : m_eraSource == EraSource::Cached && !m_reprobed
                                 ? EraSource::Cached
                                 : EraSource::Detected;
    const QJsonValue offered =
        reply->result().toObject().value(QStringLiteral("supportedVersions"));
    if (reply->isOk() && !offered.isArray()) {
        // Not a DiscoverResult: servers of the handshake era may answer any method
        // they do not know with an empty result.
        if (m_pin.isEmpty()) {
            useLegacy(EraSource::Detected);
            return;
        }
        fail(McpError::make(McpError::Kind::Protocol,
                            tr("The server does not speak MCP %1 (its answer to server/discover "
                               "names no protocol versions).")
                                .arg(m_pin)));
        return;
    }
    if (reply->isOk()) {
        const QJsonObject result = reply->result().toObject();
        QStringList versions;
        for (const QJsonValue &v : offered.toArray())
            versions.append(v.toString());
        const QString version = pickModern(offered);
        if (!version.isEmpty()) {
            m_serverVersions = versions;
            adoptDiscover(result);
            useModern(version, source);
            return;
        }
        // It answers server/discover but offers no modern version McpDesk speaks.
        bool legacyOffered = false;
        for (const QString &v : versions)
            legacyOffered = legacyOffered || supportedProtocolVersions().contains(v);
        if (legacyOffered && m_pin.isEmpty()) {
            useLegacy(EraSource::Detected);
            return;
        }
        fail(McpError::make(McpError::Kind::Protocol,
                            tr("The server speaks MCP %1, which McpDesk does not support "
                               "(McpDesk speaks %2).")
                                .arg(versions.join(QStringLiteral(", ")),
                                     (modernProtocolVersions() + supportedProtocolVersions())
                                         .join(QStringLiteral(", ")))));
        return;
    }
    const McpError e = reply->error();
    switch (classify(e)) {
    case Verdict::Modern: {
        if (e.isRpcError && e.rpcCode == -32022) {
            const QString version =
                pickModern(e.rpcData.toObject().value(QStringLiteral("supported")));
            if (!version.isEmpty() && !m_probeRetried) {
                // The spec's answer to -32022: ask again with a version the server named.
                m_probeRetried = true;
                probeEra(version);
                return;
            }
            if (version.isEmpty()) {
                if (m_pin.isEmpty()) {
                    useLegacy(EraSource::Detected); // it named only legacy versions
                    return;
                }
                fail(McpError::make(
                    McpError::Kind::Protocol,
                    tr("The server does not speak MCP %1. %2").arg(m_pin, e.message)));
                return;
            }
        }
        // A modern server that refused the probe itself: what it offers stays unknown.
        useModern(m_protocolVersion, source);
        return;
    }
    case Verdict::Legacy:
        if (!m_pin.isEmpty()) {
            fail(McpError::make(
                McpError::Kind::Protocol,
                tr("The server does not speak MCP %1 (it answered server/discover as a server "
                   "of an earlier version does: %2). Let McpDesk choose the version, or pin an "
                   "earlier one.")
                    .arg(m_pin, e.message)));
            return;
        }
        useLegacy(EraSource::Detected);
        return;
    case Verdict::Fatal:
        fail(e);
        return;
    }
}

McpSession::Verdict McpSession::classify(const McpError &e) const
{
    const bool http = m_transport->kind() != TransportKind::Stdio;
    if (e.kind == McpError::Kind::Cancelled || e.kind == McpError::Kind::Unauthorized)
        return Verdict::Fatal;
    if (e.isRpcError) {
        if (isModernErrorCode(e.rpcCode))
            return Verdict::Modern;
        if (e.rpcCode == -32602 && http && e.httpStatus == 400)
            return Verdict::Modern; // the envelope refused
        if (e.rpcCode == -32601 && http && e.httpStatus == 404)
            return Verdict::Modern; // a modern server without that method
        return Verdict::Legacy;
    }
    if (e.kind == McpError::Kind::Timeout)
        return http ? Verdict::Fatal : Verdict::Legacy;
    if (e.kind == McpError::Kind::Connection && e.httpStatus == 0)
        return Verdict::Fatal; // not reached at all
    return Verdict::Legacy;    // an HTTP error without JSON-RPC, a body that is not JSON, ...
}

bool McpSession::looksLegacy(const McpError &e)
{
    if (e.isRpcError)
        return e.rpcCode == -32000 || (e.rpcCode == -32601 && e.httpStatus != 404);
    return e.kind == McpError::Kind::Connection &&
           (e.httpStatus == 400 || e.httpStatus == 404 || e.httpStatus == 405);
}

QString McpSession::pickModern(const QJsonValue &supported) const
{
    const QJsonArray offered = supported.toArray();
    auto has = [&offered](const QString &v) { return offered.contains(QJsonValue(v)); };
    if (!m_pin.isEmpty())
        return has(m_pin) ? m_pin : QString();
    for (const QString &v : modernProtocolVersions())
        if (has(v))
            return v;
    return QString();
}

void McpSession::setModernVersion(const QString &version)
{
    m_protocolVersion = version;
    m_transport->setProtocolVersion(version);
}

void McpSession::useModern(const QString &version, EraSource source)
{
    m_era = Era::Modern;
    m_eraSource = source;
    noteEraFound(source);
    m_wireModern = true;
    setModernVersion(version);
    if (m_eraCache && source != EraSource::Cached)
        m_eraCache->store(m_eraKey,
                          {EraVerdict::Era::Modern, version, QDateTime::currentDateTimeUtc()});
    finishConnecting();
}

void McpSession::useLegacy(EraSource source)
{
    m_era = Era::Legacy;
    m_eraSource = source;
    noteEraFound(source);
    m_wireModern = false;
    m_protocolVersion.clear();
    m_transport->setProtocolVersion(QString());
    sendInitialize();
}

void McpSession::noteEraFound(EraSource source)
{
    if (source == EraSource::Pinned)
        m_eraFoundAt = QDateTime();
    else if (source != EraSource::Cached)
        m_eraFoundAt = QDateTime::currentDateTimeUtc();
    // cached: when it was kept (set where the verdict was read)
}

void McpSession::restartForLegacy()
{
    qCInfo(lcSession) << "the server ended on server/discover; starting it again for initialize";
    RpcReply *probe = m_probe;
    m_probe = nullptr;
    m_era = Era::Legacy;
    m_eraSource = EraSource::Detected;
    noteEraFound(m_eraSource);
    m_wireModern = false;
    m_protocolVersion.clear();
    if (probe)
        m_rpc->failRequest(probe->id(), McpError::make(McpError::Kind::Connection, QString()));
    Transport *fresh = m_remake();
    attachTransport(fresh);
    emit transportChanged(fresh);
    m_transport->open(); // opened() sends initialize
}

void McpSession::adoptDiscover(const QJsonObject &result)
{
    m_serverInfo =
        result.value(QStringLiteral("_meta")).toObject().value(kMetaServerInfo).toObject();
    m_serverCapabilities = result.value(QStringLiteral("capabilities")).toObject();
    m_instructions = result.value(QStringLiteral("instructions")).toString();
    m_infoKnown = true;
}

QJsonObject McpSession::withModernMeta(const QJsonObject &message) const
{
    if (!message.contains(QStringLiteral("id")) || !message.contains(QStringLiteral("method")))
        return message; // only requests carry the envelope
    QJsonObject params = message.value(QStringLiteral("params")).toObject();
    QJsonObject meta = params.value(QStringLiteral("_meta")).toObject();
    meta.insert(kMetaVersion, m_protocolVersion);
    // What McpDesk answers, as in initialize; roots have no list_changed on this era.
    QJsonObject caps = m_clientCapabilities;
    for (auto it = m_featureCapabilities.begin(); it != m_featureCapabilities.end(); ++it)
        caps.insert(it.key(),
                    it.key() == QLatin1String("roots") ? QJsonValue(QJsonObject()) : it.value());
    meta.insert(kMetaCapabilities, caps);
    meta.insert(kMetaClientInfo, clientInfoJson());
    if (!m_logLevel.isEmpty())
        meta.insert(kMetaLogLevel, m_logLevel);
    params.insert(QStringLiteral("_meta"), meta);
    QJsonObject out = message;
    out.insert(QStringLiteral("params"), params);
    return out;
}

HeaderList McpSession::modernHeaders(const QJsonObject &message) const
{
    const QString method = message.value(QStringLiteral("method")).toString();
    if (method.isEmpty())
        return {};
    HeaderList headers{{QByteArrayLiteral("Mcp-Method"), mcpheaders::encodeText(method)}};
    const QJsonObject params = message.value(QStringLiteral("params")).toObject();
    if (method == QLatin1String("tools/call") || method == QLatin1String("prompts/get")) {
        const QString name = params.value(QStringLiteral("name")).toString();
        headers.append({QByteArrayLiteral("Mcp-Name"), mcpheaders::encodeText(name)});
        if (method == QLatin1String("tools/call")) {
            const auto it = m_toolHeaders.constFind(name);
            if (it != m_toolHeaders.constEnd())
                headers.append(mcpheaders::paramHeaders(
                    *it, params.value(QStringLiteral("arguments")).toObject()));
        }
    } else if (method == QLatin1String("resources/read")) {
        headers.append({QByteArrayLiteral("Mcp-Name"),
                        mcpheaders::encodeText(params.value(QStringLiteral("uri")).toString())});
    }
    return headers;
}

QJsonArray McpSession::checkToolHeaders(const QJsonArray &tools)
{
    m_toolHeaders.clear();
    m_rejectedTools.clear();
    m_toolsKnown = true;
    QJsonArray kept;
    for (const QJsonValue &v : tools) {
        const QJsonObject tool = v.toObject();
        const QString name = tool.value(QStringLiteral("name")).toString();
        const mcpheaders::ToolHeaders headers =
            mcpheaders::toolHeaders(tool.value(QStringLiteral("inputSchema")).toObject());
        if (!headers.isValid()) {
            qCWarning(lcSession).noquote()
                << QStringLiteral("left out the tool “%1”: %2").arg(name, headers.error);
            m_rejectedTools.insert(name, headers.error);
            continue;
        }
        if (!headers.params.isEmpty())
            m_toolHeaders.insert(name, headers.params);
        kept.append(v);
    }
    return kept;
}

RpcReply *McpSession::callModernTool(const QJsonObject &params,
                                     const JsonRpcEndpoint::RequestOptions &opts)
{
    const QString name = params.value(QStringLiteral("name")).toString();
    if (m_toolsKnown) {
        const auto rejected = m_rejectedTools.constFind(name);
        if (rejected != m_rejectedTools.constEnd())
            return failedReply(McpError::make(
                McpError::Kind::Protocol,
                tr("McpDesk does not call the tool “%1”: it asks for a header that is not "
                   "valid (%2).")
                    .arg(name, *rejected)));
        return m_rpc->request(QStringLiteral("tools/call"), params, opts);
    }
    // Which arguments travel as headers too is in the tool's schema: list first
    // (once for all the calls made before the list came).
    auto *outer = new RpcReply;
    if (!m_listForCalls)
        m_listForCalls = listTools();
    RpcReply *list = m_listForCalls;
    dropWith(list, outer);
    QPointer<RpcReply> current = list;
    outer->setCancelHandler([current](const QString &reason) mutable {
        if (current)
            current->cancel(reason);
    });
    connect(list, &RpcReply::finished, outer, [this, outer, params, opts]() {
        // A list that failed leaves the tools unknown: the call goes without headers.
        RpcReply *call = m_toolsKnown ? callModernTool(params, opts)
                                      : m_rpc->request(QStringLiteral("tools/call"), params, opts);
        dropWith(call, outer);
        QPointer<RpcReply> inner = call;
        outer->setCancelHandler([inner](const QString &reason) {
            if (inner)
                inner->cancel(reason);
        });
        connect(call, &RpcReply::progress, outer, &RpcReply::progress);
        connect(call, &RpcReply::logMessage, outer, &RpcReply::logMessage);
        connect(call, &RpcReply::waitingForAnswer, outer, &RpcReply::waitingForAnswer);
        connect(call, &RpcReply::finished, outer, [outer, call] {
            if (call->isOk())
                outer->finishWithResult(call->result());
            else
                outer->finishWithError(call->error());
        });
    });
    return outer;
}

bool McpSession::onInputRequired(const QJsonValue &id, const QJsonValue &result)
{
    const QJsonObject r = result.toObject();
    if (!m_wireModern || r.value(QStringLiteral("resultType")) != QLatin1String("input_required"))
        return false;
    const QString method = m_rpc->pendingMethod(id);
    if (method != QLatin1String("tools/call") && method != QLatin1String("prompts/get") &&
        method != QLatin1String("resources/read"))
        return false; // not allowed there: checkResult() says so
    const qint64 key = qint64(id.toDouble());
    const int rounds = m_inputRounds.take(key);
    const QJsonObject requests = r.value(QStringLiteral("inputRequests")).toObject();
    const QJsonValue state = r.value(QStringLiteral("requestState"));
    auto fail = [this, id](const QString &why) {
        m_rpc->failRequest(id, McpError::make(McpError::Kind::Protocol, why));
    };
    if (rounds >= kMaxInputRounds) {
        fail(tr("The server asked for more input %1 times for “%2”; McpDesk stopped there.")
                 .arg(rounds)
                 .arg(method));
        return true;
    }
    if (requests.isEmpty() && !state.isString()) {
        fail(tr("The server asked for more input for “%1” but said neither what nor how to "
                "go on.")
                 .arg(method));
        return true;
    }
    // The person may take their time: the request's clock waits with them.
    m_rpc->pauseTimeout(id);
    qCDebug(lcSession) << method << "needs input, round" << rounds + 1 << requests.keys();
    auto responses = std::make_shared<QJsonObject>();
    auto pending = std::make_shared<qsizetype>(requests.size());
    auto failed = std::make_shared<bool>(false);
    // The same request again with a new id, the answers and the server's state as it
    // came (never read), the params otherwise as first sent.
    auto again = [this, id, state, responses, rounds] {
        if (!m_rpc->isPending(id))
            return; // cancelled or closed meanwhile
        QJsonObject params = m_rpc->pendingParams(id);
        params.remove(QStringLiteral("inputResponses"));
        params.remove(QStringLiteral("requestState"));
        if (!responses->isEmpty())
            params.insert(QStringLiteral("inputResponses"), *responses);
        if (!state.isUndefined())
            params.insert(QStringLiteral("requestState"), state);
        const QJsonValue next = m_rpc->reissue(id, params);
        if (!next.isUndefined())
            m_inputRounds.insert(qint64(next.toDouble()), rounds + 1);
    };
    if (requests.isEmpty()) {
        QTimer::singleShot(0, this, again);
        return true;
    }
    for (auto it = requests.begin(); it != requests.end(); ++it) {
        const QString name = it.key();
        const QJsonObject request = it.value().toObject();
        const QString asked = request.value(QStringLiteral("method")).toString();
        askPerson(id, asked, request.value(QStringLiteral("params")).toObject(),
                  JsonRpcEndpoint::Responder::toCallback(
                      [this, id, name, asked, method, responses, pending, failed,
                       again](const QJsonValue &answer, const QJsonObject &error) {
                          if (*failed)
                              return;
                          if (!error.isEmpty()) {
                              *failed = true;
                              m_rpc->failRequest(
                                  id,
                                  McpError::make(
                                      McpError::Kind::Protocol,
                                      tr("The server asked, for “%1”, for %2, which "
                                         "McpDesk could not give: %3")
                                          .arg(method, asked,
                                               error.value(QStringLiteral("message")).toString())));
                              return;
                          }
                          responses->insert(name, answer);
                          if (--*pending == 0)
                              QTimer::singleShot(0, this, again);
                      },
                      name, QStringLiteral("input-%1-%2").arg(id.toVariant().toString(), name)));
    }
    return true;
}

McpError McpSession::checkResult(const QString &method, const QJsonValue &result) const
{
    const QJsonValue type = result.toObject().value(QStringLiteral("resultType"));
    if (type.isUndefined() || type == QLatin1String("complete"))
        return {};
    if (type == QLatin1String("input_required"))
        return McpError::make(McpError::Kind::Protocol,
                              tr("The server asked for more input to finish “%1”, which only "
                                 "a tool call, a prompt or a resource may do.")
                                  .arg(method));
    return McpError::make(McpError::Kind::Protocol,
                          tr("The server answered “%1” with a result of type “%2”, which McpDesk "
                             "does not know.")
                              .arg(method, type.toVariant().toString().left(60)));
}

bool McpSession::onEraError(const QJsonValue &id, const McpError &e)
{
    if (!m_wireModern || (m_probe && m_probe->id() == id))
        return false;
    const QString method = m_rpc->pendingMethod(id);
    const QString key = id.toVariant().toString();
    if (e.streamBroken || (e.kind == McpError::Kind::Connection && e.httpStatus == 0)) {
        // This era resumes nothing: a read whose answer was lost is asked again with a
        // new id, once; a tool call is not (it may have run).
        static const QStringList reads{
            QStringLiteral("tools/list"),      QStringLiteral("prompts/list"),
            QStringLiteral("resources/list"),  QStringLiteral("resources/templates/list"),
            QStringLiteral("resources/read"),  QStringLiteral("prompts/get"),
            QStringLiteral("server/discover"), QStringLiteral("completion/complete")};
        if (reads.contains(method) && !m_reissuedAfterBreak.remove(key)) {
            const QJsonValue next = m_rpc->reissue(id, m_rpc->pendingParams(id));
            if (!next.isUndefined()) {
                qCDebug(lcSession) << method << "lost its answer; asked again as" << next;
                m_reissuedAfterBreak.insert(next.toVariant().toString());
                return true;
            }
        }
        if (e.streamBroken && method == QLatin1String("tools/call")) {
            m_rpc->failRequest(
                id, McpError::make(
                        McpError::Kind::Connection,
                        tr("The connection broke while the server was running “%1”, so it may "
                           "have run; McpDesk did not call it again. (%2)")
                            .arg(m_rpc->pendingParams(id).value(QStringLiteral("name")).toString(),
                                 e.message)));
            return true;
        }
    }
    if (e.isRpcError && e.rpcCode == -32022) {
        const QString version = pickModern(e.rpcData.toObject().value(QStringLiteral("supported")));
        if (!version.isEmpty() && m_eraRetries.value(key) < 1) {
            m_eraRetries[key]++;
            setModernVersion(version);
            m_rpc->resend(id);
            return true;
        }
        m_eraRetries.remove(key);
        m_rpc->failRequest(id, McpError::make(McpError::Kind::Protocol,
                                              tr("The server refused MCP %1 for “%2”. %3")
                                                  .arg(m_protocolVersion, method, e.message)));
        return true;
    }
    if (e.isRpcError && e.rpcCode == -32020) {
        if (method == QLatin1String("tools/call") && m_eraRetries.value(key) < 1) {
            // The tool's headers may have changed: list the tools again, then once more.
            m_eraRetries[key]++;
            m_rpc->pauseTimeout(id);
            RpcReply *list = listTools();
            connect(list, &RpcReply::finished, this, [this, id] { m_rpc->resend(id); });
            return true;
        }
        m_eraRetries.remove(key);
        m_rpc->failRequest(
            id, McpError::make(McpError::Kind::Protocol,
                               tr("The server refused the headers McpDesk sent with “%1”. %2")
                                   .arg(method, e.message)));
        return true;
    }
    if (e.isRpcError && e.rpcCode == -32021) {
        const QJsonObject needed =
            e.rpcData.toObject().value(QStringLiteral("requiredCapabilities")).toObject();
        McpError words = McpError::make(
            McpError::Kind::Protocol,
            tr("The server needs McpDesk to offer %1 for “%2”, which McpDesk "
               "does not offer on this server.")
                .arg(needed.isEmpty() ? tr("a feature") : needed.keys().join(QStringLiteral(", ")),
                     method));
        // The code and data stay, for a caller that can offer more (not marked as the
        // server's own answer: this hook would take it again).
        words.rpcCode = e.rpcCode;
        words.rpcData = e.rpcData;
        m_rpc->failRequest(id, words);
        return true;
    }
    m_eraRetries.remove(key);
    if (m_eraSource == EraSource::Cached && !m_reprobed && looksLegacy(e)) {
        reprobe(id);
        return true;
    }
    return false;
}

void McpSession::reprobe(const QJsonValue &id)
{
    qCInfo(lcSession) << "the cached modern verdict no longer holds; probing again";
    m_reprobed = true;
    if (m_eraCache)
        m_eraCache->forget(m_eraKey);
    m_rpc->pauseTimeout(id);
    m_heldForReprobe.append(id);
    if (m_reprobing)
        return;
    m_reprobing = true;
    m_toolsKnown = false;
    probeEra();
}

} // namespace mcpdesk
