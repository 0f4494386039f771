// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "FirstPaint.h"
#include "Probe.h"
#include "ProcessStats.h"
#include "servers/ServerManager.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <ctime>
#include <memory>

namespace mcpdesk {

// Measurements for bench/run-gui.sh, switched on by the environment only; the app
// behaves as usual otherwise. Each prints one line on stdout and quits:
//   MCPDESK_BENCH=first-paint  MCPDESK_BENCH_T0_NS=<CLOCK_REALTIME ns before exec>
//     "first-paint <ms since T0> rss-kb <resident KiB>" once the window has painted
//   MCPDESK_BENCH=idle:<N>
//     once N servers are connected and their tool lists loaded, and 3 s of idling:
//     "idle <servers> servers <tools> tools ready-ms <ms> rss-kb <resident KiB>"

void installProbe(QWidget *window, ServerManager *manager)
{
    const QString mode = qEnvironmentVariable("MCPDESK_BENCH");
    if (mode == QLatin1String("first-paint")) {
        window->installEventFilter(
            new FirstPaint(qEnvironmentVariable("MCPDESK_BENCH_T0_NS").toLongLong(), window));
    } else if (mode.startsWith(QLatin1String("idle:"))) {
        struct Idle
        {
            int want = 0;
            QElapsedTimer clock;
            QSet<QString> listed;
            int tools = 0;
            int loaded = 0;
        };
        auto idle = std::make_shared<Idle>(); // lives as long as the connections below
        idle->want = mode.mid(5).toInt();
        idle->clock.start();
        QObject::connect(
            manager, &ServerManager::serverChanged, manager, [idle, manager](const QString &id) {
                McpSession *s = manager->session(id);
                if (!s || s->state() != ServerState::Connected || idle->listed.contains(id))
                    return;
                idle->listed.insert(id);
                // One tool list per server, as opening its Tools tab fetches it (the session
                // fetches no list nobody asked for), a second after it connected: when a user
                // could first open it, not in the middle of 50 servers starting.
                QTimer::singleShot(1000, s, [idle, manager, s] {
                    RpcReply *r = s->listTools();
                    QObject::connect(r, &RpcReply::finished, manager, [idle, manager, r] {
                        if (!r->isOk())
                            return;
                        idle->tools += int(r->result().toArray().size());
                        if (++idle->loaded != idle->want)
                            return;
                        const qint64 readyMs = idle->clock.elapsed();
                        QTimer::singleShot(3000, manager, [idle, readyMs] {
                            std::printf("idle %d servers %d tools ready-ms %lld rss-kb %lld\n",
                                        idle->want, idle->tools, readyMs, residentKiB());
                            std::fflush(stdout);
                            QCoreApplication::exit(0);
                        });
                    });
                });
            });
    }
}

} // namespace mcpdesk
