// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace mcpdesk {

// "1.2 KB", "512 B", "3.4 MB" (1 KB = 1024 bytes).
QString formatByteSize(qint64 bytes);

// One word for a POSIX shell, whatever it holds: in single quotes, each single quote
// written as '\'' ("it's" -> 'it'\''s'). Pasted into a shell, it is that word and
// nothing runs.
QString shellQuote(const QString &word);

} // namespace mcpdesk
