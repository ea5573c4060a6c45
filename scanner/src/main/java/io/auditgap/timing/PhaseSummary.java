package io.auditgap.timing;

import java.util.Locale;

/** One line saying where the time went, e.g. for {@code scan --timings} and the benchmark. */
public final class PhaseSummary {
  private PhaseSummary() {}

  /**
   * {@code timings: handshake=12.301s collector=40.2s ...}: seconds summed over hosts (threads
   * overlap, so the sum can exceed the wall time); start-up (once, until the first connection
   * begins), handshake and collector are wall time (the collector figure is the exec until the
   * whole bundle is in), the rest CPU time.
   */
  public static String line() {
    StringBuilder sb = new StringBuilder("timings:");
    for (Phases.Phase p : Phases.Phase.values()) {
      double s = Phases.seconds(p);
      sb.append(' ').append(p.name().toLowerCase(Locale.ROOT)).append('=');
      sb.append(String.format(Locale.ROOT, "%.3fs", Math.max(0, s)));
    }
    return sb.toString();
  }
}
