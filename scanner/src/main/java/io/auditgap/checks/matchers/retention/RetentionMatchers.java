package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.Matcher;
import io.auditgap.checks.matchers.auditdconf.AuditdConfMatchers;
import java.util.ArrayList;
import java.util.List;

/**
 * The retention and auditd.conf families' matchers, registered with one line in MatcherRegistry.
 */
public final class RetentionMatchers {
  private RetentionMatchers() {}

  public static List<Matcher> all() {
    List<Matcher> all = new ArrayList<>(AuditdConfMatchers.all());
    all.add(new AuditLogRetentionMatcher());
    all.add(new AuthLogRetentionMatcher());
    all.add(new JournalRetentionMatcher());
    all.add(new LoginRecordsRetentionMatcher());
    return List.copyOf(all);
  }
}
