package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.Matcher;
import java.util.List;

/** The matchers of the forwarding family (checks/forwarding.yaml). */
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
