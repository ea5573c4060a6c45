package io.auditgap.checks.matchers.sshd;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the sshd family (checks/sshd.yaml). */
public final class SshdMatchers {
  private SshdMatchers() {}

  public static List<Matcher> all() {
    return List.of(
        new SshdLogLevelMatcher(),
        new SshdSyslogFacilityMatcher(),
        new SshdUsePamMatcher(),
        new SshdConfigValidMatcher());
  }
}
