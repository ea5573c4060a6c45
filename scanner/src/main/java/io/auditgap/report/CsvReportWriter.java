package io.auditgap.report;

import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code report.csv}: one row per host × check for spreadsheets (RFC 4180: comma-separated, CRLF
 * line ends, fields with a comma, quote or line break quoted with doubled quotes; UTF-8 without a
 * byte order mark).
 *
 * <p>Columns: {@value #HEADER}. {@code waiver} is the accepted risk ({@code accepted risk:
 * justification (owner, ticket, until date)}) or {@code waiver expired on date (...)}; {@code
 * change} is new, fixed, changed or unchanged when the scan was compared with a baseline. A host
 * that was not assessed gets one row per check of the scan with status {@code not_run} and the
 * host's reason (one row with an empty check when the scan has no checks); a check not evaluated on
 * an assessed host is {@code not_run} too.
 *
 * <p>Cells come from {@link ReportModel} (control characters and bidi overrides already shown as
 * escapes). A cell starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or CR gets a
 * leading {@code '} so that a spreadsheet never evaluates host data as a formula.
 *
 * <p>Next to it, {@code controls.csv} holds the framework view, one row per control ({@value
 * #CONTROLS_HEADER}), with the states of {@link ControlStates}.
 */
public final class CsvReportWriter implements ReportWriter {
  static final String HEADER =
      "host,address,host_status,check,title,severity,status,reason,evidence,references,waiver,change";

  static final String CONTROLS_HEADER = "framework,control,state,reason,checks,gap_hosts";
  static final String CONTROLS_FILE = "controls.csv";

  @Override
  public String format() {
    return "csv";
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    ReportModel.Page page = ReportModel.of(result);
    out.write(HEADER);
    out.write("\r\n");
    for (ReportModel.HostView h : page.hosts()) {
      ReportModel.FindingView[] byCheck = new ReportModel.FindingView[page.checks().size()];
      for (ReportModel.FindingView f : h.findings()) {
        if (byCheck[f.checkIndex()] == null) {
          byCheck[f.checkIndex()] = f;
        }
      }
      if (page.checks().isEmpty()) {
        row(
            out,
            h.name(),
            h.address(),
            h.status(),
            "",
            "",
            "",
            "not_run",
            h.reason(),
            "",
            "",
            "",
            "");
      }
      for (int c = 0; c < byCheck.length; c++) {
        ReportModel.FindingView f = byCheck[c];
        ReportModel.CheckView check = page.checkViews().get(c);
        if (f == null) {
          String reason = h.assessed() ? "check not evaluated on this host" : h.reason();
          row(
              out,
              h.name(),
              h.address(),
              h.status(),
              check.id(),
              check.title(),
              check.severity(),
              "not_run",
              reason,
              "",
              references(check.references()),
              "",
              "");
        } else {
          row(
              out,
              h.name(),
              h.address(),
              h.status(),
              f.check(),
              f.title(),
              f.severity(),
              f.status(),
              f.reason(),
              f.firstLocation(),
              references(f.references().isEmpty() ? check.references() : f.references()),
              f.waiver(),
              f.change());
        }
      }
    }
    out.flush();
  }

  /** Writes {@code report.csv} and, beside it, {@code controls.csv}. */
  @Override
  public Path write(ScanResult result, Path outputDir) throws IOException {
    Path report = ReportWriter.super.write(result, outputDir);
    Path tmp = Files.createTempFile(outputDir, "." + CONTROLS_FILE + ".", ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        writeControls(result, w);
      }
      Files.move(tmp, outputDir.resolve(CONTROLS_FILE), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return report;
  }

  /** The framework view: one row per framework control. */
  public void writeControls(ScanResult result, Writer out) throws IOException {
    out.write(CONTROLS_HEADER);
    out.write("\r\n");
    for (ControlStates.Framework fw : ControlStates.of(result)) {
      for (ControlStates.Control c : fw.controls()) {
        row(
            out,
            fw.name(),
            c.id(),
            c.state(),
            c.reason(),
            String.join(" ", c.checks()),
            String.join(" ", c.gapHosts().values()));
      }
    }
    out.flush();
  }

  static String references(List<ReportModel.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (ReportModel.Reference r : refs) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(r.framework()).append(": ").append(r.ids());
    }
    return sb.toString();
  }

  private static void row(Writer out, String... cells) throws IOException {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(cells[i]));
    }
    out.write("\r\n");
  }

  /** One RFC 4180 field with spreadsheet formula injection neutralised. */
  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty()) {
      char first = v.charAt(0);
      if (first == '='
          || first == '+'
          || first == '-'
          || first == '@'
          || first == '\t'
          || first == '\r') {
        v = "'" + v;
      }
    }
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
