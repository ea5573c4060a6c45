package io.auditgap.collect;

import io.auditgap.timing.Phases;
import io.auditgap.transport.Connection;
import io.auditgap.transport.ExecResult;
import io.auditgap.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs the collector on one host: one exec channel, the script on stdin, the bundle on stdout. The
 * frame marker carries a fresh random nonce so that collected content cannot forge frames.
 */
public final class Collector {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final CollectorLimits limits;
  private final Clock clock;
  // The script of the items every host of a scan collects, rendered once (see prepare).
  private volatile CollectorScript.Prepared prepared;

  public Collector(CollectorLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** The remote command: {@code sh -s}, or through {@code sudo -n} which never prompts. */
  public static String remoteCommand(boolean sudo) {
    return sudo ? "sudo -n sh -s" : "sh -s";
  }

  /**
   * Renders the script for {@code items} now: collecting that same collection later only puts in
   * each run's nonce, so the first host's collector does not wait for the rendering.
   */
  public void prepare(Collection<CollectionItem> items) {
    prepared = CollectorScript.prepare(items, limits);
  }

  public HostSnapshot collect(
      String host,
      Connection connection,
      boolean sudo,
      Collection<CollectionItem> items,
      Duration timeout)
      throws TransportException {
    return collect(host, connection, sudo, items, timeout, null).snapshot();
  }

  /**
   * A host's snapshot, and what {@code atEndLine} made of it when it could start early.
   *
   * @param early the result of {@code atEndLine} on {@code snapshot} (perhaps still running), or
   *     null when it was not started
   */
  public record Collected<T>(HostSnapshot snapshot, CompletableFuture<T> early) {}

  /**
   * Collects like {@link #collect(String, Connection, boolean, Collection, Duration)}; when the
   * bundle's end line is in while the command's end (stdin's close, the exit status: one more round
   * trip) is still on its way, runs {@code atEndLine} on the snapshot at once, on another thread. A
   * bundle complete at its end line is the snapshot whatever follows (the exit status only explains
   * a bundle cut short), so the snapshot returned is then that one, with the work begun on it.
   *
   * @param atEndLine null to start nothing early
   */
  public <T> Collected<T> collect(
      String host,
      Connection connection,
      boolean sudo,
      Collection<CollectionItem> items,
      Duration timeout,
      Function<HostSnapshot, T> atEndLine)
      throws TransportException {
    byte[] nonceBytes = new byte[12];
    RANDOM.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes);
    CollectorScript.Prepared p = prepared;
    String script =
        p != null && p.isFor(items)
            ? p.withNonce(nonce)
            : CollectorScript.render(items, nonce, limits);
    // Whichever comes first claims the host: the end line (early snapshot) or the command's end.
    AtomicReference<Object> claimed = new AtomicReference<>();
    CompletableFuture<T> early = new CompletableFuture<>();
    // True once the complete bundle is claimed: the command's end is then not waited for.
    Predicate<byte[]> onEndLine =
        atEndLine == null
            ? null
            : stdout -> {
              Bundle bundle = decode(stdout, nonce, items);
              if (!bundle.complete()) {
                return false;
              }
              HostSnapshot snap = snapshot(host, bundle, stdout.length, null);
              if (!claimed.compareAndSet(null, snap)) {
                return false;
              }
              try {
                early.complete(atEndLine.apply(snap));
              } catch (RuntimeException | Error e) {
                early.completeExceptionally(e);
              }
              return true;
            };
    long execStart = System.nanoTime();
    ExecResult r =
        connection.exec(
            remoteCommand(sudo),
            ScriptOverStdin.of(script),
            // The script waits for the end of stdin after its end line (see collector.sh).
            ("@@" + nonce + " end ").getBytes(StandardCharsets.US_ASCII),
            onEndLine,
            limits.maxBundleBytes(),
            timeout);
    Phases.add(Phases.Phase.COLLECT, execStart);
    if (!claimed.compareAndSet(null, ENDED)) {
      return new Collected<>((HostSnapshot) claimed.get(), early);
    }
    Bundle bundle = decode(r.stdout(), nonce, items);
    String problem = bundle.problem();
    if (!bundle.complete()) {
      problem = CollectionFailure.explain(r, bundle, items, itemsByKey(bundle), sudo, timeout);
    }
    return new Collected<>(snapshot(host, bundle, r.stdout().length, problem), null);
  }

  /** Marks a collection whose command ended before anything was started early. */
  private static final Object ENDED = new Object();

  private Bundle decode(byte[] stdout, String nonce, Collection<CollectionItem> items) {
    long decodeStart = Phases.threadCpu();
    Bundle bundle = SystemctlShows.split(BundleReader.read(stdout, nonce, limits), items);
    Phases.addCpu(Phases.Phase.DECODE, decodeStart);
    return bundle;
  }

  private HostSnapshot snapshot(String host, Bundle bundle, int bytes, String problem) {
    return new HostSnapshot(
        host,
        clock.instant(),
        itemsByKey(bundle),
        bytes,
        bundle.complete(),
        bundle.complete() ? bundle.problem() : problem);
  }

  private static Map<String, SnapshotItem> itemsByKey(Bundle bundle) {
    Map<String, SnapshotItem> byKey = new LinkedHashMap<>();
    for (SnapshotItem item : bundle.items()) {
      byKey.putIfAbsent(item.key(), item);
    }
    return byKey;
  }
}
