// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "LoopbackReceiver.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcLoopback, "mcpdesk.auth.loopback")

namespace mcpdesk {

LoopbackReceiver::LoopbackReceiver(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_done)
            return;
        m_done = true;
        close();
        emit failed(tr("The sign-in was not completed in time."));
    });
}

LoopbackReceiver::~LoopbackReceiver()
{
    close();
}

bool LoopbackReceiver::listen(quint16 port, QString *error)
{
    close();
    m_done = false;
    m_server = new QTcpServer(this);
    // 127.0.0.1 only, never every interface (QHostAddress::LocalHost, not Any).
    if (!m_server->listen(QHostAddress(QHostAddress::LocalHost), port)) {
        if (error)
            *error = tr("Cannot wait for the browser on 127.0.0.1:%1: %2")
                         .arg(port)
                         .arg(m_server->errorString());
        delete m_server;
        m_server = nullptr;
        return false;
    }
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onConnection);
    if (m_timeoutMs > 0)
        m_timeout.start(m_timeoutMs);
    qCDebug(lcLoopback) << "waiting for the browser on port" << m_server->serverPort();
    return true;
}

QUrl LoopbackReceiver::redirectUri() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    u.setPath(m_path);
    return u;
}

QHostAddress LoopbackReceiver::address() const
{
    return m_server ? m_server->serverAddress() : QHostAddress();
}

quint16 LoopbackReceiver::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

bool LoopbackReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

void LoopbackReceiver::cancel()
{
    if (m_done)
        return;
    m_done = true;
    close();
    emit failed(tr("The sign-in was cancelled."));
}

void LoopbackReceiver::close()
{
    m_timeout.stop();
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
}

void LoopbackReceiver::onConnection()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        socket->setParent(this); // outlives the listener, which closes after the callback
        socket->setReadBufferSize(MaxRequestBytes + 1);
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        // A client that never finishes its request is dropped.
        QTimer::singleShot(10000, socket, [socket] { socket->abort(); });
    }
}

LoopbackReceiver::Request LoopbackReceiver::parseRequest(const QByteArray &buf, const QString &path)
{
    Request r;
    const qsizetype end = buf.indexOf("\r\n\r\n");
    if (end < 0) {
        r.outcome = buf.size() > MaxRequestBytes ? Request::TooLarge : Request::Incomplete;
        return r;
    }
    const QByteArray requestLine = buf.left(buf.indexOf("\r\n"));
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts[2].startsWith("HTTP/1.")) {
        r.outcome = Request::BadRequest;
        return r;
    }
    if (parts[0] != "GET") {
        r.outcome = Request::NotAllowed;
        return r;
    }
    const QUrl target = QUrl::fromEncoded(parts[1]);
    if (!target.isValid() || target.path() != path) {
        r.outcome = Request::NotFound;
        return r;
    }
    r.outcome = Request::Callback;
    r.query = formQuery(target);
    return r;
}

QUrlQuery LoopbackReceiver::formQuery(const QUrl &url)
{
    QString encoded = url.query(QUrl::FullyEncoded);
    encoded.replace(QLatin1Char('+'), QStringLiteral("%20"));
    return QUrlQuery(encoded);
}

bool LoopbackReceiver::fromIssuer(const QUrlQuery &query, const QString &issuer, bool required)
{
    const QString iss = query.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded);
    if (!query.hasQueryItem(QStringLiteral("iss")))
        return !required;
    return iss == issuer;
}

void LoopbackReceiver::onData(QTcpSocket *socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    it.value() += socket->read(MaxRequestBytes + 1 - it.value().size());
    const Request request = parseRequest(it.value(), m_path);
    switch (request.outcome) {
    case Request::Incomplete:
        return;
    case Request::TooLarge:
        respond(socket, 431, "Request Header Fields Too Large", tr("Request too large"),
                tr("McpDesk did not accept this request."));
        return;
    case Request::BadRequest:
        respond(socket, 400, "Bad Request", tr("Bad request"),
                tr("McpDesk did not understand this request."));
        return;
    case Request::NotAllowed:
        respond(socket, 405, "Method Not Allowed", tr("Not allowed"),
                tr("McpDesk only accepts the browser's sign-in redirect here."));
        return;
    case Request::NotFound:
        respond(socket, 404, "Not Found", tr("Not found"), tr("There is nothing here."));
        return;
    case Request::Callback:
        break;
    }
    const QUrlQuery &query = request.query;
    const QByteArray state =
        query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded).toUtf8();
    if (m_done || m_state.isEmpty() || state != m_state) {
        qCWarning(lcLoopback) << "refused a callback with an unknown state";
        respond(
            socket, 400, "Bad Request", tr("Unknown sign-in"),
            tr("This link does not belong to the sign-in McpDesk is waiting for. Start the sign-in "
               "again from McpDesk."));
        return;
    }
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!m_issuer.isEmpty() && !fromIssuer(query, m_issuer, m_issRequired)) {
        // Whatever it says (success or an error with a description), it is not the
        // answer of the server McpDesk asked.
        respond(
            socket, 200, "OK", tr("Sign-in failed"),
            tr("This answer did not come from the sign-in server McpDesk asked, so McpDesk ignored "
               "it. You can close this tab and start the sign-in again from McpDesk."));
    } else if (!error.isEmpty()) {
        const QString description =
            query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded).left(500);
        respond(
            socket, 200, "OK", tr("Sign-in failed"),
            tr("The sign-in was not completed: %1. You can close this tab and return to McpDesk.")
                .arg(description.isEmpty() ? error.left(100) : description));
    } else {
        respond(socket, 200, "OK", tr("Signed in"),
                tr("You can close this tab and return to McpDesk."));
    }
    m_done = true;
    close(); // one valid callback, then no more listening
    emit received(query);
}

void LoopbackReceiver::respond(QTcpSocket *socket, int status, const QByteArray &reason,
                               const QString &title, const QString &message)
{
    const QByteArray body =
        QStringLiteral(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>McpDesk — %1</title>"
            "<style>body{font-family:sans-serif;margin:3em auto;max-width:32em;color:#222}"
            "h1{font-size:1.4em}</style></head><body><h1>%1</h1><p>%2</p></body></html>")
            .arg(title.toHtmlEscaped(), message.toHtmlEscaped())
            .toUtf8();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += "Content-Type: text/html; charset=utf-8\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response +=
        "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n";
    response += body;
    m_buffers.remove(socket);
    socket->disconnect(this);
    // The page must reach the browser even when this receiver is deleted right
    // after the callback: the socket lives on its own until it is done.
    socket->setParent(nullptr);
    QTimer::singleShot(5000, socket, [socket] { socket->abort(); });
    socket->write(response);
    connect(socket, &QTcpSocket::bytesWritten, socket, [socket] {
        if (socket->bytesToWrite() == 0)
            socket->disconnectFromHost();
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace mcpdesk
