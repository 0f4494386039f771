// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace mcpdesk {

// URI templates (RFC 6570, levels 1–3: {var}, {+var}, {#var}, {.var}, {/var},
// {;var}, {?var}, {&var}, several variables per expression), as MCP resource
// templates use them. No prefix or explode modifiers: a value is one string.
class UriTemplate
{
public:
    explicit UriTemplate(const QString &pattern) : m_pattern(pattern) {}
    // The variable names, in order of first appearance.
    QStringList variables() const;
    // The URI with `values` filled in; variables without a value are left out.
    QString expand(const QHash<QString, QString> &values) const;

private:
    QString m_pattern;
};

} // namespace mcpdesk
