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
import io.auditgap.facts.audit.ControlDirective;
import io.auditgap.facts.audit.ControlKind;
import io.auditgap.facts.audit.PersistentRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code audit.backlog-failure}: the rules set a backlog of at least {@code min_backlog_limit}, a
 * {@code --backlog_wait_time} and the failure mode of the profile ({@code failure_mode}), and the
 * running kernel reports the same ({@code backlog_limit}, {@code backlog_wait_time}, {@code
 * failure}).
 */
public final class AuditBacklogFailureMatcher extends GatedMatcher {
  public static final String NAME = "audit-backlog-failure";

  public AuditBacklogFailureMatcher() {
    super(
        NAME,
        List.of(
            ParamSpec.of("min_backlog_limit", ParamType.INTEGER).orElse("8192").byProfile(),
            ParamSpec.of("failure_mode", ParamType.TEXT_LIST).allowing("0", "1", "2").byProfile()),
        needsOf(List.of(AuditFacts.PERSISTENT_RULES, AuditFacts.STATUS)),
        Gate.audit("there is no backlog or failure handling"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    long minBacklog = params.number("min_backlog_limit").orElse(8192L);
    List<String> modes = params.strings("failure_mode");
    if (modes.isEmpty()) {
      modes = List.of("1", "2");
    }
    Observed<PersistentRules> persistent = facts.get(AuditFacts.PERSISTENT_RULES);
    Observed<AuditStatus> status = facts.get(AuditFacts.STATUS);
    List<Evidence> ev = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> unseen = new ArrayList<>();
    if (persistent.isSeen()) {
      PersistentRules p = persistent.value();
      String who = "persistent rules (" + p.loader() + ")";
      Optional<ControlDirective> b = last(p, ControlKind.BACKLOG_LIMIT);
      Optional<ControlDirective> w = last(p, ControlKind.BACKLOG_WAIT_TIME);
      Optional<ControlDirective> f = last(p, ControlKind.FAILURE_MODE);
      rule(
          ev,
          problems,
          who,
          b,
          "-b",
          number(b).orElse(-1L) >= minBacklog,
          "at least " + minBacklog);
      rule(
          ev, problems, who, w, "--backlog_wait_time", number(w).orElse(0L) > 0, "a wait time > 0");
      rule(
          ev,
          problems,
          who,
          f,
          "-f",
          f.isPresent() && modes.contains(f.get().argument()),
          "-f " + String.join(" or ", modes) + " under profile " + params.profile());
    } else {
      unseen.add("persistent rules not seen (" + persistent.reason() + ")");
    }
    if (status.isSeen()) {
      AuditStatus st = status.value();
      running(
          ev, problems, st, "backlog_limit", st.number("backlog_limit").orElse(-1) >= minBacklog);
      running(ev, problems, st, "backlog_wait_time", st.number("backlog_wait_time").orElse(0) > 0);
      OptionalLong failure = st.number("failure");
      running(
          ev,
          problems,
          st,
          "failure",
          failure.isPresent() && modes.contains(Long.toString(failure.getAsLong())));
    } else {
      unseen.add("kernel status not seen (" + status.reason() + ")");
    }
    if (!problems.isEmpty()) {
      List<String> all = new ArrayList<>(problems);
      all.addAll(unseen);
      return Verdict.fail(String.join("; ", all), ev);
    }
    if (!unseen.isEmpty()) {
      return Verdict.unknown(String.join("; ", unseen), ev);
    }
    return Verdict.pass(
        "backlog at least "
            + minBacklog
            + ", a backlog wait time and failure mode "
            + String.join("/", modes)
            + " in the rules and in the running kernel",
        ev);
  }

  private static Optional<ControlDirective> last(PersistentRules p, ControlKind kind) {
    ControlDirective last = null;
    for (ControlDirective c : p.rules().controls()) {
      if (c.kind() == kind) {
        last = c;
      }
    }
    return Optional.ofNullable(last);
  }

  private static Optional<Long> number(Optional<ControlDirective> d) {
    try {
      return d.map(c -> Long.parseLong(c.argument().strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void rule(
      List<Evidence> ev,
      List<String> problems,
      String who,
      Optional<ControlDirective> d,
      String option,
      boolean ok,
      String wanted) {
    if (d.isPresent()) {
      ev.add(
          Evidence.of(
              d.get().source(), ok ? "the value in force after the load" : "wanted " + wanted));
    } else {
      ev.add(Evidence.note(who + ": no " + option + " line is processed"));
    }
    if (!ok) {
      problems.add(
          who
              + ": "
              + (d.isPresent() ? d.get().source().text().strip() : "no " + option)
              + " (wanted "
              + wanted
              + ")");
    }
  }

  private static void running(
      List<Evidence> ev, List<String> problems, AuditStatus st, String key, boolean ok) {
    String shown = key + " " + st.values().getOrDefault(key, "(missing)");
    ev.add(Evidence.of("auditctl -s", 0, shown, ok ? "as required" : "not as required"));
    if (!ok) {
      problems.add("running kernel: " + shown);
    }
  }
}
