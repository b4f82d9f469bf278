#!/usr/bin/env bash
# Stops the daemons scripts/slurm/start.sh started, each by its PID file in $DIR/run, newest first.
# MariaDB is stopped only when start.sh started it (then its PID file is in $DIR/run too).
# The folder stays, so a later start.sh keeps the accounting history and job ids together.
set -uo pipefail

DIR="${STAGEGATE_SLURM_DIR:-/tmp/stagegate-slurm}"
[ -d "$DIR/run" ] || { echo "slurm/stop: nothing started under $DIR" >&2; exit 0; }

stop_by_pidfile() { # name, pidfile
  local name=$1 file=$2 pid
  [ -s "$file" ] || return 0
  pid=$(tr -dc '0-9' <"$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "slurm/stop: $name ($pid) ignored TERM for 20 s; sending KILL" >&2
      kill -KILL "$pid" 2>/dev/null
    fi
    echo "slurm/stop: stopped $name ($pid)" >&2
  fi
  rm -f "$file"
}

stop_by_pidfile slurmd "$DIR/run/slurmd.pid"
stop_by_pidfile slurmctld "$DIR/run/slurmctld.pid"
stop_by_pidfile slurmdbd "$DIR/run/slurmdbd.pid"
stop_by_pidfile munged "$DIR/run/munged.pid"
rm -f "$DIR/munge/munged.pid"
stop_by_pidfile mariadbd "$DIR/run/mariadbd.pid"
exit 0
