package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The auditd.conf family's matchers, registered with one line in MatcherRegistry. */
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
