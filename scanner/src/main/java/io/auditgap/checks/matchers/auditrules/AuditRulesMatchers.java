package io.auditgap.checks.matchers.auditrules;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the audit-rules family (checks/audit-rules.yaml). */
public final class AuditRulesMatchers {
  private AuditRulesMatchers() {}

  public static List<Matcher> all() {
    return List.of(new AuditRuleCoverageMatcher());
  }
}
