package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import java.util.List;

/**
 * When the audit disk is full or failing, the host must not go on unaudited: disk_full_action and
 * disk_error_action from the profile's lists ({@code disk_full_action}, {@code disk_error_action}
 * params).
 */
public final class DiskFullErrorMatcher extends AuditdConfCheck {
  public DiskFullErrorMatcher() {
    super(
        "auditd-conf-disk-full-error",
        ActionRule.actions("disk_full_action"),
        ActionRule.actions("disk_error_action"));
  }

  @Override
  String judge(AuditdConfView v, CheckParams params, List<Evidence> ev, List<String> bad) {
    action(v, params, "disk_full_action", ev, bad);
    action(v, params, "disk_error_action", ev, bad);
    return "disk full: "
        + v.setting("disk_full_action").value()
        + ", disk error: "
        + v.setting("disk_error_action").value();
  }
}
