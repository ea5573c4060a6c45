package io.auditgap.report;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The failed checks of a host grouped under the one missing thing that makes them fail, so that a
 * host without auditd reads as one cause with its consequences rather than a dozen independent
 * gaps. A failed check names its cause in {@link Finding#rootCause()}; one that names none is its
 * own cause. Counted per host: each host needs its own fix.
 */
public final class RootCauses {
  /**
   * One cause on one host.
   *
   * @param check the cause's check id
   * @param cause the cause's own failed finding, or null when the cause check did not fail here
   *     (not run under the profile): its consequences still name it
   * @param consequences the failed findings that name {@code check} as their root cause
   * @param severity the most severe of the cause and its consequences
   */
  public record Cause(String check, Finding cause, List<Finding> consequences, Severity severity) {
    public Cause {
      consequences = List.copyOf(consequences);
    }

    /** The gaps this cause accounts for: its own failure and its consequences. */
    public int gaps() {
      return (cause == null ? 0 : 1) + consequences.size();
    }
  }

  private RootCauses() {}

  /** The host's causes, most severe first, then in result order. */
  public static List<Cause> of(HostResult h) {
    Map<String, Finding> own = new LinkedHashMap<>();
    Map<String, List<Finding>> consequences = new LinkedHashMap<>();
    for (Finding f : h.findings()) {
      if (!f.isGap()) {
        continue;
      }
      String key = f.rootCause().isEmpty() ? f.check() : f.rootCause();
      if (f.rootCause().isEmpty()) {
        own.putIfAbsent(key, f);
      } else {
        consequences.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
      }
      consequences.computeIfAbsent(key, k -> new ArrayList<>());
    }
    List<Cause> out = new ArrayList<>();
    for (Map.Entry<String, List<Finding>> e : consequences.entrySet()) {
      Finding cause = own.get(e.getKey());
      Severity worst = cause == null ? null : cause.severity();
      for (Finding f : e.getValue()) {
        if (f.severity() != null && (worst == null || f.severity().atLeast(worst))) {
          worst = f.severity();
        }
      }
      out.add(new Cause(e.getKey(), cause, e.getValue(), worst));
    }
    out.sort(
        (a, b) ->
            Integer.compare(
                ReportSummary.severityRank(b.severity()),
                ReportSummary.severityRank(a.severity())));
    return List.copyOf(out);
  }

  /** Distinct root causes over all hosts (a cause on two hosts counts twice: two fixes). */
  public static int count(ScanResult r) {
    int n = 0;
    for (HostResult h : r.hosts()) {
      n += of(h).size();
    }
    return n;
  }
}
