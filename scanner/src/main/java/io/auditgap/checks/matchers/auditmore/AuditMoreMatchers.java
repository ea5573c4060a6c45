package io.auditgap.checks.matchers.auditmore;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the audit-subsystem and audit-rules families, for the registry. */
public final class AuditMoreMatchers {
  private AuditMoreMatchers() {}

  public static List<Matcher> all() {
    return List.of(
        new KernelBootParamMatcher(),
        new AuditStatusMatcher(),
        new AuditSuppressionMatcher(),
        new AuditLoginuidMatcher(),
        new AuditBacklogFailureMatcher(),
        new AuditFilePermissionsMatcher(),
        new AuditRuleCoverageMatcher());
  }
}
