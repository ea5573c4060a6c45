package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.audit.daemon.AuditdSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The last-chance action before the audit disk is full: admin_space_left above zero and below
 * space_left, with an action from the profile's list ({@code admin_space_left_action} param).
 * SUSPEND, the shipped value, silently stops recording.
 */
public final class AdminSpaceLeftMatcher implements Matcher {
  @Override
  public String name() {
    return "auditd-conf-admin-space-left";
  }

  @Override
  public List<ParamSpec> parameters() {
    return List.of(ActionRule.actions("admin_space_left_action"));
  }

  @Override
  public Set<CollectionItem> needs() {
    return AuditdConfView.needs();
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    AuditdConfView v = AuditdConfView.load(facts);
    if (v.early != null) {
      return v.early;
    }
    String profile = params.profile();
    List<Evidence> ev = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    AuditdSetting admin = v.setting("admin_space_left");
    AuditdSetting space = v.setting("space_left");
    ev.addAll(v.evidence(admin, "threshold for the last-chance action"));
    long a = ActionRule.amount(admin);
    if (a <= 0) {
      bad.add(AuditdConfView.describe(admin) + ": the last-chance action never fires");
    } else if (ActionRule.percent(space) == ActionRule.percent(admin)
        && a >= ActionRule.amount(space)) {
      ev.addAll(v.evidence(space, "must be above admin_space_left"));
      bad.add(AuditdConfView.describe(admin) + " is not below " + AuditdConfView.describe(space));
    }
    String action =
        ActionRule.check(
            v, "admin_space_left_action", params.strings("admin_space_left_action"), profile, ev);
    if (action != null) {
      bad.add(action);
    }
    if (!bad.isEmpty()) {
      return Verdict.fail(String.join("; ", bad), ev);
    }
    return Verdict.pass(
        "below "
            + admin.value()
            + (ActionRule.percent(admin) ? "" : " MB")
            + " free auditd takes the last-chance action "
            + v.setting("admin_space_left_action").value(),
        ev);
  }
}
