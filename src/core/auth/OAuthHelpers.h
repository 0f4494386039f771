// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once
// Small helpers the parts of the sign-in share (not part of any interface).

#include <QByteArray>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace mcpdesk::oauth {

// Cryptographically random bytes, base64url without padding (state, PKCE verifier).
inline QByteArray randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The PKCE S256 challenge of a verifier.
inline QByteArray s256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// scheme://host[:port] of a URL.
inline QString origin(const QUrl &u)
{
    QUrl o;
    o.setScheme(u.scheme());
    o.setHost(u.host());
    o.setPort(u.port());
    return o.toString(QUrl::FullyEncoded);
}

// A list of strings from a JSON array, or from a string of words.
inline QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    if (v.isArray()) {
        for (const QJsonValue &x : v.toArray())
            out.append(x.toString());
    } else if (v.isString()) {
        // GitHub answers "repo,gist"; everyone else "repo gist".
        out = v.toString().split(QRegularExpression(QStringLiteral("[ ,]+")), Qt::SkipEmptyParts);
    }
    return out;
}

inline QString trimSlash(QString s)
{
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}

inline QByteArray formEncode(const QList<QPair<QString, QString>> &form)
{
    QByteArray out;
    for (const auto &kv : form) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(kv.first) + '=' + QUrl::toPercentEncoding(kv.second);
    }
    return out;
}

inline const QString kAccess = QStringLiteral("access_token");
inline const QString kRefresh = QStringLiteral("refresh_token");

} // namespace mcpdesk::oauth
