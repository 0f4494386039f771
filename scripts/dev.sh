#!/usr/bin/env bash
# McpDesk developer entry point. Idempotent: quick when everything is already there.
#   scripts/dev.sh run     install what is needed, build, start the app
#   scripts/dev.sh test    install what is needed, build, run every test
#   scripts/dev.sh setup   install and build only
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${MCPDESK_BUILD_DIR:-$ROOT/build}"
PEERS="$ROOT/tests/peers"

# Debian 12 packages: toolchain, Qt 6.4, qtkeychain, a real keyring for tests,
# CJK fonts for the Chinese UI; Node.js/npm (when missing) only to install the
# pinned peers, which themselves run on the pinned Node 22 from tests/peers.
APT_PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-networkauth-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qtkeychain-qt6-dev libgl-dev qt6-qpa-plugins qt6-translations-l10n libqt6svg6
  gnome-keyring dbus dbus-daemon libsecret-1-0 openssl
  fonts-wqy-microhei
  xvfb xdg-utils desktop-file-utils appstream librsvg2-bin dpkg-dev file
  json-schema-test-suite
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

install_peers() {
  local stamp="$PEERS/node_modules/.mcpdesk-lock"
  if [ -f "$stamp" ] && cmp -s "$PEERS/package-lock.json" "$stamp"; then
    return
  fi
  log "installing the pinned test peers (npm ci in tests/peers)"
  (cd "$PEERS" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$PEERS/package-lock.json" "$stamp"
}

build() {
  if [ ! -f "$BUILD/build.ninja" ]; then
    log "configuring ($BUILD)"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DMCPDESK_WERROR="${MCPDESK_WERROR:-OFF}" >/dev/null
  fi
  log "building"
  cmake --build "$BUILD" -- -j"$(nproc)"
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
    install_apt; install_peers; build
    log "running the test suite"
    cd "$BUILD"
    set +e
    with_test_keyring ctest --output-on-failure --timeout 300 "${@:2}"
    exit $? ;;
  *)
    echo "usage: scripts/dev.sh run|test|setup" >&2
    exit 2 ;;
esac
