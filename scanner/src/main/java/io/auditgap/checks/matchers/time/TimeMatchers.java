package io.auditgap.checks.matchers.time;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the time family (checks/time.yaml). */
public final class TimeMatchers {
  private TimeMatchers() {}

  public static List<Matcher> all() {
    return List.of(new TimeSyncMatcher());
  }
}
