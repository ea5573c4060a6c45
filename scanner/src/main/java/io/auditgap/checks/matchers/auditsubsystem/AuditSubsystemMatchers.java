package io.auditgap.checks.matchers.auditsubsystem;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the audit-subsystem family (checks/audit-subsystem.yaml). */
public final class AuditSubsystemMatchers {
  private AuditSubsystemMatchers() {}

  public static List<Matcher> all() {
    return List.of(
        new KernelBootParamMatcher(),
        new AuditStatusMatcher(),
        new AuditSuppressionMatcher(),
        new AuditLoginuidMatcher(),
        new AuditBacklogFailureMatcher(),
        new AuditFilePermissionsMatcher());
  }
}
