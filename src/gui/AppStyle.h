// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIcon>
#include <QProxyStyle>

namespace mcpdesk {

// One of the app's icons (resources/icons): the PNG sizes the build rendered, read
// as PNG by name, else the SVG. Reading them this way loads no image-format plugin
// (asked to guess, Qt 6.4 loads all of them, and QtSvg, to probe each file: 400 KB
// and 2 ms at start-up). Each size added is decoded at once and kept, so a widget
// icon gets the sizes this screen draws (16–32 px, twice that on a HiDPI screen);
// the window icon gets all.
enum class IconUse { Widget, Window };
QIcon appIcon(const QString &name, IconUse use = IconUse::Widget);

// The platform's style, with the app's own icons for the few standard ones the
// main window shows from the start (the menu and tool bars' overflow button, the
// search field's clear button): the style's own are read in a way that loads every
// image-format plugin.
class AppStyle : public QProxyStyle
{
    Q_OBJECT
public:
    explicit AppStyle(QStyle *base = nullptr);
    // Wraps the application's style (the platform's, or -style's) in one.
    static void install();
    QIcon standardIcon(StandardPixmap icon, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;
};

} // namespace mcpdesk
