// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "FakeTransport.h"

#include <QTimer>

namespace mcpdesk {

FakeTransport::FakeTransport(TransportKind kind, QObject *parent) : Transport(parent), m_kind(kind)
{
}

void FakeTransport::serveAs(const QString &version, const QJsonObject &capabilities,
                            Handler handler)
{
    m_handler = [version, capabilities, handler](FakeTransport &t, const QJsonObject &m) {
        const QString method = m.value(QStringLiteral("method")).toString();
        const QJsonValue id = m.value(QStringLiteral("id"));
        if (method == QLatin1String("initialize")) {
            t.reply(id,
                    QJsonObject{{QStringLiteral("protocolVersion"), version},
                                {QStringLiteral("capabilities"), capabilities},
                                {QStringLiteral("serverInfo"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("fake")},
                                             {QStringLiteral("version"), QStringLiteral("1")}}}});
        } else if (method == QLatin1String("server/discover")) {
            // A server of the handshake era does not know the 2026-07-28 probe.
            t.replyError(id, -32601, QStringLiteral("Method not found"));
        } else if (method == QLatin1String("ping")) {
            t.reply(id, QJsonObject());
        } else if (method == QLatin1String("notifications/initialized")) {
            // nothing to answer
        } else if (handler) {
            handler(t, m);
        }
    };
}

void FakeTransport::open()
{
    QTimer::singleShot(0, this, [this] {
        if (m_openError.isError())
            emit failed(m_openError);
        else
            emit opened();
    });
}

void FakeTransport::send(const QJsonObject &message)
{
    sent.append(message);
    if (m_holdWrites && !message.contains(QStringLiteral("id")))
        ++m_pendingWrites;
    if (!m_handler)
        return;
    QTimer::singleShot(0, this, [this, message] {
        if (!isClosed)
            m_handler(*this, message);
    });
}

void FakeTransport::acceptWrites()
{
    if (m_pendingWrites == 0)
        return;
    m_pendingWrites = 0;
    emit writesDrained();
}

void FakeTransport::close()
{
    if (isClosed)
        return;
    isClosed = true;
    emit closed();
}

void FakeTransport::reply(const QJsonValue &id, const QJsonValue &result)
{
    const QJsonObject m{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                        {QStringLiteral("id"), id},
                        {QStringLiteral("result"), result}};
    emit messageReceived(m, 0);
}

void FakeTransport::replyError(const QJsonValue &id, int code, const QString &message)
{
    const QJsonObject m{
        {QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
        {QStringLiteral("id"), id},
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
    emit messageReceived(m, 0);
}

void FakeTransport::notify(const QString &method, const QJsonObject &params)
{
    const QJsonObject m{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                        {QStringLiteral("method"), method},
                        {QStringLiteral("params"), params}};
    emit messageReceived(m, 0);
}

void FakeTransport::notifyOnStreamOf(const QJsonValue &id, const QString &method,
                                     const QJsonObject &params)
{
    m_related = id;
    notify(method, params);
    m_related = QJsonValue(QJsonValue::Undefined);
}

void FakeTransport::failRequest(const QJsonValue &id, const McpError &error)
{
    emit requestFailed(id, error);
}

void FakeTransport::failConnection(const McpError &error)
{
    emit failed(error);
}

QStringList FakeTransport::methods() const
{
    QStringList out;
    for (const QJsonObject &m : sent)
        if (m.contains(QStringLiteral("method")))
            out.append(m.value(QStringLiteral("method")).toString());
    return out;
}

QJsonObject FakeTransport::last(const QString &method) const
{
    for (auto it = sent.crbegin(); it != sent.crend(); ++it)
        if (it->value(QStringLiteral("method")).toString() == method)
            return *it;
    return QJsonObject();
}

McpError httpRefusal(int status, const QByteArray &wwwAuthenticate)
{
    McpError e = McpError::make(McpError::Kind::Unauthorized,
                                QStringLiteral("HTTP %1 from the fake server").arg(status));
    e.httpStatus = status;
    e.wwwAuthenticate = wwwAuthenticate;
    return e;
}

McpError httpError(int status, int code, const QJsonValue &data)
{
    McpError e = McpError::make(McpError::Kind::Connection,
                                QStringLiteral("HTTP %1 from the fake server").arg(status));
    e.httpStatus = status;
    if (code != 0) {
        e.isRpcError = true;
        e.rpcCode = code;
        e.rpcData = data;
    }
    return e;
}

} // namespace mcpdesk
