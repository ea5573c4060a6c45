package io.auditgap.probe;

import io.auditgap.concurrent.DaemonThreads;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Probes many targets at once and classifies each. Per target: TCP connect through the target's
 * vantage {@link Dialer} (non-blocking, so timeouts overlap), the SSH identification read (also
 * non-blocking on the local vantage), then for SSH ports a key exchange and a {@code none}
 * authentication request on a bounded pool. Each dialer keeps at most {@link Dialer#maxInFlight()}
 * connections open. Never throws for a target: every target gets a {@link PortResult}.
 */
public final class ProbeEngine {
  private final ProbeOptions options;
  private final Clock clock;
  private final String toolVersion;

  public ProbeEngine(ProbeOptions options, Clock clock, String toolVersion) {
    this.options = options;
    this.clock = clock;
    this.toolVersion = toolVersion;
  }

  /** Probes every target from {@code dialer}; the targets' vantage names are not checked. */
  public ProbeReport probe(List<ProbeTarget> targets, Dialer dialer) {
    Map<String, Dialer> one = new HashMap<>();
    for (ProbeTarget t : targets) {
      one.put(t.vantage(), dialer);
    }
    return probe(targets, one);
  }

  /**
   * Probes every target from the dialer named by its {@link ProbeTarget#vantage()}. Results come
   * back in target order.
   *
   * @throws IllegalArgumentException when a target names a vantage with no dialer
   */
  public ProbeReport probe(List<ProbeTarget> targets, Map<String, Dialer> dialers) {
    for (ProbeTarget t : targets) {
      if (!dialers.containsKey(t.vantage())) {
        throw new IllegalArgumentException(
            "no dialer for vantage '" + t.vantage() + "' (target " + t.endpoint() + ")");
      }
    }
    Instant started = clock.instant();
    Map<Dialer, Semaphore> permits = new HashMap<>();
    for (Dialer d : dialers.values()) {
      permits.computeIfAbsent(d, x -> new Semaphore(Math.max(1, x.maxInFlight())));
    }
    ExecutorService authPool =
        Executors.newFixedThreadPool(options.authParallel(), DaemonThreads.named("probe-auth"));
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("probe-watchdog"));
    List<CompletableFuture<PortResult>> futures = new ArrayList<>(targets.size());
    try {
      for (ProbeTarget t : targets) {
        Dialer d = dialers.get(t.vantage());
        Semaphore s = permits.get(d);
        s.acquireUninterruptibly();
        CompletableFuture<PortResult> f;
        try {
          f = probeOne(t, d, authPool, watchdog);
        } catch (RuntimeException e) {
          f = CompletableFuture.completedFuture(internalError(t, e));
        }
        f.whenComplete((r, e) -> s.release());
        futures.add(f);
      }
      List<PortResult> results = new ArrayList<>(targets.size());
      for (int i = 0; i < futures.size(); i++) {
        ProbeTarget t = targets.get(i);
        results.add(futures.get(i).exceptionally(e -> internalError(t, e)).join());
      }
      return new ProbeReport(
          ProbeReport.FORMAT_VERSION,
          toolVersion,
          started,
          clock.instant(),
          options.connectTimeout().toMillis(),
          options.bannerTimeout().toMillis(),
          results);
    } finally {
      authPool.shutdownNow();
      watchdog.shutdownNow();
    }
  }

  private CompletableFuture<PortResult> probeOne(
      ProbeTarget t, Dialer dialer, ExecutorService authPool, ScheduledExecutorService watchdog) {
    long hardLimit =
        options
                .connectTimeout()
                .plus(options.bannerTimeout())
                .plus(options.authTimeout())
                .toMillis()
            + 30_000; // a guard only: the phases below bound themselves
    return dialer
        .dial(t.address(), t.port(), options.connectTimeout())
        .thenCompose(
            out -> {
              double latency = millis(out.latencyNanos());
              if (!out.isConnected()) {
                return CompletableFuture.completedFuture(
                    PortResult.of(t, out.verdict(), latency, out.reason()));
              }
              Link link = out.link();
              return link.readGreeting(options.bannerTimeout())
                  .thenCompose(g -> afterGreeting(t, link, g, latency, authPool, watchdog));
            })
        .orTimeout(hardLimit, TimeUnit.MILLISECONDS);
  }

  private CompletableFuture<PortResult> afterGreeting(
      ProbeTarget t,
      Link link,
      Link.Greeting g,
      double latency,
      ExecutorService authPool,
      ScheduledExecutorService watchdog) {
    SshIdent.Ident id = SshIdent.parse(g.bytes(), g.length());
    if (id == null) {
      link.close();
      String reason =
          g.timedOut()
              ? "no SSH identification within " + options.bannerTimeout().toMillis() + " ms"
              : g.eof()
                  ? "connection closed without an SSH identification"
                  : "the service's first bytes are not an SSH identification";
      return CompletableFuture.completedFuture(
          new PortResult(
              t.host(),
              t.vantage(),
              t.address(),
              t.port(),
              PortVerdict.OPEN_NOT_SSH,
              latency,
              SshIdent.excerpt(g.bytes(), g.length()),
              null,
              null,
              null,
              null,
              reason));
    }
    if (!options.authMethods() || !id.speaksSsh2()) {
      link.close();
      return CompletableFuture.completedFuture(
          open(
              t,
              latency,
              id,
              new AuthMethodsProbe.Outcome(
                  null,
                  null,
                  null,
                  options.authMethods()
                      ? "SSH protocol " + id.protoVersion() + ": methods not asked"
                      : null)));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          ScheduledFuture<?> kill =
              watchdog.schedule(
                  link::close, options.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
          try {
            InputStream in =
                new SequenceInputStream(
                    new ByteArrayInputStream(g.bytes(), 0, g.length()), link.input());
            AuthMethodsProbe.Outcome o =
                AuthMethodsProbe.run(
                    in,
                    link.output(),
                    t.address(),
                    t.port(),
                    t.loginUser() == null ? options.user() : t.loginUser(),
                    (int) options.authTimeout().toMillis());
            return open(t, latency, id, o);
          } catch (java.io.IOException e) {
            return open(
                t,
                latency,
                id,
                new AuthMethodsProbe.Outcome(null, null, null, "link unusable: " + e.getMessage()));
          } finally {
            kill.cancel(false);
            link.close();
          }
        },
        authPool);
  }

  private static PortResult open(
      ProbeTarget t, double latency, SshIdent.Ident id, AuthMethodsProbe.Outcome o) {
    return new PortResult(
        t.host(),
        t.vantage(),
        t.address(),
        t.port(),
        PortVerdict.OPEN,
        latency,
        id.line(),
        id.software(),
        o.methods(),
        o.fingerprint(),
        o.keyType(),
        o.error());
  }

  private static PortResult internalError(ProbeTarget t, Throwable e) {
    Throwable c = e.getCause() != null ? e.getCause() : e;
    return PortResult.of(
        t,
        PortVerdict.FILTERED,
        0,
        c instanceof java.util.concurrent.TimeoutException
            ? "probe guard deadline passed"
            : "internal error: " + c);
  }

  static double millis(long nanos) {
    return Math.round(nanos / 100_000.0) / 10.0;
  }
}
