package io.auditgap.review;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small scans for the review stage: findings are built from status and evidence only. */
final class ReviewFixtures {
  private ReviewFixtures() {}

  static Finding finding(String check, Severity severity, Status status, String evidence) {
    return new Finding(
        check,
        check + " title",
        severity,
        status,
        status.id() + " because " + evidence,
        List.of(Evidence.of("/etc/audit/rules.d/audit.rules", 3, evidence, "")),
        "fix " + check,
        Map.of("nist_800_53", List.of("AU-2")));
  }

  static HostResult host(String name, Finding... findings) {
    return new HostResult(
        name,
        name + ".example",
        HostStatus.ASSESSED,
        null,
        null,
        List.of(findings),
        new CollectionStats(1, 1, 1, 1));
  }

  static HostResult unreachable(String name) {
    return new HostResult(
        name, name, HostStatus.UNREACHABLE, "connect timed out", null, List.of(), null);
  }

  static ScanResult scan(String started, HostResult... hosts) {
    return new ScanResult(
        "test",
        Instant.parse(started),
        Instant.parse(started).plusSeconds(5),
        "inventory.yaml",
        "baseline",
        new ArrayList<>(List.of(hosts)));
  }
}
