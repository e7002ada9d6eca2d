#!/usr/bin/env bash
# Installs Debian's chromium for the real-browser tests, and poppler-utils (pdfinfo, pdftoppm,
# pdftotext) for the handout tests, if they are missing (`make browser`).
# The tests drive /usr/bin/chromium through Python playwright; `playwright install` is never
# used (it downloads another browser build from the internet).
# Never prompts: without root or password-less sudo it explains what to run and exits 0, and
# the browser tests then skip locally with the same advice (in CI, CI=true, they fail).
set -euo pipefail
if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null && command -v pdfinfo >/dev/null; then
  exit 0
fi
how="Install them with: sudo apt-get install -y chromium poppler-utils   (then run make test again)"
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "chromium (/usr/bin/chromium) or poppler-utils (pdftoppm) is missing and this user"
  echo "cannot install packages."
  echo "$how"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "chromium or poppler-utils is missing and apt-get is not available: install Chromium so"
  echo "that /usr/bin/chromium exists (the browser tests use that path), and poppler's pdftoppm."
  exit 0
fi
echo "Installing Debian chromium and poppler-utils for the browser and handout tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils >/dev/null
/usr/bin/chromium --version
pdfinfo -v 2>&1 | head -n 1
