// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once
// Shared by the libFuzzer targets: a QCoreApplication for code that needs one
// (timers, translations), created once.
#include <QByteArray>
#include <QCoreApplication>
#include <QEvent>
#include <QEventLoop>

#include <cstddef>
#include <cstdint>

inline void fuzzInitApp()
{
    static int argc = 1;
    static char name[] = "mcpdesk-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = new QCoreApplication(argc, argv);
    (void)app;
    qputenv("QT_LOGGING_RULES", "*.debug=false;*.warning=false");
}

// The app runs an event loop; a fuzz target does not. What the code under test
// posted (deleteLater, queued calls, zero timers) is handled here after each input,
// so it neither piles up nor goes untested.
inline void fuzzDrainEvents()
{
    QCoreApplication::sendPostedEvents(nullptr, 0);
    QCoreApplication::processEvents(QEventLoop::AllEvents);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

inline QByteArray fuzzBytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}
