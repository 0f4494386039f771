// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "WwwAuthenticate.h"

#include <optional>

namespace mcpdesk {

namespace {
constexpr int kMaxChallenges = 64;
constexpr int kMaxParams = 64;
constexpr qsizetype kMaxValue = 8192;

bool isTchar(char c)
{
    // RFC 9110 tchar
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}
bool isToken68Char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("-._~+/").contains(c);
}
bool isWs(char c)
{
    return c == ' ' || c == '\t';
}

struct Reader
{
    const QByteArray &s;
    qsizetype i = 0;
    bool atEnd() const { return i >= s.size(); }
    char peek(qsizetype ahead = 0) const { return i + ahead < s.size() ? s.at(i + ahead) : '\0'; }
    void skipWs()
    {
        while (!atEnd() && isWs(s.at(i)))
            ++i;
    }
    QByteArray token()
    {
        const qsizetype start = i;
        while (!atEnd() && isTchar(s.at(i)))
            ++i;
        return s.mid(start, i - start);
    }
    QString quoted()
    {
        // at the opening quote
        ++i;
        QByteArray out;
        while (!atEnd()) {
            const char c = s.at(i++);
            if (c == '"')
                break;
            if (c == '\\' && !atEnd())
                out.append(s.at(i++));
            else
                out.append(c);
            if (out.size() > kMaxValue)
                out.truncate(kMaxValue);
        }
        return QString::fromUtf8(out);
    }
};
} // namespace

QList<AuthChallenge> parseWwwAuthenticate(const QByteArray &header)
{
    QList<AuthChallenge> out;
    Reader r{header};
    AuthChallenge *current = nullptr;
    while (!r.atEnd()) {
        r.skipWs();
        if (r.peek() == ',') {
            ++r.i;
            continue;
        }
        if (r.atEnd())
            break;
        const QByteArray tok = r.token();
        if (tok.isEmpty()) {
            ++r.i; // not a token: skip the character
            continue;
        }
        const qsizetype afterToken = r.i;
        r.skipWs();
        if (r.peek() == '=') {
            // name = value, for the current challenge
            ++r.i;
            r.skipWs();
            QString value;
            if (r.peek() == '"')
                value = r.quoted();
            else
                value = QString::fromUtf8(r.token().left(kMaxValue));
            if (current && current->params.size() < kMaxParams) {
                const QString name = QString::fromLatin1(tok).toLower();
                if (!current->params.contains(name))
                    current->params.insert(name, value);
            }
            continue;
        }
        // A new challenge: the scheme.
        if (out.size() >= kMaxChallenges)
            break;
        r.i = afterToken;
        out.append(AuthChallenge{QString::fromLatin1(tok).toLower(), {}, {}});
        current = &out.last();
        r.skipWs();
        // token68 right after the scheme: a run of token68 characters, optional
        // '=' padding, then the end or a comma (never "name=value").
        const qsizetype start = r.i;
        qsizetype j = start;
        while (j < header.size() && isToken68Char(header.at(j)))
            ++j;
        if (j > start) {
            qsizetype k = j;
            while (k < header.size() && header.at(k) == '=')
                ++k;
            qsizetype m = k;
            while (m < header.size() && isWs(header.at(m)))
                ++m;
            if (m >= header.size() || header.at(m) == ',') {
                current->token68 =
                    QString::fromLatin1(header.mid(start, k - start).left(kMaxValue));
                r.i = m;
            }
        }
    }
    return out;
}

std::optional<AuthChallenge> bearerChallenge(const QByteArray &header)
{
    for (const AuthChallenge &c : parseWwwAuthenticate(header))
        if (c.scheme == QLatin1String("bearer"))
            return c;
    return std::nullopt;
}

} // namespace mcpdesk
