#!/bin/bash
# ab.sh JAR_A JAR_B [ROUNDS] [N]: two auditgap jars on one kept benchmark fleet at the same time,
# so that both see the same machine (on a shared or noisy machine the same jar's target CPU moves by
# a quarter from one run to the next; runs one after the other cannot resolve a few milliseconds).
#
# Needs a fleet that bench/scan/run.sh staged and kept (AUDITGAP_BENCH_KEEP=1, at least N hosts,
# same AUDITGAP_BENCH_DIR), and root. Each round, jar A scans the odd hosts
# and jar B the even ones (the next round the other way round, which cancels the difference
# between the halves), each with --parallel 8, no added delay; target CPU per host from each
# host's own cgroup, as run.sh measures it. Prints one line per round:
#
#   round 1  A 129.3  B 113.2 ms/host  (B-A -16.1)
#
#   sudo AUDITGAP_BENCH_KEEP=1 bench/scan/run.sh 200      # stage and keep the fleet
#   sudo bench/scan/ab.sh old/auditgap.jar new/auditgap.jar 4 200
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 JAR_A JAR_B [ROUNDS] [N]" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "bench/scan/ab.sh: run as root" >&2; exit 2; }
A=$1 B=$2 rounds=${3:-4} n=${4:-200}
dir=${AUDITGAP_BENCH_DIR:-/tmp/auditgap-bench}
name() { printf 'b%04d\n' "$1"; }
for i in $(seq 1 "$n"); do
  [ -f "$dir/run/$(name "$i")/nspid" ] || { echo "bench/scan/ab.sh: $(name "$i") is not running" >&2; exit 2; }
done
# shellcheck source=bench/scan/host-cgroups.sh
. "$(dirname -- "$0")/host-cgroups.sh"
host_cgroups auditgap-ab
[ -n "$cg" ] || { echo "bench/scan/ab.sh: no cgroups to count each host's CPU" >&2; exit 2; }
cleanup() { host_cgroups_remove; }
trap cleanup EXIT
mkdir -p "$cg"
for i in $(seq 1 "$n"); do
  h=$(name "$i"); mkdir -p "$cg/$h"; cat "$dir/run/$h/nspid" > "$cg/$h/cgroup.procs"
done
usage() {   # hosts... -> their CPU nanoseconds so far
  local s=0 h
  for h in "$@"; do s=$((s + $(host_cgroup_ns "$h"))); done
  echo "$s"
}
inventory() {   # file parity: the fleet's own inventory (fleet.sh), hosts up to N of that parity
  awk -v n="$n" -v p="$2" '/^  b[0-9]+:/ { i = substr($1, 2) + 0; if (i > n || i % 2 != p) next } { print }' \
    "$dir/run/inventory.yaml" > "$1"
}
mapfile -t odd < <(for i in $(seq 1 2 "$n"); do name "$i"; done)
mapfile -t even < <(for i in $(seq 2 2 "$n"); do name "$i"; done)
work=$(mktemp -d); trap 'cleanup; rm -rf "$work"' EXIT
inventory "$work/odd.yaml" 1; inventory "$work/even.yaml" 0
jvm="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) = 1 ]; then ha=("${odd[@]}"); hb=("${even[@]}"); ia=odd; ib=even
  else ha=("${even[@]}"); hb=("${odd[@]}"); ia=even; ib=odd; fi
  a0=$(usage "${ha[@]}"); b0=$(usage "${hb[@]}")
  # shellcheck disable=SC2086
  java $jvm -jar "$A" scan -i "$work/$ia.yaml" --no-probe --parallel 8 --format json -o "$work/a" >/dev/null 2>&1 &
  pa=$!
  # shellcheck disable=SC2086
  java $jvm -jar "$B" scan -i "$work/$ib.yaml" --no-probe --parallel 8 --format json -o "$work/b" >/dev/null 2>&1 &
  pb=$!
  wait "$pa" || true; wait "$pb" || true
  sleep 1   # let each sshd reap its session's processes
  a1=$(usage "${ha[@]}"); b1=$(usage "${hb[@]}")
  # a host a jar could not scan would cost its side less: each report must have assessed all
  for s in "a ${#ha[@]}" "b ${#hb[@]}"; do
    # shellcheck disable=SC2086
    set -- $s
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); h = d.get("hosts") or []
sys.exit(0 if len(h) == int(sys.argv[2]) and all(x.get("findings") for x in h) else 1)' \
      "$work/$1/report.json" "$2" 2>/dev/null ||
      { echo "bench/scan/ab.sh: jar $1 did not assess all its hosts (see $work/$1)" >&2; trap - EXIT; cleanup; exit 1; }
  done
  awk -v r="$r" -v a=$((a1 - a0)) -v b=$((b1 - b0)) -v na=${#ha[@]} -v nb=${#hb[@]} 'BEGIN {
    printf "round %d  A %.1f  B %.1f ms/host  (B-A %.1f)\n", r, a / na / 1e6, b / nb / 1e6, b / nb / 1e6 - a / na / 1e6 }'
done
