#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# check-install.sh BUILD_DIR
# Installs McpDesk into a staging prefix and checks it the way a distribution
# would: desktop file and AppStream metainfo validate, the installed binaries run
# (the GUI offscreen, in Chinese, its translations found), the .deb holds what it
# should and depends on what it loads at run time.
set -u
build="$1"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
check() { # check "what" command...
  local what="$1"; shift
  if "$@" >"$T/out" 2>&1; then pass=$((pass+1)); echo "ok   $what"
  else fail=$((fail+1)); echo "FAIL $what"; sed 's/^/     /' "$T/out" | head -20; fi
}
has() { grep -q -- "$1" "$2"; }

cmake --install "$build" --prefix "$T/usr" >/dev/null || { echo "FAIL cmake --install"; exit 1; }
app="$T/usr/share/applications/io.github.mcpdesk.McpDesk.desktop"
meta="$T/usr/share/metainfo/io.github.mcpdesk.McpDesk.metainfo.xml"
check "desktop-file-validate" desktop-file-validate "$app"
check "desktop file: scheme handler and Exec" sh -c "grep -q '^MimeType=x-scheme-handler/mcpdesk;' '$app' && grep -q '^Exec=mcpdesk %u' '$app' && grep -q '^Comment\\[zh_CN\\]=' '$app'"
check "appstreamcli validate --no-net" appstreamcli validate --no-net "$meta"
check "metainfo: Apache-2.0" grep -q '<project_license>Apache-2.0</project_license>' "$meta"
check "license and notices installed" test -f "$T/usr/share/doc/mcpdesk/copyright" -a -f "$T/usr/share/doc/mcpdesk/NOTICE"
check "metainfo: id, provides, zh_CN description" sh -c "grep -q '<id>io.github.mcpdesk.McpDesk</id>' '$meta' && grep -q '<binary>mcpdesk-cli</binary>' '$meta' && grep -q 'xml:lang=\"zh_CN\"' '$meta'"
check "icons: scalable and 48x48" test -f "$T/usr/share/icons/hicolor/scalable/apps/io.github.mcpdesk.McpDesk.svg" -a -f "$T/usr/share/icons/hicolor/48x48/apps/io.github.mcpdesk.McpDesk.png"
check "man page" test -f "$T/usr/share/man/man1/mcpdesk-cli.1"
check "installed mcpdesk-cli --version" sh -c "'$T/usr/bin/mcpdesk-cli' --version | grep -qx 'mcpdesk-cli [0-9.]*'"
check "installed mcpdesk --version, no display" sh -c "env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM= '$T/usr/bin/mcpdesk' --version | grep -qx 'McpDesk [0-9.]*'"
check "mcpdesk --version: license, Qt and qtkeychain" sh -c "'$T/usr/bin/mcpdesk' --version > '$T/version' && grep -qx 'License: Apache-2.0' '$T/version' && grep -q '^Qt: 6\.' '$T/version' && grep -q '^qtkeychain: [0-9]' '$T/version'"
check "installed mcpdesk --help, no display" sh -c "env -u DISPLAY '$T/usr/bin/mcpdesk' --help | grep -q 'mcpdesk-cli'"
check "installed GUI offscreen, in Chinese" sh -c "XDG_CONFIG_HOME='$T/cfg' QT_QPA_PLATFORM=offscreen LANG=zh_CN.UTF-8 LANGUAGE=zh_CN '$T/usr/bin/mcpdesk' --smoke-test 2>/dev/null | grep -q '服务器'"
# The check answers itself even while McpDesk runs (it never hands off to the running one).
mkdir -p "$T/run" && chmod 700 "$T/run"
XDG_RUNTIME_DIR="$T/run" XDG_CONFIG_HOME="$T/cfg2" QT_QPA_PLATFORM=offscreen "$T/usr/bin/mcpdesk" >/dev/null 2>&1 &
running=$!
sleep 1
check "installed GUI smoke test while McpDesk runs" sh -c "XDG_RUNTIME_DIR='$T/run' XDG_CONFIG_HOME='$T/cfg2' QT_QPA_PLATFORM=offscreen '$T/usr/bin/mcpdesk' --smoke-test 2>/dev/null | grep -qx 'McpDesk'"
kill "$running" 2>/dev/null; wait "$running" 2>/dev/null

# The .deb
(cd "$build" && cpack -G DEB -B "$T/deb" >"$T/cpack.log" 2>&1)
deb="$(ls "$T"/deb/*.deb 2>/dev/null | head -1)"
check ".deb built" test -n "$deb"
if [ -n "$deb" ]; then
  dpkg-deb -c "$deb" > "$T/contents"
  for f in ./usr/bin/mcpdesk ./usr/bin/mcpdesk-cli ./usr/share/applications/io.github.mcpdesk.McpDesk.desktop \
           ./usr/share/metainfo/io.github.mcpdesk.McpDesk.metainfo.xml ./usr/share/icons/hicolor/scalable/apps/io.github.mcpdesk.McpDesk.svg \
           ./usr/share/icons/hicolor/256x256/apps/io.github.mcpdesk.McpDesk.png ./usr/share/man/man1/mcpdesk-cli.1 \
           ./usr/share/doc/mcpdesk/copyright ./usr/share/doc/mcpdesk/NOTICE; do
    check ".deb holds $f" has " $f\$" "$T/contents"
  done
  dpkg-deb -f "$deb" Depends > "$T/depends"
  check ".deb depends: computed (Qt) and run-time (libsecret)" sh -c "grep -q 'libqt6core6' '$T/depends' && grep -q 'libsecret-1-0' '$T/depends' && grep -q 'libqt6keychain1' '$T/depends'"
  dpkg-deb -e "$deb" "$T/control"
  check ".deb refreshes desktop and icon caches" sh -c "grep -q update-desktop-database '$T/control/postinst' && grep -q gtk-update-icon-cache '$T/control/postrm'"
  # Debian's own judge of the package: no error or warning about its copyright or license.
  lintian --tag-display-limit 0 "$deb" > "$T/lintian" 2>&1
  check "lintian: nothing about copyright or license" sh -c "! grep -Ei '^[EW]: .*(copyright|licen[cs]e)' '$T/lintian'"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
