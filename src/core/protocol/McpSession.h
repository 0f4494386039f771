// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Authenticator.h"
#include "EraCache.h"
#include "McpHeaders.h"
#include "ServerState.h"
#include "TrafficLog.h"
#include "jsonrpc/JsonRpcEndpoint.h"
#include "transport/EndpointSpec.h"
#include "transport/Transport.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcSession)

namespace mcpdesk {

struct ToolCallOptions
{
    qint64 timeoutMs = -1; // -1: the session default
    qint64 maxTotalMs = -1;
    bool progress = true;
};

// What the client offers the server: answers to the server's own requests. Each
// feature is declared in `initialize` only when its handler is set, and a handler
// answers through the Responder exactly once (now or later, after asking the user).
struct ClientFeatures
{
    using Handler =
        std::function<void(const QJsonObject &params, const JsonRpcEndpoint::Responder &)>;
    Handler elicitForm;                // elicitation/create, form mode (mode absent or "form")
    Handler elicitUrl;                 // elicitation/create, URL mode
    Handler createMessage;             // sampling/createMessage
    std::function<QJsonArray()> roots; // roots/list: [{uri, name}]
    // notifications/cancelled for a request being answered (its id as text).
    std::function<void(const QString &requestId)> cancelled;
};

// One MCP session over any Transport, in either era of the protocol:
//   legacy (2024-11-05 … 2025-11-25): initialize, then a session;
//   modern (2026-07-28): no handshake, every request carries its version and the
//   client's capabilities in `_meta` (and, over HTTP, Mcp-Method/Mcp-Name/Mcp-Param-*).
// Which one a server speaks is found by probing with `server/discover` (see
// McpSessionEra.cpp), kept in an EraCache when one is set, or pinned.
//
//   Disconnected --open()--> Connecting --initialize ok--> Connected
//        ^                      |  `--401--> NeedsSignIn      |  |
//        |                      `--failure--> Error           |  `-- HTTP 404 (session expired):
//        +-------------------------- close() <----------------+     initialize again, then send
//                                                                   the waiting requests again
// Fallback (when a factory is set): initialize answered 400/404/405 over
// Streamable HTTP: the legacy HTTP+SSE transport is tried once; 401 never.
//
// Lists follow `nextCursor` to the end; list_changed notifications re-list on
// their own and emit the matching *Changed signal.
class McpSession : public QObject
{
    Q_OBJECT
public:
    struct ClientInfo
    {
        QString name = QStringLiteral("mcpdesk");
        QString title = QStringLiteral("McpDesk");
        QString version = QStringLiteral(MCPDESK_VERSION);
    };
    using CallOptions = ToolCallOptions;

    static const QStringList &supportedProtocolVersions(); // legacy ones, newest first
    static QString latestProtocolVersion();                // the newest legacy one
    static const QStringList &modernProtocolVersions();    // newest first
    static bool isModernVersion(const QString &version);

    enum class Era { Unknown, Legacy, Modern };
    enum class EraSource { None, Detected, Cached, Pinned };
    static QString eraName(Era era);             // "modern", "legacy", "unknown"
    static QString eraSourceName(EraSource src); // "detected", "cached", "pinned", ""

    // Takes ownership of `transport`.
    explicit McpSession(Transport *transport, QObject *parent = nullptr);
    // Makes the transport for an endpoint: createTransport(), or an in-memory one in tests.
    using TransportMaker = std::function<Transport *(const EndpointSpec &spec)>;
    // A session on a new transport for `spec`; for Streamable HTTP (unless the spec
    // says otherwise) the fallback to HTTP+SSE is set up. `maker` unset: createTransport.
    static McpSession *create(const EndpointSpec &spec, QObject *parent = nullptr,
                              const TransportMaker &maker = {});
    ~McpSession() override;

    void setClientInfo(const ClientInfo &info) { m_clientInfo = info; }
    // The server's web address (empty for a local program): what its icons' origin is
    // checked against.
    QUrl serverUrl() const { return m_serverUrl; }
    // Capabilities declared in `initialize`: only what the client really implements.
    void setClientCapabilities(const QJsonObject &caps) { m_clientCapabilities = caps; }
    // Installs the answers to the server's requests and declares them (before open()).
    void setClientFeatures(const ClientFeatures &features);
    // Records what goes over the wire (not owned; may outlive the session).
    void setTrafficLog(TrafficLog *log);
    // The user changed the roots: tells the server (notifications/roots/list_changed).
    void notifyRootsChanged();
    void setDefaultTimeout(qint64 ms) { m_rpc->setDefaultTimeout(ms); }
    void setAutoRelist(bool on) { m_autoRelist = on; }
    // Signs requests and answers the server's refusals (401, 403 insufficient_scope).
    // Not owned.
    void setAuthenticator(Authenticator *authenticator);
    Authenticator *authenticator() const { return m_authenticator; }
    // How many requests the session keeps a count of sign-ins for (each refused and
    // still pending); for diagnostics and tests.
    qsizetype requestsCountedForSignIn() const { return m_authRetries.size(); }
    // Called when the server does not speak Streamable HTTP; returns the
    // transport to try instead (owned by the session), or nullptr.
    void setFallbackFactory(std::function<Transport *()> factory)
    {
        m_fallbackFactory = std::move(factory);
    }

    // A protocol version to use instead of finding one: a modern version means
    // modern requests only (a legacy server is an error), a legacy one means
    // `initialize` offering it; empty (the default): detect.
    void setProtocolPin(const QString &version) { m_pin = version; }
    QString protocolPin() const { return m_pin; }
    // Where era verdicts are kept (not owned; null: none). The key is the server's
    // endpoint URL or command line (set by create()).
    void setEraCache(EraCache *cache) { m_eraCache = cache; }
    QString eraKey() const { return m_eraKey; }
    // With a cached modern verdict, still ask `server/discover` on connecting (for
    // the server's name, capabilities and instructions). Off: a known server costs
    // no request before the first real one.
    void setDiscoverWhenCached(bool on) { m_discoverWhenCached = on; }
    Era era() const { return m_era; }
    EraSource eraSource() const { return m_eraSource; }
    // When the era in use was found: now (detected), when it was kept (cached), or
    // invalid (pinned, or not known yet). UTC.
    QDateTime eraFoundAt() const { return m_eraFoundAt; }
    // The server's own list of versions (modern servers, from server/discover).
    QStringList serverVersions() const { return m_serverVersions; }

    void open();
    void close();

    ServerState state() const { return m_state; }
    McpError lastError() const { return m_lastError; }
    Transport *transport() const { return m_transport; }
    JsonRpcEndpoint *rpc() const { return m_rpc; }

    QString protocolVersion() const { return m_protocolVersion; }
    QJsonObject serverInfo() const { return m_serverInfo; }
    QJsonObject serverCapabilities() const { return m_serverCapabilities; }
    QString instructions() const { return m_instructions; }
    // Whether the server offers `capability`; on a modern server whose capabilities
    // were not asked for (a cached verdict), true: the request itself will tell.
    bool serverHas(const QString &capability) const
    {
        return (m_era == Era::Modern && !m_infoKnown) || m_serverCapabilities.contains(capability);
    }

    // Each returns a reply whose result is the whole list (a QJsonArray).
    RpcReply *listTools();
    RpcReply *listResources();
    RpcReply *listResourceTemplates();
    RpcReply *listPrompts();
    // The last complete lists (kept up to date on list_changed). Up to 1,000 items
    // they are kept as compact JSON text, deflated, and parsed on each call: a parsed
    // list takes five times its text (server-everything's 17 tools: 43 KB against
    // 8 KB, 2 KB deflated), which with dozens of connected servers is most of what
    // the app holds for them. Longer lists stay parsed (reading 10,000 tools again
    // would cost 40 ms each time).
    QJsonArray tools() const { return m_tools.parsed(); }
    QJsonArray resources() const { return m_resources.parsed(); }
    QJsonArray prompts() const { return m_prompts.parsed(); }
    bool hasTools() const { return !m_tools.isEmpty(); } // a non-empty list came

    // Change notifications on a modern server: keep a `subscriptions/listen` stream
    // open while connected (McpSessionListen.cpp), so toolsChanged() and the others
    // come as they do from a legacy server (which sends them unasked). Off by
    // default; watching a resource listens for it either way.
    void setListenForChanges(bool on);
    // What the server said it will tell of (its acknowledged filter); empty until
    // a listen was acknowledged.
    QJsonObject listenHonored() const { return m_listenHonored; }

    RpcReply *callTool(const QString &name, const QJsonObject &arguments,
                       const CallOptions &options = {});
    RpcReply *readResource(const QString &uri);
    // resources/updated notifications for `uri` come as resourceUpdated().
    RpcReply *subscribeResource(const QString &uri);
    RpcReply *unsubscribeResource(const QString &uri);
    RpcReply *getPrompt(const QString &name, const QJsonObject &arguments = {});
    // Values the server suggests (completion/complete) for `argument` of a prompt
    // ({type: "ref/prompt", name}) or a resource template ({type: "ref/resource",
    // uri}), given what is typed so far and the other arguments already filled.
    RpcReply *complete(const QJsonObject &ref, const QString &argument, const QString &typed,
                       const QJsonObject &filled = {});
    RpcReply *setLoggingLevel(const QString &level);
    RpcReply *ping();

signals:
    // The transport was replaced by the fallback (the old one is being deleted).
    void transportChanged(mcpdesk::Transport *transport);
    // The server had forgotten the session and a new one was started.
    void reinitialized();
    void stateChanged(mcpdesk::ServerState state);
    void ready();
    void failed(const mcpdesk::McpError &error);
    void logMessage(const QString &level, const QString &logger, const QJsonValue &data);
    void toolsChanged();
    void resourcesChanged();
    void promptsChanged();
    void resourceUpdated(const QString &uri);
    // A modern server acknowledged a listen: `honored` is what it will tell of.
    void listening(const QJsonObject &honored);
    // The listen ended or dropped: listened again in `retryInMs` (-1: never, the
    // server refused to listen).
    void listenInterrupted(const QString &why, int retryInMs);
    void notificationReceived(const QString &method, const QJsonObject &params);

private:
    // The era (McpSessionEra.cpp).
    enum class Verdict { Modern, Legacy, Fatal };
    void onTransportOpened();
    // server/discover the modern way, with `version` (empty: the pinned or newest one).
    void probeEra(const QString &version = QString());
    void onProbed(RpcReply *reply);
    Verdict classify(const McpError &error) const;
    static bool looksLegacy(const McpError &error);
    QString pickModern(const QJsonValue &supported) const;
    void setModernVersion(const QString &version);
    void useModern(const QString &version, EraSource source);
    void useLegacy(EraSource source);
    void noteEraFound(EraSource source);
    void adoptDiscover(const QJsonObject &result);
    QJsonObject withModernMeta(const QJsonObject &message) const;
    HeaderList modernHeaders(const QJsonObject &message) const;
    bool onEraError(const QJsonValue &id, const McpError &error);
    McpError checkResult(const QString &method, const QJsonValue &result) const;
    // A modern server's `input_required` result: the inputs asked for are answered,
    // then the request goes again with a new id (requests of more than one round trip).
    bool onInputRequired(const QJsonValue &id, const QJsonValue &result);
    QJsonArray checkToolHeaders(const QJsonArray &tools);
    RpcReply *callModernTool(const QJsonObject &params, const JsonRpcEndpoint::RequestOptions &o);
    void reprobe(const QJsonValue &id);
    void releaseHeld(const McpError &error);
    void restartForLegacy();

    // Listening (McpSessionListen.cpp).
    QJsonObject listenFilter() const;
    void startListen();
    void stopListen();
    void onListenFinished(RpcReply *reply);
    bool acceptListenNotification(const QString &method, const QJsonObject &params);

    void attachTransport(Transport *transport);
    void onRequestFailed(const QJsonValue &id, const McpError &error);
    void onTransportFailed(const McpError &error);
    void onChallengeHandled(bool ok, const McpError &error);
    void startReinitialize();
    QJsonObject initializeParams() const;
    QJsonObject clientInfoJson() const; // `clientInfo`, in initialize and in _meta
    void setState(ServerState state);
    void fail(const McpError &error);
    void sendInitialize();
    void onInitialized(RpcReply *reply);
    void sendInitialized(std::function<void()> then);
    void askPerson(const QJsonValue &onBehalfOf, const QString &method, const QJsonObject &params,
                   const JsonRpcEndpoint::Responder &r);
    void afterInitialized();
    void finishConnecting();
    void onNotification(const QString &method, const QJsonObject &params);
    // Answers what a server asks of the person (elicitation, sampling, roots) through
    // the handlers of setClientFeatures(): a legacy server's request or a modern
    // server's input request alike.
    void answerInput(const QString &method, const QJsonObject &params,
                     const JsonRpcEndpoint::Responder &r) const;
    // A list a modern server said stays good for a while (ttlMs, cacheScope).
    struct CachedList
    {
        QJsonArray items;
        qint64 ttlMs = 0;
        bool isPrivate = false; // good only for the sign-in it was fetched with
        int tokenGeneration = 0;
        QDeadlineTimer expires;
    };
    RpcReply *listAll(const QString &method, const QString &key);
    void fetchPage(RpcReply *aggregate, const QString &method, const QString &key,
                   const QString &cursor, QJsonArray items, QStringList seen, CachedList keep);
    int tokenGeneration() const; // of the authenticator's token, 0 without one
    RpcReply *failedReply(const McpError &error);
    // `outer` is made of `step`: when `step` goes without finishing (the session and
    // its endpoint are being destroyed), `outer` goes too, as silently.
    static void dropWith(RpcReply *step, RpcReply *outer);
    struct KeptList
    {
        static constexpr qsizetype ParsedAbove = 1000; // items
        static constexpr qsizetype DeflateLimit =
            256 * 1024;        // bytes of text: ~2 ms on the event loop
        QJsonArray items;      // a long list, as it came
        QByteArray bytes;      // a shorter one, as compact JSON text
        bool deflated = false; // bytes in qCompress()'s format
        static KeptList of(const QJsonArray &items);
        QJsonArray parsed() const;
        bool isEmpty() const { return items.isEmpty() && bytes.isEmpty(); }
    };
    enum class ListKind { Tools, Resources, Prompts };
    static constexpr int kRelistDebounceMs = 50;
    static constexpr int kInitializedWaitMs = 10000;
    static constexpr int kServerStreamWaitMs = 2000; // its headers, before initialized

    void scheduleRelist(ListKind kind);
    void relist(RpcReply *reply, void (McpSession::*changed)());

    Transport *m_transport;
    JsonRpcEndpoint *m_rpc;
    ClientInfo m_clientInfo;
    QJsonObject m_clientCapabilities;
    QPointer<TrafficLog> m_traffic;
    QJsonObject m_featureCapabilities; // from setClientFeatures
    ClientFeatures m_features;
    std::function<void(const QString &)> m_cancelledHandler;
    ServerState m_state = ServerState::Disconnected;
    McpError m_lastError;
    QString m_protocolVersion;
    QJsonObject m_serverInfo;
    QJsonObject m_serverCapabilities;
    QString m_instructions;
    KeptList m_tools;
    KeptList m_resources;
    KeptList m_prompts;
    unsigned m_relistPending = 0; // ListKind bits with a fetch scheduled
    unsigned m_listed = 0;        // ListKind bits someone has fetched (only those are kept fresh)
    bool m_autoRelist = true;
    std::function<Transport *()> m_fallbackFactory;
    QPointer<Authenticator> m_authenticator;
    bool m_authenticating = false;
    QList<QJsonValue> m_waitingForAuth;
    // Sign-ins asked for, per request still pending (its id, the count).
    QHash<QString, std::pair<QJsonValue, int>> m_authRetries;
    bool m_fellBack = false;
    bool m_reinitializing = false;
    quint64 m_handshakes = 0;       // the handshake whose end is awaited (see onInitialized)
    quint64 m_initializedTurns = 0; // the initialized notification awaited (sendInitialized)
    QHash<RpcReply *, int> m_asking;
    QUrl m_serverUrl; // requests waiting for the person: windows open
    QList<QJsonValue> m_retryAfterReinit;
    QList<qint64> m_reinitTimes; // msecs since epoch, to stop a server that always forgets

    // The era.
    Era m_era = Era::Unknown;
    EraSource m_eraSource = EraSource::None;
    QDateTime m_eraFoundAt;
    bool m_wireModern = false; // requests go out the modern way (also while probing)
    QString m_pin;
    EraCache *m_eraCache = nullptr;
    QString m_eraKey;
    bool m_discoverWhenCached = true;
    bool m_infoKnown = false; // capabilities came (initialize or server/discover)
    QStringList m_serverVersions;
    QPointer<RpcReply> m_probe;
    bool m_probeRetried = false; // -32022 to the probe: asked once more
    bool m_reprobed = false;     // a cached verdict failed and was checked again
    bool m_reprobing = false;
    QList<QJsonValue> m_heldForReprobe;
    QHash<QString, int> m_eraRetries;       // per request id: sent again after -32022/-32020
    QSet<QString> m_reissuedAfterBreak;     // request ids that are a read asked again
    QHash<QString, CachedList> m_listCache; // by method (modern servers' ttlMs)
    QHash<QString, QList<mcpheaders::ParamHeader>> m_toolHeaders;
    QHash<QString, QString> m_rejectedTools; // name -> why its x-mcp-header is invalid
    bool m_toolsKnown = false;
    QPointer<RpcReply> m_listForCalls;     // the tool list calls wait for (one for all)
    QString m_logLevel;                    // modern: sent in each request's _meta
    QHash<qint64, int> m_inputRounds;      // per request id: rounds of input answered
    std::function<Transport *()> m_remake; // the same endpoint again (stdio restarts)

    // Listening for changes (modern).
    bool m_listenWanted = false;
    QStringList m_watchedUris;           // resources watched (both eras)
    QPointer<RpcReply> m_listen;         // the current listen
    QPointer<RpcReply> m_listenReplaced; // closed once the current one is acknowledged
    bool m_listenAcked = false;
    QElapsedTimer m_listenAge; // since the current listen was acknowledged
    int m_listenFailures = 0;
    QTimer m_listenRetry;
    QJsonObject m_listenHonored;
};

} // namespace mcpdesk
