package io.auditgap.review;

import static io.auditgap.review.ReviewFixtures.finding;
import static io.auditgap.review.ReviewFixtures.host;
import static io.auditgap.review.ReviewFixtures.scan;
import static io.auditgap.review.ReviewFixtures.unreachable;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.ScanResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineComparisonTest {
  static final ScanResult BEFORE =
      scan(
          "2026-12-05T02:00:00Z",
          host(
              "web-1",
              finding("audit.execve", Severity.HIGH, Status.FAIL, "no execve rule"),
              finding("sshd.log-level", Severity.MEDIUM, Status.PASS, "LogLevel VERBOSE"),
              finding("pam.tty-audit", Severity.MEDIUM, Status.FAIL, "no pam_tty_audit"),
              finding("sudo.logfile", Severity.LOW, Status.FAIL, "no logfile")),
          host("db-1", finding("audit.execve", Severity.HIGH, Status.FAIL, "no rules")),
          host("old-1", finding("audit.execve", Severity.HIGH, Status.FAIL, "no rules")));

  static final ScanResult AFTER =
      scan(
          "2026-12-06T02:00:00Z",
          host(
              "web-1",
              finding("audit.execve", Severity.HIGH, Status.FAIL, "no execve rule"),
              finding("sshd.log-level", Severity.MEDIUM, Status.FAIL, "LogLevel INFO"),
              finding("pam.tty-audit", Severity.MEDIUM, Status.PASS, "pam_tty_audit enable=*"),
              finding("sudo.logfile", Severity.LOW, Status.FAIL, "logfile in a comment only")),
          unreachable("db-1"),
          host("new-1", finding("audit.execve", Severity.HIGH, Status.FAIL, "no rules")));

  @Test
  void classifiesEveryFindingPerHost() {
    Comparison c = BaselineComparison.compare(BEFORE, AFTER, "previous/report.json");
    Review r = Review.NONE.withComparison(c);
    assertEquals(Change.UNCHANGED, r.change("web-1", "audit.execve").orElseThrow());
    assertEquals(Change.NEW, r.change("web-1", "sshd.log-level").orElseThrow());
    assertEquals(Change.FIXED, r.change("web-1", "pam.tty-audit").orElseThrow());
    assertEquals(Change.CHANGED, r.change("web-1", "sudo.logfile").orElseThrow());
    assertEquals(Change.NEW, r.change("new-1", "audit.execve").orElseThrow());
    assertEquals(List.of("new-1"), c.hostsAdded());
    assertEquals(List.of("old-1"), c.hostsRemoved());
    assertEquals(
        Map.of(
            Change.NEW, 2,
            Change.FIXED, 1,
            Change.UNCHANGED, 1,
            Change.CHANGED, 1,
            Change.UNVERIFIED, 1),
        c.counts());
    assertEquals("2 new, 1 fixed, 1 unchanged, 1 changed, 1 not verified", c.countsLine());
  }

  @Test
  void aHostThatWasNotAssessedIsNeverFixed() {
    Comparison c = BaselineComparison.compare(BEFORE, AFTER, "b");
    FindingChange db =
        c.changes().stream().filter(x -> x.host().equals("db-1")).findFirst().orElseThrow();
    assertEquals(Change.UNVERIFIED, db.change());
    assertEquals(Status.FAIL, db.before());
    assertEquals(null, db.after());
    assertEquals("was fail; host not assessed now (unreachable)", db.detail());
  }

  @Test
  void aFailedCheckThatIsUnknownNowIsNotVerifiedAndAPassThatIsUnknownNowIsNew() {
    ScanResult later =
        scan(
            "2026-12-06T02:00:00Z",
            host(
                "web-1",
                finding("audit.execve", Severity.HIGH, Status.UNKNOWN, "rules unreadable"),
                finding("sshd.log-level", Severity.MEDIUM, Status.UNKNOWN, "sshd -T failed")));
    Review r = Review.NONE.withComparison(BaselineComparison.compare(BEFORE, later, "b"));
    assertEquals(Change.UNVERIFIED, r.change("web-1", "audit.execve").orElseThrow());
    assertEquals(Change.NEW, r.change("web-1", "sshd.log-level").orElseThrow());
  }

  @Test
  void everyFindingOfAHostNotAssessedNowIsUnverified() {
    io.auditgap.scan.HostResult down =
        new io.auditgap.scan.HostResult(
            "web-1",
            "web-1",
            io.auditgap.scan.HostStatus.ERROR,
            "SSH handshake did not complete within 10 s",
            null,
            java.util.List.of(
                finding("audit.execve", Severity.HIGH, Status.UNKNOWN, "not assessed"),
                finding("sshd.log-level", Severity.MEDIUM, Status.UNKNOWN, "not assessed")),
            null);
    Comparison c = BaselineComparison.compare(BEFORE, scan("2026-12-06T02:00:00Z", down), "b");
    assertEquals(4, c.counts().get(Change.UNVERIFIED), c.changes().toString());
    assertEquals(0, c.counts().get(Change.NEW));
    assertEquals(0, c.counts().get(Change.FIXED));
  }

  @Test
  void theSameScanIsUnchangedEverywhere() {
    Comparison c = BaselineComparison.compare(BEFORE, BEFORE, "b");
    assertEquals(List.of(), c.changes());
    assertEquals(6, c.unchanged());
  }

  @Test
  void failOnNewGatesOnlyOnRegressionsAtTheThreshold() {
    ScanResult compared =
        AFTER.withReview(
            Review.NONE.withComparison(BaselineComparison.compare(BEFORE, AFTER, "b")));
    // Old gaps (audit.execve on web-1, sudo.logfile) do not count; new ones do.
    assertEquals(ExitGate.Outcome.GAPS, ExitGate.decide(compared, Severity.LOW, true, false));
    assertEquals(ExitGate.Outcome.GAPS, ExitGate.decide(compared, Severity.HIGH, true, false));
    assertEquals(
        ExitGate.Outcome.INCOMPLETE,
        ExitGate.decide(compared, Severity.CRITICAL, true, false),
        "no new critical gap; db-1 was not assessed");
    ScanResult sameAgain =
        BEFORE.withReview(
            Review.NONE.withComparison(BaselineComparison.compare(BEFORE, BEFORE, "b")));
    assertEquals(ExitGate.Outcome.CLEAN, ExitGate.decide(sameAgain, Severity.LOW, true, false));
    assertEquals(ExitGate.Outcome.GAPS, ExitGate.decide(sameAgain, Severity.LOW, false, false));
  }

  @Test
  void evidenceOrderAndMeasuredFiguresAreNotChanges() {
    Finding perms =
        withEvidence(
            finding("audit.file-permissions", Severity.MEDIUM, Status.PASS, "x"),
            "all audit logs are 0600",
            Evidence.of("/var/log/audit/audit.log", 0, "-rw------- root root", ""),
            Evidence.of("/var/log/audit/audit.log.1", 0, "-rw------- root root", ""));
    Finding permsReordered =
        withEvidence(perms, perms.reason(), perms.evidence().get(1), perms.evidence().get(0));
    Finding retention =
        withEvidence(
            finding("retention.audit-log", Severity.HIGH, Status.PASS, "x"),
            "about 412 days at 1.5 MB/day (2.4 GB free of 9.8 GB)",
            Evidence.of("df -P /var/log/audit", 0, "/dev/vda1 10255636 7471412", "free space"));
    Finding retentionLater =
        withEvidence(
            retention,
            "about 398 days at 1.6 MB/day (2.3 GB free of 9.8 GB)",
            Evidence.of("df -P /var/log/audit", 0, "/dev/vda1 10255636 7521904", "free space"));
    Finding retentionOtherSource =
        withEvidence(
            retention,
            retention.reason(),
            Evidence.of("df -P /var/log", 0, "/dev/vda1 10255636 7471412", "free space"));
    Finding permsOtherFile =
        withEvidence(
            perms,
            perms.reason(),
            perms.evidence().get(0),
            Evidence.of("/var/log/audit/audit.log.2", 0, "-rw------- root root", ""));

    Comparison c =
        BaselineComparison.compare(
            scan("2026-12-05T02:00:00Z", host("h", perms, retention)),
            scan("2026-12-06T02:00:00Z", host("h", permsReordered, retentionLater)),
            "b");
    assertEquals(List.of(), c.changes());
    assertEquals(2, c.unchanged());

    Comparison moved =
        BaselineComparison.compare(
            scan("2026-12-05T02:00:00Z", host("h", retention, perms)),
            scan("2026-12-06T02:00:00Z", host("h", retentionOtherSource, permsOtherFile)),
            "b");
    assertEquals(
        Change.CHANGED,
        Review.NONE.withComparison(moved).change("h", "retention.audit-log").orElseThrow(),
        "evidence from another place is a change, even with the same figures");
    assertEquals(
        Change.CHANGED,
        Review.NONE.withComparison(moved).change("h", "audit.file-permissions").orElseThrow(),
        "a figure in a path is not a measurement");
  }

  private static Finding withEvidence(Finding f, String reason, Evidence... evidence) {
    return new Finding(
        f.check(),
        f.title(),
        f.severity(),
        f.status(),
        reason,
        List.of(evidence),
        f.remediation(),
        f.references(),
        f.rootCause());
  }
}
