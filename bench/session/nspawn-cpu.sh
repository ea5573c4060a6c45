#!/bin/bash
# nspawn-cpu.sh N CMD... : the CPU a real booted host spends while CMD runs N times, per run.
#
# The host is the booted Debian of scanner/src/test/nspawn/nspawn.sh (systemd as PID 1, journald,
# dbus, logind, the distribution's sshd, PAM and sudo), started with `nspawn.sh up` and the same
# AGP_NSPAWN_ID (default 0). Every process of the container (its PID namespace) is moved into one
# cpuacct cgroup (v1) or cgroup (v2), so systemd answering systemctl, journald writing the session's
# messages and every process a session starts are counted, not only the session's own. CMD runs
# outside the host (e.g. auditgap scan with an inventory naming the address nspawn.sh printed),
# stdin from /dev/null. Prints "ms-per-run  CMD". With PIDS=1 it prints the container's PIDs
# instead (for bench/session/per-process.py, which attributes a perf recording to them).
#
#   bench/session/nspawn-cpu.sh 10 java -jar scanner/target/auditgap.jar scan -i INV --no-probe -o OUT
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "$0: run as root" >&2; exit 2; }
id=${AGP_NSPAWN_ID:-0}
init=$(pgrep -f "systemd-nspawn.* -M agp-nspawn-$id( |$)" | head -n 1 || true)
[ -n "$init" ] || { echo "$0: no booted host agp-nspawn-$id (scanner/src/test/nspawn/nspawn.sh up)" >&2; exit 2; }
pid1=$(pgrep -P "$init" | head -n 1)
ns=$(readlink "/proc/$pid1/ns/pid")
pids() { for p in /proc/[0-9]*; do [ "$(readlink "$p/ns/pid" 2>/dev/null)" = "$ns" ] && echo "${p#/proc/}"; done; return 0; }
if [ "${PIDS:-}" = 1 ]; then pids | paste -sd, -; exit 0; fi
[ $# -ge 2 ] || { echo "usage: $0 N CMD..." >&2; exit 2; }
n=$1; shift
. "$(dirname "$0")/cpu-cgroup.sh"
cpu_cgroup "auditgap-nspawn-$id"
for p in $(pids); do echo "$p" > "$cg/cgroup.procs" 2>/dev/null || true; done
a=$(cpu_usage)
for _ in $(seq 1 "$n"); do "$@" >/dev/null 2>&1 </dev/null || true; done
sleep 2   # let the host finish what the sessions left (journald, logind, systemd's bookkeeping)
b=$(cpu_usage)
awk -v a="$a" -v b="$b" -v n="$n" -v c="$*" 'BEGIN{printf "%.2f ms/run  %s\n", (b - a) / 1e6 / n, c}'
