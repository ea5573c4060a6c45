package io.auditgap.report;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The terminal report: one table row per host, then each host's failed and unknown checks with
 * their reasons, then one summary line.
 *
 * <p>All host-provided text goes through {@link TerminalText}, so no escape sequence, control or
 * bidi character from a host reaches the terminal. Colour (SGR sequences only) is emitted only when
 * constructed with {@code ansi = true}; the caller decides that from the TTY and {@code NO_COLOR}.
 */
public final class ConsoleReport implements ReportWriter {
  static final int HOST_COLUMN_MAX = 32;
  static final int TOP_FAILING = 3;
  static final int CHECK_MAX = 60;
  static final int REASON_MAX = 300;

  private static final String RESET = "\u001b[0m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String DIM = "\u001b[2m";
  private static final String BOLD = "\u001b[1m";

  private final boolean ansi;

  public ConsoleReport(boolean ansi) {
    this.ansi = ansi;
  }

  @Override
  public String format() {
    return "console";
  }

  /** A plain-text (never coloured when written to a file) copy of the console report. */
  @Override
  public String fileName() {
    return "report.txt";
  }

  /** Prints to a terminal stream (for example {@code System.out}); flushes, does not close. */
  public void print(ScanResult result, PrintStream out) {
    out.print(render(result));
    out.flush();
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    out.write(render(result));
    out.flush();
  }

  @Override
  public java.nio.file.Path write(ScanResult result, java.nio.file.Path outputDir)
      throws IOException {
    if (ansi) {
      return new ConsoleReport(false).write(result, outputDir);
    }
    return ReportWriter.super.write(result, outputDir);
  }

  /** The whole report as one string (lines end with {@code \n}). */
  public String render(ScanResult result) {
    StringBuilder sb = new StringBuilder();
    header(sb, result);
    table(sb, result);
    details(sb, result);
    controls(sb, result);
    ReviewConsole.section(sb, result.review(), this::style);
    summary(sb, ReportSummary.of(result));
    ReviewConsole.summary(sb, result.review());
    return sb.toString();
  }

  private void header(StringBuilder sb, ScanResult r) {
    sb.append(style(BOLD, "auditgap " + TerminalText.line(r.toolVersion(), TerminalText.NAME_MAX)))
        .append("  inventory ")
        .append(orDash(TerminalText.line(r.inventory(), 200)))
        .append("  profile ")
        .append(orDash(TerminalText.line(r.profile(), TerminalText.NAME_MAX)))
        .append('\n');
    sb.append("scan ")
        .append(r.startedAt() == null ? "-" : r.startedAt().toString())
        .append(" .. ")
        .append(r.finishedAt() == null ? "-" : r.finishedAt().toString())
        .append("\n\n");
  }

  private void table(StringBuilder sb, ScanResult r) {
    List<String> names = new ArrayList<>();
    int nameWidth = "HOST".length();
    for (HostResult h : r.hosts()) {
      String name = orDash(TerminalText.line(h.name(), HOST_COLUMN_MAX));
      names.add(name);
      nameWidth = Math.max(nameWidth, name.codePointCount(0, name.length()));
    }
    int statusWidth = "auth_failed".length();
    sb.append(style(BOLD, pad("HOST", nameWidth)))
        .append("  ")
        .append(style(BOLD, pad("STATUS", statusWidth)))
        .append("  ")
        .append(style(BOLD, " PASS  FAIL  UNKN   N/A"))
        .append("  ")
        .append(style(BOLD, "TOP FAILING"))
        .append('\n');
    for (int i = 0; i < r.hosts().size(); i++) {
      HostResult h = r.hosts().get(i);
      sb.append(pad(names.get(i), nameWidth)).append("  ");
      sb.append(style(hostColour(h.status()), pad(hostStatus(h.status()), statusWidth)))
          .append("  ");
      if (ReportSummary.isAssessed(h.status()) || !h.findings().isEmpty()) {
        Map<Status, Integer> c = ReportSummary.countByStatus(h);
        sb.append(num(c.get(Status.PASS), null))
            .append(num(c.get(Status.FAIL), RED))
            .append(num(c.get(Status.UNKNOWN), YELLOW))
            .append(num(c.get(Status.NOT_APPLICABLE), null));
      } else {
        sb.append("     -     -     -     -");
      }
      sb.append("  ");
      List<Finding> failed = ReportSummary.failedBySeverity(h);
      if (failed.isEmpty()) {
        sb.append('-');
      } else {
        StringJoiner j = new StringJoiner(", ");
        for (int k = 0; k < Math.min(TOP_FAILING, failed.size()); k++) {
          j.add(TerminalText.line(failed.get(k).check(), CHECK_MAX));
        }
        sb.append(j);
        if (failed.size() > TOP_FAILING) {
          sb.append(" +").append(failed.size() - TOP_FAILING);
        }
      }
      sb.append('\n');
    }
    sb.append('\n');
  }

  private void details(StringBuilder sb, ScanResult r) {
    for (HostResult h : r.hosts()) {
      sb.append(style(BOLD, "== " + orDash(TerminalText.line(h.name(), TerminalText.NAME_MAX))));
      String address = TerminalText.line(h.address(), TerminalText.NAME_MAX);
      if (!address.isEmpty()) {
        sb.append(" (").append(address).append(')');
      }
      sb.append(' ').append(style(hostColour(h.status()), hostStatus(h.status())));
      boolean assessed = ReportSummary.isAssessed(h.status());
      // A host that could not be assessed is one line: its status, why, and the fix in full (an
      // ssh-keyscan command cut in the middle is worse than none), not one UNKNOWN per check.
      String reason = TerminalText.line(h.reason(), assessed ? REASON_MAX : TerminalText.TEXT_MAX);
      if (!reason.isEmpty()) {
        sb.append(": ").append(reason);
      }
      sb.append('\n');
      if (!assessed) {
        continue;
      }
      String identity = TerminalText.line(h.identity().describe(), REASON_MAX);
      if (!h.identity().os().isEmpty() || !h.identity().kernel().isEmpty()) {
        sb.append(style(DIM, "   " + identity)).append('\n');
      }
      if (ReportSummary.isContainer(h)) {
        sb.append("   ")
            .append(style(YELLOW, "CONTAINER"))
            .append("  ")
            .append(ReportSummary.CONTAINER_NOTE)
            .append(" (")
            .append(TerminalText.line(h.identity().containment().summary(), REASON_MAX))
            .append(")\n");
      }
      for (RootCauses.Cause c : RootCauses.of(h)) {
        if (c.cause() != null) {
          finding(sb, c.cause(), "   ", r, h.name());
        } else {
          sb.append("   root cause ").append(TerminalText.line(c.check(), CHECK_MAX)).append(":\n");
        }
        if (!c.consequences().isEmpty()) {
          sb.append(
              style(
                  DIM,
                  "     "
                      + c.consequences().size()
                      + " consequence"
                      + (c.consequences().size() == 1 ? "" : "s")
                      + " of "
                      + TerminalText.line(c.check(), CHECK_MAX)
                      + ":"));
          sb.append('\n');
          List<Finding> sorted = new ArrayList<>(c.consequences());
          sorted.sort(
              (a, b) ->
                  Integer.compare(
                      ReportSummary.severityRank(b.severity()),
                      ReportSummary.severityRank(a.severity())));
          for (Finding f : sorted) {
            finding(sb, f, "     ", r, h.name());
          }
        }
      }
      int shown = 0;
      for (Finding f : h.findings()) {
        if (f.status() == Status.UNKNOWN) {
          finding(sb, f, "   ", r, h.name());
          shown++;
        }
      }
      Map<Status, Integer> c = ReportSummary.countByStatus(h);
      if (c.get(Status.FAIL) == 0 && shown == 0) {
        sb.append("   no failed or unknown checks\n");
      }
      int folded = c.get(Status.PASS) + c.get(Status.NOT_APPLICABLE);
      if (folded > 0) {
        sb.append(
            style(
                DIM,
                "   ("
                    + c.get(Status.PASS)
                    + " passed, "
                    + c.get(Status.NOT_APPLICABLE)
                    + " not applicable: folded, see report.json / report.html)"));
        sb.append('\n');
      }
    }
    sb.append('\n');
  }

  private void finding(StringBuilder sb, Finding f, String indent, ScanResult r, String host) {
    String status = f.status() == Status.FAIL ? "FAIL" : "UNKNOWN";
    sb.append(indent)
        .append(style(f.status() == Status.FAIL ? RED : YELLOW, pad(status, 7)))
        .append("  ")
        .append(pad(f.severity() == null ? "-" : f.severity().id(), 8))
        .append("  ")
        .append(orDash(TerminalText.line(f.check(), CHECK_MAX)));
    String title = TerminalText.line(f.title(), 100);
    if (!title.isEmpty()) {
      sb.append(style(DIM, " (" + title + ")"));
    }
    String reason = TerminalText.line(f.reason(), REASON_MAX);
    if (!reason.isEmpty()) {
      sb.append(": ").append(reason);
    }
    sb.append('\n');
    ReviewConsole.finding(sb, r.review(), host, f.check(), this::style);
  }

  private void summary(StringBuilder sb, ReportSummary s) {
    sb.append(style(BOLD, "Summary:"))
        .append(' ')
        .append(s.hosts())
        .append(s.hosts() == 1 ? " host, " : " hosts, ")
        .append(s.assessed())
        .append(" assessed");
    int partial = s.byHostStatus().get(HostStatus.PARTIAL);
    if (partial > 0) {
      sb.append(" (").append(partial).append(" partial)");
    }
    sb.append(", ").append(s.notAssessed()).append(" not assessed");
    StringJoiner not = new StringJoiner(", ", " (", ")");
    not.setEmptyValue("");
    for (Map.Entry<HostStatus, Integer> e : s.byHostStatus().entrySet()) {
      if (!ReportSummary.isAssessed(e.getKey()) && e.getValue() > 0) {
        not.add(e.getValue() + " " + e.getKey().id());
      }
    }
    sb.append(not).append("; gaps: ");
    StringJoiner gaps = new StringJoiner(", ");
    for (Map.Entry<Severity, Integer> e : s.gapsBySeverity().entrySet()) {
      String part = e.getValue() + " " + e.getKey().id();
      gaps.add(e.getValue() > 0 && e.getKey().atLeast(Severity.HIGH) ? style(RED, part) : part);
    }
    sb.append(gaps);
    if (s.gaps() > 0) {
      sb.append(" (")
          .append(s.gaps())
          .append(s.gaps() == 1 ? " gap from " : " gaps from ")
          .append(s.rootCauses())
          .append(s.rootCauses() == 1 ? " root cause)" : " root causes)");
    }
    if (s.containers() > 0) {
      sb.append("; ")
          .append(s.containers())
          .append(s.containers() == 1 ? " container: " : " containers: ")
          .append(ReportSummary.CONTAINER_NOTE);
    }
    sb.append('\n');
  }

  /**
   * One line per framework: its controls by state. {@code ok} needs a passed check; a control whose
   * checks were all not applicable is {@code not assessed}, never ok.
   */
  private void controls(StringBuilder sb, ScanResult r) {
    List<ControlStates.Framework> frameworks = ControlStates.of(r);
    if (frameworks.isEmpty()) {
      return;
    }
    int width = 0;
    for (ControlStates.Framework fw : frameworks) {
      width = Math.max(width, TerminalText.line(fw.name(), 40).length());
    }
    sb.append(style(BOLD, "Controls:")).append('\n');
    for (ControlStates.Framework fw : frameworks) {
      sb.append("  ")
          .append(pad(TerminalText.line(fw.name(), 40), width))
          .append("  ")
          .append(fw.controls().size())
          .append(" controls: ");
      int gap = fw.count(ControlStates.GAP);
      String gapText = gap + " gap";
      sb.append(gap > 0 ? style(RED, gapText) : gapText)
          .append(", ")
          .append(fw.count(ControlStates.UNKNOWN))
          .append(" unknown, ")
          .append(fw.count(ControlStates.NOT_ASSESSED))
          .append(" not assessed, ")
          .append(fw.count(ControlStates.OK))
          .append(" ok\n");
    }
  }

  private static String hostStatus(HostStatus s) {
    return s == null ? "-" : s.id();
  }

  private static String hostColour(HostStatus s) {
    if (s == HostStatus.ASSESSED) {
      return GREEN;
    }
    if (s == HostStatus.PARTIAL) {
      return YELLOW;
    }
    return RED;
  }

  private String num(Integer n, String colour) {
    String text = String.format(Locale.ROOT, "%6d", n == null ? 0 : n);
    return n != null && n > 0 && colour != null ? style(colour, text) : text;
  }

  String style(String sgr, String text) {
    return ansi && sgr != null ? sgr + text + RESET : text;
  }

  private static String orDash(String s) {
    return s.isEmpty() ? "-" : s;
  }

  private static String pad(String s, int width) {
    int len = s.codePointCount(0, s.length());
    return len >= width ? s : s + " ".repeat(width - len);
  }
}
