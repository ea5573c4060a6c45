package io.auditgap.checks.matchers;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of a check that judges several sources on their own (the loaded and the persistent
 * audit rules, the running kernel and the bootloader): fail beats unknown beats pass. A gap in any
 * source that was seen fails; a source that was not seen never lets the check pass.
 */
public final class Fold {
  private final List<String> parts = new ArrayList<>();
  private final List<Evidence> evidence;
  private boolean failed;
  private boolean unseen;

  /**
   * @param evidence where the sources add their evidence; the verdict carries it
   */
  public Fold(List<Evidence> evidence) {
    this.evidence = evidence;
  }

  /** A source that was seen: its part of the reason, and whether it holds. */
  public void seen(String part, boolean holds) {
    parts.add(part);
    failed |= !holds;
  }

  /** A source that could not be seen: its part of the reason. */
  public void unseen(String part) {
    parts.add(part);
    unseen = true;
  }

  public Verdict verdict() {
    String reason = String.join("; ", parts);
    if (failed) {
      return Verdict.fail(reason, evidence);
    }
    return unseen ? Verdict.unknown(reason, evidence) : Verdict.pass(reason, evidence);
  }
}
