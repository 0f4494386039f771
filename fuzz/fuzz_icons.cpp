// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// A server's icon bytes and data: URIs: any input is refused in words or accepted as
// one of the four formats; an accepted SVG has no DTD, script, event handler,
// foreignObject or image element, checked here by a walk of its own.
#include "FuzzCommon.h"
#include "protocol/IconRules.h"

#include <QUrl>
#include <QXmlStreamReader>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzInitApp();
    const QByteArray bytes = fuzzBytes(data, size);
    QByteArray format;
    const QString why = mcpdesk::icons::refusedImage(bytes, true, &format);
    if (why.isEmpty()) {
        if (format != "png" && format != "jpeg" && format != "webp" && format != "svg")
            std::abort();
        if (format == "svg") {
            QXmlStreamReader xml(bytes);
            while (!xml.atEnd()) {
                const auto token = xml.readNext();
                if (token == QXmlStreamReader::DTD)
                    std::abort();
                if (token != QXmlStreamReader::StartElement)
                    continue;
                for (const char *bad : {"script", "foreignObject", "image", "feImage"})
                    if (xml.name().compare(QLatin1String(bad), Qt::CaseInsensitive) == 0)
                        std::abort();
                for (const QXmlStreamAttribute &a : xml.attributes())
                    if (a.name().startsWith(QLatin1String("on"), Qt::CaseInsensitive))
                        std::abort();
            }
        }
    } else if (!format.isEmpty()) {
        std::abort(); // refused, yet named a format
    }
    QString uriWhy;
    const QByteArray fromUri = mcpdesk::icons::dataUriBytes(
        QUrl(QStringLiteral("data:image/svg+xml;base64,") + QString::fromLatin1(bytes.toBase64())),
        &uriWhy);
    if (bytes.size() < mcpdesk::icons::MaxBytes && uriWhy.isEmpty() && fromUri != bytes)
        std::abort(); // a data: URI gives back what it holds
    return 0;
}
