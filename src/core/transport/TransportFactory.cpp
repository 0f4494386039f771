// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "TransportFactory.h"

#include "LegacySseTransport.h"
#include "StreamableHttpTransport.h"
#include "protocol/McpSession.h"

namespace mcpdesk {

HttpRequest Transport::httpRequest(const QByteArray &verb, const QUrl &url,
                                   const HeaderList &headers) const
{
    HttpRequest req;
    req.verb = verb;
    req.url = url;
    req.headers = headers;
    const QByteArray auth = authorization();
    if (!auth.isEmpty())
        req.headers.append({QByteArrayLiteral("Authorization"), auth});
    return req;
}

Transport *createTransport(const EndpointSpec &spec)
{
    QList<QSslCertificate> cas;
    if (!spec.caFile.isEmpty()) {
        cas = QSslCertificate::fromPath(spec.caFile, QSsl::Pem);
        if (cas.isEmpty())
            qCWarning(lcTransport).noquote() << "no certificate could be read from" << spec.caFile;
    }
    switch (spec.kind) {
    case TransportKind::StreamableHttp: {
        auto *t = new StreamableHttpTransport(spec.url);
        t->setHeaders(spec.headers);
        t->setCaCertificates(cas);
        return t;
    }
    case TransportKind::LegacySse: {
        auto *t = new LegacySseTransport(spec.url);
        t->setHeaders(spec.headers);
        t->setCaCertificates(cas);
        return t;
    }
    case TransportKind::Stdio:
        return new StdioTransport(spec.command);
    }
    return nullptr;
}

McpSession *createSession(const EndpointSpec &spec, QObject *parent)
{
    auto *session = new McpSession(createTransport(spec), parent);
    if (spec.kind == TransportKind::StreamableHttp && spec.allowFallback) {
        session->setFallbackFactory([spec] {
            EndpointSpec legacy = spec;
            legacy.kind = TransportKind::LegacySse;
            return createTransport(legacy);
        });
    }
    return session;
}

} // namespace mcpdesk
