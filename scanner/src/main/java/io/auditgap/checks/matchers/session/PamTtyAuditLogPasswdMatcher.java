package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.GatedMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.pam.PamFacts;
import io.auditgap.facts.pam.PamStack;
import io.auditgap.facts.pam.Reach;
import io.auditgap.facts.pam.StackEntry;
import io.auditgap.facts.pam.TtyAuditArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pam.tty-audit-no-log-passwd}: no pam_tty_audit line that sshd runs has {@code log_passwd},
 * which would put passwords typed at echo-off prompts into the audit log. Not applicable when sshd
 * runs no such line.
 */
public final class PamTtyAuditLogPasswdMatcher extends GatedMatcher {

  public PamTtyAuditLogPasswdMatcher() {
    super(
        "pam-tty-audit-no-log-passwd",
        needsOf(List.of(PamFacts.SSHD_SESSION)),
        Gate.container("loginuid and TTY auditing are kernel features of its host"));
  }

  @Override
  protected Verdict judge(CheckParams params, Facts facts) {
    Observed<PamStack> stack = facts.get(PamFacts.SSHD_SESSION);
    if (!stack.isSeen()) {
      return Verdict.unknown("sshd's PAM stack could not be read: " + stack.reason());
    }
    List<Evidence> ev = new ArrayList<>();
    List<StackEntry> bad = new ArrayList<>();
    List<StackEntry> lines = stack.value().module(TtyAuditAssessment.MODULE);
    for (StackEntry e : lines) {
      boolean lp = TtyAuditArgs.parse(e.rule().args()).logPasswd();
      ev.add(
          Evidence.of(
              e.rule().at().file(),
              e.rule().at().line(),
              e.chain(),
              lp
                  ? "log_passwd: passwords typed at echo-off prompts are recorded"
                  : "no log_passwd"));
      if (lp && e.reach() != Reach.SKIPPED) {
        bad.add(e);
      }
    }
    if (lines.isEmpty()) {
      return Verdict.notApplicable("sshd's session stack has no pam_tty_audit line", ev);
    }
    if (!bad.isEmpty()) {
      return Verdict.fail(
          "pam_tty_audit at "
              + bad.get(0).rule().at().location()
              + " has log_passwd: passwords reach the audit log",
          ev);
    }
    return Verdict.pass("no pam_tty_audit line in sshd's session stack has log_passwd", ev);
  }
}
