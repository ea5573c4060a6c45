package io.auditgap.checks.matchers.auditd;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the auditd family (checks/auditd.yaml). */
public final class AuditdMatchers {
  private AuditdMatchers() {}

  public static List<Matcher> all() {
    return List.of(
        new AuditdInstalledMatcher(),
        new AuditdRunningMatcher(),
        new AuditExecveMatcher(),
        new AuditImmutableMatcher(),
        new AuditRulesDriftMatcher());
  }
}
