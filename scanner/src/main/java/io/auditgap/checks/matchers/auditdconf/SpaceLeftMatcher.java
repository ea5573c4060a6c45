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
 * An early warning fires before the audit disk fills: space_left above zero (and above
 * admin_space_left when both are in the same unit) with an action from the profile's list ({@code
 * space_left_action} param).
 */
public final class SpaceLeftMatcher implements Matcher {
  @Override
  public String name() {
    return "auditd-conf-space-left";
  }

  @Override
  public List<ParamSpec> parameters() {
    return List.of(ActionRule.actions("space_left_action"));
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
    AuditdSetting space = v.setting("space_left");
    AuditdSetting admin = v.setting("admin_space_left");
    ev.addAll(v.evidence(space, "threshold for the first warning"));
    long s = ActionRule.amount(space);
    if (s <= 0) {
      bad.add(AuditdConfView.describe(space) + ": the warning never fires");
    } else if (ActionRule.percent(space) == ActionRule.percent(admin)
        && s <= ActionRule.amount(admin)) {
      ev.addAll(v.evidence(admin, "must be lower than space_left"));
      bad.add(
          AuditdConfView.describe(space)
              + " is not above "
              + AuditdConfView.describe(admin)
              + ": the last-chance action fires first");
    }
    String action =
        ActionRule.check(v, "space_left_action", params.strings("space_left_action"), profile, ev);
    if (action != null) {
      bad.add(action);
    }
    AuditdSetting act = v.setting("space_left_action");
    if (action == null && act.normalized().equals("email")) {
      AuditdSetting acct = v.setting("action_mail_acct");
      ev.addAll(v.evidence(acct, "mail recipient; needs a working /usr/sbin/sendmail on the host"));
    }
    if (!bad.isEmpty()) {
      return Verdict.fail(String.join("; ", bad), ev);
    }
    return Verdict.pass(
        "when free space drops below "
            + space.value()
            + (ActionRule.percent(space) ? "" : " MB")
            + " auditd acts: "
            + act.value()
            + (act.option() != null ? " " + act.option() : ""),
        ev);
  }
}
