// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
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

namespace {

class FirstPaint : public QObject
{
public:
    FirstPaint(qint64 t0Ns, QObject *parent) : QObject(parent), m_t0Ns(t0Ns) {}
    bool eventFilter(QObject *, QEvent *e) override
    {
        if (e->type() == QEvent::Paint && !m_done) {
            m_done = true;
            // After this paint has been handled and flushed.
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

} // namespace

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
