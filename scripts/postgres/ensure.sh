#!/usr/bin/env bash
# Prints a PostgreSQL URL for the data-layer tests, starting a server if none answers:
# the machine's own on 127.0.0.1:5432 when it runs, else a private throw-away cluster on 5433.
set -euo pipefail
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "postgres://postgres@127.0.0.1:5432/postgres"
  exit 0
fi
dir=${STAGEGATE_PG_DIR:-/tmp/stagegate-pg}
if [ -f "$dir/data/postmaster.pid" ] && pg_isready -q -h 127.0.0.1 -p 5433 2>/dev/null; then
  echo "postgres://postgres@127.0.0.1:5433/postgres"
  exit 0
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
mkdir -p "$dir/sock" && chown -R postgres:postgres "$dir"
[ -d "$dir/data" ] || su postgres -c "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8" >&2
su postgres -c "$bin/pg_ctl -D $dir/data -l $dir/log -o '-p 5433 -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off' -w start" >&2
echo "postgres://postgres@127.0.0.1:5433/postgres"
