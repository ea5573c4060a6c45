#!/bin/sh
# Soak: 50 hosts x 20 rounds of `scan --save-snapshots` in one JVM against the real OpenSSH test
# fleet (24 hosts, each listed two or three times under other names), threads / open fds / heap
# after a full GC measured after every round. Root only (the fleet needs namespaces).
#   bench/soak/run.sh [ROUNDS] [HOSTS]      (default 20 50)
# Uses AUDITGAP_FLEET_DIR / AUDITGAP_FLEET_NET like the tests; the fleet is started if needed and
# left as it was found.
set -eu
ROUNDS=${1:-20}
HOSTS=${2:-50}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FLEET="$ROOT/scanner/src/test/fleet/fleet.sh"
DIR=${AUDITGAP_FLEET_DIR:-/tmp/auditgap-testfleet}
[ "$(id -u)" = 0 ] || { echo "run as root (the fleet uses namespaces)"; exit 2; }
started=no
if ! "$FLEET" status >/dev/null 2>&1; then "$FLEET" up >/dev/null; started=yes; fi
out=$(mktemp -d)
trap 'rm -rf "$out"; [ "$started" = yes ] && "$FLEET" down >/dev/null 2>&1 || true' EXIT INT TERM

# the fleet's inventory, its hosts repeated under new names up to $HOSTS
awk -v n="$HOSTS" '
  /^hosts:/ { print; inhosts = 1; next }
  inhosts && /^  [^ ]/ { line[++k] = $0; next }
  { print }
  END { for (i = 0; i < n; i++) { l = line[i % k + 1]; r = int(i / k);
          if (r > 0) sub(/:/, "-" r ":", l); print l } }' "$DIR/run/inventory.yaml" > "$out/inventory.yaml"

cd "$ROOT/scanner"
mvn -B -q -o -DskipTests -Dspotless.check.skip=true test-compile >/dev/null
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench-cp.txt)"
echo "$(grep -c 'address:' "$out/inventory.yaml") hosts, $ROUNDS rounds, $(nproc) cores, java $(java -version 2>&1 | head -1)"
java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.auditgap.soak.SoakBench "$out/inventory.yaml" "$ROUNDS" "$out"
