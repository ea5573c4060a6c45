package io.auditgap.cli;

import io.auditgap.checks.CheckEvaluator;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.concurrent.DaemonThreads;
import io.auditgap.report.JsonReportWriter;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanListener;
import io.auditgap.scan.ScanResult;
import io.auditgap.scan.SnapshotEvaluation;
import io.auditgap.timing.Phases;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * In a fresh JVM, the work after a host's bundle is in is almost all first-use cost: the facts' and
 * matchers' classes, and the JSON writer's serializers (Jackson builds one per type on first use,
 * then caches it), take about twenty times as long the first time (see docs/performance.md). While
 * the first host's collector runs, the scanner's CPU waits on the network; this does that first-use
 * work then, once, on a daemon thread: it evaluates an empty snapshot (every check unknown) and
 * writes the result as JSON into nothing. No file, no host, no output; its time is counted in no
 * {@code --timings} phase.
 */
final class FirstUseWarmup implements ScanListener {
  private final ScanListener delegate;
  private final CheckEvaluator evaluator;
  private final Map<String, Object> settings;
  private final boolean json;
  private final AtomicBoolean started = new AtomicBoolean();

  /**
   * @param json whether the scan writes a JSON report (the only writer warmed up: its serializers
   *     are shared by every later use)
   */
  FirstUseWarmup(
      ScanListener delegate, CheckEvaluator evaluator, Map<String, Object> settings, boolean json) {
    this.delegate = delegate;
    this.evaluator = evaluator;
    this.settings = settings;
    this.json = json;
  }

  @Override
  public void hostStarted(String host) {
    delegate.hostStarted(host);
  }

  @Override
  public void collecting(String host) {
    if (started.compareAndSet(false, true)) {
      DaemonThreads.start("auditgap-first-use-warmup", () -> Phases.uncounted(this::run));
    }
    delegate.collecting(host);
  }

  @Override
  public void hostFinished(HostResult result, int done, int total) {
    delegate.hostFinished(result, done, total);
  }

  private void run() {
    try {
      Instant now = Instant.now();
      HostResult r =
          new SnapshotEvaluation(evaluator)
              .evaluate(
                  new HostSnapshot("warm-up", now, Map.of(), 0, true, null),
                  "local",
                  null,
                  CollectionStats.NONE,
                  settings);
      if (json) {
        new JsonReportWriter()
            .write(
                new ScanResult("warm-up", now, now, "warm-up", "baseline", List.of(r)),
                Writer.nullWriter());
      }
    } catch (IOException | RuntimeException e) {
      // Only a warm-up: the real evaluation and report say what is wrong, if anything.
    }
  }
}
