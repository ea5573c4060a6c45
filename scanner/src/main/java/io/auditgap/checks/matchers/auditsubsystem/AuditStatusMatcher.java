package io.auditgap.checks.matchers.auditsubsystem;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.audit.AuditFacts;
import io.auditgap.facts.audit.AuditStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code audit.events-lost}: the kernel audits ({@code enabled} 1 or 2), a daemon receives the
 * records ({@code pid} not 0), none were lost ({@code lost 0}) and the backlog is at least {@code
 * min_backlog_limit} (default 8192), from {@code auditctl -s}.
 */
public final class AuditStatusMatcher extends GatedMatcher {
  public static final String NAME = "audit-status";
  private static final String SRC = "auditctl -s";

  public AuditStatusMatcher() {
    super(
        NAME,
        List.of(ParamSpec.of("min_backlog_limit", ParamType.INTEGER).orElse("8192").byProfile()),
        needsOf(List.of(AuditFacts.STATUS)),
        Gate.audit("the kernel's audit records go nowhere"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    Observed<AuditStatus> status = facts.get(AuditFacts.STATUS);
    if (!status.isSeen()) {
      return Verdict.unknown("kernel audit status not seen: " + status.reason());
    }
    AuditStatus st = status.value();
    long minBacklog = params.number("min_backlog_limit").orElse(8192L);
    List<Evidence> ev = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    OptionalLong enabled = st.enabled();
    check(
        ev,
        problems,
        fine,
        st,
        "enabled",
        enabled.isPresent() && (enabled.getAsLong() == 1 || enabled.getAsLong() == 2),
        "auditing is off in the kernel (enabled 0: -e 0 or audit=0)");
    OptionalLong pid = st.number("pid");
    check(
        ev,
        problems,
        fine,
        st,
        "pid",
        pid.isPresent() && pid.getAsLong() != 0,
        "no audit daemon is connected (pid 0): records go to the kernel log or are lost");
    OptionalLong lost = st.number("lost");
    check(
        ev,
        problems,
        fine,
        st,
        "lost",
        lost.isPresent() && lost.getAsLong() == 0,
        "the kernel has dropped audit records since boot (lost > 0)");
    OptionalLong backlog = st.number("backlog_limit");
    check(
        ev,
        problems,
        fine,
        st,
        "backlog_limit",
        backlog.isPresent() && backlog.getAsLong() >= minBacklog,
        "backlog_limit below " + minBacklog + ": bursts of events are dropped");
    if (problems.isEmpty()) {
      return Verdict.pass(String.join(", ", fine), ev);
    }
    return Verdict.fail(String.join("; ", problems), ev);
  }

  private static void check(
      List<Evidence> ev,
      List<String> problems,
      List<String> fine,
      AuditStatus st,
      String key,
      boolean ok,
      String problem) {
    String shown = key + " " + st.values().getOrDefault(key, "(missing)");
    ev.add(Evidence.of(SRC, 0, shown, ok ? "as required" : problem));
    if (ok) {
      fine.add(shown);
    } else {
      problems.add(problem + " [" + shown + "]");
    }
  }
}
