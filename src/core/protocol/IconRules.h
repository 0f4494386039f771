// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace mcpdesk {

// What McpDesk accepts of the `icons` a server gives (MCP 2025-11-25: its
// implementation info, tools, prompts, resources, resource templates). The words
// returned say why an icon is not shown; empty means it may be.
namespace icons {

// Larger answers are refused (and a download stops there).
constexpr qsizetype MaxBytes = 512 * 1024;
// Icons fetched from one server's origin, at most (the rest show the app's own).
constexpr int MaxFetchesPerServer = 200;

// The entry of `icons` to show: the `theme` matching the palette first ("dark" on a
// dark one), then one without a theme, then the other theme; nullopt-like empty
// object when none has a `src`.
QJsonObject pick(const QJsonArray &icons, bool darkPalette);

// Where an icon may come from: a `data:` URI; `https:` on the server's own origin;
// `http:` only from a server on this computer, on its own origin. `server` is the
// server's URL (empty for a local program, which may give `data:` icons only).
QString refusedSource(const QUrl &icon, const QUrl &server);

// Whether `bytes` are an image McpDesk draws: PNG, JPEG, WebP (when `webp` says this
// Qt can read it), or an SVG that passes svgRefusal(). `format` gets "png", "jpeg",
// "webp" or "svg".
QString refusedImage(const QByteArray &bytes, bool webp, QByteArray *format);

// Qt's SVG renderer cannot be told to refuse what an SVG may reach: a document
// with a DTD or entities, a script, an event handler, a foreignObject, an image,
// or a reference (href, url(), @import) to anything but a fragment of itself is
// refused; so is one that is not well-formed.
QString svgRefusal(const QByteArray &svg);

// A `data:` URI's bytes (base64 or percent-encoded), or empty with `why` set.
QByteArray dataUriBytes(const QUrl &uri, QString *why);

} // namespace icons
} // namespace mcpdesk
