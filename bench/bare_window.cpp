// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The reference for the app's start: an empty QMainWindow with a menu bar and a tool
// bar, nothing else — as little as a Qt Widgets window can be — timed by the same
// probe as mcpdesk-bench (bench/run-gui.sh): "first-paint <ms> rss-kb <KiB>", then quits.
#include "FirstPaint.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QToolBar>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    QMenu *file = window.menuBar()->addMenu(QStringLiteral("&File"));
    file->addAction(QStringLiteral("&Quit"), &app, &QApplication::quit);
    window.menuBar()->addMenu(QStringLiteral("&Help"));
    QToolBar *tools = window.addToolBar(QStringLiteral("Main"));
    tools->addAction(QStringLiteral("New"));
    tools->addAction(QStringLiteral("Open"));
    window.resize(1200, 760);
    window.installEventFilter(
        new mcpdesk::FirstPaint(qEnvironmentVariable("MCPDESK_BENCH_T0_NS").toLongLong(), &window));
    window.show();
    return app.exec();
}
