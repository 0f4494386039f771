// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "IconRules.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QXmlStreamReader>

namespace mcpdesk::icons {

namespace {
bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
           QHostAddress(host).isLoopback();
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

// A reference inside the SVG that stays inside it ("#id"), or none.
bool local(QStringView value)
{
    return value.trimmed().startsWith(QLatin1Char('#'));
}

// Every url(…) in `text` points inside the document; no @import.
bool stylesStayInside(QStringView text)
{
    if (text.contains(QLatin1String("@import"), Qt::CaseInsensitive))
        return false;
    qsizetype at = 0;
    while ((at = text.indexOf(QLatin1String("url("), at, Qt::CaseInsensitive)) >= 0) {
        at += 4;
        QStringView rest = text.mid(at).trimmed();
        if (rest.startsWith(QLatin1Char('\'')) || rest.startsWith(QLatin1Char('"')))
            rest = rest.mid(1);
        if (!rest.startsWith(QLatin1Char('#')))
            return false;
    }
    return true;
}
} // namespace

QJsonObject pick(const QJsonArray &icons, bool darkPalette)
{
    const QString want = darkPalette ? QStringLiteral("dark") : QStringLiteral("light");
    QJsonObject none, other;
    for (const QJsonValue &v : icons) {
        const QJsonObject o = v.toObject();
        if (!o.value(QStringLiteral("src")).isString() ||
            o.value(QStringLiteral("src")).toString().isEmpty())
            continue;
        const QString theme = o.value(QStringLiteral("theme")).toString();
        if (theme == want)
            return o;
        if (theme.isEmpty() && none.isEmpty())
            none = o;
        else if (!theme.isEmpty() && other.isEmpty())
            other = o;
    }
    return none.isEmpty() ? other : none;
}

QString refusedSource(const QUrl &icon, const QUrl &server)
{
    if (!icon.isValid())
        return QCoreApplication::translate("IconRules", "The icon's address is not valid.");
    const QString scheme = icon.scheme().toLower();
    if (scheme == QLatin1String("data"))
        return QString();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return QCoreApplication::translate(
                   "IconRules",
                   "Icons come only from the server's own web address or inside its answer "
                   "(data:), not from a %1: address.")
            .arg(scheme.left(20));
    if (server.isEmpty() || !server.isValid())
        return QCoreApplication::translate(
            "IconRules", "A local program's icons must come inside its answer (data:).");
    if (scheme == QLatin1String("http") && !(isLoopback(server) && isLoopback(icon)))
        return QCoreApplication::translate(
            "IconRules", "The icon is on an unencrypted (http:) address; only a server on this "
                         "computer may use one.");
    if (!sameOrigin(icon, server))
        return QCoreApplication::translate(
                   "IconRules",
                   "The icon is on %1, not on the server's own address %2; MCP allows only "
                   "the server's own.")
            .arg(icon.host().left(100), server.host().left(100));
    return QString();
}

QString svgRefusal(const QByteArray &svg)
{
    QXmlStreamReader xml(svg);
    bool sawSvg = false;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::DTD:
            return QCoreApplication::translate("IconRules", "The SVG declares a DTD or entities.");
        case QXmlStreamReader::EntityReference:
            return QCoreApplication::translate("IconRules", "The SVG uses entities.");
        case QXmlStreamReader::StartElement: {
            const QStringView name = xml.name();
            if (!sawSvg) {
                if (name != QLatin1String("svg"))
                    return QCoreApplication::translate("IconRules",
                                                       "The file is not an SVG image.");
                sawSvg = true;
            }
            if (name.compare(QLatin1String("script"), Qt::CaseInsensitive) == 0)
                return QCoreApplication::translate("IconRules", "The SVG contains a script.");
            if (name.compare(QLatin1String("foreignObject"), Qt::CaseInsensitive) == 0)
                return QCoreApplication::translate("IconRules",
                                                   "The SVG contains a foreignObject.");
            if (name.compare(QLatin1String("image"), Qt::CaseInsensitive) == 0 ||
                name.compare(QLatin1String("feImage"), Qt::CaseInsensitive) == 0)
                return QCoreApplication::translate("IconRules", "The SVG draws another image.");
            for (const QXmlStreamAttribute &a : xml.attributes()) {
                const QStringView attr = a.name();
                if (attr.startsWith(QLatin1String("on"), Qt::CaseInsensitive))
                    return QCoreApplication::translate("IconRules", "The SVG contains a script.");
                if (attr.compare(QLatin1String("href"), Qt::CaseInsensitive) == 0 &&
                    !local(a.value()))
                    return QCoreApplication::translate("IconRules",
                                                       "The SVG refers to another file.");
                if (!stylesStayInside(a.value()))
                    return QCoreApplication::translate("IconRules",
                                                       "The SVG refers to another file.");
            }
            break;
        }
        case QXmlStreamReader::Characters:
            if (!stylesStayInside(xml.text()))
                return QCoreApplication::translate("IconRules", "The SVG refers to another file.");
            break;
        case QXmlStreamReader::ProcessingInstruction:
            if (xml.processingInstructionTarget() != QLatin1String("xml"))
                return QCoreApplication::translate("IconRules",
                                                   "The SVG contains a processing instruction.");
            break;
        default:
            break;
        }
    }
    if (xml.hasError() || !sawSvg)
        return QCoreApplication::translate("IconRules", "The SVG is not well-formed.");
    return QString();
}

QString refusedImage(const QByteArray &bytes, bool webp, QByteArray *format)
{
    if (bytes.size() > MaxBytes)
        return QCoreApplication::translate("IconRules", "The icon is larger than %1 KB.")
            .arg(MaxBytes / 1024);
    if (bytes.startsWith("\x89PNG\r\n\x1a\n")) {
        *format = "png";
        return QString();
    }
    if (bytes.startsWith("\xff\xd8\xff")) {
        *format = "jpeg";
        return QString();
    }
    if (bytes.size() > 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP") {
        if (!webp)
            return QCoreApplication::translate(
                "IconRules", "The icon is a WebP image, which this system's Qt cannot read.");
        *format = "webp";
        return QString();
    }
    QByteArray head = bytes.left(256).trimmed();
    if (head.startsWith("\xef\xbb\xbf"))
        head = head.mid(3);
    if (head.startsWith("<?xml") || head.startsWith("<svg") || head.startsWith("<!--") ||
        head.startsWith("<!DOCTYPE")) {
        const QString why = svgRefusal(bytes);
        if (!why.isEmpty())
            return why;
        *format = "svg";
        return QString();
    }
    return QCoreApplication::translate("IconRules",
                                       "The icon is not a PNG, JPEG, SVG or WebP image.");
}

QByteArray dataUriBytes(const QUrl &uri, QString *why)
{
    // data:[<mediatype>][;base64],<data>
    const QByteArray all = uri.toEncoded();
    const qsizetype comma = all.indexOf(',');
    if (!all.startsWith("data:") || comma < 0) {
        *why = QCoreApplication::translate("IconRules", "The icon's data: address is not valid.");
        return {};
    }
    if (all.size() - comma > MaxBytes * 4 / 3 + 16) {
        *why = QCoreApplication::translate("IconRules", "The icon is larger than %1 KB.")
                   .arg(MaxBytes / 1024);
        return {};
    }
    const QByteArray meta = all.mid(5, comma - 5);
    const QByteArray payload = QByteArray::fromPercentEncoding(all.mid(comma + 1));
    if (meta.endsWith(";base64")) {
        auto decoded =
            QByteArray::fromBase64Encoding(payload, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            *why =
                QCoreApplication::translate("IconRules", "The icon's data: address is not valid.");
            return {};
        }
        return *decoded;
    }
    return payload;
}

} // namespace mcpdesk::icons
