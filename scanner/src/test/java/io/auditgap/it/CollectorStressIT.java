package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckCatalog;
import io.auditgap.checks.CheckEvaluator;
import io.auditgap.checks.MatcherRegistry;
import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.Collector;
import io.auditgap.collect.CollectorLimits;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.inventory.InventoryLoader;
import io.auditgap.transport.Connection;
import io.auditgap.transport.SshOptions;
import io.auditgap.transport.SshTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The collector, run 500 times over real sshd while the machine is under CPU load, never loses
 * output.
 *
 * <p>The host is {@code complete}: its sudoers has {@code log_input, log_output}, so sudo relays
 * the collector's output through its own pipe. sudo 1.9.13 drops what it has not yet written when
 * the command exits; with a reader slowed by load this cut one bundle in about twelve before the
 * collector waited for the scanner to close stdin after the end line (see collector.sh, ag_end).
 * Runs are concurrent (load of their own) and {@code stress-ng} keeps every CPU busy on top. {@code
 * -Dstress.runs} and {@code -Dstress.parallel} change the numbers.
 */
class CollectorStressIT {
  private static final String HOST = "complete";

  @Test
  void fiveHundredRunsUnderLoadNeverLoseOutput() throws Exception {
    int runs = Integer.getInteger("stress.runs", 500);
    // At most 8 at once: sshd's MaxStartups (default 10:30:100) drops unauthenticated connections
    // beyond 10 with "Exceeded MaxStartups", which is sshd shedding load, not a lost bundle.
    int parallel = Integer.getInteger("stress.parallel", 8);
    TestFleet fleet = TestFleet.get();
    Inventory inv = new InventoryLoader().load(fleet.inventory());
    HostSpec host = inv.host(HOST).orElseThrow();
    assertTrue(host.sudo(), "the stress host must collect through sudo -n");
    MatcherRegistry registry = MatcherRegistry.builtIn();
    Set<CollectionItem> plan =
        new CheckEvaluator(CheckCatalog.bundled(registry).checks(), registry).needs();
    SshTransport ssh = new SshTransport(SshOptions.defaults(), inv::host);
    Collector collector = new Collector(CollectorLimits.DEFAULT, Clock.systemUTC());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger complete = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    long start = System.nanoTime();
    Process load = startLoad();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < parallel; w++) {
        workers.add(
            pool.submit(
                () -> {
                  // One connection per worker, one exec channel per run: the load is in the runs.
                  Connection c = null;
                  for (int n = next.getAndIncrement(); n < runs; n = next.getAndIncrement()) {
                    try {
                      if (c == null) {
                        c = ssh.open(host, Duration.ofSeconds(60));
                      }
                      HostSnapshot s =
                          collector.collect(HOST, c, true, plan, Duration.ofSeconds(120));
                      if (s.complete() && missing(plan, s).isEmpty()) {
                        complete.incrementAndGet();
                      } else {
                        failures.add(
                            "run " + n + ": " + s.items().size() + " items: " + s.problem());
                      }
                    } catch (Exception e) {
                      failures.add("run " + n + ": " + e);
                      if (c != null) {
                        c.close();
                        c = null;
                      }
                    }
                  }
                  if (c != null) {
                    c.close();
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        f.get(30, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
      load.destroy();
      load.waitFor(10, TimeUnit.SECONDS);
    }
    String summary =
        String.format(
            "collector stress: %d runs (%d concurrent, stress-ng --cpu 0) on %s, %d items each:"
                + " %d complete, %d cut short, %.0f s%n",
            runs,
            parallel,
            HOST,
            plan.size(),
            complete.get(),
            failures.size(),
            (System.nanoTime() - start) / 1e9);
    System.err.print(summary);
    Files.writeString(Path.of("target", "collector-stress.txt"), summary);
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
    assertEquals(runs, complete.get());
  }

  private static List<String> missing(Set<CollectionItem> plan, HostSnapshot s) {
    return plan.stream().map(CollectionItem::key).filter(k -> !s.items().containsKey(k)).toList();
  }

  /** CPU hogs on every core for the whole test (stress-ng is in src/test/stress-packages.txt). */
  private static Process startLoad() throws IOException {
    Path bin = Path.of("/usr/bin/stress-ng");
    assertTrue(
        Files.isExecutable(bin),
        "stress-ng is missing: apt-get install $(cat scanner/src/test/stress-packages.txt)");
    return new ProcessBuilder(bin.toString(), "--cpu", "0", "--timeout", "1800s", "--quiet")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
