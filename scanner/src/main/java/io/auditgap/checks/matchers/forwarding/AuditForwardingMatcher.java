package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import java.util.List;

/**
 * {@code audit.forwarding}: audit records leave the host: audisp-remote with a server,
 * audisp-syslog with a facility a syslog path forwards, or an agent that ships the audit log; a
 * path whose daemon reports it broken does not count (see {@link LogsForwardingMatcher}).
 */
public final class AuditForwardingMatcher extends DeclaredMatcher {
  public AuditForwardingMatcher() {
    super("audit-forwarding", needsOf(List.of(OsFacts.IN_CONTAINER), ForwardingAnalysis.needs()));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    Observed<Boolean> container = facts.get(OsFacts.IN_CONTAINER);
    if (container.isSeen() && container.value()) {
      return Verdict.notApplicable(
          "the host is a container; audit records are produced and shipped by the container host",
          List.of());
    }
    ForwardingAnalysis a = new ForwardingAnalysis(facts);
    return LogsForwardingMatcher.decide(a, a.audit(), "audit records");
  }
}
