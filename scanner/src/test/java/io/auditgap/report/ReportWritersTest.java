package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {
  private final ReportWriters writers = ReportWriters.standard(true, null);

  @Test
  void registersEveryFormat() {
    assertEquals(
        List.of("console", "json", "html", "pdf", "junit", "csv", "sarif"), writers.formats());
    assertInstanceOf(PdfReportWriter.class, writers.get("pdf"));
    assertInstanceOf(JunitReportWriter.class, writers.get("junit"));
    assertInstanceOf(CsvReportWriter.class, writers.get("CSV"));
    assertInstanceOf(ConsoleReport.class, writers.get("console"));
    assertInstanceOf(JsonReportWriter.class, writers.get("JSON"));
    assertInstanceOf(HtmlReportWriter.class, writers.get(" html "));
    assertTrue(writers.find("xml").isEmpty());
    assertTrue(writers.find(null).isEmpty());
  }

  @Test
  void theFormatNamesKnownWithoutTheWritersAreTheWritersFormats() {
    // the command line checks --format against the names alone (no writer made before the scan)
    assertEquals(writers.formats(), ReportWriters.STANDARD_FORMATS);
  }

  @Test
  void unknownFormatNamesTheKnownOnesWithoutEchoingControls() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> writers.get("docx\u001b[2J"));
    assertTrue(e.getMessage().contains("console, json, html, pdf, junit, csv"), e.getMessage());
    assertFalse(e.getMessage().contains("\u001b"));
  }

  @Test
  void refusesDuplicateFormats() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReportWriters(List.of(new JsonReportWriter(), new JsonReportWriter())));
  }

  @Test
  void everyFormatWritesItsFileAndNamesEveryInventoryHost(@TempDir Path dir) throws Exception {
    ScanResult r = ReportFixtures.sample();
    for (String format : writers.formats()) {
      ReportWriter w = writers.get(format);
      Path file = w.write(r, dir);
      assertEquals(dir.resolve(w.fileName()), file);
      if (format.equals("pdf")) {
        assertTrue(Files.readString(file, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        continue;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      for (HostResult h : r.hosts()) {
        assertTrue(text.contains(h.name()), format + " misses host " + h.name());
        assertTrue(text.contains(h.status().id()), format + " misses status of " + h.name());
      }
    }
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of(
              "controls.csv",
              "report.csv",
              "report.html",
              "report.json",
              "report.junit.xml",
              "report.pdf",
              "report.sarif",
              "report.txt"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void everyFormatNamesEveryHostOfAHostileInventory() throws Exception {
    ScanResult r = ReportFixtures.hostile();
    String console = new ConsoleReport(false).render(r);
    String html = HtmlReportWriterTest.render(new HtmlReportWriter(), r);
    ScanResult back = new JsonReportReader().readString(new JsonReportWriter().toJson(r));
    for (HostResult h : r.hosts()) {
      String shown = TerminalText.line(h.name(), 32);
      String prefix = shown.substring(0, shown.indexOf(" ...["));
      assertTrue(console.contains(prefix), "console misses " + prefix);
      assertTrue(html.contains(prefix.substring(0, 5)), "html misses " + prefix);
    }
    assertEquals(r.hosts(), back.hosts());
  }
}
