package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code logs.forwarding}: authentication and session events leave the host through an active path
 * (rsyslog, syslog-ng, systemd-journal-upload or an agent). Passes on the first proven path;
 * unknown when a path could hide in something unreadable; fails with the near misses that explain
 * why.
 */
public final class LogsForwardingMatcher implements Matcher {
  @Override
  public String name() {
    return "logs-forwarding";
  }

  @Override
  public Set<CollectionItem> needs() {
    return ForwardingAnalysis.needs();
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    ForwardingAnalysis.Streams s = new ForwardingAnalysis(facts).auth();
    return decide(s, "authentication events");
  }

  static Verdict decide(ForwardingAnalysis.Streams s, String what) {
    if (!s.paths().isEmpty()) {
      List<Evidence> ev = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (ForwardingPath p : s.paths()) {
        ev.addAll(p.evidence());
        names.add(p.describe());
      }
      return Verdict.pass(what + " leave the host via " + String.join(", ", names), ev);
    }
    if (!s.unseen().isEmpty()) {
      return Verdict.unknown(
          "no forwarding of "
              + what
              + " proven, and part of the configuration could not be seen: "
              + String.join("; ", s.unseen()),
          s.misses());
    }
    return Verdict.fail(
        s.misses().isEmpty()
            ? "nothing forwards " + what + ": no forwarding rule, journal upload or agent found"
            : "nothing forwards " + what + " (see the evidence for the closest configuration)",
        s.misses());
  }
}
