package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvReportWriterTest {
  static String render(ScanResult r) throws Exception {
    StringWriter w = new StringWriter();
    new CsvReportWriter().write(r, w);
    return w.toString();
  }

  /** A strict RFC 4180 parser: CRLF records, quoted fields with doubled quotes. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    while (i < csv.length()) {
      char c = csv.charAt(i);
      if (cell.length() == 0 && c == '"') {
        i++;
        while (true) {
          char q = csv.charAt(i);
          if (q == '"') {
            if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
              cell.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          cell.append(q);
          i++;
        }
        continue;
      }
      if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
        i++;
      } else if (c == '\r') {
        assertEquals('\n', csv.charAt(i + 1), "CRLF");
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else {
        assertFalse(c == '\n' || c == '"', "bare LF or quote in an unquoted field");
        cell.append(c);
        i++;
      }
    }
    assertTrue(row.isEmpty() && cell.length() == 0, "last record ends with CRLF");
    return rows;
  }

  @Test
  void matchesGoldenFile() throws Exception {
    Golden.assertMatches("report.csv", render(ReportFixtures.sample()));
  }

  @Test
  void oneRowPerHostAndCheck() throws Exception {
    List<List<String>> rows = parse(render(ReportFixtures.sample()));
    assertEquals(List.of(CsvReportWriter.HEADER.split(",")), rows.get(0));
    assertEquals(1 + 5 * 5, rows.size());
    for (List<String> r : rows) {
      assertEquals(12, r.size());
    }
    assertEquals(
        List.of(
            "web-1",
            "10.0.0.11",
            "assessed",
            "audit.execve",
            "execve of interactive sessions is audited",
            "high",
            "fail",
            "no -S execve rule with auid>=1000",
            "/etc/audit/rules.d/audit.rules:3",
            "cis: 4.1.3.6; nist_800_53: AU-2, AU-12",
            "",
            ""),
        rows.get(3));
    List<String> legacy = rows.get(1 + 2 * 5);
    assertEquals("legacy-3", legacy.get(0));
    assertEquals("not_run", legacy.get(6));
    assertEquals("connect timed out after 10 s", legacy.get(7));
    List<String> dbTlog = rows.get(1 + 5 + 3);
    assertEquals("tlog.recording", dbTlog.get(3));
    assertEquals("not_run", dbTlog.get(6));
  }

  @Test
  void formulaInjectionIsNeutralised() throws Exception {
    for (String bad : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"}) {
      String c = CsvReportWriter.cell(bad);
      String unquoted = c.startsWith("\"") ? c.substring(1) : c;
      assertTrue(unquoted.startsWith("'"), bad + " -> " + c);
    }
    assertEquals("\"'=1,2\"", CsvReportWriter.cell("=1,2"));
    assertEquals("\"a \"\"b\"\"\"", CsvReportWriter.cell("a \"b\""));
    assertEquals("plain", CsvReportWriter.cell("plain"));

    Finding f =
        new Finding(
            "=cmd|' /C calc'!A0",
            "+title",
            Severity.HIGH,
            Status.FAIL,
            "-2+3",
            List.of(Evidence.of("@evil", 1, "x", "")),
            "",
            Map.of("cis", List.of("=1")));
    ScanResult r =
        new ScanResult(
            "1",
            null,
            null,
            "inv",
            "p",
            List.of(
                new HostResult(
                    "=host", "@addr", HostStatus.ASSESSED, null, null, List.of(f), null)));
    List<String> row = parse(render(r)).get(1);
    for (String cell : row) {
      assertFalse(
          !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, "formula cell: " + cell);
    }
    assertEquals("'=host", row.get(0));
    assertEquals("'=cmd|' /C calc'!A0", row.get(3));
    assertEquals("'-2+3", row.get(7));
    assertEquals("'@evil:1", row.get(8));
  }

  @Test
  void hostileResultIsInert() throws Exception {
    String csv = render(ReportFixtures.hostile());
    assertTrue(csv.length() < 64 * 1024, "size " + csv.length());
    List<List<String>> rows = parse(csv);
    assertEquals(1 + 2 * 2, rows.size());
    for (char c : csv.toCharArray()) {
      assertTrue(c == '\r' || c == '\n' || c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f));
      assertFalse((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069), "bidi char");
    }
    assertTrue(rows.get(1).get(0).startsWith("host <script>alert(1)</script>pre${7*7}post"));
  }
}
