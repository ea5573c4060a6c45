package io.auditgap.report;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures every report format shows, computed once from a {@link ScanResult} so the formats agree.
 *
 * <p>A host counts as <em>assessed</em> when its checks were evaluated ({@code assessed} or {@code
 * partial}); every other status ({@code unreachable}, {@code untrusted}, {@code auth_failed},
 * {@code error}) counts as <em>not assessed</em>. A gap is a failed finding ({@link
 * Finding#isGap()}).
 */
public record ReportSummary(
    int hosts,
    int assessed,
    int notAssessed,
    Map<HostStatus, Integer> byHostStatus,
    Map<Status, Integer> findingsByStatus,
    Map<Severity, Integer> gapsBySeverity,
    int rootCauses,
    int containers) {

  /**
   * What a container's report says instead of "0 gaps": its kernel-side auditing was not judged.
   */
  public static final String CONTAINER_NOTE =
      "session auditing is delegated to the container's host, which this scan did not assess (not"
          + " assessed here: scan the container host)";

  public ReportSummary {
    byHostStatus = Collections.unmodifiableMap(new EnumMap<>(byHostStatus));
    findingsByStatus = Collections.unmodifiableMap(new EnumMap<>(findingsByStatus));
    gapsBySeverity = Collections.unmodifiableMap(descending(gapsBySeverity));
  }

  public static ReportSummary of(ScanResult result) {
    Map<HostStatus, Integer> byHost = new EnumMap<>(HostStatus.class);
    for (HostStatus s : HostStatus.values()) {
      byHost.put(s, 0);
    }
    Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      byStatus.put(s, 0);
    }
    Map<Severity, Integer> gaps = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      gaps.put(s, 0);
    }
    int assessed = 0;
    int containers = 0;
    for (HostResult h : result.hosts()) {
      if (isContainer(h)) {
        containers++;
      }
      if (h.status() != null) {
        byHost.merge(h.status(), 1, Integer::sum);
      }
      if (isAssessed(h.status())) {
        assessed++;
      }
      for (Finding f : h.findings()) {
        if (f.status() != null) {
          byStatus.merge(f.status(), 1, Integer::sum);
        }
        if (f.isGap() && f.severity() != null) {
          gaps.merge(f.severity(), 1, Integer::sum);
        }
      }
    }
    int total = result.hosts().size();
    return new ReportSummary(
        total,
        assessed,
        total - assessed,
        byHost,
        byStatus,
        gaps,
        RootCauses.count(result),
        containers);
  }

  /** True when the host was judged a container: its kernel checks are not applicable. */
  public static boolean isContainer(HostResult h) {
    return h.identity().containment() != null && h.identity().containment().container();
  }

  /** True for {@code assessed} and {@code partial}: the host's checks were evaluated. */
  public static boolean isAssessed(HostStatus status) {
    return status == HostStatus.ASSESSED || status == HostStatus.PARTIAL;
  }

  public int gaps() {
    return gapsBySeverity.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Per-host finding counts by status, every status present. */
  public static Map<Status, Integer> countByStatus(HostResult host) {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    for (Finding f : host.findings()) {
      if (f.status() != null) {
        counts.merge(f.status(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The host's failed findings, most severe first, then in result order. */
  public static List<Finding> failedBySeverity(HostResult host) {
    List<Finding> failed = new ArrayList<>();
    for (Finding f : host.findings()) {
      if (f.isGap()) {
        failed.add(f);
      }
    }
    failed.sort((a, b) -> Integer.compare(severityRank(b.severity()), severityRank(a.severity())));
    return failed;
  }

  static int severityRank(Severity s) {
    return s == null ? -1 : s.ordinal();
  }

  private static Map<Severity, Integer> descending(Map<Severity, Integer> in) {
    Map<Severity, Integer> out = new LinkedHashMap<>();
    Severity[] all = Severity.values();
    for (int i = all.length - 1; i >= 0; i--) {
      out.put(all[i], in.getOrDefault(all[i], 0));
    }
    return out;
  }
}
