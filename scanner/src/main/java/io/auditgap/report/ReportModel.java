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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

  /** Frameworks of the per-framework view, in display order, by reference-key prefix. */
  private static final String[][] FRAMEWORKS = {
    {"soc2", "SOC 2"},
    {"soc_2", "SOC 2"},
    {"iso27001", "ISO 27001"},
    {"iso_27001", "ISO 27001"},
    {"hipaa", "HIPAA"},
    {"pci", "PCI DSS"},
    {"nist", "NIST 800-53"},
    {"cis", "CIS"},
    {"stig", "DISA STIG"},
  };

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
      List<Count> gapsBySeverity) {}

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
      List<FindingView> findings) {}

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
  public record FrameworkView(String key, String name, List<ControlView> controls, int gaps) {}

  /**
   * One control of a framework: the checks that map to it and the hosts where they fail.
   *
   * @param state {@code gap} (a check fails on some host), {@code unknown} (none fails but some
   *     could not be determined) or {@code ok}
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
      int passHostCount) {}

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
    FrameworkCollector frameworks = new FrameworkCollector();
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
        frameworks.add(f, st, i, name, check);
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
              List.copyOf(findings));
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
            List.copyOf(gaps));
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
        frameworks.views(),
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
    String k = key.toLowerCase(Locale.ROOT);
    for (String[] f : FRAMEWORKS) {
      if (k.startsWith(f[0])) {
        return f[1];
      }
    }
    return key;
  }

  private static int frameworkRank(String name) {
    for (int i = 0; i < FRAMEWORKS.length; i++) {
      if (FRAMEWORKS[i][1].equals(name)) {
        return i;
      }
    }
    return FRAMEWORKS.length;
  }

  /** Gathers framework → control → (checks, hosts by state) in first-seen order. */
  private static final class FrameworkCollector {
    private final Map<String, Map<String, Control>> byFramework = new LinkedHashMap<>();

    private static final class Control {
      final Set<String> checks = new LinkedHashSet<>();
      final Set<String> failing = new LinkedHashSet<>();
      final Map<Integer, String> gap = new LinkedHashMap<>();
      final Set<Integer> unknown = new LinkedHashSet<>();
      final Set<Integer> pass = new LinkedHashSet<>();
    }

    void add(Finding f, Status st, int host, String hostName, String check) {
      for (Map.Entry<String, List<String>> e : new TreeMap<>(f.references()).entrySet()) {
        String fw = frameworkName(TerminalText.line(e.getKey(), NAME_MAX));
        Map<String, Control> controls = byFramework.computeIfAbsent(fw, k -> new TreeMap<>());
        for (String id : e.getValue()) {
          Control c = controls.computeIfAbsent(TerminalText.line(id, NAME_MAX), k -> new Control());
          c.checks.add(check);
          if (st == Status.FAIL) {
            c.failing.add(check);
            c.gap.putIfAbsent(host, hostName);
          } else if (st == Status.UNKNOWN) {
            c.unknown.add(host);
          } else if (st == Status.PASS) {
            c.pass.add(host);
          }
        }
      }
    }

    List<FrameworkView> views() {
      List<String> names = new ArrayList<>(byFramework.keySet());
      names.sort(
          (a, b) -> {
            int c = Integer.compare(frameworkRank(a), frameworkRank(b));
            return c != 0 ? c : a.compareTo(b);
          });
      List<FrameworkView> out = new ArrayList<>();
      for (String name : names) {
        List<ControlView> controls = new ArrayList<>();
        int gaps = 0;
        for (Map.Entry<String, Control> e : byFramework.get(name).entrySet()) {
          Control c = e.getValue();
          List<HostRef> shown = new ArrayList<>();
          for (Map.Entry<Integer, String> h : c.gap.entrySet()) {
            if (shown.size() == CONTROL_HOSTS_MAX) {
              break;
            }
            shown.add(new HostRef(h.getKey(), h.getValue()));
          }
          String state = !c.gap.isEmpty() ? "gap" : !c.unknown.isEmpty() ? "unknown" : "ok";
          if (!c.gap.isEmpty()) {
            gaps++;
          }
          controls.add(
              new ControlView(
                  e.getKey(),
                  state,
                  List.copyOf(c.checks),
                  List.copyOf(c.failing),
                  c.gap.size(),
                  List.copyOf(shown),
                  c.gap.size() - shown.size(),
                  c.unknown.size(),
                  c.pass.size()));
        }
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        out.add(new FrameworkView(key, name, List.copyOf(controls), gaps));
      }
      return List.copyOf(out);
    }
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
