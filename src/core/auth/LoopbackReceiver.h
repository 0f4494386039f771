// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

class QTcpServer;
class QTcpSocket;

namespace mcpdesk {

// Receives the browser's redirect at the end of a sign-in (RFC 8252 §7.3).
//
//   listen() on 127.0.0.1 only, a free port --> the browser GETs
//   /callback?code=…&state=… --> state checked --> a small page for the
//   browser --> received(query) --> the listener closes.
//
// Alive only during one sign-in. Only `GET` of the callback path is accepted;
// at most 8 KB of request is read; a wrong `state` is answered 400 and the
// receiver keeps waiting for the right one; a slow or silent client is dropped
// after 10 s; the whole wait ends after the timeout or cancel().
class LoopbackReceiver : public QObject
{
    Q_OBJECT
public:
    explicit LoopbackReceiver(QObject *parent = nullptr);
    ~LoopbackReceiver() override;

    // Port 0 = any free port. Fails (with words in `error`) if it cannot listen.
    bool listen(quint16 port, QString *error);
    QUrl redirectUri() const;
    QHostAddress address() const;
    quint16 port() const;
    bool isListening() const;

    void setExpectedState(const QByteArray &state) { m_state = state; }
    // RFC 9207: an answer whose `iss` is not this issuer (or is missing, when the
    // server said it sends one) is shown to the browser as ignored, not as its outcome.
    void setExpectedIssuer(const QString &issuer, bool required)
    {
        m_issuer = issuer;
        m_issRequired = required;
    }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setPath(const QString &path) { m_path = path; }
    void cancel();
    void close();

    static constexpr qsizetype MaxRequestBytes = 8 * 1024;
    // What a (partial) request on the listener is; the sign-in callback's query when
    // it is a GET of `path`. Pure: the socket handling is onData's.
    struct Request
    {
        enum Outcome {
            Incomplete,
            TooLarge,
            BadRequest,
            NotAllowed,
            NotFound,
            Callback
        } outcome = Incomplete;
        QUrlQuery query;
    };
    static Request parseRequest(const QByteArray &buffer, const QString &path);
    // A redirect's query as application/x-www-form-urlencoded: "+" is a space
    // (a literal plus comes as %2B).
    static QUrlQuery formQuery(const QUrl &url);
    // RFC 9207 §2.4: the answer came from `issuer` — its `iss` equals it character for
    // character; without `iss` only when the server did not say it sends one.
    static bool fromIssuer(const QUrlQuery &query, const QString &issuer, bool required);

signals:
    // The browser came back with the right state (the query may carry an error).
    void received(const QUrlQuery &query);
    // Timed out or cancelled.
    void failed(const QString &reason);

private:
    void onConnection();
    void onData(QTcpSocket *socket);
    void respond(QTcpSocket *socket, int status, const QByteArray &reason, const QString &title,
                 const QString &message);

    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QByteArray m_state;
    QString m_issuer; // empty: not checked here
    bool m_issRequired = false;
    QString m_path = QStringLiteral("/callback");
    QTimer m_timeout;
    int m_timeoutMs = 5 * 60 * 1000;
    bool m_done = false;
};

} // namespace mcpdesk
