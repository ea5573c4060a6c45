package io.auditgap.scan;

import io.auditgap.checks.CheckEvaluator;
import io.auditgap.collect.Collector;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.concurrent.DaemonThreads;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.Inventory;
import io.auditgap.transport.Connection;
import io.auditgap.transport.Transport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Scans every host of an inventory with a bounded pool. Each host gets a hard deadline: when it
 * passes, the host's connection is closed (unblocking any read) and the host is reported as not
 * assessed. Every inventory host appears in the result, in inventory order.
 */
public final class ScanService {
  private final Function<HostSpec, Transport> transports;
  private final CheckEvaluator evaluator;
  private final ScanOptions options;
  private final Clock clock;
  private final String toolVersion;

  public ScanService(
      Function<HostSpec, Transport> transports,
      CheckEvaluator evaluator,
      ScanOptions options,
      Clock clock,
      String toolVersion) {
    this.transports = transports;
    this.evaluator = evaluator;
    this.options = options;
    this.clock = clock;
    this.toolVersion = toolVersion;
  }

  public ScanResult scan(Inventory inventory, ScanListener listener) {
    return scan(inventory, listener, (snap, settings) -> {});
  }

  /**
   * Scans, handing every collected snapshot with the check settings it is evaluated with to {@code
   * snapshotSink} (from worker threads) so it can be saved for offline re-evaluation.
   */
  public ScanResult scan(
      Inventory inventory,
      ScanListener listener,
      BiConsumer<HostSnapshot, Map<String, Object>> snapshotSink) {
    Instant started = clock.instant();
    HostAssessor assessor =
        new HostAssessor(new Collector(options.limits(), clock), evaluator, options, snapshotSink);
    List<HostSpec> hosts = inventory.hosts();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(options.parallel(), Math.max(1, hosts.size())), DaemonThreads.named("host"));
    List<Future<HostResult>> futures = new ArrayList<>();
    List<AtomicReference<Connection>> live = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    try {
      for (HostSpec h : hosts) {
        AtomicReference<Connection> ref = new AtomicReference<>();
        live.add(ref);
        futures.add(
            pool.submit(
                () -> {
                  listener.hostStarted(h.name());
                  HostResult r =
                      assessor.assess(
                          h, transports.apply(h), ref, () -> listener.collecting(h.name()));
                  listener.hostFinished(r, done.incrementAndGet(), hosts.size());
                  return r;
                }));
      }
      List<HostResult> results = new ArrayList<>();
      // Hosts queue behind the pool, so a host's deadline is generous: its own timeout plus its
      // place in the queue. The transport enforces the real per-host limits.
      long waves = (hosts.size() + options.parallel() - 1) / options.parallel();
      long budgetNanos = options.hostTimeout().plusSeconds(5).toNanos() * Math.max(1, waves);
      long deadline = System.nanoTime() + budgetNanos;
      for (int i = 0; i < hosts.size(); i++) {
        results.add(await(futures.get(i), live.get(i), hosts.get(i), deadline));
      }
      return new ScanResult(
          toolVersion, started, clock.instant(), inventory.source(), options.profile(), results);
    } finally {
      pool.shutdownNow();
    }
  }

  private HostResult await(
      Future<HostResult> f, AtomicReference<Connection> live, HostSpec host, long deadline) {
    try {
      return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      Connection c = live.get();
      if (c != null) {
        c.close();
      }
      return deadlineResult(host);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return deadlineResult(host);
    } catch (ExecutionException e) {
      return new HostResult(
          host.name(),
          address(host),
          HostStatus.ERROR,
          "internal error: " + e.getCause(),
          null,
          evaluator.allUnknown("not assessed: internal error"),
          CollectionStats.NONE);
    }
  }

  private HostResult deadlineResult(HostSpec host) {
    String reason = "host deadline of " + options.hostTimeout().toSeconds() + "s passed";
    return new HostResult(
        host.name(),
        address(host),
        HostStatus.ERROR,
        reason,
        null,
        evaluator.allUnknown("not assessed: " + reason),
        CollectionStats.NONE);
  }

  private static String address(HostSpec h) {
    return h.isLocal() ? "local" : h.address() + ":" + h.port();
  }
}
