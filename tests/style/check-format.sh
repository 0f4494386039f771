#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# check-format.sh SOURCE_DIR
# Fails when a C++ file of the project is not formatted with its .clang-format
# (Debian's clang-format 14). The files: what git tracks, or every .cpp/.h outside
# build folders when the tree is not a git checkout.
set -uo pipefail
cd "$1" || exit 2
fmt="$(command -v clang-format-14 || command -v clang-format)" || { echo "FAIL: clang-format-14 is not installed"; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h')
else
  mapfile -t files < <(find src tests fuzz bench -name '*.cpp' -o -name '*.h' | grep -v '/build')
fi
[ "${#files[@]}" -gt 0 ] || { echo "FAIL: no C++ file found"; exit 1; }
if ! "$fmt" --dry-run -Werror "${files[@]}" 2>"${TMPDIR:-/tmp}/mcpdesk-format.$$"; then
  grep -E '^[^ ].*(error|warning):' "${TMPDIR:-/tmp}/mcpdesk-format.$$" | cut -d: -f1 | sort -u | sed 's/^/not formatted: /'
  echo "Run: $fmt -i <file> (or scripts/dev.sh format)"
  rm -f "${TMPDIR:-/tmp}/mcpdesk-format.$$"
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/mcpdesk-format.$$"
echo "${#files[@]} files formatted"
