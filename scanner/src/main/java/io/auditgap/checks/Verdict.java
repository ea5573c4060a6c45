package io.auditgap.checks;

import java.util.List;

/**
 * What a matcher concludes: a status, one sentence saying why, and the evidence behind it.
 *
 * @param reason one sentence; for {@link Status#UNKNOWN} it names what could not be seen and why
 * @param rootCause the id of the check whose failure makes this one fail (auditd not installed:
 *     {@code auditd.installed}), so reports count the cause once; empty when the verdict stands on
 *     its own
 */
public record Verdict(Status status, String reason, List<Evidence> evidence, String rootCause) {
  public Verdict {
    evidence = List.copyOf(evidence);
    rootCause = rootCause == null ? "" : rootCause;
  }

  public Verdict(Status status, String reason, List<Evidence> evidence) {
    this(status, reason, evidence, "");
  }

  /** This verdict as a consequence of the failure of check {@code checkId}. */
  public Verdict causedBy(String checkId) {
    return new Verdict(status, reason, evidence, checkId);
  }

  public static Verdict pass(String reason, List<Evidence> evidence) {
    return new Verdict(Status.PASS, reason, evidence);
  }

  public static Verdict fail(String reason, List<Evidence> evidence) {
    return new Verdict(Status.FAIL, reason, evidence);
  }

  public static Verdict unknown(String reason, List<Evidence> evidence) {
    return new Verdict(Status.UNKNOWN, reason, evidence);
  }

  public static Verdict unknown(String reason) {
    return new Verdict(Status.UNKNOWN, reason, List.of());
  }

  public static Verdict notApplicable(String reason, List<Evidence> evidence) {
    return new Verdict(Status.NOT_APPLICABLE, reason, evidence);
  }
}
