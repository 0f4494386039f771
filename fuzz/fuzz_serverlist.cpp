// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
// A servers.json as it may be found on disk (damaged, truncated, from a newer or
// older version), and any server text as the CLI and the app show it.
//  - load() recovers what it can; when it kept the damage aside it wrote the
//    recovered list back, so a second load must succeed with the same servers;
//  - visibleField/visibleText leave no control character or bidirectional override
//    (visibleText keeps newline and tab), and asciiSafeJson leaves no raw DEL, C1 or
//    bidirectional control in JSON text, which still parses to the same value.
#include "FuzzCommon.h"
#include "config/ConfigStore.h"
#include "util/VisibleText.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <cstdlib>

namespace {
QTemporaryDir *g_dir = nullptr;

void check(bool ok)
{
    if (!ok)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzzInitApp();
    g_dir = new QTemporaryDir;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = fuzzBytes(data, size);
    const QString path = g_dir->filePath(QStringLiteral("servers.json"));
    {
        QFile f(path);
        check(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
    }
    {
        mcpdesk::ConfigStore store(path);
        const bool ok = store.load();
        const auto recovery = store.recovery();
        check(ok != recovery.damaged);
        check(recovery.recovered == int(store.servers().size()) || !recovery.damaged);
        if (!ok && !store.backupPath().isEmpty()) {
            mcpdesk::ConfigStore again(path);
            check(again.load());
            check(again.servers().size() == store.servers().size());
        }
    }
    // Nothing is kept between inputs.
    for (const QString &name : QDir(g_dir->path()).entryList(QDir::Files))
        QFile::remove(g_dir->filePath(name));

    const QString text = QString::fromUtf8(bytes);
    for (const QChar c : mcpdesk::visibleField(text))
        check(!mcpdesk::isInvisibleControl(c.unicode()));
    for (const QChar c : mcpdesk::visibleText(text))
        check(!mcpdesk::isInvisibleControl(c.unicode()) || c == u'\n' || c == u'\t');
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isNull()) {
        const QByteArray json = doc.toJson(QJsonDocument::Compact);
        const QByteArray safe = mcpdesk::asciiSafeJson(json);
        for (const QChar c : QString::fromUtf8(safe))
            check(!mcpdesk::isInvisibleControl(c.unicode()));
        check(QJsonDocument::fromJson(safe) == doc);
    }
    fuzzDrainEvents();
    return 0;
}
