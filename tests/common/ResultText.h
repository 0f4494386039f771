// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once
// The text of a tool result's first content item (`result.content[0].text`), or
// empty: what most tests check of a call.

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

inline QString firstText(const QJsonValue &result)
{
    return result.toObject()
        .value(QStringLiteral("content"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}
