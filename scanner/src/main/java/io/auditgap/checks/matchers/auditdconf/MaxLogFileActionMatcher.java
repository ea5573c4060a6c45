package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.facts.audit.daemon.AuditdSetting;
import java.util.List;

/**
 * What auditd does when audit.log reaches max_log_file. Profiles disagree: CIS wants keep_logs
 * (never delete), the RHEL 9 STIG wants rotate. Baseline accepts keep_logs, or rotate with at least
 * {@code min_num_logs} files; whether those files hold enough days is retention.audit-log's
 * question. A zero max_log_file never triggers the action at all.
 */
public final class MaxLogFileActionMatcher extends AuditdConfCheck {
  public MaxLogFileActionMatcher() {
    super(
        "auditd-conf-max-log-file-action",
        ActionRule.actions("max_log_file_action"),
        ParamSpec.of("min_num_logs", ParamType.INTEGER).orElse("2").byProfile());
  }

  @Override
  String judge(AuditdConfView v, CheckParams params, List<Evidence> ev, List<String> bad) {
    action(v, params, "max_log_file_action", ev, bad);
    AuditdSetting size = v.setting("max_log_file");
    ev.addAll(v.evidence(size, "size in MB that triggers the action"));
    if (ActionRule.amount(size) <= 0) {
      bad.add(
          AuditdConfView.describe(size)
              + ": no size limit, the action never runs and audit.log grows until the disk fills");
    }
    AuditdSetting act = v.setting("max_log_file_action");
    AuditdSetting num = v.setting("num_logs");
    if (act.normalized().equals("rotate")) {
      int min = params.integer("min_num_logs", 2);
      ev.addAll(v.evidence(num, "files kept by rotate"));
      if (ActionRule.amount(num) < min) {
        bad.add(
            AuditdConfView.describe(num)
                + " is below "
                + min
                + (ActionRule.amount(num) < 2
                    ? ": with fewer than 2, auditd does not rotate"
                    : ""));
      }
    }
    String how =
        act.normalized().equals("rotate")
            ? "rotate keeps "
                + num.value()
                + " × "
                + size.value()
                + " MB = "
                + ActionRule.amount(num) * ActionRule.amount(size)
                + " MB, then deletes the oldest"
            : "keep_logs never deletes audit logs (bounded by the disk and space_left actions)";
    return "max_log_file = " + size.value() + " MB, " + how;
  }
}
