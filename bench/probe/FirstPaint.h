// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ProcessStats.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QTimer>

#include <cstdio>
#include <ctime>

namespace mcpdesk {

// Installed on a window: once its first paint has been handled and flushed, prints
// "first-paint <ms since t0Ns> rss-kb <resident KiB>" and quits. t0Ns is CLOCK_REALTIME
// in ns taken before the process was started (bench/run-gui.sh passes it).
class FirstPaint : public QObject
{
public:
    FirstPaint(qint64 t0Ns, QObject *parent) : QObject(parent), m_t0Ns(t0Ns) {}
    bool eventFilter(QObject *, QEvent *e) override
    {
        if (e->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, qApp, [this] {
                timespec now{};
                clock_gettime(CLOCK_REALTIME, &now);
                const double ms =
                    double(qint64(now.tv_sec) * 1000000000 + now.tv_nsec - m_t0Ns) / 1e6;
                std::printf("first-paint %.1f rss-kb %lld\n", ms, residentKiB());
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        }
        return false;
    }

private:
    qint64 m_t0Ns;
    bool m_done = false;
};

} // namespace mcpdesk
