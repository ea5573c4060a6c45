package io.auditgap.scan;

import io.auditgap.checks.CheckEvaluator;
import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.Collector;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.inventory.HostSpec;
import io.auditgap.timing.Phases;
import io.auditgap.transport.Connection;
import io.auditgap.transport.Transport;
import io.auditgap.transport.TransportException;
import io.auditgap.transport.TransportFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/** Assesses one host: connect, collect once, evaluate. Never throws. */
final class HostAssessor {
  private final Collector collector;
  private final CheckEvaluator evaluator;
  private final ScanOptions options;
  private final BiConsumer<HostSnapshot, Map<String, Object>> snapshotSink;
  // The same plan for every host: computed once, not per host.
  private final Set<CollectionItem> plan;

  HostAssessor(
      Collector collector,
      CheckEvaluator evaluator,
      ScanOptions options,
      BiConsumer<HostSnapshot, Map<String, Object>> snapshotSink) {
    this.snapshotSink = snapshotSink;
    this.plan = evaluator.needs();
    this.collector = collector;
    collector.prepare(plan);
    this.evaluator = evaluator;
    this.options = options;
  }

  /**
   * @param live receives the open connection, so a watchdog can close it when the host deadline
   *     passes
   * @param collecting called once the connection is up, as the collector starts
   */
  HostResult assess(
      HostSpec host, Transport transport, AtomicReference<Connection> live, Runnable collecting) {
    long start = System.nanoTime();
    String address = host.isLocal() ? "local" : host.address() + ":" + host.port();
    Connection c;
    Phases.firstConnection();
    try {
      c = transport.open(host, options.connectTimeout()); // SSH handshakes: see EarlyConnections
    } catch (TransportException e) {
      return failed(host, address, e, start);
    }
    live.set(c);
    collecting.run();
    try (c) {
      // Evaluation starts when the bundle's end line is in, while the exit status travels.
      Collector.Collected<HostResult> got =
          collector.collect(
              host.name(),
              c,
              host.sudo(),
              plan,
              remaining(start),
              snap -> evaluated(host, address, c, snap, start));
      return got.early() != null
          ? joined(got.early())
          : evaluated(host, address, c, got.snapshot(), start);
    } catch (TransportException e) {
      return new HostResult(
          host.name(),
          address,
          statusOf(e.failure()),
          e.getMessage(),
          c.hostKeyFingerprint(),
          evaluator.allUnknown("not assessed: " + e.getMessage()),
          new CollectionStats(0, 0, c.execCount(), millisSince(start)));
    } finally {
      live.set(null);
    }
  }

  private HostResult evaluated(
      HostSpec host, String address, Connection c, HostSnapshot snap, long start) {
    // Inventory parameters (per group or host) first; what the command line says wins.
    Map<String, Object> settings = new LinkedHashMap<>(host.params());
    settings.putAll(options.settings());
    snapshotSink.accept(snap, settings);
    return new SnapshotEvaluation(evaluator)
        .evaluate(
            snap,
            address,
            c.hostKeyFingerprint(),
            new CollectionStats(
                snap.totalBytes(), snap.items().size(), c.execCount(), millisSince(start)),
            settings);
  }

  private static HostResult joined(CompletableFuture<HostResult> early) {
    try {
      return early.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  HostResult failed(HostSpec host, String address, TransportException e, long start) {
    return new HostResult(
        host.name(),
        address,
        statusOf(e.failure()),
        e.getMessage(),
        // A refused host key is still what the auditor needs to verify out of band.
        e.hostKeyFingerprint(),
        evaluator.allUnknown("not assessed: " + e.getMessage()),
        new CollectionStats(0, 0, 0, millisSince(start)));
  }

  static HostStatus statusOf(TransportFailure f) {
    return switch (f) {
      case UNRESOLVABLE, REFUSED, CONNECT_TIMEOUT, NOT_SSH, JUMP_FAILED -> HostStatus.UNREACHABLE;
      case HOST_KEY_UNKNOWN, HOST_KEY_CHANGED -> HostStatus.UNTRUSTED;
      case AUTH_FAILED, KEY_UNREADABLE -> HostStatus.AUTH_FAILED;
      default -> HostStatus.ERROR;
    };
  }

  private Duration remaining(long start) {
    Duration left = options.hostTimeout().minusNanos(System.nanoTime() - start);
    return left.isNegative() ? Duration.ofMillis(1) : left;
  }

  static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
