package io.auditgap.review;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.Glob;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Matches waivers to the failed and unknown findings of a scan. A finding keeps its status and
 * evidence; it is marked as an accepted risk (or as covered by an expired waiver), and the first
 * matching waiver in file order wins. A waiver that matches no failed or unknown finding is stale:
 * the risk it accepted is gone, or it names a check or host that does not exist.
 */
public final class WaiverFilter {
  private final List<Waiver> waivers;
  private final LocalDate today;
  private final Function<String, List<String>> groupsOf;

  /**
   * @param today the date expiry is judged against (UTC)
   * @param groupsOf the inventory groups of a host name (empty for unknown hosts)
   */
  public WaiverFilter(
      List<Waiver> waivers, LocalDate today, Function<String, List<String>> groupsOf) {
    this.waivers = List.copyOf(waivers);
    this.today = today;
    this.groupsOf = groupsOf;
  }

  public ScanResult apply(ScanResult scan) {
    List<WaiverMark> marks = new ArrayList<>();
    Set<Waiver> used = new LinkedHashSet<>();
    for (HostResult h : scan.hosts()) {
      List<String> groups = groupsOf.apply(h.name());
      Set<String> seen = new LinkedHashSet<>();
      for (Finding f : h.findings()) {
        if ((f.status() != Status.FAIL && f.status() != Status.UNKNOWN) || !seen.add(f.check())) {
          continue;
        }
        WaiverMark mark = match(h.name(), groups, f.check());
        if (mark != null) {
          marks.add(mark);
          used.add(mark.waiver());
        }
      }
    }
    List<Waiver> stale = new ArrayList<>();
    for (Waiver w : waivers) {
      if (!used.contains(w)) {
        stale.add(w);
      }
    }
    return scan.withReview(scan.review().withWaivers(marks, stale));
  }

  /** The first unexpired matching waiver, else the first expired one, else null. */
  private WaiverMark match(String host, List<String> groups, String check) {
    Waiver expired = null;
    for (Waiver w : waivers) {
      if (!Glob.matches(w.check(), check, Glob.WILDCARDS) || !coversHost(w, host, groups)) {
        continue;
      }
      if (!w.expiredOn(today)) {
        return new WaiverMark(host, check, w, false);
      }
      if (expired == null) {
        expired = w;
      }
    }
    return expired == null ? null : new WaiverMark(host, check, expired, true);
  }

  static boolean coversHost(Waiver w, String host, List<String> groups) {
    for (String pattern : w.hosts()) {
      if (Glob.matches(pattern, host, Glob.WILDCARDS)) {
        return true;
      }
      for (String g : groups) {
        if (Glob.matches(pattern, g, Glob.WILDCARDS)) {
          return true;
        }
      }
    }
    return false;
  }
}
