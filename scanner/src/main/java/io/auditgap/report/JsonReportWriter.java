package io.auditgap.report;

import io.auditgap.json.Json;
import io.auditgap.scan.ScanResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/**
 * {@code report.json}: the complete, machine-readable result (schema {@code
 * docs/report-schema.json}, version {@value #SCHEMA_VERSION}), written as {@link ReportJson}
 * records through the shared {@link Json} configuration. Keys are in a fixed order, references
 * sorted by framework, so the same result always gives the same bytes; {@link JsonReportReader}
 * reads it back through the same records.
 *
 * <p>Evidence text is kept in full (the collector already caps it). Besides what JSON requires,
 * DEL, C1 controls, Unicode format characters, line/paragraph separators and surrogates are written
 * as {@code \\uXXXX} escapes, so the file is safe to {@code cat} to a terminal and still parses
 * back to exactly the same strings.
 */
public final class JsonReportWriter implements ReportWriter {
  public static final int SCHEMA_VERSION = 1;
  public static final String TOOL_NAME = "auditgap";

  @Override
  public String format() {
    return "json";
  }

  @Override
  public String fileName() {
    return "report.json";
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    Json.write(ReportJson.of(result), out);
  }

  /** The report as a string. */
  public String toJson(ScanResult result) throws IOException {
    StringWriter w = new StringWriter();
    write(result, w);
    return w.toString();
  }
}
