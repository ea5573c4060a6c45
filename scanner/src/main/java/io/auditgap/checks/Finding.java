package io.auditgap.checks;

import java.util.List;
import java.util.Map;

/**
 * One check evaluated on one host: the check's identity and metadata plus the verdict.
 *
 * @param references framework name ({@code cis}, {@code nist_800_53}, ...) to control ids
 * @param rootCause the check id whose failure causes this one ({@link Verdict#rootCause()}), or
 *     empty
 */
public record Finding(
    String check,
    String title,
    Severity severity,
    Status status,
    String reason,
    List<Evidence> evidence,
    String remediation,
    Map<String, List<String>> references,
    String rootCause) {
  public Finding {
    evidence = List.copyOf(evidence);
    references = Map.copyOf(references);
    rootCause = rootCause == null ? "" : rootCause;
  }

  public Finding(
      String check,
      String title,
      Severity severity,
      Status status,
      String reason,
      List<Evidence> evidence,
      String remediation,
      Map<String, List<String>> references) {
    this(check, title, severity, status, reason, evidence, remediation, references, "");
  }

  /** A gap is a failed check; unknown and not-applicable results are not gaps. */
  public boolean isGap() {
    return status == Status.FAIL;
  }
}
