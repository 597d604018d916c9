#!/usr/bin/env bash
# A one-node Slurm cluster on localhost for the sweep's Slurm test (root; Debian's slurm-wlm and
# munge, no systemd). Idempotent: `start` on a running cluster only checks it.
#   .ci/slurm-local.sh start    install if missing, configure, start munged, slurmctld, slurmd
#   .ci/slurm-local.sh stop     stop the daemons it started
set -euo pipefail
cmd="${1:-start}"

stop() {
  for pid in /run/slurmd.pid /run/slurmctld.pid; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "slurm-local: start or stop" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "slurm-local: needs root (it installs and starts daemons)" >&2; exit 2; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

# munge: a key, its folders owned by munge, the daemon
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
mkdir -p /var/log/munge /run/munge /var/lib/munge
chown -R munge:munge /etc/munge /var/log/munge /run/munge /var/lib/munge
chmod 400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  munged --force >/dev/null 2>&1 || true
  for _ in $(seq 20); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.5; done
fi
munge -n | unmunge >/dev/null

# slurm.conf for this host
host="$(hostname -s)"
cpus="$(nproc)"
mem=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) - 1024 ))
mkdir -p /etc/slurm /var/spool/slurmd /var/spool/slurmctld /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=local
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmdSpoolDir=/var/spool/slurmd
StateSaveLocation=/var/spool/slurmctld
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

if ! sinfo -h >/dev/null 2>&1; then
  slurmctld
  sleep 1
  slurmd
fi
for _ in $(seq 60); do
  state="$(sinfo -h -o %t 2>/dev/null | head -1 || true)"
  case "$state" in idle|mix|alloc) echo "slurm-local: node $host $state"; exit 0 ;; esac
  sleep 1
done
echo "slurm-local: the node did not come up (state '${state:-none}'; see /var/log/slurm/)" >&2
exit 1
