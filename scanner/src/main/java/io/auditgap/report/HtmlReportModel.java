package io.auditgap.report;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data model of {@code report.ftlh}: plain records built from a {@link ScanResult} in which
 * every host-provided string is already neutralised ({@link TerminalText}) and capped. HTML
 * escaping is left to FreeMarker's auto-escaping. Only enum ids and numbers are meant to go into
 * attributes.
 */
public final class HtmlReportModel {
  /** Characters of one evidence text shown in HTML; the rest is in report.json. */
  public static final int EVIDENCE_TEXT_MAX = 4096;

  /** Evidence items shown per finding. */
  public static final int EVIDENCE_ITEMS_MAX = 50;

  static final int NAME_MAX = 200;
  static final int TEXT_MAX = 2_000;
  static final int REMEDIATION_MAX = 4_000;
  static final int CHART_BAR_MAX = 320;

  private HtmlReportModel() {}

  public record Page(
      Scope scope,
      SummaryView summary,
      Chart chart,
      List<String> checks,
      List<HostView> hosts,
      List<UnknownView> unknowns,
      List<HostView> notAssessed) {}

  public record Scope(
      String tool,
      String toolVersion,
      String inventory,
      String profile,
      String startedAt,
      String finishedAt,
      String duration,
      int hosts,
      List<Fingerprint> fingerprints) {}

  public record Fingerprint(int hostIndex, String host, String fingerprint) {}

  public record SummaryView(
      int hosts,
      int assessed,
      int notAssessed,
      int gaps,
      List<Count> byHostStatus,
      List<Count> findingsByStatus,
      List<Count> gapsBySeverity) {}

  public record Count(String id, int count) {}

  public record Chart(int width, int height, List<Bar> bars) {}

  public record Bar(String id, int count, int y, int width, int textY, int countX) {}

  public record HostView(
      int index,
      String name,
      String address,
      String status,
      boolean assessed,
      String reason,
      String fingerprint,
      String collection,
      int pass,
      int fail,
      int unknown,
      int notApplicable,
      List<Cell> cells,
      List<FindingView> findings) {}

  /** One matrix cell; {@code status} is a status id or {@code none} (check not evaluated). */
  public record Cell(String status, String label, String check) {}

  public record FindingView(
      String check,
      String title,
      String severity,
      String status,
      String statusLabel,
      String reason,
      List<EvidenceView> evidence,
      int hiddenEvidence,
      String remediation,
      List<Reference> references) {}

  public record EvidenceView(
      String location,
      String text,
      String note,
      boolean truncated,
      int shownChars,
      int totalChars) {}

  public record Reference(String framework, String ids) {}

  public record UnknownView(
      int hostIndex, String host, String check, String title, String reason) {}

  public static Page of(ScanResult r) {
    ReportSummary s = ReportSummary.of(r);

    List<String> checks = new ArrayList<>();
    Map<String, Integer> checkIndex = new LinkedHashMap<>();
    for (HostResult h : r.hosts()) {
      for (Finding f : h.findings()) {
        String id = TerminalText.line(f.check(), NAME_MAX);
        if (!checkIndex.containsKey(id)) {
          checkIndex.put(id, checks.size());
          checks.add(id);
        }
      }
    }

    List<HostView> hosts = new ArrayList<>();
    List<Fingerprint> fingerprints = new ArrayList<>();
    List<UnknownView> unknowns = new ArrayList<>();
    List<HostView> notAssessed = new ArrayList<>();
    for (int i = 0; i < r.hosts().size(); i++) {
      HostResult h = r.hosts().get(i);
      String name = TerminalText.line(h.name(), NAME_MAX);
      String fp = TerminalText.line(h.hostKeyFingerprint(), NAME_MAX);
      if (!fp.isEmpty()) {
        fingerprints.add(new Fingerprint(i, name, fp));
      }
      Map<String, Status> byCheck = new HashMap<>();
      List<FindingView> findings = new ArrayList<>();
      for (Finding f : h.findings()) {
        String check = TerminalText.line(f.check(), NAME_MAX);
        byCheck.putIfAbsent(check, f.status());
        findings.add(finding(f, check));
        if (f.status() == Status.UNKNOWN) {
          unknowns.add(
              new UnknownView(
                  i,
                  name,
                  check,
                  TerminalText.line(f.title(), NAME_MAX),
                  TerminalText.line(f.reason(), TEXT_MAX)));
        }
      }
      List<Cell> cells = new ArrayList<>();
      for (String check : checks) {
        Status st = byCheck.get(check);
        cells.add(
            st == null
                ? new Cell("none", "not run", check)
                : new Cell(st.id(), statusLabel(st), check));
      }
      Map<Status, Integer> counts = ReportSummary.countByStatus(h);
      HostView view =
          new HostView(
              i,
              name,
              TerminalText.line(h.address(), NAME_MAX),
              h.status() == null ? "error" : h.status().id(),
              ReportSummary.isAssessed(h.status()),
              TerminalText.line(h.reason(), TEXT_MAX),
              fp,
              collection(h.stats()),
              counts.get(Status.PASS),
              counts.get(Status.FAIL),
              counts.get(Status.UNKNOWN),
              counts.get(Status.NOT_APPLICABLE),
              cells,
              findings);
      hosts.add(view);
      if (!view.assessed()) {
        notAssessed.add(view);
      }
    }

    Scope scope =
        new Scope(
            JsonReportWriter.TOOL_NAME,
            TerminalText.line(r.toolVersion(), NAME_MAX),
            TerminalText.line(r.inventory(), TEXT_MAX),
            TerminalText.line(r.profile(), NAME_MAX),
            r.startedAt() == null ? "" : r.startedAt().toString(),
            r.finishedAt() == null ? "" : r.finishedAt().toString(),
            duration(r),
            r.hosts().size(),
            fingerprints);

    List<Count> byHost = new ArrayList<>();
    for (Map.Entry<HostStatus, Integer> e : s.byHostStatus().entrySet()) {
      byHost.add(new Count(e.getKey().id(), e.getValue()));
    }
    List<Count> byStatus = new ArrayList<>();
    for (Map.Entry<Status, Integer> e : s.findingsByStatus().entrySet()) {
      byStatus.add(new Count(e.getKey().id(), e.getValue()));
    }
    List<Count> gaps = new ArrayList<>();
    for (Map.Entry<Severity, Integer> e : s.gapsBySeverity().entrySet()) {
      gaps.add(new Count(e.getKey().id(), e.getValue()));
    }
    SummaryView summary =
        new SummaryView(s.hosts(), s.assessed(), s.notAssessed(), s.gaps(), byHost, byStatus, gaps);
    return new Page(scope, summary, chart(gaps), checks, hosts, unknowns, notAssessed);
  }

  static String statusLabel(Status s) {
    switch (s) {
      case PASS:
        return "PASS";
      case FAIL:
        return "FAIL";
      case NOT_APPLICABLE:
        return "N/A";
      default:
        return "UNKNOWN";
    }
  }

  private static FindingView finding(Finding f, String check) {
    List<EvidenceView> evidence = new ArrayList<>();
    int shown = Math.min(EVIDENCE_ITEMS_MAX, f.evidence().size());
    for (int k = 0; k < shown; k++) {
      Evidence e = f.evidence().get(k);
      TerminalText.Clipped text = TerminalText.clip(e.text(), EVIDENCE_TEXT_MAX, true);
      evidence.add(
          new EvidenceView(
              TerminalText.line(e.location(), 500),
              text.text(),
              TerminalText.line(e.note(), TEXT_MAX),
              text.truncated(),
              e.text().length() - text.omittedChars(),
              e.text().length()));
    }
    List<Reference> refs = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : new TreeMap<>(f.references()).entrySet()) {
      refs.add(
          new Reference(
              TerminalText.line(e.getKey(), NAME_MAX),
              TerminalText.line(String.join(", ", e.getValue()), TEXT_MAX)));
    }
    Status st = f.status() == null ? Status.UNKNOWN : f.status();
    return new FindingView(
        check,
        TerminalText.line(f.title(), NAME_MAX),
        f.severity() == null ? "info" : f.severity().id(),
        st.id(),
        statusLabel(st),
        TerminalText.line(f.reason(), TEXT_MAX),
        evidence,
        f.evidence().size() - shown,
        TerminalText.block(f.remediation(), REMEDIATION_MAX),
        refs);
  }

  private static String collection(CollectionStats st) {
    if (st == null) {
      return "";
    }
    return st.bytes()
        + " bytes, "
        + st.items()
        + " items, "
        + st.execChannels()
        + " exec channel"
        + (st.execChannels() == 1 ? "" : "s")
        + ", "
        + st.durationMillis()
        + " ms";
  }

  private static String duration(ScanResult r) {
    if (r.startedAt() == null || r.finishedAt() == null) {
      return "";
    }
    Duration d = Duration.between(r.startedAt(), r.finishedAt());
    return d.isNegative() ? "" : d.toMillis() / 1000 + " s";
  }

  private static Chart chart(List<Count> gaps) {
    int max = 0;
    for (Count c : gaps) {
      max = Math.max(max, c.count());
    }
    List<Bar> bars = new ArrayList<>();
    int barHeight = 18;
    int gap = 6;
    int labelWidth = 70;
    for (int i = 0; i < gaps.size(); i++) {
      Count c = gaps.get(i);
      int width = max == 0 ? 0 : Math.max(c.count() > 0 ? 2 : 0, c.count() * CHART_BAR_MAX / max);
      int y = i * (barHeight + gap);
      bars.add(new Bar(c.id(), c.count(), y, width, y + 13, labelWidth + width + 6));
    }
    return new Chart(labelWidth + CHART_BAR_MAX + 60, gaps.size() * (barHeight + gap), bars);
  }
}
