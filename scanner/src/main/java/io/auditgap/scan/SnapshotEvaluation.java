package io.auditgap.scan;

import io.auditgap.checks.CheckEvaluator;
import io.auditgap.checks.Finding;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.HostIdentity;
import java.util.ArrayList;
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
    // The host's status says whether the evidence arrived, not what the checks concluded: a check
    // that is unknown for lack of history (a journal younger than a day) leaves the host assessed.
    String problem = collectionProblem(snap);
    HostStatus status = problem == null ? HostStatus.ASSESSED : HostStatus.PARTIAL;
    if (!snap.complete() && snap.items().isEmpty()) {
      // Nothing was collected (sudo refused, a login shell that runs no command, ...): not partial.
      status = HostStatus.ERROR;
    }
    String reason = problem;
    return new HostResult(
        snap.host(),
        address,
        status,
        reason,
        hostKeyFingerprint,
        findings,
        stats,
        HostIdentity.of(snap));
  }

  /**
   * Why some evidence could not be collected, or null when every item arrived: the bundle ended
   * early, or items were cut, timed out, skipped or unreadable without root. An absent file or a
   * command that is not installed is evidence, not a collection problem.
   */
  static String collectionProblem(HostSnapshot snap) {
    if (!snap.complete()) {
      return snap.problem() == null ? "the collection ended early" : snap.problem();
    }
    List<String> problems = new ArrayList<>();
    for (SnapshotItem item : snap.items().values()) {
      boolean lost =
          item.truncated()
              || item.exitStatus() == SnapshotItem.TIMED_OUT
              || item.exitStatus() == SnapshotItem.SKIPPED
              || (!item.kind().equals("cmd") && item.exitStatus() == SnapshotItem.DENIED);
      if (lost) {
        problems.add(item.problem());
      }
    }
    if (problems.isEmpty()) {
      return null;
    }
    String first = String.join("; ", problems.subList(0, Math.min(3, problems.size())));
    return problems.size()
        + " collected item"
        + (problems.size() == 1 ? "" : "s")
        + " incomplete: "
        + first
        + (problems.size() > 3 ? "; ..." : "");
  }
}
