#!/usr/bin/env bash
# Installs Debian's chromium for the real-browser tests, if it is missing.
# The tests drive /usr/bin/chromium through Python playwright; `playwright install` is never used.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "chromium is missing and this user cannot install packages."
  echo "Install it with: apt-get install -y chromium   (the browser tests will skip without it)"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "chromium is missing and apt-get is not available: install Chromium so that /usr/bin/chromium exists."
  exit 0
fi
echo "Installing Debian chromium for the browser tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
