#!/usr/bin/env bash
# Installs Debian's chromium for the real-browser tests, if it is missing (`make browser`).
# The tests drive /usr/bin/chromium through Python playwright; `playwright install` is never
# used (it downloads another browser build from the internet).
# Never prompts: without root or password-less sudo it explains what to run and exits 0, and
# the browser tests then skip locally with the same advice (in CI, CI=true, they fail).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
how="Install it with: sudo apt-get install -y chromium   (then run make test again)"
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "chromium (/usr/bin/chromium) is missing and this user cannot install packages."
  echo "$how"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "chromium is missing and apt-get is not available: install Chromium so that"
  echo "/usr/bin/chromium exists (the browser tests use that path)."
  exit 0
fi
echo "Installing Debian chromium for the browser tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
