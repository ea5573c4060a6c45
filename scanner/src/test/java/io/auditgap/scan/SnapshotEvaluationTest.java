package io.auditgap.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A host's status says whether its evidence arrived, not what the checks concluded. */
class SnapshotEvaluationTest {
  private static HostSnapshot snap(boolean complete, SnapshotItem... items) {
    Map<String, SnapshotItem> m = new LinkedHashMap<>();
    for (SnapshotItem i : items) {
      m.put(i.key(), i);
    }
    return new HostSnapshot("h", Instant.EPOCH, m, 100, complete, complete ? null : "deadline");
  }

  @Test
  void absentFilesAndMissingCommandsAreEvidenceNotCollectionProblems() {
    assertNull(
        SnapshotEvaluation.collectionProblem(
            snap(
                true,
                new SnapshotItem(
                    "file", "/etc/audit/auditd.conf", SnapshotItem.ABSENT, "", 0, false),
                new SnapshotItem("cmd", "auditctl -l", SnapshotItem.NOT_FOUND, "", 0, false),
                new SnapshotItem(
                    "cmd", "journalctl", 1, "No journal files were found.", 28, false))));
  }

  @Test
  void deniedTruncatedTimedOutOrCutShortIsPartial() {
    String denied =
        SnapshotEvaluation.collectionProblem(
            snap(
                true, new SnapshotItem("file", "/etc/sudoers", SnapshotItem.DENIED, "", 0, false)));
    assertTrue(denied.contains("/etc/sudoers: not readable without root"), denied);
    String cut =
        SnapshotEvaluation.collectionProblem(
            snap(true, new SnapshotItem("cmd", "auditctl -l", 0, "x", 1, true)));
    assertTrue(cut.contains("truncated"), cut);
    String timeout =
        SnapshotEvaluation.collectionProblem(
            snap(true, new SnapshotItem("cmd", "sshd -T", SnapshotItem.TIMED_OUT, "", 0, false)));
    assertTrue(timeout.contains("timed out"), timeout);
    assertEquals("deadline", SnapshotEvaluation.collectionProblem(snap(false)));
  }
}
