package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the auditd-conf family (checks/auditd-conf.yaml). */
public final class AuditdConfMatchers {
  private AuditdConfMatchers() {}

  public static List<Matcher> all() {
    return List.of(
        new AuditdConfValidMatcher(),
        new LocalLoggingMatcher(),
        new SpaceLeftMatcher(),
        new AdminSpaceLeftMatcher(),
        new DiskFullErrorMatcher(),
        new MaxLogFileActionMatcher());
  }
}
