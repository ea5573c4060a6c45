package io.auditgap.probe;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark driver for {@code bench/probe/run.sh}: probes ADDRESS:FIRST..LAST from the local
 * vantage and prints wall time, targets per second and verdict counts.
 *
 * <pre>ProbeBench ADDRESS FIRST LAST TIMEOUT_MS AUTH(yes|no) OUT.json [MAX_IN_FLIGHT]</pre>
 */
public final class ProbeBench {
  private ProbeBench() {}

  public static void main(String[] a) throws Exception {
    String address = a[0];
    int first = Integer.parseInt(a[1]);
    int last = Integer.parseInt(a[2]);
    Duration timeout = Duration.ofMillis(Long.parseLong(a[3]));
    boolean auth = "yes".equals(a[4]);
    List<ProbeTarget> targets = new ArrayList<>();
    for (int p = first; p <= last; p++) {
      targets.add(new ProbeTarget("bench", address, p, null, Vantage.LOCAL));
    }
    ProbeOptions o = ProbeOptions.withTimeout(timeout);
    if (!auth) {
      o = o.withoutAuthMethods();
    }
    long start = System.nanoTime();
    ProbeReport r;
    int inFlight = a.length > 6 ? Integer.parseInt(a[6]) : 512;
    try (LocalDialer d = new LocalDialer(Vantage.local(true), inFlight)) {
      r = new ProbeEngine(o, Clock.systemUTC(), "bench").probe(targets, d);
    }
    double secs = (System.nanoTime() - start) / 1e9;
    Map<String, Integer> counts = new TreeMap<>();
    int withMethods = 0;
    for (PortResult p : r.targets()) {
      counts.merge(p.verdict().id(), 1, Integer::sum);
      withMethods += p.authMethods() != null ? 1 : 0;
    }
    ProbeJson.write(r, Path.of(a[5]));
    System.out.printf(
        "auditgap targets=%d auth=%s max_in_flight=%d wall_s=%.2f targets_per_s=%.0f verdicts=%s with_auth_methods=%d%n",
        targets.size(),
        auth ? "yes" : "no",
        inFlight,
        secs,
        targets.size() / secs,
        counts,
        withMethods);
  }
}
