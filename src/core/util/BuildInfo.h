// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace mcpdesk {

// What a person (or a bug report) needs to know about this build: the version,
// the license, and the libraries it runs with.
struct BuildInfo
{
    static QString version();         // "0.1.0"
    static QString license();         // "Apache-2.0"
    static QString qtVersion();       // the Qt this runs with ("6.4.2")
    static QString keychainVersion(); // qtkeychain, as built against
    static QString zlibVersion();
    // "McpDesk 0.1.0", then one "name: value" line each for the license and libraries.
    static QStringList lines(const QString &program = QStringLiteral("McpDesk"));
};

} // namespace mcpdesk
