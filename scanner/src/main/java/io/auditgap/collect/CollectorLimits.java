package io.auditgap.collect;

import java.time.Duration;

/**
 * Bounds on one collector run. The script enforces them on the host; the reader enforces them
 * again, because a host is untrusted and may not run the script faithfully.
 *
 * @param itemCap bytes kept per item
 * @param totalCap bytes of item content per bundle
 * @param maxEntries names listed per directory
 * @param itemTimeout per-command timeout on the host (needs {@code timeout(1)} there)
 */
public record CollectorLimits(long itemCap, long totalCap, int maxEntries, Duration itemTimeout) {
  public static final CollectorLimits DEFAULT =
      new CollectorLimits(1L << 20, 16L << 20, 500, Duration.ofSeconds(20));

  /** The most bytes a faithful bundle can take, framing included. */
  public long maxBundleBytes() {
    return totalCap + 4096L * (maxEntries + 64) + (1L << 20);
  }
}
