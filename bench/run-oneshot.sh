#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# One-shot CLI over Streamable HTTP: the whole process — start, connect, one `echo`
# call, exit — `mcpdesk-cli call` against the SDK client as a script
# (tests/peers/bench-oneshot.mjs), alternating, with wall time (bash's clock around GNU
# time, which adds about 1 ms to both) and peak RSS (GNU time).
#   bench/run-oneshot.sh [--quick] [MCPDESK_CLI [NODE [PEERS_DIR]]]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=15
if [ "${1:-}" = "--quick" ]; then RUNS=2; shift; fi
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
bench_args "$@"
start_everything "$NODE" "$PEERS"
trap 'kill $SERVER 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" # an empty configuration: nothing read but the target

measure() { # who command... -> appends "who seconds maxrss_kb"
  local who="$1"; shift
  local t0="$EPOCHREALTIME"
  /usr/bin/time -o "$T/time" -f "%M" "$@" > "$T/out" 2> /dev/null
  local t1="$EPOCHREALTIME"
  grep -q "Echo: hi" "$T/out" || { echo "$who printed no echo:" >&2; cat "$T/out" >&2; exit 1; }
  echo "$who $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }') $(cat "$T/time")" >> "$T/results"
}
measure warmup "$CLI" call "$URL" echo --args '{"message":"hi"}' # the server's first session
for ((r = 0; r < RUNS; ++r)); do
  measure mcpdesk "$CLI" call "$URL" echo --args '{"message":"hi"}'
  measure sdk "$NODE" "$PEERS/bench-oneshot.mjs" "$URL"
done
awk -v runs="$RUNS" '
  function sort(a, n,   i, j, t) { for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t; } }
  function med(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[int((n + 1) / 2)]; }
  function lo(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[1]; }
  function hi(s,   a, n) { n = split(s, a, " "); sort(a, n); return a[n]; }
  $1 != "warmup" { wall[$1] = wall[$1] " " $2 * 1000; rss[$1] = rss[$1] " " $3 / 1024; }
  END {
    printf "Whole process, start → connect → one `echo` → exit; %d runs each, alternating; medians (min–max).\n\n", runs;
    printf "| client | wall ms | peak RSS MiB | ÷ SDK (wall) | ÷ SDK (RSS) |\n| --- | --- | --- | --- | --- |\n";
    split("mcpdesk sdk", who, " ");
    for (i = 1; i <= 2; ++i) {
      w = who[i];
      printf "| %s | %.1f (%.1f–%.1f) | %.1f (%.1f–%.1f) | %s | %s |\n", w == "mcpdesk" ? "mcpdesk-cli call" : "SDK script",
        med(wall[w]), lo(wall[w]), hi(wall[w]), med(rss[w]), lo(rss[w]), hi(rss[w]),
        w == "sdk" ? "1" : sprintf("%.2f", med(wall[w]) / med(wall["sdk"])),
        w == "sdk" ? "1" : sprintf("%.2f", med(rss[w]) / med(rss["sdk"]));
    }
  }' "$T/results"
