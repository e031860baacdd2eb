#!/bin/sh
# The test suite starts a throwaway PostgreSQL server of its own (tests/postgres_server.py) from
# the installed server binaries. Install them if they are missing; do nothing if they are there
# or if LIFTUP_TEST_POSTGRES_URL names a server to use instead.
set -eu
if [ -n "${LIFTUP_TEST_POSTGRES_URL:-}" ] || command -v initdb >/dev/null 2>&1 \
  || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need the PostgreSQL server (initdb, postgres). Install it with your package" >&2
  echo "manager (e.g. brew install postgresql), or set LIFTUP_TEST_POSTGRES_URL." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing the PostgreSQL server for the tests (apt-get install postgresql)…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
