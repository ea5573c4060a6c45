package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The log-forwarding family's matchers, registered with one line in the registry. */
public final class ForwardingMatchers {
  private ForwardingMatchers() {}

  public static List<Matcher> all() {
    return List.of(
        new LogsForwardingMatcher(),
        new AuditForwardingMatcher(),
        new ForwardingQualityMatcher(ForwardingQualityMatcher.Quality.RELIABLE),
        new ForwardingQualityMatcher(ForwardingQualityMatcher.Quality.TLS),
        new NotAReceiverMatcher());
  }
}
