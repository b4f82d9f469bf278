#!/usr/bin/env bash
# Debian's Chromium and the Korean fonts for the browser tests (never a downloaded browser build).
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list :lang=ko 2>/dev/null | grep -q .; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
