package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the retention family (checks/retention.yaml). */
public final class RetentionMatchers {
  private RetentionMatchers() {}

  public static List<Matcher> all() {
    return List.of(
        new AuditLogRetentionMatcher(),
        new AuthLogRetentionMatcher(),
        new JournalRetentionMatcher(),
        new LoginRecordsRetentionMatcher());
  }
}
