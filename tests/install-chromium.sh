#!/bin/sh
# The dashboard's browser tests drive a real headless Chromium through Playwright, pointed at the
# system's browser (nothing is downloaded by Playwright itself). Install Debian's chromium if it
# is missing; do nothing if it is there or LIFTUP_TEST_CHROMIUM names a browser to use instead.
set -eu
if [ -n "${LIFTUP_TEST_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 \
  || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The dashboard tests need Chromium. Install it with your package manager, or set" >&2
  echo "LIFTUP_TEST_CHROMIUM=/path/to/chromium." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Chromium for the dashboard tests (apt-get install chromium)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
