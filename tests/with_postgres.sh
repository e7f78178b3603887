#!/usr/bin/env bash
# Run a command (the test suite) against a throwaway PostgreSQL cluster on a random loopback port.
# Usage: tests/with_postgres.sh COMMAND...   Sets TEST_DATABASE_URL for the command; stops the cluster after.
# Without PostgreSQL binaries on the machine it says so clearly and exits 0 (the SQLite pass still ran).
set -euo pipefail

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  if [ "${CI:-}" = true ]; then  # CI installs the server (.ci/run): a pass that cannot run fails there
    echo "PostgreSQL pass FAILED: no PostgreSQL server binaries found, and CI needs this pass."
    exit 1
  fi
  echo "PostgreSQL pass SKIPPED: no PostgreSQL server binaries found (apt-get install postgresql to run it)."
  exit 0
fi

BASE=$(mktemp -d /tmp/pathways-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner() {  # initdb and the server refuse to run as root
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
[ "$(id -u)" = 0 ] && chown postgres:postgres "$BASE"
cleanup() { as_owner "$BIN/pg_ctl -D $BASE/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$BASE"; }
trap cleanup EXIT

as_owner "$BIN/initdb -D $BASE/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
as_owner "$BIN/pg_ctl -D $BASE/data -l $BASE/log -w -o \"-p $PORT -k $BASE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
as_owner "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres pathways_test"

export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/pathways_test"
echo "PostgreSQL pass: $("$BIN/postgres" --version) on 127.0.0.1:$PORT"
"$@"
