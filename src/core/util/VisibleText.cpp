// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "VisibleText.h"

namespace mcpdesk {

namespace {
bool isBidiControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
           c == 0x200F || c == 0x061C;
}

QString escaped(const QString &text, bool keepLayout)
{
    // Most text has nothing to escape: return it as it is, without a copy.
    qsizetype first = 0;
    const qsizetype n = text.size();
    for (; first < n; ++first) {
        const char16_t c = text.at(first).unicode();
        if (isInvisibleControl(c) && !(keepLayout && (c == u'\n' || c == u'\t')))
            break;
    }
    if (first == n)
        return text;
    QString out = text.left(first);
    out.reserve(n + 16);
    for (qsizetype i = first; i < n; ++i) {
        const char16_t c = text.at(i).unicode();
        if (!isInvisibleControl(c) || (keepLayout && (c == u'\n' || c == u'\t'))) {
            out.append(QChar(c));
            continue;
        }
        switch (c) {
        case u'\t':
            out.append(QLatin1String("\\t"));
            break;
        case u'\n':
            out.append(QLatin1String("\\n"));
            break;
        case u'\r':
            out.append(QLatin1String("\\r"));
            break;
        default:
            if (c < 0x80)
                out.append(QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0')));
            else
                out.append(QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0')));
        }
    }
    return out;
}
} // namespace

bool isInvisibleControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || isBidiControl(c);
}

QString visibleField(const QString &text)
{
    return escaped(text, false);
}

QString visibleText(const QString &text)
{
    return escaped(text, true);
}

QByteArray asciiSafeJson(const QByteArray &json)
{
    // In UTF-8: DEL is 0x7F; C1 controls are C2 80 … C2 9F; the bidirectional ones
    // E2 80 8E/8F, E2 80 AA … AE, E2 81 A6 … A9, and D8 9C (U+061C). JSON's own
    // syntax is ASCII, so these bytes only occur inside strings, where \u is valid.
    QByteArray out;
    const qsizetype n = json.size();
    qsizetype copied = 0;
    auto escapeAt = [&](qsizetype at, qsizetype len, uint code) {
        if (out.isEmpty())
            out.reserve(n + 64);
        out.append(json.constData() + copied, at - copied);
        out.append("\\u");
        out.append(QByteArray::number(code, 16).rightJustified(4, '0'));
        copied = at + len;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const auto b = quint8(json.at(i));
        if (b == 0x7F) {
            escapeAt(i, 1, 0x7F);
        } else if (b == 0xC2 && i + 1 < n && quint8(json.at(i + 1)) >= 0x80 &&
                   quint8(json.at(i + 1)) <= 0x9F) {
            escapeAt(i, 2, quint8(json.at(i + 1)));
            ++i;
        } else if (b == 0xD8 && i + 1 < n && quint8(json.at(i + 1)) == 0x9C) {
            escapeAt(i, 2, 0x061C);
            ++i;
        } else if ((b == 0xE2) && i + 2 < n) {
            const auto b1 = quint8(json.at(i + 1)), b2 = quint8(json.at(i + 2));
            const uint code = 0x2000 | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
            if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && isBidiControl(code)) {
                escapeAt(i, 3, code);
                i += 2;
            }
        }
    }
    if (copied == 0)
        return json;
    out.append(json.constData() + copied, n - copied);
    return out;
}

} // namespace mcpdesk
