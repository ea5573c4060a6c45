package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.scan.ScanResult;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Sizes stay linear and small at fleet scale (no timing assertions). */
class ReportSizeTest {
  @Test
  void thousandHostsBySixtyChecksStaysOpenable() throws Exception {
    ScanResult r = FleetFixtures.synthetic(1000, 60);
    StringWriter w = new StringWriter();
    new HtmlReportWriter().write(r, w);
    String html = w.toString();
    assertTrue(html.length() < 15 * 1024 * 1024, "1,000-host HTML is " + html.length() + " chars");
    int start = html.indexOf("<table class=\"matrix\">");
    int end = html.indexOf("</table>", start);
    int matrix = end - start;
    assertTrue(matrix < 2 * 1024 * 1024, "matrix is " + matrix + " chars for 60,000 cells");
    assertEquals(1000, JsonReportTest.count(html, "<details class=\"host h "));
  }

  @Test
  void remediationIsNotRepeatedPerHost() throws Exception {
    ScanResult r = FleetFixtures.synthetic(50, 10);
    StringWriter w = new StringWriter();
    new HtmlReportWriter().write(r, w);
    String remediation = r.hosts().get(0).findings().get(0).remediation();
    String firstLine = remediation.lines().findFirst().orElseThrow();
    int times = JsonReportTest.count(w.toString(), firstLine.replace("\"", "&quot;"));
    assertTrue(times <= 10, "remediation shown " + times + " times");
  }
}
