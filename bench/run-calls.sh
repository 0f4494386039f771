#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# Tool calls: McpDesk's engine (mcpdesk-cli bench), the official TypeScript SDK client
# and a raw client sending the same bytes (the floor), alternating in one run, against
# server-everything over Streamable HTTP and stdio, sequential and 20 in flight.
#   bench/run-calls.sh [--quick] [MCPDESK_CLI [NODE [PEERS_DIR]]]
# Table: medians over RUNS runs (min–max), McpDesk ÷ floor throughput, and McpDesk's
# p50 overhead above the floor as the median of the per-run differences.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT=2000; RUNS=5
if [ "${1:-}" = "--quick" ]; then COUNT=50; RUNS=1; shift; fi
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_args "$@"
EVERYTHING="$PEERS/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
start_everything "$NODE" "$PEERS"
trap 'kill $SERVER 2>/dev/null; rm -rf "$T"' EXIT

mcpdesk() { # target concurrency -> "calls/s p50 p99"
  "$CLI" bench "$1" --count "$COUNT" --concurrency "$2" |
    sed -E 's/.*: ([0-9.]+) calls\/s, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms.*/\1 \2 \3/'
}
for ((r = 0; r < RUNS; ++r)); do
  for conc in 1 20; do
    for transport in http stdio; do
      if [ "$transport" = http ]; then target="$URL"; nodeTarget="$URL"; else target="stdio:$NODE $EVERYTHING stdio"; nodeTarget=stdio; fi
      record "$transport $conc mcpdesk $r" "$(mcpdesk "$target" "$conc")"
      record "$transport $conc sdk $r" "$("$NODE" "$PEERS/bench-calls.mjs" sdk "$nodeTarget" "$COUNT" "$conc" 2>/dev/null)"
      record "$transport $conc floor $r" "$("$NODE" "$PEERS/bench-calls.mjs" raw "$nodeTarget" "$COUNT" "$conc" 2>/dev/null)"
    done
  done
done
awk -v runs="$RUNS" -v count="$COUNT" '
  function sort(a, n,   i, j, t) { for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t; } }
  function med(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[int((n + 1) / 2)]; }
  function rng(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[1] "–" a[n]; }
  { k = $1 " " $2 " " $3; cps[k] = cps[k] " " $5; p50[k] = p50[k] " " $6; p99[k] = p99[k] " " $7; run[$1 " " $2 " " $3 " " $4] = $6; }
  END {
    printf "%d calls of `echo` per run, %d runs; medians (min–max).\n\n", count, runs;
    printf "| transport | in flight | client | calls/s | p50 ms | p99 ms | ÷ floor (calls/s) | p50 above floor |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n";
    split("http 1|stdio 1|http 20|stdio 20", rows, "|");
    for (i = 1; i <= 4; ++i) {
      split(rows[i], rc, " ");
      for (c = 1; c <= 3; ++c) {
        split("mcpdesk sdk floor", names, " "); who = names[c]; k = rc[1] " " rc[2] " " who; f = rc[1] " " rc[2] " floor";
        d = "";
        for (r = 0; r < runs; ++r) d = d " " (run[rc[1] " " rc[2] " " who " " r] - run[rc[1] " " rc[2] " floor " r]);
        printf "| %s | %s | %s | %s (%s) | %s | %s | %s | %s |\n", rc[1], rc[2], who, med(cps[k]), rng(cps[k]), med(p50[k]), med(p99[k]),
          who == "floor" ? "1" : sprintf("%.2f×", med(cps[k]) / med(cps[f])),
          who == "floor" ? "—" : sprintf("%+.3f ms", med(d));
      }
    }
  }' "$T/results"
