package io.auditgap.checks;

import java.util.List;

/**
 * What a matcher concludes: a status, one sentence saying why, and the evidence behind it.
 *
 * @param reason one sentence; for {@link Status#UNKNOWN} it names what could not be seen and why
 */
public record Verdict(Status status, String reason, List<Evidence> evidence) {
  public Verdict {
    evidence = List.copyOf(evidence);
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
