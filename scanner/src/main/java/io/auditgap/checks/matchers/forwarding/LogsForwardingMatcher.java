package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.logging.DaemonLog;
import io.auditgap.facts.logging.DeliveryEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code logs.forwarding}: authentication and session events leave the host through an active path
 * (rsyslog, syslog-ng, systemd-journal-upload or an agent) that its daemon does not report broken.
 * A configured path whose daemon logged, in the last 24 h, that it suspended, cannot resolve or
 * cannot reach that receiver, with nothing later saying it recovered, does not count; a failure
 * that cannot be tied to one receiver makes the verdict unknown rather than pass. Unknown when a
 * path could hide in something unreadable; fails with the near misses that explain why.
 */
public final class LogsForwardingMatcher extends DeclaredMatcher {
  public LogsForwardingMatcher() {
    super("logs-forwarding", ForwardingAnalysis.needs());
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    ForwardingAnalysis a = new ForwardingAnalysis(facts);
    return decide(a, a.auth(), "authentication events");
  }

  static Verdict decide(ForwardingAnalysis a, ForwardingAnalysis.Streams s, String what) {
    if (s.paths().isEmpty()) {
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
    Observed<DaemonLog> log = a.daemonLog();
    List<DeliveryHealth.Endpoint> endpoints = a.endpoints();
    List<String> working = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    List<String> uncertain = new ArrayList<>();
    List<String> unverified = new ArrayList<>();
    List<Evidence> ev = new ArrayList<>();
    List<Evidence> health = new ArrayList<>();
    for (ForwardingPath p : s.paths()) {
      ev.addAll(p.evidence());
      DeliveryHealth.Result h = DeliveryHealth.of(p, endpoints, log);
      for (DeliveryEvent e : h.lines()) {
        health.add(Evidence.of(source(e), 0, e.stamp() + " " + e.text(), note(h, p)));
      }
      switch (h.state()) {
        case DOWN -> broken.add(h.why());
        case UNCERTAIN -> uncertain.add(p.describe() + ": " + h.why());
        case UNREAD, NOT_LOGGED -> {
          working.add(p.describe());
          unverified.add(h.why());
        }
        case RECOVERED -> {
          working.add(p.describe());
          health.add(Evidence.note(p.describe() + ": " + h.why()));
        }
        case OK -> {
          working.add(p.describe());
          health.add(Evidence.note(p.describe() + ": " + h.why()));
        }
      }
    }
    ev.addAll(health);
    if (!working.isEmpty()) {
      String reason = what + " leave the host via " + String.join(", ", working);
      if (!broken.isEmpty()) {
        reason += "; but " + String.join("; ", broken);
      }
      if (!uncertain.isEmpty()) {
        reason += "; delivery uncertain for " + String.join("; ", uncertain);
      }
      if (unverified.size() == working.size()) {
        reason +=
            " (configuration only, delivery not verified: "
                + String.join("; ", unverified.stream().distinct().toList())
                + ")";
      }
      return Verdict.pass(reason, ev);
    }
    ev.addAll(s.misses());
    if (!uncertain.isEmpty()) {
      return Verdict.unknown(
          what
              + " are configured to leave the host, but "
              + String.join("; ", broken)
              + (broken.isEmpty() ? "" : "; ")
              + "delivery is uncertain: "
              + String.join("; ", uncertain),
          ev);
    }
    return Verdict.fail(
        "configured forwarding of " + what + " is not working: " + String.join("; ", broken), ev);
  }

  private static String source(DeliveryEvent e) {
    return e.source().equals("journal") ? "journalctl (" + e.daemon() + ")" : e.source();
  }

  private static String note(DeliveryHealth.Result h, ForwardingPath p) {
    return switch (h.state()) {
      case DOWN ->
          p.describe() + ": " + DeliveryHealth.describe(h.lines().get(h.lines().size() - 1));
      case RECOVERED -> p.describe() + ": failed, then recovered";
      default -> p.describe() + ": cannot be tied to one receiver";
    };
  }
}
