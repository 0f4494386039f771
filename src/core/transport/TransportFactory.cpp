#include "TransportFactory.h"

#include "LegacySseTransport.h"
#include "StreamableHttpTransport.h"
#include "protocol/McpSession.h"

namespace mcpdesk {

Transport *createTransport(const EndpointSpec &spec)
{
    switch (spec.kind) {
    case TransportKind::StreamableHttp: {
        auto *t = new StreamableHttpTransport(spec.url);
        t->setHeaders(spec.headers);
        return t;
    }
    case TransportKind::LegacySse: {
        auto *t = new LegacySseTransport(spec.url);
        t->setHeaders(spec.headers);
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
