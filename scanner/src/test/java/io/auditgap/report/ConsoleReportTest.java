package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleReportTest {
  /** The only escape sequences the console report may emit: SGR colour codes. */
  static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;]*m");

  @Test
  void matchesGoldenFile() throws Exception {
    Golden.assertMatches("console.txt", new ConsoleReport(false).render(ReportFixtures.sample()));
  }

  @Test
  void plainOutputHasNoEscapeSequences() {
    String out = new ConsoleReport(false).render(ReportFixtures.sample());
    assertFalse(out.contains("\u001b"));
  }

  @Test
  void ansiOutputUsesOnlySgrAndMeansTheSameText() {
    ScanResult r = ReportFixtures.sample();
    String coloured = new ConsoleReport(true).render(r);
    assertTrue(coloured.contains("\u001b[31m"), "failures are red");
    String stripped = SGR.matcher(coloured).replaceAll("");
    assertFalse(stripped.contains("\u001b"), "non-SGR escape emitted");
    assertEquals(new ConsoleReport(false).render(r), stripped);
  }

  @Test
  void listsEveryHostWithStatusAndTheReasonOfUnassessedOnes() {
    ScanResult r = ReportFixtures.sample();
    String out = new ConsoleReport(false).render(r);
    for (HostResult h : r.hosts()) {
      assertTrue(
          out.lines().anyMatch(l -> l.startsWith(h.name() + " ") && l.contains(h.status().id())),
          "table row for " + h.name());
      assertTrue(out.contains("== " + h.name()), "detail for " + h.name());
      if (h.reason() != null) {
        assertTrue(out.contains(h.reason()), "reason of " + h.name());
      }
    }
  }

  @Test
  void showsFailedAndUnknownChecksButNotPassing() {
    String out = new ConsoleReport(false).render(ReportFixtures.sample());
    assertTrue(out.contains("FAIL     high      audit.execve"));
    assertTrue(out.contains("UNKNOWN  medium    pam.tty-audit"));
    assertTrue(out.contains("/etc/pam.d/sshd unreadable without root"));
    assertFalse(out.contains("PASS     "), "passing checks are not listed in details");
    assertFalse(out.contains("tlog.recording"), "n/a checks are not listed in details");
  }

  @Test
  void rowsCountStatusesAndTopFailingMostSevereFirst() {
    String out = new ConsoleReport(false).render(ReportFixtures.sample());
    String web = out.lines().filter(l -> l.startsWith("web-1 ")).findFirst().orElseThrow();
    assertTrue(
        web.matches("web-1\\s+assessed\\s+1\\s+2\\s+1\\s+1\\s+audit.execve, sshd.log-level"), web);
    String legacy = out.lines().filter(l -> l.startsWith("legacy-3 ")).findFirst().orElseThrow();
    assertTrue(legacy.matches("legacy-3\\s+unreachable\\s+-\\s+-\\s+-\\s+-\\s+-"), legacy);
  }

  @Test
  void endsWithSummaryLine() {
    String out = new ConsoleReport(false).render(ReportFixtures.sample());
    String last = out.lines().reduce((a, b) -> b).orElseThrow();
    assertEquals(
        "Summary: 5 hosts, 2 assessed (1 partial), 3 not assessed (1 unreachable, 1 untrusted,"
            + " 1 auth_failed); gaps: 0 critical, 1 high, 1 medium, 0 low, 0 info (2 gaps from 2"
            + " root causes)",
        last);
  }

  @Test
  void hostileResultCannotReachTheTerminal() {
    for (boolean ansi : new boolean[] {false, true}) {
      String out = new ConsoleReport(ansi).render(ReportFixtures.hostile());
      String text = SGR.matcher(out).replaceAll("");
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        int ci = c;
        assertTrue(
            c == '\n' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f)),
            () -> "control char U+" + Integer.toHexString(ci));
        assertFalse((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069), "bidi char");
      }
      assertTrue(out.length() < 64 * 1024, "console output is capped: " + out.length());
      assertTrue(text.contains("host <script>alert(1)</script>pre${7*7}post"));
      assertTrue(text.contains("\\x1b[2J"));
      assertTrue(text.contains("== down "), "unreachable host listed");
    }
  }

  @Test
  void printsToAStream() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ConsoleReport(false)
        .print(ReportFixtures.sample(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(
        new ConsoleReport(false).render(ReportFixtures.sample()),
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void fileCopyIsNeverColoured(@TempDir Path dir) throws Exception {
    Path file = new ConsoleReport(true).write(ReportFixtures.sample(), dir);
    assertEquals("report.txt", file.getFileName().toString());
    String text = Files.readString(file);
    assertFalse(text.contains("\u001b"));
    assertTrue(text.contains("legacy-3"));
  }
}
