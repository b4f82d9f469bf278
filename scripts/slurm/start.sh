#!/usr/bin/env bash
# Starts a private single-node Slurm 22.05 with accounting and 8 fake B200 GPUs, for the
# enforcement integration test (see notes/slurm-single-node.md). Everything lives under one folder
# ($STAGEGATE_SLURM_DIR, default /tmp/stagegate-slurm): configs, munge key and socket, state,
# logs, PID files and the fake GPU devices. /etc/slurm is never read or written: SLURM_CONF points
# into the folder. Runs as root (daemons, mknod, test users). Prints `export SLURM_CONF=...` and
# writes DIR/env, which the tests read.
#
# Environment:
#   STAGEGATE_SLURM_DIR        folder (default /tmp/stagegate-slurm)
#   STAGEGATE_SLURM_CLUSTER    cluster name (default stagegate)
#   STAGEGATE_SLURM_DB         accounting database (default stagegate_slurm_acct_db); it is
#                              dropped whenever the folder is created afresh, so job ids and the
#                              accounting history always belong together
#   STAGEGATE_SLURM_USERS      Linux test users to create (default "sg-alice sg-bob")
#   STAGEGATE_SLURM_PORT_BASE  slurmctld port; slurmd and slurmdbd take the next two (default 6817)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="${STAGEGATE_SLURM_DIR:-/tmp/stagegate-slurm}"
CLUSTER="${STAGEGATE_SLURM_CLUSTER:-stagegate}"
DB="${STAGEGATE_SLURM_DB:-stagegate_slurm_acct_db}"
TEST_USERS="${STAGEGATE_SLURM_USERS:-sg-alice sg-bob}"
PORT_BASE="${STAGEGATE_SLURM_PORT_BASE:-6817}"
CTLD_PORT=$PORT_BASE
SLURMD_PORT=$((PORT_BASE + 1))
DBD_PORT=$((PORT_BASE + 2))
DB_USER=stagegate_slurm
GPUS=8

log() { echo "slurm/start: $*" >&2; }
die() { echo "slurm/start: error: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "must run as root (daemons, device nodes, test users)"
case "$CLUSTER$DB" in *[!a-z0-9_]*) die "cluster and database names must be [a-z0-9_]" ;; esac

started=$(date +%s%N)
bash "$here/install.sh" >&2

# A running slurmctld from an earlier start of the same folder is stopped first: start.sh always
# leaves freshly started daemons reading the configs written below.
if [ -d "$DIR/run" ]; then bash "$here/stop.sh" >&2 || true; fi

fresh=0
[ -d "$DIR" ] || fresh=1
mkdir -p "$DIR"/{etc,dev,run,log,spool/ctld,spool/d,munge,mysql}
chmod 755 "$DIR"

# --- fake GPUs: 22.05 drops file-less GPU lines, so give each one a /dev/null-like device ---
for i in $(seq 0 $((GPUS - 1))); do
  [ -c "$DIR/dev/gpu$i" ] || mknod "$DIR/dev/gpu$i" c 1 3
done

# --- test users the jobs run as ---
for u in $TEST_USERS; do
  id -u "$u" >/dev/null 2>&1 || useradd --no-create-home --home-dir /tmp --shell /usr/sbin/nologin "$u"
done

# --- munge: a private daemon with its own key and socket ---
MUNGE_SOCKET="$DIR/munge/munge.socket"
chown munge:munge "$DIR/munge"
chmod 700 "$DIR/munge"
if [ ! -s "$DIR/munge/munge.key" ]; then
  dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 status=none
fi
chown munge:munge "$DIR/munge/munge.key"
chmod 400 "$DIR/munge/munge.key"
# the socket folder must be reachable by the slurm user and every job's user
chmod 711 "$DIR/munge"
runuser -u munge -- /usr/sbin/munged \
  --key-file="$DIR/munge/munge.key" --socket="$MUNGE_SOCKET" \
  --pid-file="$DIR/munge/munged.pid" --log-file="$DIR/munge/munged.log" \
  --seed-file="$DIR/munge/munged.seed" --force
cp "$DIR/munge/munged.pid" "$DIR/run/munged.pid"

# --- MariaDB: use the running server, or start one and remember that we did ---
db() { mariadb --protocol=socket -uroot "$@"; }
if ! db -e 'select 1' >/dev/null 2>&1; then
  log "starting mariadbd"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  if [ ! -d /var/lib/mysql/mysql ]; then
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >"$DIR/log/mariadb-install.log" 2>&1
  fi
  nohup mariadbd --user=mysql --pid-file="$DIR/run/mariadbd.pid" >"$DIR/log/mariadbd.log" 2>&1 &
  for _ in $(seq 1 60); do db -e 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
  db -e 'select 1' >/dev/null 2>&1 || die "mariadbd did not come up; see $DIR/log/mariadbd.log"
fi
if [ ! -s "$DIR/etc/db.password" ]; then
  head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$DIR/etc/db.password"
fi
chmod 600 "$DIR/etc/db.password"
DB_PASSWORD="$(cat "$DIR/etc/db.password")"
if [ $fresh -eq 1 ]; then db -e "DROP DATABASE IF EXISTS \`$DB\`"; fi
db <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB\`;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL ON \`$DB\`.* TO '$DB_USER'@'localhost';
GRANT ALL ON \`$DB\`.* TO '$DB_USER'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL

# --- configs ---
cat >"$DIR/etc/slurm.conf" <<EOF
ClusterName=$CLUSTER
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=slurm
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
StateSaveLocation=$DIR/spool/ctld
SlurmdSpoolDir=$DIR/spool/d
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# the node claims 16 CPUs whatever the machine has, so GPU limits, not cores, decide who runs
SlurmdParameters=config_overrides
GresTypes=gpu
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=2
MessageTimeout=20
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=$DBD_PORT
# the connection to slurmdbd takes its munge socket from here, not from AuthInfo
AccountingStoragePass=$MUNGE_SOCKET
AccountingStorageTRES=gres/gpu,gres/gpu:b200
AccountingStorageEnforce=associations,limits,qos,safe
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=30
JobCompType=jobcomp/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=16 RealMemory=16000 Gres=gpu:b200:$GPUS State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

{
  echo "AutoDetect=off"
  echo "NodeName=localhost Name=gpu Type=b200 File=$DIR/dev/gpu[0-$((GPUS - 1))]"
} >"$DIR/etc/gres.conf"

cat >"$DIR/etc/slurmdbd.conf" <<EOF
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
DbdHost=localhost
DbdPort=$DBD_PORT
SlurmUser=slurm
PidFile=$DIR/run/slurmdbd.pid
LogFile=$DIR/log/slurmdbd.log
DebugLevel=info
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=3306
StorageUser=$DB_USER
StoragePass=$DB_PASSWORD
StorageLoc=$DB
EOF
chown slurm:slurm "$DIR/etc/slurmdbd.conf"
chmod 600 "$DIR/etc/slurmdbd.conf"
chown -R slurm:slurm "$DIR/spool/ctld" "$DIR/log" "$DIR/run"

export SLURM_CONF="$DIR/etc/slurm.conf"

wait_for() { # description, seconds, command...
  local what=$1 deadline=$(($(date +%s) + $2)); shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "timed out waiting for $what; logs in $DIR/log"
    sleep 0.25
  done
}

# --- slurmdbd, then the cluster, then slurmctld (which registers the GPU TRES) ---
# slurmdbd reads slurmdbd.conf from the folder SLURM_CONF is in
/usr/sbin/slurmdbd
wait_for "slurmdbd" 30 sacctmgr -n -P show cluster
if ! sacctmgr -n -P show cluster format=cluster | grep -qx "$CLUSTER"; then
  sacctmgr -i add cluster "$CLUSTER" >&2
fi

/usr/sbin/slurmctld
wait_for "slurmctld" 30 scontrol ping
/usr/sbin/slurmd -N localhost
has_gpus() { sinfo -h -N -o '%G %t' | grep -q 'gpu:b200:8' && sinfo -h -N -o '%t' | grep -Eqv 'down|drain|unk'; }
wait_for "slurmd with GPUs (sinfo)" 60 has_gpus
has_gpu_tres() { sacctmgr -n -P show tres format=type,name | grep -qx 'gres|gpu'; }
wait_for "gres/gpu in the accounting TRES" 60 has_gpu_tres

cat >"$DIR/env" <<EOF
SLURM_CONF=$SLURM_CONF
STAGEGATE_SLURM_DIR=$DIR
STAGEGATE_SLURM_CLUSTER=$CLUSTER
STAGEGATE_SLURM_USERS=$TEST_USERS
STAGEGATE_SLURM_GPUS=$GPUS
EOF

elapsed_ms=$((($(date +%s%N) - started) / 1000000))
elapsed="$((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000)))"
log "up in ${elapsed}s: $(sinfo -h -N -o '%N %G %t')"
echo "export SLURM_CONF=$SLURM_CONF"
