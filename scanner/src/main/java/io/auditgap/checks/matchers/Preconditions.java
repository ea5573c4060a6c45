package io.auditgap.checks.matchers;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Containment;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import io.auditgap.facts.audit.AuditFacts;
import io.auditgap.facts.pam.PamFacts;
import io.auditgap.facts.pam.PamStack;
import io.auditgap.facts.pam.UsePamSetting;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verdicts that come before a matcher's own logic, shared so that every check answers them the same
 * way: a container has no kernel audit of its own (not applicable), and without auditd every audit
 * check fails naming its root cause, the check {@code auditd.installed}, so reports count it once;
 * the PAM session checks start from sshd's UsePAM and session stack, and with {@code UsePAM no}
 * fail naming {@code sshd.use-pam}.
 */
public final class Preconditions {
  private Preconditions() {}

  /** The check every audit check depends on. */
  public static final String AUDITD_INSTALLED = "auditd.installed";

  /** The check every PAM session check depends on: without PAM, sshd runs none of its modules. */
  public static final String SSHD_USE_PAM = "sshd.use-pam";

  /**
   * Not applicable when the host is a container (see {@link Containment}); {@code why} completes
   * "the host is a container; ". The reason says that this is delegated to the container's host and
   * whether the decision is certain; the evidence is the markers and the kernel audit answer.
   */
  public static Optional<Verdict> notInContainer(Facts facts, String why) {
    Observed<Containment> c = facts.get(OsFacts.CONTAINMENT);
    if (c.isSeen() && c.value().container()) {
      Containment k = c.value();
      String reason =
          "the host is a container ("
              + k.type()
              + "); "
              + why
              + ": not assessed here, scan the container host"
              + (k.certain() ? "" : " (uncertain: " + k.kernelAudit() + ")");
      return Optional.of(Verdict.notApplicable(reason, evidence(k)));
    }
    return Optional.empty();
  }

  /** The container decision as evidence: the markers and what the kernel audit interface said. */
  public static List<Evidence> evidence(Containment k) {
    return List.of(
        Evidence.of("container markers", 0, String.join("\n", k.markers()), k.summary()),
        Evidence.of("auditctl -s", 0, k.kernelAudit(), "the kernel audit interface"));
  }

  /**
   * Fail when auditctl is not installed; {@code consequence} completes "auditd is not installed
   * (auditctl not found), so ".
   */
  public static Optional<Verdict> auditdInstalled(Facts facts, String consequence) {
    Observed<Boolean> installed = facts.get(AuditFacts.AUDITCTL_INSTALLED);
    if (installed.isSeen() && !installed.value()) {
      return Optional.of(
          Verdict.fail(
                  "auditd is not installed (auditctl not found), so "
                      + consequence
                      + " (root cause: "
                      + AUDITD_INSTALLED
                      + ")",
                  List.of(Evidence.of("auditctl -l", 0, "", "exit status 127: command not found")))
              .causedBy(AUDITD_INSTALLED));
    }
    return Optional.empty();
  }

  /** The union of the facts' needs plus what the preconditions read. */
  public static Set<CollectionItem> needs(FactKey<?>... keys) {
    Set<CollectionItem> s = new LinkedHashSet<>(OsFacts.IN_CONTAINER.needs());
    for (FactKey<?> k : keys) {
      s.addAll(k.needs());
    }
    return Set.copyOf(s);
  }

  /**
   * Not applicable for containers, for the PAM session checks: the kernel's loginuid and TTY
   * auditing live on the host.
   */
  public static Optional<Verdict> sessionContainer(Facts facts) {
    return notInContainer(facts, "loginuid and TTY auditing are kernel features of its host");
  }

  /** What {@link #sshdSessionStack} reads: the container decision, sshd's UsePAM and its stack. */
  public static Set<CollectionItem> sessionStackNeeds() {
    return needs(PamFacts.USE_PAM, PamFacts.SSHD_SESSION);
  }

  /** What a check of sshd's session stack starts from: a verdict that stops it, or the stack. */
  public record SessionStart(Verdict stop, PamStack stack) {}

  /**
   * The common start of the sshd session checks: not applicable in a container, stopped by {@code
   * UsePAM no} (see {@link #usePam}), unknown when the stack cannot be read.
   */
  public static SessionStart sshdSessionStack(Facts facts, List<Evidence> ev) {
    return sshdSessionStack(facts, ev, true);
  }

  /**
   * @param containerGate false when the check can be judged inside a container (the kernel gives
   *     its sessions a loginuid there)
   */
  public static SessionStart sshdSessionStack(
      Facts facts, List<Evidence> ev, boolean containerGate) {
    Optional<Verdict> na = containerGate ? sessionContainer(facts) : Optional.empty();
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

  /**
   * The UsePAM evidence, or the verdict that ends the check: unknown when unreadable (RHEL ships
   * sshd_config 0600), not applicable without sshd, fail when sshd does not use PAM.
   */
  public static Verdict usePam(Facts facts, List<Evidence> ev) {
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
    ev.add(Evidence.of(s.at(), note));
    if (!s.enabled()) {
      return Verdict.fail(
              "sshd does not use PAM ("
                  + s.at().text()
                  + " at "
                  + location(s)
                  + "), so its session modules never run (root cause: "
                  + SSHD_USE_PAM
                  + ")",
              ev)
          .causedBy(SSHD_USE_PAM);
    }
    return null;
  }

  private static String location(UsePamSetting s) {
    return s.at().location();
  }
}
