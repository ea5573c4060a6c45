package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.facts.audit.daemon.AuditdSetting;
import java.util.List;

/**
 * The last-chance action before the audit disk is full: admin_space_left above zero and below
 * space_left, with an action from the profile's list ({@code admin_space_left_action} param).
 * SUSPEND, the shipped value, silently stops recording.
 */
public final class AdminSpaceLeftMatcher extends AuditdConfCheck {
  public AdminSpaceLeftMatcher() {
    super("auditd-conf-admin-space-left", ActionRule.actions("admin_space_left_action"));
  }

  @Override
  String judge(AuditdConfView v, CheckParams params, List<Evidence> ev, List<String> bad) {
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
    action(v, params, "admin_space_left_action", ev, bad);
    return "below "
        + admin.value()
        + (ActionRule.percent(admin) ? "" : " MB")
        + " free auditd takes the last-chance action "
        + v.setting("admin_space_left_action").value();
  }
}
