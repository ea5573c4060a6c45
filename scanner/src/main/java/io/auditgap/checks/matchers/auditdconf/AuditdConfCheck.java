package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.audit.daemon.AuditdConfFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * A check of the settings in auditd.conf. The start is shared (not applicable in a container, fail
 * without auditd: the gate; unknown when auditd.conf cannot be read: see {@link AuditdConfView})
 * and so is the verdict: every problem found fails the check, in one reason; none passes it.
 */
abstract class AuditdConfCheck extends GatedMatcher {
  AuditdConfCheck(String name, ParamSpec... parameters) {
    super(
        name,
        List.of(parameters),
        needsOf(List.of(AuditdConfFacts.CONF)),
        Gate.auditd("auditd runs on the container host", "no auditd.conf setting takes effect"));
  }

  @Override
  protected final Verdict judge(CheckParams params, Facts facts) {
    AuditdConfView v = AuditdConfView.load(facts);
    if (v.early != null) {
      return v.early;
    }
    List<Evidence> ev = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    String pass = judge(v, params, ev, bad);
    return bad.isEmpty() ? Verdict.pass(pass, ev) : Verdict.fail(String.join("; ", bad), ev);
  }

  /**
   * Adds the settings read to {@code ev} and what is wrong with them to {@code bad}.
   *
   * @return the reason of a pass (not used when {@code bad} is not empty)
   */
  abstract String judge(AuditdConfView v, CheckParams params, List<Evidence> ev, List<String> bad);

  /**
   * Checks the action {@code key} against the profile's list (the parameter of the same name); a
   * problem goes to {@code bad}.
   *
   * @return true when the action is one the profile accepts
   */
  static boolean action(
      AuditdConfView v, CheckParams params, String key, List<Evidence> ev, List<String> bad) {
    String problem = ActionRule.check(v, key, params.strings(key), params.profile(), ev);
    if (problem != null) {
      bad.add(problem);
    }
    return problem == null;
  }
}
