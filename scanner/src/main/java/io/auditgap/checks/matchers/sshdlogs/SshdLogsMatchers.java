package io.auditgap.checks.matchers.sshdlogs;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the sshd logging, auth log, login records and time families. */
public final class SshdLogsMatchers {
  private SshdLogsMatchers() {}

  public static List<Matcher> all() {
    return List.of(
        new SshdLogLevelMatcher(),
        new SshdSyslogFacilityMatcher(),
        new SshdUsePamMatcher(),
        new SshdConfigValidMatcher(),
        new AuthLogStoredMatcher(),
        new LoginRecordsMatcher(),
        new TimeSyncMatcher());
  }
}
