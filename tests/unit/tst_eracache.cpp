// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// The era verdicts kept per server: found again, a week-old legacy verdict not used,
// forgotten on request, and nothing lost when many writers store at once.
#include "protocol/EraCache.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace mcpdesk;

namespace {
EraVerdict verdict(EraVerdict::Era era, const QString &version, const QDateTime &at)
{
    EraVerdict v;
    v.era = era;
    v.version = version;
    v.at = at;
    return v;
}
} // namespace

class TestEraCache : public QObject
{
    Q_OBJECT
private slots:
    void keptPerServer()
    {
        QTemporaryDir dir;
        EraCache cache(dir.filePath(QStringLiteral("eras.json")));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString http = EraCache::keyForUrl(QStringLiteral("https://mcp.example.test/mcp"));
        const QString joined =
            EraCache::keyForCommand(QStringLiteral("npx"), {QStringLiteral("a b")});
        const QString split = EraCache::keyForCommand(QStringLiteral("npx"),
                                                      {QStringLiteral("a"), QStringLiteral("b")});
        QVERIFY(joined != split);
        QVERIFY(!cache.lookup(http));
        QVERIFY(
            cache.store(http, verdict(EraVerdict::Era::Modern, QStringLiteral("2026-07-28"), now)));
        QVERIFY(cache.store(joined,
                            verdict(EraVerdict::Era::Legacy, QStringLiteral("2025-11-25"), now)));
        // Another process (another cache on the same file) sees them.
        EraCache other(cache.path());
        const auto modern = other.lookup(http);
        QVERIFY(modern);
        QCOMPARE(modern->era, EraVerdict::Era::Modern);
        QCOMPARE(modern->version, QStringLiteral("2026-07-28"));
        QCOMPARE(other.lookup(joined)->era, EraVerdict::Era::Legacy);
        QVERIFY(!other.lookup(split));
        QVERIFY(other.forget(http));
        QVERIFY(!cache.lookup(http));
        QVERIFY(cache.lookup(joined));
    }

    // A legacy verdict a week old is probed again (it would never correct itself);
    // a modern one stays until a failure forgets it.
    void oldLegacyVerdictsAreNotUsed()
    {
        QTemporaryDir dir;
        EraCache cache(dir.filePath(QStringLiteral("eras.json")));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(cache.store(QStringLiteral("url:old-legacy"),
                            verdict(EraVerdict::Era::Legacy, QString(), now.addDays(-7))));
        QVERIFY(cache.store(QStringLiteral("url:recent-legacy"),
                            verdict(EraVerdict::Era::Legacy, QString(), now.addDays(-6))));
        QVERIFY(cache.store(QStringLiteral("url:old-modern"),
                            verdict(EraVerdict::Era::Modern, QString(), now.addDays(-30))));
        QVERIFY(!cache.lookup(QStringLiteral("url:old-legacy"), now));
        QVERIFY(cache.lookup(QStringLiteral("url:recent-legacy"), now));
        QVERIFY(cache.lookup(QStringLiteral("url:old-modern"), now));
    }

    // Four writers storing 10 servers each into one file at the same time: all 40
    // are there afterwards.
    void manyWritersLoseNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("eras.json"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        std::vector<std::thread> writers;
        std::atomic<int> refused = 0;
        for (int w = 0; w < 4; ++w)
            writers.emplace_back([w, path, now, &refused] {
                EraCache cache(path);
                for (int i = 0; i < 10; ++i)
                    if (!cache.store(QStringLiteral("url:%1/%2").arg(w).arg(i),
                                     verdict(EraVerdict::Era::Modern, QString(), now)))
                        ++refused;
            });
        for (std::thread &t : writers)
            t.join();
        QCOMPARE(refused.load(), 0);
        EraCache cache(path);
        int found = 0;
        for (int w = 0; w < 4; ++w)
            for (int i = 0; i < 10; ++i)
                found += cache.lookup(QStringLiteral("url:%1/%2").arg(w).arg(i)) ? 1 : 0;
        QCOMPARE(found, 40);
    }

    // A damaged file reads as empty and is replaced whole by the next verdict.
    void damagedFileIsStartedAfresh()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("eras.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"url:x\": {\"era\": \"modern\", \"at\": ");
        f.close();
        EraCache cache(path);
        QVERIFY(!cache.lookup(QStringLiteral("url:x")));
        QVERIFY(cache.store(QStringLiteral("url:y"), verdict(EraVerdict::Era::Modern, QString(),
                                                             QDateTime::currentDateTimeUtc())));
        QVERIFY(cache.lookup(QStringLiteral("url:y")));
    }
};

QTEST_GUILESS_MAIN(TestEraCache)
#include "tst_eracache.moc"
