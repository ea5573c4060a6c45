package io.auditgap.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.auditgap.json.Json;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a {@code report.json} written by {@link JsonReportWriter} back into a {@link ScanResult}
 * through the same {@link ReportJson} records, for example to re-render it as HTML or to compare
 * with it. Unknown keys are ignored (forward compatible within schema version 1); a missing
 * required key, a wrong type, an unknown status or severity id or another schema version is a
 * {@link ReportException} naming the JSON path, line and column.
 */
public final class JsonReportReader {
  private static final ObjectReader READER = Json.mapper().readerFor(ReportJson.class);

  public ScanResult read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public ScanResult read(InputStream in) throws IOException {
    return bind(() -> READER.readValue(in));
  }

  public ScanResult read(Reader in) throws IOException {
    return bind(() -> READER.readValue(in));
  }

  public ScanResult readString(String json) throws IOException {
    return bind(() -> READER.readValue(json));
  }

  private interface Bind {
    ReportJson get() throws IOException;
  }

  private static ScanResult bind(Bind b) throws ReportException {
    ReportJson json;
    try {
      json = b.get();
    } catch (JacksonException e) {
      // One line, and nothing from the file that could drive a terminal.
      throw new ReportException("report.json: " + TerminalText.line(Json.describe(e), 300), e);
    } catch (IOException e) {
      throw new ReportException("report.json: " + e.getMessage(), e);
    }
    if (json == null) {
      throw new ReportException("report.json is empty");
    }
    return json.toScanResult();
  }
}
