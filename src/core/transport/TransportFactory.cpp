// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "TransportFactory.h"

#include "LegacySseTransport.h"
#include "StdioTransport.h"
#include "StreamableHttpTransport.h"

namespace mcpdesk {

QList<QSslCertificate> readCertificates(const QString &pemFile)
{
    if (pemFile.isEmpty())
        return {};
    const QList<QSslCertificate> cas = QSslCertificate::fromPath(pemFile, QSsl::Pem);
    if (cas.isEmpty())
        qCWarning(lcTransport).noquote() << "no certificate could be read from" << pemFile;
    return cas;
}

Transport *createTransport(const EndpointSpec &spec)
{
    const QList<QSslCertificate> cas = readCertificates(spec.caFile);
    HttpTransport *http = nullptr;
    switch (spec.kind) {
    case TransportKind::StreamableHttp:
        http = new StreamableHttpTransport(spec.url);
        break;
    case TransportKind::LegacySse:
        http = new LegacySseTransport(spec.url);
        break;
    case TransportKind::Stdio:
        return new StdioTransport(spec.command);
    }
    if (http) {
        http->setHeaders(spec.headers);
        http->setCaCertificates(cas);
    }
    return http;
}

} // namespace mcpdesk
