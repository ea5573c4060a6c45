#!/bin/bash
# host-cpu.sh HOST N CMD... : the CPU a test-fleet host spends while CMD runs N times, per run.
#
# Run as root beside a running fleet (scanner/src/test/fleet/fleet.sh up HOST, same
# AUDITGAP_FLEET_DIR). The host's PID 1 (its sshd) is moved into a cpuacct cgroup of its own (v1,
# or a v2 cgroup), as bench/scan/run.sh does, so sshd, PAM, the login shell, sudo and every process
# a session starts are counted; CMD runs outside the host (e.g. ssh, or auditgap scan --hosts HOST)
# with stdin from /dev/null. Prints "HOST  ms-per-run  CMD".
#
#   bench/session/host-cpu.sh complete 20 ssh -i KEY -o UserKnownHostsFile=KH auditor@ADDR true
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 HOST N CMD..." >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "$0: run as root" >&2; exit 2; }
h=$1 n=$2; shift 2
dir=${AUDITGAP_FLEET_DIR:-/tmp/auditgap-testfleet}
pid=$(cat "$dir/run/$h/nspid")
. "$(dirname "$0")/cpu-cgroup.sh"
cpu_cgroup "auditgap-host-$h"
echo "$pid" > "$cg/cgroup.procs"
a=$(cpu_usage)
for _ in $(seq 1 "$n"); do "$@" >/dev/null 2>&1 </dev/null || true; done
sleep 0.5   # let sshd reap the session's processes
b=$(cpu_usage)
awk -v a="$a" -v b="$b" -v n="$n" -v h="$h" -v c="$*" 'BEGIN{printf "%s  %.2f ms/run  %s\n", h, (b - a) / 1e6 / n, c}'
