package io.auditgap.review;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A scan compared with a baseline scan.
 *
 * @param baseline what the baseline was (the file given), for the reports
 * @param baselineStartedAt when the baseline scan started, or null
 * @param changes every finding that is not {@link Change#UNCHANGED}, host by host
 * @param unchanged how many findings are unchanged
 * @param hostsAdded hosts in this scan but not in the baseline
 * @param hostsRemoved hosts in the baseline but not in this scan
 */
public record Comparison(
    String baseline,
    Instant baselineStartedAt,
    List<FindingChange> changes,
    int unchanged,
    List<String> hostsAdded,
    List<String> hostsRemoved) {
  public Comparison {
    baseline = baseline == null ? "" : baseline;
    changes = List.copyOf(changes);
    hostsAdded = List.copyOf(hostsAdded);
    hostsRemoved = List.copyOf(hostsRemoved);
  }

  /** Findings by change, every change present (zero when none). */
  public Map<Change, Integer> counts() {
    Map<Change, Integer> m = new EnumMap<>(Change.class);
    for (Change c : Change.values()) {
      m.put(c, 0);
    }
    m.put(Change.UNCHANGED, unchanged);
    for (FindingChange c : changes) {
      m.merge(c.change(), 1, Integer::sum);
    }
    return m;
  }

  /** {@code 3 new, 2 fixed, 40 unchanged, 1 changed} (unverified only when there are some). */
  public String countsLine() {
    Map<Change, Integer> c = counts();
    String line =
        c.get(Change.NEW)
            + " new, "
            + c.get(Change.FIXED)
            + " fixed, "
            + c.get(Change.UNCHANGED)
            + " unchanged, "
            + c.get(Change.CHANGED)
            + " changed";
    if (c.get(Change.UNVERIFIED) > 0) {
      line += ", " + c.get(Change.UNVERIFIED) + " not verified";
    }
    return line;
  }
}
