#!/usr/bin/env bash
# Installs the Debian packages the tests and the browser need (chromium, CJK fonts, nginx, zip, npm) once; idempotent.
set -euo pipefail
need=()
command -v git >/dev/null || need+=(git)
command -v zip >/dev/null || need+=(zip)
command -v unzip >/dev/null || need+=(unzip)
command -v npm >/dev/null || need+=(npm)  # fetches pinned browser-side test libraries (axe-core) with npm pack
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need+=(fonts-noto-cjk)
command -v zbarimg >/dev/null || need+=(zbar-tools)  # decodes the printed QR codes in the tests
command -v pdftoppm >/dev/null || need+=(poppler-utils)  # PDF pages of the print tests as images
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${need[*]} — run: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
