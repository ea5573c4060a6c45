package io.auditgap.checks.matchers.sshd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.Facts;
import java.util.List;
import java.util.Set;

/**
 * {@code sshd.use-pam}: {@code UsePAM yes}. Without it the PAM session stack never runs for SSH
 * logins, so pam_loginuid sets no audit login uid and pam_tty_audit never starts: audit records of
 * the session cannot be tied to the person who logged in.
 */
public final class SshdUsePamMatcher extends SshdSettingMatcher {

  public SshdUsePamMatcher() {
    super("sshd-use-pam", List.of(), Set.of(), "UsePAM");
  }

  @Override
  Verdict judge(EffectiveSshd e, CheckParams params, Facts facts) {
    if (!e.fromFiles() && e.value().isEmpty()) {
      // sshd -T prints usepam only when built with PAM (servconf.c dump_config, #ifdef USE_PAM):
      // Alpine's openssh-server is built without it (openssh-server-pam has it)
      return Verdict.fail(
          "sshd is built without PAM support (sshd -T prints no usepam): no PAM session stack"
              + " (pam_loginuid, pam_tty_audit) can run for SSH logins",
          e.evidence());
    }
    String origin = e.fromFiles() ? " [from " + e.sourceNote() + "]" : "";
    if (e.value().equals("YES")) {
      return Verdict.pass("sshd UsePAM yes" + origin, e.evidence());
    }
    return Verdict.fail(
        "sshd UsePAM "
            + e.value().toLowerCase(java.util.Locale.ROOT)
            + ": the PAM session stack (pam_loginuid, pam_tty_audit) does not run for SSH logins"
            + origin,
        e.evidence());
  }
}
