// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "UriTemplate.h"

#include <QUrl>

namespace mcpdesk {

namespace {
struct Expression
{
    QChar op; // '\0' for a simple expression
    QStringList names;
};

// Calls `literal` for text between expressions and `expression` for each {…}.
template <typename L, typename E> void scan(const QString &pattern, L literal, E expression)
{
    qsizetype pos = 0;
    while (pos < pattern.size()) {
        const qsizetype open = pattern.indexOf(QLatin1Char('{'), pos);
        const qsizetype close = open < 0 ? -1 : pattern.indexOf(QLatin1Char('}'), open);
        if (open < 0 || close < 0) {
            literal(pattern.mid(pos));
            return;
        }
        literal(pattern.mid(pos, open - pos));
        QString body = pattern.mid(open + 1, close - open - 1);
        Expression e;
        if (!body.isEmpty() && QStringLiteral("+#./;?&").contains(body.front())) {
            e.op = body.front();
            body.remove(0, 1);
        }
        for (QString name : body.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            name = name.trimmed();
            if (name.endsWith(QLatin1Char('*')))
                name.chop(1);
            if (const qsizetype colon = name.indexOf(QLatin1Char(':')); colon >= 0)
                name.truncate(colon);
            if (!name.isEmpty())
                e.names << name;
        }
        expression(e);
        pos = close + 1;
    }
}
} // namespace

QStringList UriTemplate::variables() const
{
    QStringList out;
    scan(
        m_pattern, [](const QString &) {},
        [&](const Expression &e) {
            for (const QString &n : e.names)
                if (!out.contains(n))
                    out << n;
        });
    return out;
}

QString UriTemplate::expand(const QHash<QString, QString> &values) const
{
    QString out;
    scan(
        m_pattern, [&](const QString &text) { out += text; },
        [&](const Expression &e) {
            // Reserved characters pass through for + and #; everything else is percent-encoded.
            const bool reserved = e.op == QLatin1Char('+') || e.op == QLatin1Char('#');
            const QByteArray keep =
                reserved ? QByteArrayLiteral(":/?#[]@!$&'()*+,;=") : QByteArray();
            QString first, sep = QStringLiteral(",");
            bool named = false, emptyEquals = false;
            switch (e.op.unicode()) {
            case '#':
                first = QStringLiteral("#");
                break;
            case '.':
                first = sep = QStringLiteral(".");
                break;
            case '/':
                first = sep = QStringLiteral("/");
                break;
            case ';':
                first = sep = QStringLiteral(";");
                named = true;
                break;
            case '?':
                first = QStringLiteral("?");
                sep = QStringLiteral("&");
                named = emptyEquals = true;
                break;
            case '&':
                first = sep = QStringLiteral("&");
                named = emptyEquals = true;
                break;
            default:
                break;
            }
            QStringList parts;
            for (const QString &name : e.names) {
                const auto it = values.constFind(name);
                if (it == values.constEnd())
                    continue;
                const QString v = QString::fromUtf8(QUrl::toPercentEncoding(it.value(), keep));
                if (!named)
                    parts << v;
                else if (v.isEmpty())
                    parts << (emptyEquals ? name + QLatin1Char('=') : name);
                else
                    parts << name + QLatin1Char('=') + v;
            }
            if (!parts.isEmpty())
                out += first + parts.join(sep);
        });
    return out;
}

} // namespace mcpdesk
