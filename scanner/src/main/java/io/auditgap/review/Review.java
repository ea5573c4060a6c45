package io.auditgap.review;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the review stage added to a scan: the waivers that matched findings, the waivers that
 * matched nothing, and the comparison with a baseline. Lookups are by host name and check id.
 */
public final class Review {
  /** No waivers given and no baseline. */
  public static final Review NONE = new Review(List.of(), List.of(), false, null);

  private final List<WaiverMark> marks;
  private final List<Waiver> stale;
  private final boolean waiversGiven;
  private final Comparison comparison;
  private final Map<String, WaiverMark> markIndex = new HashMap<>();
  private final Map<String, Change> changeIndex = new HashMap<>();

  /**
   * @param waiversGiven waivers were configured (the reports then say so even when none matched)
   * @param comparison the comparison with a baseline, or null
   */
  public Review(
      List<WaiverMark> marks, List<Waiver> stale, boolean waiversGiven, Comparison comparison) {
    this.marks = List.copyOf(marks);
    this.stale = List.copyOf(stale);
    this.waiversGiven = waiversGiven;
    this.comparison = comparison;
    for (WaiverMark m : this.marks) {
      markIndex.putIfAbsent(key(m.host(), m.check()), m);
    }
    if (comparison != null) {
      for (FindingChange c : comparison.changes()) {
        if (c.after() != null) {
          changeIndex.putIfAbsent(key(c.host(), c.check()), c.change());
        }
      }
    }
  }

  private static String key(String host, String check) {
    return host + "\u0000" + check;
  }

  public List<WaiverMark> marks() {
    return marks;
  }

  /** Waivers that matched no failed or unknown finding. */
  public List<Waiver> stale() {
    return stale;
  }

  public boolean waiversGiven() {
    return waiversGiven;
  }

  public Optional<Comparison> comparison() {
    return Optional.ofNullable(comparison);
  }

  /** The waiver (accepted or expired) that matched this finding, if any. */
  public Optional<WaiverMark> waiver(String host, String check) {
    return Optional.ofNullable(markIndex.get(key(host, check)));
  }

  /** True when an unexpired waiver covers this finding: it does not count toward --fail-on. */
  public boolean accepted(String host, String check) {
    WaiverMark m = markIndex.get(key(host, check));
    return m != null && m.accepted();
  }

  /** The finding's change since the baseline, or empty without a baseline. */
  public Optional<Change> change(String host, String check) {
    if (comparison == null) {
      return Optional.empty();
    }
    return Optional.of(changeIndex.getOrDefault(key(host, check), Change.UNCHANGED));
  }

  public Review withComparison(Comparison c) {
    return new Review(marks, stale, waiversGiven, c);
  }

  public Review withWaivers(List<WaiverMark> m, List<Waiver> s) {
    return new Review(m, s, true, comparison);
  }
}
