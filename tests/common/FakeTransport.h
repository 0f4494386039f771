// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "protocol/Authenticator.h"
#include "transport/Transport.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <functional>

namespace mcpdesk {

// Of a message a FakeTransport recorded (or a handler got): its method and its id.
inline QString methodOf(const QJsonObject &message)
{
    return message.value(QStringLiteral("method")).toString();
}
inline QJsonValue idOf(const QJsonObject &message)
{
    return message.value(QStringLiteral("id"));
}

// An in-memory transport for fast tests of the session and the server manager: it
// records what is sent, and a test answers, notifies and fails as a server or a
// network would — no process, no socket, no Node. Answers a handler gives come on
// the next turn of the event loop, as they would from a real server.
class FakeTransport : public Transport
{
    Q_OBJECT
public:
    // Called for each message sent (requests, notifications, responses).
    using Handler = std::function<void(FakeTransport &transport, const QJsonObject &message)>;

    explicit FakeTransport(TransportKind kind = TransportKind::StreamableHttp,
                           QObject *parent = nullptr);

    // Answers initialize (protocol `version`, `capabilities`), ping and the
    // initialized notification, and server/discover as a server of that era does
    // (-32601); everything else goes to `handler`, if set.
    void serveAs(const QString &version, const QJsonObject &capabilities, Handler handler = {});
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // Notifications sent from now on count as pending writes (as an HTTP POST does until
    // the server answers it) until acceptWrites().
    void holdWrites(bool on) { m_holdWrites = on; }
    void acceptWrites();
    int pendingWrites() const override { return m_pendingWrites; }
    // open() fails with this error instead of opening.
    void failOpenWith(const McpError &error) { m_openError = error; }

    TransportKind kind() const override { return m_kind; }
    void open() override;
    void send(const QJsonObject &message) override;
    void abandon(const QJsonValue &id) override { abandoned.append(id); }
    void setProtocolVersion(const QString &version) override { protocolVersion = version; }
    void sessionStarted(std::function<void()> opened) override
    {
        ++sessionsStarted;
        if (opened)
            opened();
    }
    void resetSession() override { ++sessionResets; }
    void close() override;

    // The test's side: what a server or the network does.
    void reply(const QJsonValue &id, const QJsonValue &result);
    void replyError(const QJsonValue &id, int code, const QString &message);
    void notify(const QString &method, const QJsonObject &params = {});
    // A notification on the answer stream of request `id` (as over HTTP).
    void notifyOnStreamOf(const QJsonValue &id, const QString &method,
                          const QJsonObject &params = {});
    void failRequest(const QJsonValue &id, const McpError &error);
    void failConnection(const McpError &error);

    // What was sent, in order; the methods of requests and notifications.
    QList<QJsonObject> sent;
    QStringList methods() const;
    int count(const QString &method) const { return int(methods().count(method)); }
    QJsonObject last(const QString &method) const;

    QList<QJsonValue> abandoned;
    QString protocolVersion;
    int sessionsStarted = 0;
    int sessionResets = 0;
    bool isClosed = false;

private:
    TransportKind m_kind;
    Handler m_handler;
    McpError m_openError;
    bool m_holdWrites = false;
    int m_pendingWrites = 0;
};

// A sign-in method the test drives: hands out "Bearer <token>", and answers each
// challenge only when the test says so.
class FakeAuthenticator : public Authenticator
{
    Q_OBJECT
public:
    using Authenticator::Authenticator;

    QByteArray authorizationHeader() const override
    {
        return token.isEmpty() ? QByteArray() : QByteArrayLiteral("Bearer ") + token;
    }
    int tokenGeneration() const override { return generation; }
    void handleChallenge(const McpError &error) override { challenges.append(error); }

    // Ends the challenge under way: a new token (signed in), or refused.
    void grant(const QByteArray &newToken)
    {
        token = newToken;
        ++generation;
        emit challengeHandled(true, McpError());
    }
    void refuse(const QString &why)
    {
        emit challengeHandled(false, McpError::make(McpError::Kind::Unauthorized, why));
    }

    QByteArray token;
    int generation = 0;
    QList<McpError> challenges;
};

// A JSON-RPC error as an HTTP transport reports a refused request.
McpError httpRefusal(int status, const QByteArray &wwwAuthenticate = {});
// An HTTP error status as the Streamable HTTP transport reports it: with the code and
// data of the JSON-RPC error in its body (`code` 0: a body that is not JSON-RPC).
McpError httpError(int status, int code = 0, const QJsonValue &data = {});

} // namespace mcpdesk
