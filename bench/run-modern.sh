#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# MCP 2026-07-28 tool calls: McpDesk's engine (mcpdesk-cli bench), the official
# TypeScript SDK 2.x client pinned to 2026-07-28 and a raw client sending the same
# bytes (the floor), alternating in one run, against the project's dual-era server in
# modern-only mode, sequential and 20 in flight. Then the one-shot CLI with a cached
# era verdict: `mcpdesk-cli call` against that server beside the same call against
# server-everything (2025-11-25), alternating. And a call of more than one round trip
# (MRTR: `ask-name` answers input_required for a form, the client answers and calls
# again) beside `echo`, sequential, for the same three clients: what one more round
# costs each of them.
#   bench/run-modern.sh [--quick] [MCPDESK_CLI [NODE [PEERS_DIR]]]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT=2000; RUNS=5; SHOTS=15
if [ "${1:-}" = "--quick" ]; then COUNT=50; RUNS=1; SHOTS=2; shift; fi
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_args "$@"
start_everything "$NODE" "$PEERS"
LEGACY_SERVER=$SERVER; LEGACY_URL=$URL
start_dual_era "$NODE" "$PEERS" --modern-only
trap 'kill $SERVER $LEGACY_SERVER 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" # the era verdicts kept here

# The server is Node: its first thousands of calls run before its JIT has warmed up.
"$NODE" "$PEERS/bench-modern.mjs" raw "$URL" "$COUNT" 20 > /dev/null 2>&1
for ((r = 0; r < RUNS; ++r)); do
  for conc in 1 20; do
    record "$conc mcpdesk $r" "$("$CLI" bench "$URL" --count "$COUNT" --concurrency "$conc" |
      sed -E 's/.*: ([0-9.]+) calls\/s, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 \2 \3/')"
    record "$conc sdk $r" "$("$NODE" "$PEERS/bench-modern.mjs" sdk "$URL" "$COUNT" "$conc" 2>/dev/null)"
    record "$conc floor $r" "$("$NODE" "$PEERS/bench-modern.mjs" raw "$URL" "$COUNT" "$conc" 2>/dev/null)"
  done
done
# MRTR: ask-name (two requests per call) beside echo, sequential, alternating.
ASKS=$((COUNT / 2))
ANSWERS='{"name": {"name": "bench"}}'
for ((r = 0; r < RUNS; ++r)); do
  record "ask mcpdesk $r" "$("$CLI" bench "$URL" ask-name --args '{}' --answers "$ANSWERS" \
    --count "$ASKS" | sed -E 's/.*: ([0-9.]+) calls\/s, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 \2 \3/')"
  record "ask sdk $r" "$("$NODE" "$PEERS/bench-modern.mjs" sdk "$URL" "$ASKS" 1 ask-name 2>/dev/null)"
  record "ask floor $r" "$("$NODE" "$PEERS/bench-modern.mjs" raw "$URL" "$ASKS" 1 ask-name 2>/dev/null)"
done
awk -v runs="$RUNS" -v count="$COUNT" '
  function sort(a, n,   i, j, t) { for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t; } }
  function med(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[int((n + 1) / 2)]; }
  function rng(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[1] "–" a[n]; }
  $1 == "ask" { next }
  { k = $1 " " $2; cps[k] = cps[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6; run[$1 " " $2 " " $3] = $5; }
  END {
    printf "%d calls of `echo` per run on 2026-07-28, %d runs; medians (min–max).\n\n", count, runs;
    printf "| in flight | client | calls/s | p50 ms | p99 ms | ÷ floor (calls/s) | p50 above floor |\n| --- | --- | --- | --- | --- | --- | --- |\n";
    for (i = 1; i <= 2; ++i) {
      conc = i == 1 ? 1 : 20;
      split("mcpdesk sdk floor", names, " ");
      for (c = 1; c <= 3; ++c) {
        who = names[c]; k = conc " " who; f = conc " floor"; d = "";
        for (r = 0; r < runs; ++r) d = d " " (run[conc " " who " " r] - run[conc " floor " r]);
        printf "| %s | %s | %s (%s) | %s | %s | %s | %s |\n", conc, who, med(cps[k]), rng(cps[k]), med(p50[k]), med(p99[k]),
          who == "floor" ? "1" : sprintf("%.2f×", med(cps[k]) / med(cps[f])),
          who == "floor" ? "—" : sprintf("%+.3f ms", med(d));
      }
    }
  }' "$T/results"

awk -v runs="$RUNS" -v asks="$ASKS" '
  function sort(a, n,   i, j, t) { for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t; } }
  function med(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[int((n + 1) / 2)]; }
  ($1 == "ask" || $1 == "1") { k = $1 " " $2; cps[k] = cps[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6; }
  END {
    printf "\nA call of two round trips (MRTR: `ask-name`, input_required for a form, answered,\n";
    printf "called again), %d per run, sequential, %d runs; medians. One more round: the\n", asks, runs;
    printf "call'"'"'s p50 minus the same client'"'"'s sequential `echo` p50 above.\n\n";
    printf "| client | calls/s | p50 ms | p99 ms | one more round, ms | above the floor'"'"'s, ms |\n| --- | --- | --- | --- | --- | --- |\n";
    fr = med(p50["ask floor"]) - med(p50["1 floor"]);
    split("mcpdesk sdk floor", names, " ");
    for (c = 1; c <= 3; ++c) {
      who = names[c]; round = med(p50["ask " who]) - med(p50["1 " who]);
      printf "| %s | %s | %s | %s | %.3f | %s |\n", who, med(cps["ask " who]), med(p50["ask " who]), med(p99["ask " who]),
        round, who == "floor" ? "—" : sprintf("%+.3f", round - fr);
    }
  }' "$T/results"

shot() { # era url -> appends "era seconds"
  local t0="$EPOCHREALTIME"
  "$CLI" call "$2" echo --args '{"message":"hi"}' > "$T/out" 2> /dev/null
  local t1="$EPOCHREALTIME"
  grep -q "Echo: hi" "$T/out" || { echo "the $1 one-shot printed no echo" >&2; exit 1; }
  echo "$1 $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')" >> "$T/shots"
}
shot warmup "$URL"; shot warmup "$LEGACY_URL" # each era found once, then cached
for ((r = 0; r < SHOTS; ++r)); do
  shot modern "$URL"
  shot legacy "$LEGACY_URL"
done
awk -v runs="$SHOTS" '
  function sort(a, n,   i, j, t) { for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t; } }
  function med(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[int((n + 1) / 2)]; }
  $1 != "warmup" { w[$1] = w[$1] " " $2 * 1000; }
  END {
    printf "\nOne-shot `mcpdesk-cli call` with the era cached, %d runs each, alternating; medians.\n\n", runs;
    printf "| server | era | wall ms |\n| --- | --- | --- |\n";
    printf "| dual-era server, modern-only | 2026-07-28 | %.1f |\n", med(w["modern"]);
    printf "| server-everything | 2025-11-25 | %.1f |\n", med(w["legacy"]);
    printf "\nModern minus legacy: %+.1f ms.\n", med(w["modern"]) - med(w["legacy"]);
  }' "$T/shots"
