package io.auditgap.report;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one report model every document format is rendered from ({@code report.ftlh}, {@code
 * report-print.ftlh}, JUnit XML, CSV): immutable records built from a {@link ScanResult} and {@link
 * ReportSettings}, in which every host-provided string is already neutralised ({@link
 * TerminalText}) and capped. Markup escaping is left to the format (FreeMarker auto-escaping, the
 * XML and CSV writers). Only enum ids, numbers and model-made ids go into attributes.
 *
 * <p>Sizes stay linear in hosts × checks: the matrix has one short cell per host and check;
 * remediation and references live once per check ({@link CheckView}) and a finding repeats them
 * only when they differ from the check's.
 */
public final class ReportModel {
  /** Characters of one evidence text shown in documents; the rest is in report.json. */
  public static final int EVIDENCE_TEXT_MAX = 4096;

  /** Evidence items shown per finding. */
  public static final int EVIDENCE_ITEMS_MAX = 50;

  /** Hosts named per framework control; the rest are counted. */
  public static final int CONTROL_HOSTS_MAX = 25;

  /** Check columns per matrix table in the print layout. */
  public static final int PRINT_MATRIX_COLUMNS = 16;

  static final int NAME_MAX = 200;
  static final int TEXT_MAX = 2_000;
  static final int REMEDIATION_MAX = 4_000;
  static final int CHART_BAR_MAX = 320;

  private ReportModel() {}

  public record Page(
      Meta meta,
      Scope scope,
      SummaryView summary,
      Chart chart,
      List<String> checks,
      List<CheckView> checkViews,
      List<Range> matrixParts,
      List<HostView> hosts,
      List<FrameworkView> frameworks,
      Exposure exposure,
      List<AcceptedRisk> acceptedRisks,
      List<UnknownView> unknowns,
      List<HostView> notAssessed,
      ReviewViews.View review) {}

  /**
   * Presentation data: title, branding, paper size, dates.
   *
   * @param date the scan date (yyyy-MM-dd, UTC) for headers
   * @param renderedAt ISO-8601 time of rendering, empty in HTML (kept out for reproducibility)
   */
  public record Meta(
      String title,
      String organisation,
      String logoDataUri,
      String pageSize,
      String date,
      String renderedAt) {}

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
      int hostsWithGaps,
      List<Count> byHostStatus,
      List<Count> findingsByStatus,
      List<Count> gapsBySeverity,
      int rootCauses,
      int containers,
      String containerNote) {}

  public record Count(String id, int count) {}

  public record Chart(int width, int height, List<Bar> bars) {}

  public record Bar(String id, int count, int y, int width, int textY, int countX) {}

  /** A slice {@code [from, to)} of {@link Page#checks}: one matrix table in print. */
  public record Range(int from, int to) {}

  /**
   * One check as it appears across the scan.
   *
   * @param index position in {@link Page#checks}, used for anchors ({@code check-N})
   */
  public record CheckView(
      int index,
      String id,
      String title,
      String severity,
      int pass,
      int fail,
      int unknown,
      int notApplicable,
      String remediation,
      List<Reference> references) {}

  /**
   * One host.
   *
   * @param flags CSS classes for filtering: {@code has-fail}, {@code has-unknown}, {@code
   *     not-assessed}, {@code clean}
   * @param worst the most severe failed check's severity id, or empty
   * @param findings in result order (one per check)
   * @param ordered the same findings, failures first by severity, then unknown, pass, n/a
   */
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
      String flags,
      String worst,
      List<Cell> cells,
      List<FindingView> findings,
      String identity,
      String containment,
      boolean container,
      String hostTime,
      List<CauseView> causes,
      List<FindingView> ordered) {}

  /**
   * One root cause on a host and the failed checks that follow from it.
   *
   * @param consequences check ids of the failures that name this cause
   */
  public record CauseView(
      String check, String severity, boolean failedItself, List<String> consequences) {}

  /**
   * One matrix cell.
   *
   * @param status a status id, or {@code none} (check not evaluated on this host)
   * @param letter one-letter label: P pass, F fail, U unknown, N not applicable, - not run
   */
  public record Cell(String status, String letter) {}

  /**
   * One finding.
   *
   * @param checkIndex the check's index in {@link Page#checks} (anchor {@code check-N})
   * @param remediation the finding's remediation when it differs from its check's, else empty
   * @param references the finding's references when they differ from its check's, else empty
   * @param firstLocation the first evidence location, or empty
   * @param waiver the accepted risk ({@code accepted risk: ...}) or {@code waiver expired on ...},
   *     or empty
   * @param accepted an unexpired waiver covers this finding
   * @param change the change since the baseline ({@code new}, {@code fixed}, ...), or empty
   */
  public record FindingView(
      String check,
      int checkIndex,
      String title,
      String severity,
      String status,
      String statusLabel,
      String reason,
      List<EvidenceView> evidence,
      int hiddenEvidence,
      String remediation,
      List<Reference> references,
      String firstLocation,
      String waiver,
      boolean accepted,
      String change) {}

  public record EvidenceView(
      String location,
      String text,
      String note,
      boolean truncated,
      int shownChars,
      int totalChars) {}

  public record Reference(String framework, String ids) {}

  /** One framework of the per-framework view. */
  public record FrameworkView(
      String key,
      String name,
      List<ControlView> controls,
      int gaps,
      int unknown,
      int notAssessed,
      int ok) {}

  /**
   * One control of a framework: the checks that map to it and the hosts where they fail.
   *
   * @param state {@code gap} (a check fails on some host), {@code unknown} (none fails but some
   *     could not be determined), {@code ok} (one of its checks passed, none failed or is unknown)
   *     or {@code not_assessed} (no check passed: all not applicable or not evaluated); see {@link
   *     ControlStates}
   * @param stateLabel the state for people ({@code not assessed})
   * @param reason why the control is not ok, empty when it is
   * @param gapHosts the first {@link #CONTROL_HOSTS_MAX} hosts with a gap
   * @param moreGapHosts how many more hosts have a gap
   */
  public record ControlView(
      String id,
      String state,
      List<String> checks,
      List<String> failingChecks,
      int gapHostCount,
      List<HostRef> gapHosts,
      int moreGapHosts,
      int unknownHostCount,
      int passHostCount,
      String stateLabel,
      String reason,
      int notApplicableHostCount) {}

  public record HostRef(int index, String name) {}

  /**
   * Results of the network exposure probe. {@code probed} is false until a scan carries them; the
   * documents then say that no probe ran.
   */
  public record Exposure(boolean probed, List<ExposureView> results) {}

  public record ExposureView(
      int hostIndex, String host, String item, String status, String detail) {}

  /** An accepted risk: one waiver and the hosts where it applied ({@link ReviewViews}). */
  public record AcceptedRisk(
      String check, String hosts, String reason, String approvedBy, String expires) {}

  public record UnknownView(
      int hostIndex, String host, String check, int checkIndex, String title, String reason) {}

  /** The model with default settings. */
  public static Page of(ScanResult r) {
    return of(r, ReportSettings.DEFAULT, false);
  }

  /**
   * @param withRenderTime put the effective rendering time into {@link Meta#renderedAt} (PDF)
   */
  public static Page of(ScanResult r, ReportSettings settings, boolean withRenderTime) {
    ReportSummary s = ReportSummary.of(r);

    List<String> checks = new ArrayList<>();
    Map<String, Integer> checkIndex = new LinkedHashMap<>();
    Map<String, Finding> firstFinding = new HashMap<>();
    for (HostResult h : r.hosts()) {
      for (Finding f : h.findings()) {
        String id = TerminalText.line(f.check(), NAME_MAX);
        if (!checkIndex.containsKey(id)) {
          checkIndex.put(id, checks.size());
          checks.add(id);
          firstFinding.put(id, f);
        }
      }
    }
    int[][] checkCounts = new int[checks.size()][Status.values().length];
    List<String> checkRemediation = new ArrayList<>();
    List<List<Reference>> checkRefs = new ArrayList<>();
    for (String id : checks) {
      Finding f = firstFinding.get(id);
      checkRemediation.add(TerminalText.block(f.remediation(), REMEDIATION_MAX));
      checkRefs.add(references(f));
    }

    List<HostView> hosts = new ArrayList<>();
    List<Fingerprint> fingerprints = new ArrayList<>();
    List<UnknownView> unknowns = new ArrayList<>();
    List<ExposureView> exposure = new ArrayList<>();
    List<HostView> notAssessed = new ArrayList<>();
    int hostsWithGaps = 0;
    for (int i = 0; i < r.hosts().size(); i++) {
      HostResult h = r.hosts().get(i);
      String name = TerminalText.line(h.name(), NAME_MAX);
      String fp = TerminalText.line(h.hostKeyFingerprint(), NAME_MAX);
      if (!fp.isEmpty()) {
        fingerprints.add(new Fingerprint(i, name, fp));
      }
      Map<String, Status> byCheck = new HashMap<>();
      List<FindingView> findings = new ArrayList<>();
      Severity worst = null;
      for (Finding f : h.findings()) {
        String check = TerminalText.line(f.check(), NAME_MAX);
        int ci = checkIndex.get(check);
        Status st = f.status() == null ? Status.UNKNOWN : f.status();
        if (byCheck.putIfAbsent(check, st) == null) {
          checkCounts[ci][st.ordinal()]++;
        }
        findings.add(
            finding(f, check, ci, checkRemediation.get(ci), checkRefs.get(ci), r, h.name()));
        if (st == Status.FAIL
            && f.severity() != null
            && (worst == null || f.severity().atLeast(worst))) {
          worst = f.severity();
        }
        if (check.startsWith("exposure.")) {
          exposure.add(
              new ExposureView(i, name, check, st.id(), TerminalText.line(f.reason(), TEXT_MAX)));
        }
        if (st == Status.UNKNOWN) {
          unknowns.add(
              new UnknownView(
                  i,
                  name,
                  check,
                  ci,
                  TerminalText.line(f.title(), NAME_MAX),
                  TerminalText.line(f.reason(), TEXT_MAX)));
        }
      }
      // Failures first, most severe first; then unknowns; passes and not-applicable last.
      List<FindingView> ordered = new ArrayList<>(findings);
      ordered.sort(
          (a, b) -> {
            int c = Integer.compare(statusRank(a.status()), statusRank(b.status()));
            return c != 0
                ? c
                : Integer.compare(severityRank(b.severity()), severityRank(a.severity()));
          });
      List<Cell> cells = new ArrayList<>(checks.size());
      for (String check : checks) {
        cells.add(cell(byCheck.get(check)));
      }
      Map<Status, Integer> counts = ReportSummary.countByStatus(h);
      boolean assessed = ReportSummary.isAssessed(h.status());
      StringBuilder flags = new StringBuilder();
      if (counts.get(Status.FAIL) > 0) {
        flags.append("has-fail ");
        hostsWithGaps++;
      }
      if (counts.get(Status.UNKNOWN) > 0) {
        flags.append("has-unknown ");
      }
      if (!assessed) {
        flags.append("not-assessed ");
      }
      if (flags.length() == 0) {
        flags.append("clean ");
      }
      HostView view =
          new HostView(
              i,
              name,
              TerminalText.line(h.address(), NAME_MAX),
              h.status() == null ? "error" : h.status().id(),
              assessed,
              TerminalText.line(h.reason(), TEXT_MAX),
              fp,
              collection(h.stats()),
              counts.get(Status.PASS),
              counts.get(Status.FAIL),
              counts.get(Status.UNKNOWN),
              counts.get(Status.NOT_APPLICABLE),
              flags.toString().strip(),
              worst == null ? "" : worst.id(),
              List.copyOf(cells),
              List.copyOf(findings),
              TerminalText.line(h.identity().describe(), TEXT_MAX),
              h.identity().containment() == null
                  ? ""
                  : TerminalText.line(h.identity().containment().summary(), TEXT_MAX),
              ReportSummary.isContainer(h),
              TerminalText.line(h.identity().hostTime(), NAME_MAX),
              causes(h),
              List.copyOf(ordered));
      hosts.add(view);
      if (!view.assessed()) {
        notAssessed.add(view);
      }
    }

    List<CheckView> checkViews = new ArrayList<>();
    for (int c = 0; c < checks.size(); c++) {
      Finding f = firstFinding.get(checks.get(c));
      checkViews.add(
          new CheckView(
              c,
              checks.get(c),
              TerminalText.line(f.title(), NAME_MAX),
              f.severity() == null ? "info" : f.severity().id(),
              checkCounts[c][Status.PASS.ordinal()],
              checkCounts[c][Status.FAIL.ordinal()],
              checkCounts[c][Status.UNKNOWN.ordinal()],
              checkCounts[c][Status.NOT_APPLICABLE.ordinal()],
              checkRemediation.get(c),
              checkRefs.get(c)));
    }
    List<Range> parts = new ArrayList<>();
    for (int from = 0; from < checks.size(); from += PRINT_MATRIX_COLUMNS) {
      parts.add(new Range(from, Math.min(checks.size(), from + PRINT_MATRIX_COLUMNS)));
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
            List.copyOf(fingerprints));

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
        new SummaryView(
            s.hosts(),
            s.assessed(),
            s.notAssessed(),
            s.gaps(),
            hostsWithGaps,
            List.copyOf(byHost),
            List.copyOf(byStatus),
            List.copyOf(gaps),
            s.rootCauses(),
            s.containers(),
            ReportSummary.CONTAINER_NOTE);
    ReviewViews.View review = ReviewViews.of(r);
    return new Page(
        meta(r, settings, withRenderTime),
        scope,
        summary,
        chart(gaps),
        List.copyOf(checks),
        List.copyOf(checkViews),
        List.copyOf(parts),
        List.copyOf(hosts),
        frameworks(r),
        new Exposure(!exposure.isEmpty(), List.copyOf(exposure)),
        review.accepted(),
        List.copyOf(unknowns),
        List.copyOf(notAssessed),
        review);
  }

  private static Meta meta(ScanResult r, ReportSettings settings, boolean withRenderTime) {
    String title =
        settings.title() == null || settings.title().isBlank()
            ? ReportSettings.DEFAULT_TITLE
            : settings.title();
    Instant when = r.startedAt() != null ? r.startedAt() : r.finishedAt();
    return new Meta(
        TerminalText.line(title, NAME_MAX),
        TerminalText.line(settings.organisation(), NAME_MAX),
        settings.logo() == null ? "" : settings.logo().dataUri(),
        settings.pageSize().css(),
        when == null ? "" : when.toString().substring(0, 10),
        withRenderTime ? settings.effectiveRenderedAt().toString() : "");
  }

  private static int statusRank(String status) {
    return switch (status) {
      case "fail" -> 0;
      case "unknown" -> 1;
      case "pass" -> 2;
      default -> 3;
    };
  }

  private static int severityRank(String severity) {
    for (Severity s : Severity.values()) {
      if (s.id().equals(severity)) {
        return s.ordinal();
      }
    }
    return -1;
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

  private static final Cell PASS_CELL = new Cell("pass", "P");
  private static final Cell FAIL_CELL = new Cell("fail", "F");
  private static final Cell UNKNOWN_CELL = new Cell("unknown", "U");
  private static final Cell NA_CELL = new Cell("not_applicable", "N");
  private static final Cell NONE_CELL = new Cell("none", "-");

  static Cell cell(Status st) {
    if (st == null) {
      return NONE_CELL;
    }
    switch (st) {
      case PASS:
        return PASS_CELL;
      case FAIL:
        return FAIL_CELL;
      case NOT_APPLICABLE:
        return NA_CELL;
      default:
        return UNKNOWN_CELL;
    }
  }

  private static List<Reference> references(Finding f) {
    List<Reference> refs = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : new TreeMap<>(f.references()).entrySet()) {
      refs.add(
          new Reference(
              TerminalText.line(e.getKey(), NAME_MAX),
              TerminalText.line(String.join(", ", e.getValue()), TEXT_MAX)));
    }
    return List.copyOf(refs);
  }

  private static FindingView finding(
      Finding f,
      String check,
      int ci,
      String checkRemediation,
      List<Reference> checkRefs,
      ScanResult r,
      String host) {
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
    String remediation = TerminalText.block(f.remediation(), REMEDIATION_MAX);
    List<Reference> refs = references(f);
    Status st = f.status() == null ? Status.UNKNOWN : f.status();
    String first = "";
    for (Evidence e : f.evidence()) {
      if (!e.location().isEmpty()) {
        first = TerminalText.line(e.location(), 500);
        break;
      }
    }
    return new FindingView(
        check,
        ci,
        TerminalText.line(f.title(), NAME_MAX),
        f.severity() == null ? "info" : f.severity().id(),
        st.id(),
        statusLabel(st),
        TerminalText.line(f.reason(), TEXT_MAX),
        List.copyOf(evidence),
        f.evidence().size() - shown,
        remediation.equals(checkRemediation) ? "" : remediation,
        refs.equals(checkRefs) ? List.of() : refs,
        first,
        r.review()
            .waiver(host, f.check())
            .map(m -> TerminalText.line(m.describe(), TEXT_MAX))
            .orElse(""),
        r.review().accepted(host, f.check()),
        r.review().change(host, f.check()).map(c -> c.id()).orElse(""));
  }

  /** Display name of a reference framework key ({@code pci_dss_4} is PCI DSS). */
  static String frameworkName(String key) {
    return ControlStates.frameworkName(key);
  }

  private static List<FrameworkView> frameworks(ScanResult r) {
    List<FrameworkView> out = new ArrayList<>();
    for (ControlStates.Framework fw : ControlStates.of(r)) {
      List<ControlView> controls = new ArrayList<>();
      for (ControlStates.Control c : fw.controls()) {
        List<HostRef> shown = new ArrayList<>();
        for (Map.Entry<Integer, String> h : c.gapHosts().entrySet()) {
          if (shown.size() == CONTROL_HOSTS_MAX) {
            break;
          }
          shown.add(new HostRef(h.getKey(), h.getValue()));
        }
        controls.add(
            new ControlView(
                c.id(),
                c.state(),
                c.checks(),
                c.failingChecks(),
                c.gapHosts().size(),
                List.copyOf(shown),
                c.gapHosts().size() - shown.size(),
                c.unknownHosts(),
                c.passHosts(),
                c.state().replace('_', ' '),
                TerminalText.line(c.reason(), TEXT_MAX),
                c.notApplicableHosts()));
      }
      out.add(
          new FrameworkView(
              fw.key(),
              fw.name(),
              List.copyOf(controls),
              fw.count(ControlStates.GAP),
              fw.count(ControlStates.UNKNOWN),
              fw.count(ControlStates.NOT_ASSESSED),
              fw.count(ControlStates.OK)));
    }
    return List.copyOf(out);
  }

  private static List<CauseView> causes(HostResult h) {
    List<CauseView> out = new ArrayList<>();
    for (RootCauses.Cause c : RootCauses.of(h)) {
      List<String> consequences = new ArrayList<>();
      for (Finding f : c.consequences()) {
        consequences.add(TerminalText.line(f.check(), NAME_MAX));
      }
      out.add(
          new CauseView(
              TerminalText.line(c.check(), NAME_MAX),
              c.severity() == null ? "info" : c.severity().id(),
              c.cause() != null,
              List.copyOf(consequences)));
    }
    return List.copyOf(out);
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
    return new Chart(
        labelWidth + CHART_BAR_MAX + 60, gaps.size() * (barHeight + gap), List.copyOf(bars));
  }
}
