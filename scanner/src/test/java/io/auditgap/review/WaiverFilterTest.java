package io.auditgap.review;

import static io.auditgap.review.ReviewFixtures.finding;
import static io.auditgap.review.ReviewFixtures.host;
import static io.auditgap.review.ReviewFixtures.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.ScanResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaiverFilterTest {
  static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

  static ScanResult fleet() {
    return scan(
        "2026-12-06T09:00:00Z",
        host(
            "web-1",
            finding("audit.execve", Severity.HIGH, Status.FAIL, "no execve rule"),
            finding("sshd.log-level", Severity.MEDIUM, Status.FAIL, "LogLevel INFO"),
            finding("pam.tty-audit", Severity.MEDIUM, Status.FAIL, "no pam_tty_audit")),
        host(
            "db-1",
            finding("audit.execve", Severity.HIGH, Status.PASS, "execve rule"),
            finding("pam.tty-audit", Severity.MEDIUM, Status.UNKNOWN, "unreadable"),
            finding("pam.loginuid", Severity.MEDIUM, Status.FAIL, "no pam_loginuid")),
        host("legacy-db", finding("audit.execve", Severity.HIGH, Status.FAIL, "no rules")));
  }

  static ScanResult apply(ScanResult scan) throws Exception {
    List<Waiver> ws = WaiverFile.load(WaiverFileTest.DIR.resolve("waivers.yaml"));
    Map<String, List<String>> groups = Map.of("db-1", List.of("databases"));
    return new WaiverFilter(ws, TODAY, h -> groups.getOrDefault(h, List.of())).apply(scan);
  }

  @Test
  void matchesByCheckGlobHostGlobNameAndGroupAndKeepsStatusAndEvidence() throws Exception {
    ScanResult before = fleet();
    ScanResult after = apply(before);
    assertEquals(before.hosts(), after.hosts(), "findings are untouched");
    Review r = after.review();
    assertTrue(r.accepted("web-1", "audit.execve"), "host glob web-*");
    assertTrue(r.accepted("legacy-db", "audit.execve"), "host name");
    assertTrue(r.accepted("db-1", "pam.tty-audit"), "check glob pam.* on group databases");
    assertTrue(r.accepted("db-1", "pam.loginuid"));
    assertFalse(r.accepted("web-1", "pam.tty-audit"), "web-1 is not in databases");
    assertTrue(r.waiver("db-1", "audit.execve").isEmpty(), "a passing check is not waived");
  }

  @Test
  void anExpiredWaiverStopsApplyingAndSaysWhen() throws Exception {
    Review r = apply(fleet()).review();
    WaiverMark m = r.waiver("web-1", "sshd.log-level").orElseThrow();
    assertTrue(m.expired());
    assertFalse(r.accepted("web-1", "sshd.log-level"));
    assertTrue(m.describe().startsWith("waiver expired on 2026-01-31 ("), m.describe());
  }

  @Test
  void aWaiverThatMatchesNothingIsStale() throws Exception {
    Review r = apply(fleet()).review();
    assertEquals(1, r.stale().size());
    assertEquals("audit.rules-*", r.stale().get(0).check());
    assertEquals(
        Path.of("src", "test", "resources", "review", "waivers.yaml") + ":18:5",
        r.stale().get(0).origin());
  }

  @Test
  void theFirstUnexpiredWaiverWinsOverAnEarlierExpiredOne() {
    Waiver old =
        new Waiver("audit.*", List.of("*"), "old", "", "", LocalDate.of(2025, 1, 1), "a:1:1");
    Waiver current = new Waiver("audit.execve", List.of("web-1"), "new", "", "", TODAY, "a:2:1");
    Review r =
        new WaiverFilter(List.of(old, current), TODAY, h -> List.of()).apply(fleet()).review();
    assertEquals("new", r.waiver("web-1", "audit.execve").orElseThrow().waiver().justification());
    assertTrue(r.accepted("web-1", "audit.execve"), "valid through its expiry day");
    assertFalse(r.accepted("legacy-db", "audit.execve"));
    assertTrue(r.waiver("legacy-db", "audit.execve").orElseThrow().expired());
  }

  @Test
  void acceptedRisksDoNotFailThePipelineButExpiredOnesDo() throws Exception {
    ScanResult scan =
        scan(
            "2026-12-06T09:00:00Z",
            host("web-1", finding("audit.execve", Severity.HIGH, Status.FAIL, "x")),
            host("db-1", finding("pam.tty-audit", Severity.MEDIUM, Status.UNKNOWN, "x")));
    assertEquals(ExitGate.Outcome.GAPS, ExitGate.decide(scan, Severity.LOW, false, false));
    ScanResult waived = apply(scan);
    assertEquals(ExitGate.Outcome.CLEAN, ExitGate.decide(waived, Severity.LOW, false, false));
    ScanResult later =
        new WaiverFilter(
                WaiverFile.load(WaiverFileTest.DIR.resolve("waivers.yaml")),
                LocalDate.of(2027, 4, 1),
                h -> h.equals("db-1") ? List.of("databases") : List.of())
            .apply(scan);
    assertEquals(ExitGate.Outcome.GAPS, ExitGate.decide(later, Severity.LOW, false, false));
  }
}
