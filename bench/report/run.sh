#!/bin/sh
# Report rendering benchmark: HTML and PDF for 10, 100 and 1,000 synthetic hosts (40 checks each,
# ~15 % failing, ~5 % unknown, 5 % of hosts unreachable). One JVM per render, measured with
# /usr/bin/time -v (wall time, max RSS). Usage: bench/report/run.sh [HOSTS...]
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
cd "$root/scanner"
mvn -B -q -o -DskipTests -Dspotless.check.skip=true test-compile >/dev/null
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench-cp.txt)"
out=$(mktemp -d)
printf '| hosts | format | wall s | max RSS MiB | file size | pages |\n|---|---|---|---|---|---|\n'
for n in ${*:-10 100 1000}; do
  for f in html pdf; do
    /usr/bin/time -v -o "$out/time" java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.auditgap.report.RenderSamples "$out/$n" "synthetic:$n" "$f" >/dev/null
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time")
    file="$out/$n/report.$f"
    size=$(stat -c %s "$file")
    pages=-
    [ "$f" = pdf ] && command -v pdfinfo >/dev/null && pages=$(pdfinfo "$file" | sed -n 's/^Pages: *//p')
    printf '| %s | %s | %s | %s | %s | %s |\n' "$n" "$f" "$wall" "$((rss / 1024))" "$size" "$pages"
  done
done
rm -rf "$out"
