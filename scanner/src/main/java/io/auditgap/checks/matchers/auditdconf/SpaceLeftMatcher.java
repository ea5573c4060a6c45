package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.facts.audit.daemon.AuditdSetting;
import java.util.List;

/**
 * An early warning fires before the audit disk fills: space_left above zero (and above
 * admin_space_left when both are in the same unit) with an action from the profile's list ({@code
 * space_left_action} param).
 */
public final class SpaceLeftMatcher extends AuditdConfCheck {
  public SpaceLeftMatcher() {
    super("auditd-conf-space-left", ActionRule.actions("space_left_action"));
  }

  @Override
  String judge(AuditdConfView v, CheckParams params, List<Evidence> ev, List<String> bad) {
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
    boolean accepted = action(v, params, "space_left_action", ev, bad);
    AuditdSetting act = v.setting("space_left_action");
    if (accepted && act.normalized().equals("email")) {
      AuditdSetting acct = v.setting("action_mail_acct");
      ev.addAll(v.evidence(acct, "mail recipient; needs a working /usr/sbin/sendmail on the host"));
    }
    return "when free space drops below "
        + space.value()
        + (ActionRule.percent(space) ? "" : " MB")
        + " auditd acts: "
        + act.value()
        + (act.option() != null ? " " + act.option() : "");
  }
}
