package io.auditgap.report;

import io.auditgap.text.TerminalText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report writers by format name ({@code console}, {@code json}, {@code html}, {@code pdf},
 * {@code junit}, {@code csv}).
 */
public final class ReportWriters {
  /**
   * The format names of {@link #standard}, in its order: what a command line may ask for, known
   * without making the writers (the JSON and PDF writers' set-up is tens of milliseconds of a
   * command's start).
   */
  public static final List<String> STANDARD_FORMATS =
      List.of("console", "json", "html", "pdf", "junit", "csv", "sarif");

  private final Map<String, ReportWriter> byFormat;

  public ReportWriters(List<ReportWriter> writers) {
    Map<String, ReportWriter> map = new LinkedHashMap<>();
    for (ReportWriter w : writers) {
      String key = w.format().toLowerCase(Locale.ROOT);
      if (map.putIfAbsent(key, w) != null) {
        throw new IllegalArgumentException("duplicate report format: " + key);
      }
    }
    this.byFormat = map;
  }

  /**
   * The standard writers.
   *
   * @param ansi colour the console report (the caller decides from TTY and {@code NO_COLOR})
   * @param userTemplatesDir a directory whose templates override the bundled ones, or null
   */
  public static ReportWriters standard(boolean ansi, Path userTemplatesDir) {
    return standard(ansi, userTemplatesDir, ReportSettings.DEFAULT);
  }

  /**
   * The standard writers: console, json, html, pdf, junit, csv, sarif.
   *
   * @param settings title, branding, page size and PDF timestamp for html and pdf
   */
  public static ReportWriters standard(
      boolean ansi, Path userTemplatesDir, ReportSettings settings) {
    return new ReportWriters(
        List.of(
            new ConsoleReport(ansi),
            new JsonReportWriter(),
            new HtmlReportWriter(userTemplatesDir, settings),
            new PdfReportWriter(userTemplatesDir, settings),
            new JunitReportWriter(),
            new CsvReportWriter(),
            new SarifReportWriter()));
  }

  /** The writers in registration order. */
  public List<ReportWriter> all() {
    return new ArrayList<>(byFormat.values());
  }

  /** Format names in registration order. */
  public List<String> formats() {
    return new ArrayList<>(byFormat.keySet());
  }

  public Optional<ReportWriter> find(String format) {
    return format == null
        ? Optional.empty()
        : Optional.ofNullable(byFormat.get(format.trim().toLowerCase(Locale.ROOT)));
  }

  /**
   * @throws IllegalArgumentException naming the known formats when {@code format} is unknown
   */
  public ReportWriter get(String format) {
    return find(format)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown report format '"
                        + TerminalText.line(format, TerminalText.NAME_MAX)
                        + "'; known formats: "
                        + String.join(", ", byFormat.keySet())));
  }
}
