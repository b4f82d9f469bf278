#!/usr/bin/env bash
# Runs a command with STAGEGATE_TEST_DATABASE_URL pointing at a real PostgreSQL server, so the
# same data-layer tests that run on PGlite run on PostgreSQL too.
set -euo pipefail
here=$(dirname "$0")
STAGEGATE_TEST_DATABASE_URL=$("$here/postgres/ensure.sh")
export STAGEGATE_TEST_DATABASE_URL
echo "data-layer tests on $STAGEGATE_TEST_DATABASE_URL" >&2
exec "$@"
