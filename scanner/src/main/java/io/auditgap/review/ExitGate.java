package io.auditgap.review;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;

/**
 * What a scan means for a pipeline: gaps at or above the threshold (accepted risks excluded; with
 * {@code newOnly}, only gaps that are new since the baseline), else incomplete assessment, else
 * clean.
 */
public final class ExitGate {
  /** The outcome and the process exit code it stands for (documented in the README). */
  public enum Outcome {
    CLEAN(0),
    GAPS(1),
    INCOMPLETE(3);

    private final int code;

    Outcome(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private ExitGate() {}

  /**
   * @param unknownIsIncomplete an unknown finding makes the outcome incomplete (the probe, whose
   *     hosts have no collection status); a scan follows the hosts' collection status only
   */
  public static Outcome decide(
      ScanResult result, Severity threshold, boolean newOnly, boolean unknownIsIncomplete) {
    boolean gaps = false;
    boolean incomplete = false;
    Review review = result.review();
    for (HostResult h : result.hosts()) {
      if (h.status() != HostStatus.ASSESSED) {
        incomplete = true;
      }
      for (Finding f : h.findings()) {
        if (review.accepted(h.name(), f.check())) {
          continue;
        }
        if (f.status() == Status.FAIL
            && f.severity() != null
            && f.severity().atLeast(threshold)
            && (!newOnly || review.change(h.name(), f.check()).orElse(Change.NEW) == Change.NEW)) {
          gaps = true;
        }
        if (unknownIsIncomplete && f.status() == Status.UNKNOWN) {
          incomplete = true;
        }
      }
    }
    return gaps ? Outcome.GAPS : incomplete ? Outcome.INCOMPLETE : Outcome.CLEAN;
  }

  /**
   * What a diff means for a pipeline: gaps at or above the threshold that are new since the
   * baseline, else clean (a diff judges change, not completeness).
   */
  public static Outcome newGaps(ScanResult compared, Severity threshold) {
    return decide(compared, threshold, true, false) == Outcome.GAPS ? Outcome.GAPS : Outcome.CLEAN;
  }
}
