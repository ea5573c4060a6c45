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

/**
 * Runs the collector on one host: one exec channel, the script on stdin, the bundle on stdout. The
 * frame marker carries a fresh random nonce so that collected content cannot forge frames.
 */
public final class Collector {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final CollectorLimits limits;
  private final Clock clock;

  public Collector(CollectorLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** The remote command: {@code sh -s}, or through {@code sudo -n} which never prompts. */
  public static String remoteCommand(boolean sudo) {
    return sudo ? "sudo -n sh -s" : "sh -s";
  }

  public HostSnapshot collect(
      String host,
      Connection connection,
      boolean sudo,
      Collection<CollectionItem> items,
      Duration timeout)
      throws TransportException {
    byte[] nonceBytes = new byte[12];
    RANDOM.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes);
    String script = CollectorScript.render(items, nonce, limits);
    long execStart = System.nanoTime();
    ExecResult r =
        connection.exec(
            remoteCommand(sudo),
            ScriptOverStdin.of(script),
            // The script waits for the end of stdin after its end line (see collector.sh).
            ("@@" + nonce + " end ").getBytes(StandardCharsets.US_ASCII),
            limits.maxBundleBytes(),
            timeout);
    Phases.add(Phases.Phase.COLLECT, execStart);
    long decodeStart = Phases.threadCpu();
    Bundle bundle = BundleReader.read(r.stdout(), nonce, limits);
    Phases.addCpu(Phases.Phase.DECODE, decodeStart);
    Map<String, SnapshotItem> byKey = new LinkedHashMap<>();
    for (SnapshotItem item : bundle.items()) {
      byKey.putIfAbsent(item.key(), item);
    }
    String problem = bundle.problem();
    if (!bundle.complete()) {
      problem = CollectionFailure.explain(r, bundle, items, byKey, sudo, timeout);
    }
    return new HostSnapshot(
        host, clock.instant(), byKey, r.stdout().length, bundle.complete(), problem);
  }
}
