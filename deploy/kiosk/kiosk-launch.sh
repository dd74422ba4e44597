#!/bin/sh
# Starts the corridor kiosk: Chromium full screen on the portal's kiosk build (local copy or intranet URL), no way out.
set -eu

KIOSK_URL=${KIOSK_URL:-}                                   # e.g. http://intranet.example/safety-kiosk/kiosk/
KIOSK_SITE_DIR=${KIOSK_SITE_DIR:-$HOME/site-kiosk}         # local copy (`make kiosk` output), used when KIOSK_URL is empty
KIOSK_PORT=${KIOSK_PORT:-8090}                             # localhost port for the local copy
KIOSK_ORIENTATION=${KIOSK_ORIENTATION:-landscape}          # landscape (1920x1080) or portrait (1080x1920)
KIOSK_OUTPUT=${KIOSK_OUTPUT:-}                             # display output to rotate (xrandr name); empty: first connected
CHROMIUM=${CHROMIUM:-chromium}

case "$KIOSK_ORIENTATION" in
  landscape) WIDTH=1920 HEIGHT=1080 ROTATE=normal ;;
  portrait) WIDTH=1080 HEIGHT=1920 ROTATE=left ;;
  *) echo "KIOSK_ORIENTATION must be landscape or portrait, not '$KIOSK_ORIENTATION'" >&2; exit 2 ;;
esac

server_pid=""
# A fresh browser profile every start: no restore-session bubble, nothing left from the previous visitor.
profile=$(mktemp -d "${TMPDIR:-/tmp}/portal-kiosk-profile.XXXXXX")
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$profile"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "$KIOSK_URL" ]; then
  if [ ! -f "$KIOSK_SITE_DIR/kiosk/index.html" ]; then
    echo "no kiosk build in $KIOSK_SITE_DIR (run \`make kiosk\` and copy site-kiosk/ there, or set KIOSK_URL)" >&2
    exit 1
  fi
  # Serve the local copy on localhost only: the portal needs http:// (search index, directory URLs), not file://.
  python3 -m http.server --bind 127.0.0.1 --directory "$KIOSK_SITE_DIR" "$KIOSK_PORT" >/dev/null 2>&1 &
  server_pid=$!
  KIOSK_URL="http://127.0.0.1:$KIOSK_PORT/kiosk/"
  tries=0
  until python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" "$KIOSK_URL" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge 50 ]; then echo "the local server on port $KIOSK_PORT did not start" >&2; exit 1; fi
    sleep 0.2
  done
fi

# X11 only (skipped under Wayland or without these tools): rotate the screen and keep it on.
if [ -n "${DISPLAY:-}" ] && command -v xrandr >/dev/null 2>&1; then
  output=${KIOSK_OUTPUT:-$(xrandr --query | awk '/ connected/ {print $1; exit}')}
  if [ -n "$output" ]; then xrandr --output "$output" --rotate "$ROTATE" || true; fi
fi
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null 2>&1; then
  xset s off -dpms s noblank || true
fi

"$CHROMIUM" \
  --kiosk --incognito --noerrdialogs --disable-infobars --disable-pinch --overscroll-history-navigation=0 \
  --disable-session-crashed-bubble --disable-translate --disable-features=Translate,TouchpadOverscrollHistoryNavigation \
  --no-first-run --disable-default-apps --disable-sync --disable-background-networking --disable-component-update \
  --check-for-update-interval=31536000 --deny-permission-prompts --password-store=basic \
  --lang=zh-CN --user-data-dir="$profile" --window-position=0,0 --window-size="$WIDTH,$HEIGHT" \
  "$KIOSK_URL"
