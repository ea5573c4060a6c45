#!/bin/sh
# Probe benchmark: 1,000 targets (40% filtered, 30% closed, 10% SSH, 20% open-not-ssh) on one
# address inside a network namespace, auditgap's probe vs nmap -sT -Pn. Root only.
#   bench/probe/run.sh [TIMEOUT_MS]     (default 2000)
# Ranges on 10.201.1.2 (see scanner/src/test/probe/netns.sh):
#   20000-20399 nft drop (filtered)  20400-20699 nft reject with tcp reset (closed)
#   20700-20799 -> sshd (open, ssh)  20800-20899 -> HTTP server, 20900-20999 -> silent (open-not-ssh)
set -eu
TIMEOUT_MS=${1:-2000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NETNS="$ROOT/scanner/src/test/probe/netns.sh"
OUT=${BENCH_OUT:-$ROOT/bench/probe/out}
ADDR=10.201.1.2
FIRST=20000
LAST=20999
mkdir -p "$OUT"
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces)"; exit 2; }

cd "$ROOT"
mvn -B -q -o -pl scanner test-compile dependency:build-classpath \
  -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="$ROOT/scanner/target/test-classes:$ROOT/scanner/target/classes:$(cat "$OUT/classpath.txt")"

trap 'sh "$NETNS" down >/dev/null 2>&1 || true' EXIT INT TERM
sh "$NETNS" up >/dev/null

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

run_nmap() { # label extra-args...
  label=$1; shift
  t0=$(now)
  nmap -sT -Pn -n "$@" -p "$FIRST-$LAST" -oX "$OUT/nmap-$label.xml" "$ADDR" >/dev/null
  t1=$(now)
  s=$(secs "$t0" "$t1")
  # untimed second pass with -d: nmap then lists every port (no <extraports> folding)
  nmap -sT -Pn -n -d "$@" -p "$FIRST-$LAST" -oX "$OUT/nmap-$label.xml" "$ADDR" >/dev/null
  counts=$(grep -o '<state state="[a-z|]*"' "$OUT/nmap-$label.xml" | sort | uniq -c | awk '{printf "%s=%s ", substr($3,8,length($3)-8), $1}')
    extra=$(grep -o '<extraports state="[a-z|]*" count="[0-9]*"' "$OUT/nmap-$label.xml" | sed 's/<extraports state="\([a-z|]*\)" count="\([0-9]*\)"/\1=\2 (extraports)/' | tr '\n' ' ')
  echo "nmap-$label wall_s=$s targets_per_s=$(echo "1000 / $s" | bc -l | xargs printf '%.0f') $counts$extra"
}

echo "timeout ${TIMEOUT_MS} ms, 1000 targets, $(nproc) cores"
java -cp "$CP" io.auditgap.probe.ProbeBench $ADDR $FIRST $LAST "$TIMEOUT_MS" no "$OUT/probe-noauth.json"
java -cp "$CP" io.auditgap.probe.ProbeBench $ADDR $FIRST $LAST "$TIMEOUT_MS" yes "$OUT/probe.json"
java -cp "$CP" io.auditgap.probe.ProbeBench $ADDR $FIRST $LAST "$TIMEOUT_MS" yes "$OUT/probe-1024.json" 1024
run_nmap default
run_nmap same-timeout --max-retries 0 --min-rtt-timeout "${TIMEOUT_MS}ms" \
  --max-rtt-timeout "${TIMEOUT_MS}ms" --initial-rtt-timeout "${TIMEOUT_MS}ms"

# verdict agreement per port: auditgap (open + open-not-ssh = nmap open) vs nmap defaults
python3 - "$OUT/probe.json" "$OUT/nmap-default.xml" "$OUT/nmap-same-timeout.xml" <<'PY'
import json, re, sys
ours = {t["port"]: ("open" if t["verdict"].startswith("open") else t["verdict"])
        for t in json.load(open(sys.argv[1]))["targets"]}
for path in sys.argv[2:]:
    x = open(path).read()
    m = dict((int(p), s) for p, s in re.findall(r'portid="(\d+)"><state state="([a-z|]+)"', x))
    ex = re.search(r'<extraports state="([a-z|]+)"', x)
    for p in ours:
        m.setdefault(p, ex.group(1) if ex else "?")
    agree = sum(1 for p in ours if ours[p] == m[p])
    print("agreement with %s: %d/%d" % (path.rsplit("/", 1)[-1], agree, len(ours)))
PY
