package io.auditgap.checks;

import java.util.List;
import java.util.Map;

/**
 * One check evaluated on one host: the check's identity and metadata plus the verdict.
 *
 * @param references framework name ({@code cis}, {@code nist_800_53}, ...) to control ids
 */
public record Finding(
    String check,
    String title,
    Severity severity,
    Status status,
    String reason,
    List<Evidence> evidence,
    String remediation,
    Map<String, List<String>> references) {
  public Finding {
    evidence = List.copyOf(evidence);
    references = Map.copyOf(references);
  }

  /** A gap is a failed check; unknown and not-applicable results are not gaps. */
  public boolean isGap() {
    return status == Status.FAIL;
  }
}
