package io.auditgap.scan;

import io.auditgap.checks.CheckEvaluator;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Status;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.facts.Facts;
import java.util.List;
import java.util.Map;

/** Turns one snapshot into a host result: live after collection, or offline from a saved file. */
public final class SnapshotEvaluation {
  private final CheckEvaluator evaluator;

  public SnapshotEvaluation(CheckEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  public HostResult evaluate(
      HostSnapshot snap,
      String address,
      String hostKeyFingerprint,
      CollectionStats stats,
      Map<String, Object> settings) {
    List<Finding> findings = evaluator.evaluate(new Facts(snap), settings);
    boolean anyUnknown = findings.stream().anyMatch(f -> f.status() == Status.UNKNOWN);
    HostStatus status = snap.complete() && !anyUnknown ? HostStatus.ASSESSED : HostStatus.PARTIAL;
    if (!snap.complete() && snap.items().isEmpty()) {
      // Nothing was collected (sudo refused, a login shell that runs no command, ...): not partial.
      status = HostStatus.ERROR;
    }
    String reason;
    if (!snap.complete()) {
      reason = snap.problem();
    } else if (anyUnknown) {
      reason = "some evidence could not be collected (see the unknown findings)";
    } else {
      reason = null;
    }
    return new HostResult(
        snap.host(), address, status, reason, hostKeyFingerprint, findings, stats);
  }
}
