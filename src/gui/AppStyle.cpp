// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "AppStyle.h"

#include <QApplication>
#include <QFile>
#include <QImageReader>
#include <QPixmap>
#include <QStyleFactory>
#include <QStyleOption>
#include <QTransform>

namespace mcpdesk {

QIcon appIcon(const QString &name, IconUse use)
{
    const QString png = QStringLiteral(":/icons/png/%1-%2.png");
    if (!QFile::exists(png.arg(name).arg(16)))
        return QIcon(QStringLiteral(":/icons/%1.svg").arg(name));
    const qreal largest = use == IconUse::Window ? 64 : 32 * qApp->devicePixelRatio();
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64}) {
        if (size > largest)
            continue;
        QImageReader reader(png.arg(name).arg(size), "png");
        reader.setAutoDetectImageFormat(false); // no plugin probing: it is a PNG
        const QImage image = reader.read();
        if (!image.isNull())
            icon.addPixmap(QPixmap::fromImage(image));
    }
    return icon;
}

AppStyle::AppStyle(QStyle *base) : QProxyStyle(base) {}

void AppStyle::install()
{
    // A new instance of it: the proxy owns its base, the application deletes the old.
    QApplication::setStyle(new AppStyle(QStyleFactory::create(QApplication::style()->name())));
}

QIcon AppStyle::standardIcon(StandardPixmap which, const QStyleOption *option,
                             const QWidget *widget) const
{
    switch (which) {
    case SP_LineEditClearButton:
        return appIcon(QStringLiteral("clear"));
    case SP_ToolBarHorizontalExtensionButton:
    case SP_ToolBarVerticalExtensionButton: {
        // "»", pointing the way the bar goes on (down for a vertical one, left in a
        // right-to-left layout).
        const QIcon more = appIcon(QStringLiteral("more"));
        const bool rtl = option ? option->direction == Qt::RightToLeft
                                : (widget ? widget->layoutDirection() == Qt::RightToLeft
                                          : QApplication::isRightToLeft());
        const int turn = which == SP_ToolBarVerticalExtensionButton ? 90 : (rtl ? 180 : 0);
        if (turn == 0)
            return more;
        QIcon turned;
        for (const QSize &size : more.availableSizes())
            turned.addPixmap(more.pixmap(size).transformed(QTransform().rotate(turn)));
        return turned;
    }
    default:
        return QProxyStyle::standardIcon(which, option, widget);
    }
}

} // namespace mcpdesk
