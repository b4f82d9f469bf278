#!/usr/bin/env bash
# The Debian packages the tests use, installed only when missing (never a downloaded browser):
#   always      fonts-noto-cjk (Hangul for the Korean PDF reports and screenshots), poppler-utils
#               (pdftotext, to read back the PDFs the tests produce)
#   --browser   chromium, for the browser tests through playwright-core
set -euo pipefail
want=(fonts-noto-cjk poppler-utils)
[ "${1:-}" = "--browser" ] && want+=(chromium)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} — install them (sudo apt-get install -y ${missing[*]}) and run again" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "installing ${missing[*]}" >&2
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
