// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace mcpdesk {

// Text a server sent, made safe to show as what it is.
//
// A server can put control characters in a name or description (ESC sequences that
// rewrite a terminal or set its title, BEL, C1 controls such as CSI U+009B) and
// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, and the marks
// U+200E, U+200F, U+061C) that make "rtl\u202Egnp.exe" read as "rtlexe.png". These
// functions write each such character as a C-style escape that a person can read:
// `\x1b`, `\x07`, `\x7f`, `\u009b`, `\u202e`; tab, CR and newline as `\t`, `\r`, `\n`.

// One field of a record (a line of `tools`, `list` …; a name in the app): every
// control character escaped, tab, CR and newline included.
QString visibleField(const QString &text);
// Running text (a tool result, a resource's text): the same, but newline and tab
// are kept as they are.
QString visibleText(const QString &text);
// JSON text as Qt writes it (C0 already escaped): DEL, C1 controls and the
// bidirectional controls written as \u escapes too.
QByteArray asciiSafeJson(const QByteArray &json);
// Whether `c` is written as an escape by visibleField().
bool isInvisibleControl(char32_t c);

} // namespace mcpdesk
