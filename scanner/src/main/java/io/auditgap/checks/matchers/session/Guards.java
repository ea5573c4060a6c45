package io.auditgap.checks.matchers.session;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.Preconditions;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.pam.PamFacts;
import io.auditgap.facts.pam.PamStack;
import io.auditgap.facts.pam.UsePamSetting;
import java.util.List;
import java.util.Optional;

/** Preconditions the PAM checks share: not a container, sshd present and using PAM. */
final class Guards {
  private Guards() {}

  /** not_applicable for containers: the kernel's loginuid and TTY auditing live on the host. */
  static Optional<Verdict> container(Facts facts) {
    return Preconditions.notInContainer(
        facts, "loginuid and TTY auditing are kernel features of its host");
  }

  /**
   * The UsePAM evidence, or the verdict that ends the check: unknown when unreadable (RHEL ships
   * sshd_config 0600), not applicable without sshd, fail when sshd does not use PAM.
   */
  /** What a check of sshd's session stack starts from: a verdict that stops it, or the stack. */
  record SessionStart(Verdict stop, PamStack stack) {}

  /**
   * The common start of the sshd session checks: not applicable in a container, stopped by {@code
   * UsePAM no} (see {@link #usePam}), unknown when the stack cannot be read.
   */
  static SessionStart sshdSessionStack(Facts facts, List<Evidence> ev) {
    return sshdSessionStack(facts, ev, true);
  }

  /**
   * @param containerGate false when the check can be judged inside a container (the kernel gives
   *     its sessions a loginuid there)
   */
  static SessionStart sshdSessionStack(Facts facts, List<Evidence> ev, boolean containerGate) {
    Optional<Verdict> na = containerGate ? container(facts) : Optional.empty();
    if (na.isPresent()) {
      return new SessionStart(na.get(), null);
    }
    Verdict stop = usePam(facts, ev);
    if (stop != null) {
      return new SessionStart(stop, null);
    }
    Observed<PamStack> stack = facts.get(PamFacts.SSHD_SESSION);
    if (!stack.isSeen()) {
      return new SessionStart(
          Verdict.unknown("sshd's PAM stack could not be read: " + stack.reason(), ev), null);
    }
    return new SessionStart(null, stack.value());
  }

  static Verdict usePam(Facts facts, List<Evidence> ev) {
    Observed<Optional<UsePamSetting>> up = facts.get(PamFacts.USE_PAM);
    if (!up.isSeen()) {
      return Verdict.unknown("sshd's UsePAM could not be read: " + up.reason(), ev);
    }
    if (up.value().isEmpty()) {
      return Verdict.notApplicable(
          "no /etc/ssh/sshd_config: the OpenSSH server is not installed", ev);
    }
    UsePamSetting s = up.value().get();
    String note =
        s.enabled()
            ? "sshd runs the PAM session stack"
            : "sshd skips PAM: no loginuid, no TTY audit";
    if (!s.overridden().isEmpty()) {
      note += " (wins over the later " + s.overridden() + ": sshd keeps the first value)";
    }
    ev.add(Evidence.of(s.source(), s.line(), s.text(), note));
    if (!s.enabled()) {
      return Verdict.fail("sshd does not use PAM (" + s.text() + " at " + location(s) + ")", ev);
    }
    return null;
  }

  private static String location(UsePamSetting s) {
    return s.line() > 0 ? s.source() + ":" + s.line() : s.source();
  }
}
