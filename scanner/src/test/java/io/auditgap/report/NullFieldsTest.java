package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Finding;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every nullable field left null: all formats still render, and JSON round-trips the nulls. */
class NullFieldsTest {
  static ScanResult allNulls() {
    Finding f = new Finding(null, null, null, null, null, List.of(), null, Map.of());
    HostResult h = new HostResult(null, null, null, null, null, List.of(f), null);
    HostResult empty = new HostResult("only-name", null, null, null, null, List.of(), null);
    return new ScanResult(null, null, null, null, null, List.of(h, empty));
  }

  @Test
  void everyFormatRendersNulls() throws Exception {
    ScanResult r = allNulls();
    String console = new ConsoleReport(false).render(r);
    assertTrue(console.contains("only-name"), console);
    assertTrue(console.startsWith("auditgap "), console);
    String html = HtmlReportWriterTest.render(new HtmlReportWriter(), r);
    assertTrue(html.contains("only-name"));
    assertTrue(html.contains("id=\"host-1\""));
    for (ReportWriter w : ReportWriters.standard(false, null).all()) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      w.write(r, out);
      assertTrue(out.size() > 0, w.format());
    }
    assertEquals(r, new JsonReportReader().readString(new JsonReportWriter().toJson(r)));
  }

  @Test
  void emptyScanRenders() throws Exception {
    ScanResult r = new ScanResult("1", null, null, "inv", "p", List.of());
    assertTrue(new ConsoleReport(false).render(r).contains("Summary: 0 hosts"));
    assertTrue(
        HtmlReportWriterTest.render(new HtmlReportWriter(), r)
            .contains("No checks were evaluated."));
    for (ReportWriter w : ReportWriters.standard(false, null).all()) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      w.write(r, out);
      assertTrue(out.size() > 0, w.format());
    }
    assertEquals(r, new JsonReportReader().readString(new JsonReportWriter().toJson(r)));
  }
}
