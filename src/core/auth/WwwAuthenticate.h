// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace mcpdesk {

// One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1).
struct AuthChallenge
{
    QString scheme;                // lower-case ("bearer")
    QMap<QString, QString> params; // names lower-case, values unquoted and unescaped
    QString token68;

    QString param(const QString &name) const { return params.value(name.toLower()); }
};

// Parses a WWW-Authenticate value: several challenges, quoted strings with
// backslash escapes, any parameter order, case-insensitive names, token68.
// Never fails: what cannot be read is skipped. Bounded: at most 64 challenges
// and 64 parameters each, values cut at 8 KB.
QList<AuthChallenge> parseWwwAuthenticate(const QByteArray &header);

// The first Bearer challenge, if any.
std::optional<AuthChallenge> bearerChallenge(const QByteArray &header);

} // namespace mcpdesk
