#!/bin/sh
# Parser micro-benchmarks (JMH): the audit rule, logrotate and rsyslog parsers on large inputs built
# from the repository's real fixtures (scanner/src/test/java/io/auditgap/bench/ParserBenchmarks.java).
# Usage: bench/parsers/run.sh [JMH options...]   e.g. -f 1 -wi 2 -i 3   (default: the annotations)
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
cd "$root/scanner"
mvn -B -q -DskipTests -Dspotless.check.skip=true test-compile >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-cp.txt >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat target/jmh-cp.txt)" org.openjdk.jmh.Main \
  io.auditgap.bench.ParserBenchmarks "$@"
