#!/bin/bash
# Scan benchmark: N real sshd hosts (the test fleet's mechanism and fixtures), one added delay on all
# scanner<->host traffic, one `auditgap scan` per N. Run as root on Linux:
#
#   bench/scan/run.sh [N...]          default: 10 50 200 1000
#
# Hosts: b0001..bN, each a copy of one of the test fleet's fixtures (scanner/src/test/fleet/hosts/,
# taken in turn), in its own mount+PID+UTS namespace with a real sshd as PID 1, at NET.X.Y (loopback).
# Delay: an NFQUEUE rule on both directions (src or dst in the bench range) and scanner/src/test/probe/nfq_delay.py, RTT/2
# each way (this kernel has no netem). Target CPU: each host's PID 1 is moved into its own cpuacct
# cgroup (v1) or cgroup (v2) before the scan, so sshd and every process the collector starts are
# counted per host; without cgroups, the PID 1's own + reaped-children times from /proc.
#
# env: AUDITGAP_BENCH_DIR (/tmp/auditgap-bench)  AUDITGAP_BENCH_NET (127.99: hosts at 127.99.X.Y)
#      AUDITGAP_BENCH_RTT_MS (50)  AUDITGAP_BENCH_PARALLEL (empty: the scanner's default)
#      AUDITGAP_BENCH_QUEUE (NFQUEUE number, 7)  AUDITGAP_BENCH_KEEP=1 (leave the fleet up)
#      AUDITGAP_BENCH_JAVA_OPTS (JVM options after the launchers' defaults)  AUDITGAP_BENCH_JAR (default: the built jar)
#      AUDITGAP_BENCH_PASSES (1: scans per N on the same hosts; pass 1 finds hosts just started, whose
#      first logins pay their file systems' and caches' first-use cost; later passes find them warm)
# Prints one Markdown table row per N and pass; the raw outputs stay in $AUDITGAP_BENCH_DIR/out/<N>/
# (later passes: out/<N>-pass<P>/).
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
here="$root/bench/scan"
fleet="$root/scanner/src/test/fleet/fleet.sh"
fixtures="$root/scanner/src/test/fleet/hosts"
dir=${AUDITGAP_BENCH_DIR:-/tmp/auditgap-bench}
net=${AUDITGAP_BENCH_NET:-127.99}
rtt=${AUDITGAP_BENCH_RTT_MS:-50}
queue=${AUDITGAP_BENCH_QUEUE:-7}
parallel=${AUDITGAP_BENCH_PARALLEL:-}
passes=${AUDITGAP_BENCH_PASSES:-1}
py=/usr/bin/python3
[ "$(id -u)" = 0 ] || { echo "bench/scan: run as root" >&2; exit 2; }
[ $# -gt 0 ] || set -- 10 50 200 1000
max=0; for n in "$@"; do [ "$n" -gt "$max" ] && max=$n; done
[ "$max" -le 62500 ] || { echo "bench/scan: at most 62500 hosts" >&2; exit 2; }

export AUDITGAP_FLEET_DIR="$dir" AUDITGAP_FLEET_HOSTS="$dir/hosts" AUDITGAP_FLEET_NET="$net"
export AUDITGAP_FLEET_TIMEOUT=${AUDITGAP_FLEET_TIMEOUT:-900}
jar=${AUDITGAP_BENCH_JAR:-$root/scanner/target/auditgap.jar}
# the launchers' JVM defaults (./auditgap, the .deb and the distribution); AUDITGAP_BENCH_JAVA_OPTS
# comes after them and wins
launcher_jvm="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
[ -n "${AUDITGAP_BENCH_JAR:-}" ] || "$root/auditgap" --version >/dev/null
mkdir -p "$dir/hosts" "$dir/out" "$dir/cache/hostkeys"

# ------------------------------------------------------------------ hosts
# every fixture of the fleet inventory (not the fault-matrix hosts marked `inventory no`)
mapfile -t bases < <(for d in "$fixtures"/*/host.conf; do d=${d%/host.conf}
  awk '$1=="inventory" && $2=="no"{x=1} END{exit x}' "$d/host.conf" || continue
  echo "$(awk '$1=="index"{print $2}' "$d/host.conf") ${d##*/}"; done | sort -n | cut -d' ' -f2)
for b in "${bases[@]}"; do ln -sfn "$fixtures/$b" "$dir/hosts/$b"; done
name() { printf 'b%04d' "$1"; }
# all bench hosts share one set of host keys (generating 1,000 sets takes minutes); known_hosts is per
# address, so verification still runs for every host
shared="$dir/cache/hostkeys/.shared"
if [ ! -f "$shared/ssh_host_ed25519_key" ]; then
  mkdir -p "$shared"
  for t in ed25519 ecdsa rsa; do ssh-keygen -q -t "$t" -N '' -C bench -f "$shared/ssh_host_${t}_key" </dev/null; done
fi
for i in $(seq 1 "$max"); do
  h=$(name "$i"); b=${bases[$(( (i - 1) % ${#bases[@]} ))]}
  if [ ! -f "$dir/hosts/$h/host.conf" ]; then
    mkdir -p "$dir/hosts/$h"
    { echo "# bench host: fixture $b"; echo "index $(( (i - 1) / 250 + 1 )).$(( (i - 1) % 250 + 1 ))"; echo "inherit $b"
      grep -vE '^[[:space:]]*(index|inherit)[[:space:]]' "$fixtures/$b/host.conf"; } > "$dir/hosts/$h/host.conf"
  fi
  [ -d "$dir/cache/hostkeys/$h" ] || cp -a "$shared" "$dir/cache/hostkeys/$h"
done

# ------------------------------------------------------------------ delay and clean-up
delayer=
rules=("OUTPUT -m iprange --dst-range $net.1.0-$net.254.255 -j NFQUEUE --queue-num $queue --queue-bypass"
       "OUTPUT -m iprange --src-range $net.1.0-$net.254.255 -j NFQUEUE --queue-num $queue --queue-bypass")
cleanup() {
  local r
  for r in "${rules[@]}"; do
    # shellcheck disable=SC2086
    while iptables-legacy -t mangle -D $r 2>/dev/null; do :; done
  done
  [ -n "$delayer" ] && kill "$delayer" 2>/dev/null && wait "$delayer" 2>/dev/null
  host_cgroups_remove
  [ "${AUDITGAP_BENCH_KEEP:-0}" = 1 ] || "$fleet" down >/dev/null 2>&1 || true
}
# shellcheck source=bench/scan/host-cgroups.sh
. "$here/host-cgroups.sh"
host_cgroups auditgap-bench
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$rtt" != 0 ]; then
  "$py" "$here/../../scanner/src/test/probe/nfq_delay.py" "$queue" "$(awk -v r="$rtt" 'BEGIN{print r/2}')" >"$dir/delay.log" 2>&1 &
  delayer=$!
  sleep 0.5
  kill -0 "$delayer" 2>/dev/null || { cat "$dir/delay.log" >&2; exit 1; }
  for r in "${rules[@]}"; do
    # shellcheck disable=SC2086
    iptables-legacy -t mangle -A $r
  done
fi

host_cpu_ns() {   # host -> CPU nanoseconds of its sshd and everything it started so far
  local h=$1 p
  if [ -n "$cg" ] && [ -d "$cg/$h" ]; then
    host_cgroup_ns "$h"
  else
    p=$(cat "$dir/run/$h/nspid")
    awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /,""); print ($12+$13+$14+$15) * 1e9 / hz}' "/proc/$p/stat"
  fi
}
auths() { grep -c 'Accepted publickey' "$dir/run/$1/init.log" || true; }
delayer_ns() {   # CPU nanoseconds the delayer has used so far (it shares the cores with the scanner and hosts)
  [ -n "$delayer" ] || { echo 0; return; }
  awk '{print $1}' "/proc/$delayer/schedstat" 2>/dev/null || echo 0
}
wire_bytes() { iptables-legacy -t mangle -L OUTPUT -v -x -n 2>/dev/null | awk '/NFQUEUE/{s+=$2} END{print s+0}'; }

printf '| hosts | parallel | wall s | hosts/s | scanner CPU ms/host | target CPU ms/host | delayer CPU ms/host | peak RSS MB | exec/host | auth/host | bundle KB/host | wire KB/host | handshake s | collector s | decode s | parse s | evaluate s | render s | assessed | load avg |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for n in "$@"; do
  names=(); for i in $(seq 1 "$n"); do names+=("$(name "$i")"); done
  "$fleet" up "${names[@]}" >"$dir/up.log" 2>&1 || { tail -20 "$dir/up.log" >&2; exit 1; }
  inv="$dir/out/$n/inventory.yaml"; mkdir -p "$dir/out/$n"
  awk -v n="$n" '/^  b[0-9]+:/{i=substr($1,2)+0; if (i > n) next} {print}' "$dir/run/inventory.yaml" > "$inv"
  if [ -n "$cg" ]; then
    mkdir -p "$cg"
    for h in "${names[@]}"; do
      mkdir -p "$cg/$h"; echo "$(cat "$dir/run/$h/nspid")" > "$cg/$h/cgroup.procs"
    done
  fi
  for pass in $(seq 1 "$passes"); do
    out="$dir/out/$n"; label=$n
    [ "$pass" = 1 ] || { out="$dir/out/$n-pass$pass"; label="$n (pass $pass)"; mkdir -p "$out"; }
    declare -A cpu0=() auth0=()
    for h in "${names[@]}"; do cpu0[$h]=$(host_cpu_ns "$h"); auth0[$h]=$(auths "$h"); done
    [ "$rtt" != 0 ] && iptables-legacy -t mangle -Z OUTPUT
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    dly0=$(delayer_ns)
    rm -rf "$out/report"
    set +e
    /usr/bin/time -v -o "$out/time.txt" java $launcher_jvm ${AUDITGAP_BENCH_JAVA_OPTS:-} -jar "$jar" scan -i "$inv" --no-probe \
      ${parallel:+--parallel "$parallel"} --timings --format json -o "$out/report" >"$out/stdout.txt" 2>"$out/stderr.txt"
    rc=$?
    set -e
    [ -f "$out/report/report.json" ] || { echo "bench/scan: scan of $n hosts failed (exit $rc):" >&2; tail -5 "$out/stderr.txt" >&2; exit 1; }
    sleep 1   # let each sshd reap its session processes
    wire=0; [ "$rtt" != 0 ] && wire=$(wire_bytes)
    dly=$(awk -v a="$dly0" -v b="$(delayer_ns)" 'BEGIN{printf "%.0f", b - a}')
    cpu_ns=0; auth=0
    for h in "${names[@]}"; do
      cpu_ns=$(awk -v a="$cpu_ns" -v b="$(host_cpu_ns "$h")" -v c="${cpu0[$h]}" 'BEGIN{printf "%.0f", a + b - c}')
      auth=$(( auth + $(auths "$h") - ${auth0[$h]} ))
    done
    unset cpu0 auth0
    "$py" - "$out" "$n" "${parallel:-default}" "$cpu_ns" "$auth" "$wire" "$load" "$dly" "$label" <<'EOF'
import json, re, sys
out, n, par, cpu_ns, auth, wire, load, dly, row = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), sys.argv[7], float(sys.argv[8]), sys.argv[9]
t = open(out + "/time.txt").read()
def field(label):
    return re.search(re.escape(label) + r": (.*)", t).group(1).strip()
w = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(w)))
scpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
r = json.load(open(out + "/report/report.json"))
hosts = r["hosts"]
coll = [h.get("collection") or {} for h in hosts]
execs = sum(c.get("exec_channels", 0) for c in coll)
bundle = sum(c.get("bytes", 0) for c in coll)
assessed = sum(1 for h in hosts if h.get("status") in ("assessed", "partial"))
err = open(out + "/stderr.txt").read()
m = re.search(r"timings: (.*)", err)
ph = dict(kv.split("=") for kv in m.group(1).split()) if m else {}
p = lambda k: ph.get(k, "?").rstrip("s")
print("| %s | %s | %.1f | %.1f | %.0f | %.0f | %.1f | %.0f | %.2f | %.2f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %d/%d | %s |" % (
    row, par, wall, n / wall, scpu * 1000 / n, cpu_ns / 1e6 / n, dly / 1e6 / n, rss, execs / n, auth / n,
    bundle / 1024 / n, wire / 1024 / n, p("handshake"), p("collect"), p("decode"), p("parse"),
    p("evaluate"), p("render"), assessed, n, load))
EOF
  done
done
