package io.auditgap.facts.audit;

/** Whether a matching event is recorded ({@code always}) or suppressed ({@code never}). */
public enum AuditAction {
  ALWAYS,
  NEVER;

  public String id() {
    return this == ALWAYS ? "always" : "never";
  }
}
