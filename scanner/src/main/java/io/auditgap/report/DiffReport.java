package io.auditgap.report;

import io.auditgap.json.Json;
import io.auditgap.review.Comparison;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code auditgap diff}: the comparison of two saved scans on the console, as {@code diff.json} and
 * as {@code diff.html}. {@code current} carries the comparison in its review (as {@code scan
 * --baseline} makes it), so the documents show exactly what the scan reports show.
 */
public final class DiffReport {
  public static final String TEMPLATE = "diff.ftlh";

  private final Templates templates;
  private final boolean ansi;

  public DiffReport(Path userTemplatesDir, boolean ansi) {
    this.templates = new Templates(userTemplatesDir);
    this.ansi = ansi;
  }

  /** The console text. */
  public String console(ScanResult current, String currentLabel) {
    StringBuilder sb = new StringBuilder();
    sb.append("auditgap diff: ")
        .append(TerminalText.line(comparison(current).baseline(), 500))
        .append(" -> ")
        .append(TerminalText.line(currentLabel, 500))
        .append('\n');
    ReviewConsole.section(sb, current.review(), new ConsoleReport(ansi)::style);
    if (current.review().comparison().map(c -> c.changes().isEmpty()).orElse(true)
        && comparison(current).hostsAdded().isEmpty()
        && comparison(current).hostsRemoved().isEmpty()) {
      sb.append("no change\n");
    }
    return sb.toString();
  }

  /** {@code diff.json}: both scans' times and the comparison (as in report.json's baseline). */
  public void json(ScanResult current, String currentLabel, Writer out) throws IOException {
    Json.write(
        new DiffJson(
            JsonReportWriter.SCHEMA_VERSION,
            new ReportJson.Tool(JsonReportWriter.TOOL_NAME, current.toolVersion()),
            new DiffJson.Current(currentLabel, current.startedAt()),
            BaselineJson.of(comparison(current))),
        out);
  }

  /** {@code diff.html}, rendered from {@value #TEMPLATE}. */
  public void html(ScanResult current, Writer out) throws IOException {
    templates.render(TEMPLATE, ReportModel.of(current), out);
  }

  /** Writes {@code diff.json} or {@code diff.html} into {@code dir}; returns the file. */
  public Path write(ScanResult current, String currentLabel, String format, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("diff." + format);
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      if (format.equals("json")) {
        json(current, currentLabel, w);
      } else {
        html(current, w);
      }
    }
    return file;
  }

  private static Comparison comparison(ScanResult current) {
    return current
        .review()
        .comparison()
        .orElseThrow(() -> new IllegalArgumentException("the scan carries no comparison"));
  }
}
