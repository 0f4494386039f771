// SPDX-FileCopyrightText: The McpDesk authors
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

namespace mcpdesk {

// `data` deflated in qCompress()'s format (its size, big-endian, then a zlib
// stream), so qUncompress() gives it back; empty if it could not be. For the
// texts the app keeps (tool lists, the traffic log): JSON shrinks to a quarter.
// Unlike qCompress(), which sets up and frees 260 KB of zlib state for each call
// (the heap stays fragmented by it), each thread keeps one small stream (a 4 KB
// window, 20 KB in all) and resets it; the result takes exactly its size.
QByteArray deflated(const QByteArray &data);

// `text` as the app keeps it: deflated when its size is over `over` and at most
// `upTo` bytes (*isDeflated set), else as it is, squeezed (a text written by doubling
// holds up to twice its size). qUncompress() reads the deflated form back.
QByteArray packedText(QByteArray text, qsizetype over, qsizetype upTo, bool *isDeflated);

// The first `n` bytes of what deflated() made of some data (fewer if it is shorter),
// inflating no more than that: a one-line summary of a long message costs what the
// line shows. Empty if `packed` is not deflated() output.
QByteArray inflatedHead(const QByteArray &packed, qsizetype n);

} // namespace mcpdesk
