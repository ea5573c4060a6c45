package io.auditgap.report;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Status;
import io.auditgap.review.BaselineComparison;
import io.auditgap.review.Waiver;
import io.auditgap.review.WaiverFilter;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ReportFixtures#sample()} after the review stage: web-1's audit.execve is an accepted risk,
 * its sshd.log-level waiver has expired, one waiver is stale, and compared with a baseline in which
 * web-1's pam.tty-audit passed (new now) and db-1's sshd.log-level failed (fixed now).
 */
final class ReviewedFixtures {
  static final String JUSTIFICATION = "root-only execve auditing accepted until the Q3 rollout";

  private ReviewedFixtures() {}

  static List<Waiver> waivers() {
    return List.of(
        new Waiver(
            "audit.execve",
            List.of("web-*"),
            JUSTIFICATION,
            "secops",
            "SEC-101",
            LocalDate.of(2027, 3, 31),
            "waivers.yaml:2:5"),
        new Waiver(
            "sshd.log-level",
            List.of("web-1"),
            "INFO was enough before the audit",
            "platform",
            "",
            LocalDate.of(2026, 1, 31),
            "waivers.yaml:9:5"),
        new Waiver(
            "audit.rules-*",
            List.of("decommissioned-*"),
            "hosts are being retired",
            "",
            "",
            LocalDate.of(2027, 12, 31),
            "waivers.yaml:15:5"));
  }

  static ScanResult baseline() {
    ScanResult s = ReportFixtures.sample();
    List<HostResult> hosts = new ArrayList<>();
    for (HostResult h : s.hosts()) {
      List<Finding> fs = new ArrayList<>();
      for (Finding f : h.findings()) {
        if (h.name().equals("web-1") && f.check().equals("pam.tty-audit")) {
          fs.add(ReportFixtures.withStatus(f, Status.PASS, "pam_tty_audit enable=*"));
        } else if (h.name().equals("db-1") && f.check().equals("sshd.log-level")) {
          fs.add(ReportFixtures.withStatus(f, Status.FAIL, "LogLevel INFO"));
        } else {
          fs.add(f);
        }
      }
      hosts.add(
          new HostResult(
              h.name(),
              h.address(),
              h.status(),
              h.reason(),
              h.hostKeyFingerprint(),
              fs,
              h.stats()));
    }
    return new ScanResult(
        s.toolVersion(),
        s.startedAt().minusSeconds(86_400),
        s.finishedAt().minusSeconds(86_400),
        s.inventory(),
        s.profile(),
        hosts);
  }

  static ScanResult reviewed() {
    ScanResult s =
        new WaiverFilter(waivers(), LocalDate.of(2026, 3, 1), h -> List.of())
            .apply(ReportFixtures.sample());
    return s.withReview(
        s.review()
            .withComparison(BaselineComparison.compare(baseline(), s, "previous/report.json")));
  }
}
