// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#include "BuildInfo.h"

#include <QtGlobal>

#include <zlib.h>

namespace mcpdesk {

QString BuildInfo::version()
{
    return QStringLiteral(MCPDESK_VERSION);
}

QString BuildInfo::license()
{
    return QStringLiteral("Apache-2.0");
}

QString BuildInfo::qtVersion()
{
    return QString::fromLatin1(qVersion());
}

QString BuildInfo::keychainVersion()
{
    return QStringLiteral(MCPDESK_QTKEYCHAIN_VERSION);
}

QString BuildInfo::zlibVersion()
{
    return QString::fromLatin1(::zlibVersion());
}

QStringList BuildInfo::lines(const QString &program)
{
    return {program + QLatin1Char(' ') + version(), QStringLiteral("License: %1").arg(license()),
            QStringLiteral("Qt: %1 (LGPL-3.0-only)").arg(qtVersion()),
            QStringLiteral("qtkeychain: %1 (BSD-3-Clause)").arg(keychainVersion()),
            QStringLiteral("zlib: %1 (Zlib)").arg(zlibVersion())};
}

} // namespace mcpdesk
