// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// Scaling, for bench/run-scale.sh (the README's scaling table):
//   scale_bench servers URL MAX CALLS
//     N sessions (1, 5, 10, 25, 50 up to MAX) to the Streamable HTTP server at URL, all
//     connected; CALLS `echo` calls, 20 in flight, spread over them; calls/s and RSS.
//   scale_bench tools URL COUNT
//     one server with COUNT tools: tools/list in the engine, the Tools tab filled from
//     opening it, a search typed into it, a tool's form opened; times and RSS.
// Prints one Markdown table row per size.
#include "ProcessStats.h"
#include "ToolsPanel.h"
#include "protocol/McpSession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListWidget>
#include <QThread>

#include <cstdio>
#include <functional>
#include <vector>

using namespace mcpdesk;

namespace {

double residentMiB()
{
    return double(residentKiB()) / 1024.0;
}

bool waitFor(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

McpSession *connectTo(const QUrl &url)
{
    EndpointSpec spec;
    spec.url = url;
    McpSession *s = McpSession::create(spec);
    s->setAutoRelist(false);
    s->open();
    return s;
}

int servers(const QUrl &url, int max, int calls)
{
    std::printf("| servers | connect all ms | calls/s (20 in flight, spread) | RSS after connect "
                "MiB | RSS after calls MiB |\n"
                "| --- | --- | --- | --- | --- |\n");
    for (int n : {1, 5, 10, 25, 50}) {
        if (n > max)
            break;
        QElapsedTimer t;
        t.start();
        std::vector<McpSession *> sessions;
        for (int i = 0; i < n; ++i)
            sessions.push_back(connectTo(url));
        const bool up = waitFor([&] {
            for (McpSession *s : sessions)
                if (s->state() != ServerState::Connected)
                    return false;
            return true;
        });
        if (!up) {
            std::fprintf(stderr, "not all %d sessions connected\n", n);
            return 1;
        }
        const qint64 connectMs = t.elapsed();
        const double rssConnected = residentMiB();
        int started = 0, finished = 0, failed = 0;
        std::function<void(int)> next = [&](int lane) {
            if (started >= calls)
                return;
            ++started;
            RpcReply *r = sessions[size_t(lane % n)]->callTool(
                QStringLiteral("echo"), {{QStringLiteral("message"), QStringLiteral("hi")}});
            QObject::connect(r, &RpcReply::finished, r, [&, r, lane] {
                ++finished;
                failed += r->isOk() ? 0 : 1;
                next(lane + 1);
            });
        };
        t.restart();
        for (int lane = 0; lane < 20; ++lane)
            next(lane);
        waitFor([&] { return finished >= calls; }, 300000);
        const double secs = double(t.nsecsElapsed()) / 1e9;
        if (failed) {
            std::fprintf(stderr, "%d calls failed\n", failed);
            return 1;
        }
        std::printf("| %d | %lld | %.0f | %.1f | %.1f |\n", n, connectMs, calls / secs,
                    rssConnected, residentMiB());
        std::fflush(stdout);
        for (McpSession *s : sessions) {
            s->close();
            s->deleteLater();
        }
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return 0;
}

int tools(const QUrl &url, int count)
{
    McpSession *s = connectTo(url);
    if (!waitFor([&] { return s->state() == ServerState::Connected; })) {
        std::fprintf(stderr, "not connected\n");
        return 1;
    }
    QElapsedTimer t;
    t.start();
    RpcReply *r = s->listTools();
    r->setAutoDelete(false);
    waitFor([&] { return r->isFinished(); });
    const double listMs = double(t.nsecsElapsed()) / 1e6;
    const qsizetype listed = r->result().toArray().size();
    delete r;
    if (listed != count) {
        std::fprintf(stderr, "listed %lld tools, expected %d\n", qlonglong(listed), count);
        return 1;
    }
    ToolsPanel panel;
    panel.resize(1100, 750);
    panel.show();
    QCoreApplication::processEvents();
    auto *list = panel.findChild<QListWidget *>(QStringLiteral("toolList"));
    t.restart();
    panel.setSession(s, url.toString());
    waitFor([&] { return list->count() == count; });
    QCoreApplication::processEvents(); // painted
    const double fillMs = double(t.nsecsElapsed()) / 1e6;
    auto *search = panel.findChild<QLineEdit *>(QStringLiteral("toolSearch"));
    t.restart();
    search->setText(QStringLiteral("tool-0007")); // tool-00070 … tool-00079 and tool-0007x…
    QCoreApplication::processEvents();
    const double searchMs = double(t.nsecsElapsed()) / 1e6;
    search->clear();
    QCoreApplication::processEvents();
    const QString middle = list->item(count / 2)->data(Qt::UserRole).toString();
    t.restart();
    panel.selectTool(middle);
    QCoreApplication::processEvents();
    const double formMs = double(t.nsecsElapsed()) / 1e6;
    std::printf("| %d | %.1f | %.1f | %.1f | %.1f | %.1f |\n", count, listMs, fillMs, searchMs,
                formMs, residentMiB());
    panel.setSession(nullptr, QString());
    s->close();
    delete s;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList a = app.arguments();
    if (a.size() == 5 && a.at(1) == QLatin1String("servers"))
        return servers(QUrl(a.at(2)), a.at(3).toInt(), a.at(4).toInt());
    if (a.size() == 4 && a.at(1) == QLatin1String("tools"))
        return tools(QUrl(a.at(2)), a.at(3).toInt());
    std::fprintf(stderr,
                 "usage: scale_bench servers URL MAX CALLS | scale_bench tools URL COUNT\n");
    return 2;
}
