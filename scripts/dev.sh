#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# McpDesk developer entry point. Idempotent: quick when everything is already there.
#   scripts/dev.sh run     install what is needed, build, start the app
#   scripts/dev.sh test    install what is needed, build, run every test
#   scripts/dev.sh setup   install and build only
#   scripts/dev.sh fuzz [SECONDS]      build the libFuzzer targets (clang) and run each
#                                      for SECONDS (default 600); corpora in build-fuzz/
#   scripts/dev.sh sanitize [ctest args]  the whole suite built with ASan + UBSan
#   scripts/dev.sh bench [--quick]     every benchmark beside its reference, tables
#                                      with ratios (bench/run-all.sh)
#   scripts/dev.sh format              format every C++ file with .clang-format (clang-format 14)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${MCPDESK_BUILD_DIR:-$ROOT/build}"
FUZZ_BUILD="${MCPDESK_FUZZ_BUILD_DIR:-$BUILD-fuzz}"
SAN_BUILD="${MCPDESK_SANITIZE_BUILD_DIR:-$BUILD-sanitize}"
PEERS="$ROOT/tests/peers"

# Debian 12 packages: toolchain, Qt 6.4, qtkeychain, a real keyring for tests,
# CJK fonts for the Chinese UI; Node.js/npm (when missing) only to install the
# pinned peers, which themselves run on the pinned Node 22 from tests/peers.
APT_PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qtkeychain-qt6-dev libgl-dev zlib1g-dev qt6-qpa-plugins qt6-translations-l10n libqt6svg6
  gnome-keyring dbus dbus-daemon libsecret-1-0 openssl
  fonts-wqy-microhei
  xvfb xdg-utils desktop-file-utils appstream librsvg2-bin dpkg-dev file
  json-schema-test-suite
  clang libclang-rt-14-dev clang-format-14 reuse lintian
  time tinyproxy
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # npm only installs the pinned peers; any npm already on the machine will do.
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    local SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# npm ci in DIR, skipped when its lock file has not changed since the last one.
npm_ci_pinned() {
  local dir="$1" stamp="$1/node_modules/.mcpdesk-lock"
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    return
  fi
  log "installing the pinned packages in ${dir#"$ROOT"/} (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}
install_peers() { npm_ci_pinned "$PEERS"; }

# True when the build folder $1 is not configured yet, or was configured with other
# options than asked for now (an existing build keeps its cache otherwise): NAME=VALUE...
needs_configure() {
  local dir="$1" kv
  shift
  [ -f "$dir/build.ninja" ] || return 0
  for kv in "$@"; do
    grep -qx "${kv%%=*}:BOOL=${kv#*=}" "$dir/CMakeCache.txt" 2>/dev/null || return 0
  done
  return 1
}

# The benchmarks are built for `test` (their small runs are tests) and `bench`.
build() {
  local werror="${MCPDESK_WERROR:-OFF}" bench="${MCPDESK_BUILD_BENCH:-OFF}"
  if needs_configure "$BUILD" "MCPDESK_WERROR=$werror" "MCPDESK_BUILD_BENCH=$bench"; then
    log "configuring ($BUILD)"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMCPDESK_WERROR="$werror" -DMCPDESK_BUILD_BENCH="$bench" >/dev/null
  fi
  log "building"
  cmake --build "$BUILD" -- -j"$(nproc)"
}

# The libFuzzer targets: clang, every object instrumented, ASan + UBSan.
build_fuzz() {
  if needs_configure "$FUZZ_BUILD" "MCPDESK_WERROR=${MCPDESK_WERROR:-OFF}"; then
    log "configuring the fuzz targets ($FUZZ_BUILD)"
    CXX=clang++ CC=clang cmake -S "$ROOT" -B "$FUZZ_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMCPDESK_FUZZ=ON -DMCPDESK_BUILD_TESTS=OFF -DMCPDESK_WERROR="${MCPDESK_WERROR:-OFF}" >/dev/null
  fi
  log "building the fuzz targets"
  cmake --build "$FUZZ_BUILD" --target fuzzers -- -j"$(nproc)"
}

# Runs "$@" inside a throwaway D-Bus session with a real, unlocked gnome-keyring,
# so that tests use a real Secret Service and never the user's own keyring.
with_test_keyring() {
  local T
  T="$(mktemp -d)"
  mkdir -p "$T/data" "$T/run" "$T/config" "$T/home"
  chmod 700 "$T/run"
  # shellcheck disable=SC2016
  XDG_DATA_HOME="$T/data" XDG_RUNTIME_DIR="$T/run" XDG_CONFIG_HOME="$T/config" \
    dbus-run-session -- sh -c \
    'printf %s ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' \
    sh "$@"
  local rc=$?
  rm -rf "$T"
  return $rc
}

cmd="${1:-}"
case "$cmd" in
  setup)
    install_apt; install_peers; build ;;
  run)
    install_apt; install_peers; build
    log "starting McpDesk"
    exec "$BUILD/src/app/mcpdesk" "${@:2}" ;;
  test)
    export MCPDESK_BUILD_BENCH=ON
    install_apt; install_peers; build
    log "running the test suite"
    cd "$BUILD"
    set +e
    with_test_keyring ctest --output-on-failure --timeout 300 "${@:2}"
    rc=$?
    set -e
    build_fuzz
    log "running each fuzz target for a few seconds"
    cd "$FUZZ_BUILD"
    set +e
    ctest --output-on-failure -L fuzz
    frc=$?
    [ $rc -ne 0 ] && exit $rc
    exit $frc ;;
  bench)
    # The references only benchmarks need (MCP Inspector v2) live in bench/peers.
    export MCPDESK_BUILD_BENCH=ON
    install_apt; install_peers; npm_ci_pinned "$ROOT/bench/peers"; build
    log "running every benchmark (bench/run-all.sh ${*:2})"
    with_test_keyring "$ROOT/bench/run-all.sh" "${@:2}" "$BUILD" ;;
  fuzz)
    install_apt; build_fuzz
    secs="${2:-600}"
    for exe in "$FUZZ_BUILD"/fuzz/fuzz_*; do
      [ -f "$exe" ] && [ -x "$exe" ] || continue
      t="$(basename "$exe")"
      log "fuzzing $t for $secs s"
      mkdir -p "$FUZZ_BUILD/fuzz/corpus/$t"
      ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizer/lsan.supp" \
        QT_LOGGING_RULES='*.debug=false;*.warning=false' \
        "$FUZZ_BUILD/fuzz/$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        "$FUZZ_BUILD/fuzz/corpus/$t" "$ROOT/fuzz/corpus/$t" 2>&1 | tee "$FUZZ_BUILD/$t.log" | grep -E "^#[0-9]+ +(DONE|pulse)|ERROR|stat::" || true
    done ;;
  sanitize)
    install_apt; install_peers
    if [ ! -f "$SAN_BUILD/build.ninja" ]; then
      log "configuring with ASan + UBSan ($SAN_BUILD)"
      cmake -S "$ROOT" -B "$SAN_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DMCPDESK_SANITIZE=address,undefined >/dev/null
    fi
    cmake --build "$SAN_BUILD" -- -j"$(nproc)"
    log "running the test suite under ASan + UBSan"
    cd "$SAN_BUILD"
    set +e
    export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizer/lsan.supp:print_suppressions=0"
    with_test_keyring ctest --output-on-failure --timeout 600 "${@:2}"
    exit $? ;;
  format)
    install_apt
    cd "$ROOT"
    git ls-files '*.cpp' '*.h' | xargs clang-format-14 -i ;;
  *)
    echo "usage: scripts/dev.sh run|test|setup|fuzz [SECONDS]|sanitize|bench [--quick]|format" >&2
    exit 2 ;;
esac
