package io.auditgap.checks.matchers.logs;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the logs family (checks/logs.yaml). */
public final class LogsMatchers {
  private LogsMatchers() {}

  public static List<Matcher> all() {
    return List.of(new AuthLogStoredMatcher(), new LoginRecordsMatcher());
  }
}
