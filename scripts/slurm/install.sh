#!/usr/bin/env bash
# Installs the Debian packages for a single-node Slurm with accounting (Debian 12 ships 22.05).
# Idempotent: packages already present are skipped, and `apt-get update` runs only when one is missing.
set -euo pipefail

packages=(munge slurmctld slurmd slurm-client slurmdbd mariadb-server)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "slurm/install: all packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "slurm/install: missing ${missing[*]}; run as root to install them" >&2
  exit 2
fi

echo "slurm/install: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d 101 keeps the packages' maintainer scripts from starting services: start.sh starts
# each daemon itself under its own folder, and a system slurmctld would fight for the ports.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created_policy=1
fi
trap '[ $created_policy -eq 1 ] && rm -f "$policy"' EXIT
apt-get install -y -qq --no-install-recommends "${missing[@]}"
