#!/usr/bin/env bash
# SPDX-FileCopyrightText: The McpDesk authors
# SPDX-License-Identifier: Apache-2.0
# xdg-open-handoff.sh APP DESKTOP_FILE
# The desktop's path end to end: with McpDesk's .desktop file installed into a
# throwaway XDG_DATA_HOME and a display (Xvfb; Debian's xdg-open only uses scheme
# handlers when DISPLAY is set), `xdg-open 'mcpdesk://oauth/callback?…'` starts
# `mcpdesk %u`, which hands the URL to the running instance; that one checks the
# state (this one belongs to no sign-in, so it is refused, and says so).
set -u
app="$1"; desktop="$2"
T="$(mktemp -d)"
cleanup() { kill "${first:-}" "${xvfb:-}" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" XDG_DATA_DIRS=/usr/share
mkdir -p "$HOME" "$XDG_DATA_HOME/applications" "$XDG_CONFIG_HOME"
sed "s|^Exec=.*|Exec=$app %u|" "$desktop" > "$XDG_DATA_HOME/applications/io.github.mcpdesk.McpDesk.desktop"
desktop-file-validate "$XDG_DATA_HOME/applications/io.github.mcpdesk.McpDesk.desktop" || { echo "FAIL: desktop file invalid"; exit 1; }
xdg-mime default io.github.mcpdesk.McpDesk.desktop x-scheme-handler/mcpdesk
echo "handler: $(xdg-mime query default x-scheme-handler/mcpdesk)"
display=":$(( (RANDOM % 400) + 100 ))"
Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY="$display"
export MCPDESK_INSTANCE_NAME="mcpdesk-xdg-$$"
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="mcpdesk.auth.warning=true"
"$app" > "$T/first.log" 2>&1 &
first=$!
for i in $(seq 1 100); do [ -S "/tmp/$MCPDESK_INSTANCE_NAME" ] && break; sleep 0.1; done
[ -S "/tmp/$MCPDESK_INSTANCE_NAME" ] || { echo "FAIL: the first McpDesk did not start listening"; cat "$T/first.log"; exit 1; }
xdg-open 'mcpdesk://oauth/callback?code=x&state=handed-over-by-xdg-open'
for i in $(seq 1 100); do grep -q "unknown state" "$T/first.log" && break; sleep 0.1; done
if grep -q "unknown state" "$T/first.log"; then
  echo "1 passed, 0 failed"
else
  echo "FAIL: the URL did not reach the running McpDesk"; cat "$T/first.log"; exit 1
fi
