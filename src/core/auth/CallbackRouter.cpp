// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "CallbackRouter.h"

#include "LoopbackReceiver.h"
#include "OAuthClient.h"

namespace mcpdesk {

void CallbackRouter::expect(const QByteArray &state, std::function<void(const QUrlQuery &)> handler)
{
    m_waiting.insert(state, std::move(handler));
}

void CallbackRouter::forget(const QByteArray &state)
{
    m_waiting.remove(state);
}

bool CallbackRouter::deliver(const QUrl &url)
{
    if (url.scheme() != QLatin1String("mcpdesk") || url.host() != QLatin1String("oauth") ||
        url.path() != QLatin1String("/callback")) {
        qCWarning(lcAuth) << "ignored an mcpdesk: address that is not a sign-in callback";
        return false;
    }
    const QUrlQuery query = LoopbackReceiver::formQuery(url);
    const QByteArray state =
        query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded).toUtf8();
    auto handler = m_waiting.take(state);
    if (state.isEmpty() || !handler) {
        qCWarning(lcAuth) << "refused a callback with an unknown state";
        return false;
    }
    handler(query);
    return true;
}

} // namespace mcpdesk
