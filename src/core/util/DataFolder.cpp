// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "DataFolder.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace mcpdesk {

QStringList moveEarlierDataFolders(const QString &genericDataDir)
{
    const QString target = genericDataDir + QStringLiteral("/McpDesk");
    QStringList moved;
    for (const QString &earlier :
         {target + QStringLiteral("/McpDesk"), genericDataDir + QStringLiteral("/mcpdesk-cli")}) {
        QDir from(earlier);
        if (!from.exists())
            continue;
        QDir().mkpath(target);
        const QStringList files = from.entryList(QDir::Files | QDir::Hidden);
        for (const QString &name : files) {
            const QString to = target + QLatin1Char('/') + name;
            if (QFile::exists(to))
                continue; // what is there wins; the earlier copy stays where it was
            if (QFile::rename(from.filePath(name), to))
                moved.append(name);
        }
        from.rmdir(earlier); // only when it is empty now
    }
    return moved;
}

QString dataFolder()
{
    static const QString folder = [] {
        const QString generic =
            QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        moveEarlierDataFolders(generic);
        return generic + QStringLiteral("/McpDesk");
    }();
    return folder;
}

} // namespace mcpdesk
