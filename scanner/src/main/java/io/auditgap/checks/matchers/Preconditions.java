package io.auditgap.checks.matchers;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import io.auditgap.facts.audit.AuditFacts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verdicts that come before a matcher's own logic, shared so that every check answers them the same
 * way: a container has no kernel audit of its own (not applicable), and without auditd every audit
 * check fails naming the root cause (checks-reference "Check dependencies").
 */
public final class Preconditions {
  private Preconditions() {}

  /**
   * Not applicable when the host is a container; {@code why} completes "the host is a container; ".
   */
  public static Optional<Verdict> notInContainer(Facts facts, String why) {
    Observed<Boolean> container = facts.get(OsFacts.IN_CONTAINER);
    if (container.isSeen() && container.value()) {
      return Optional.of(Verdict.notApplicable("the host is a container; " + why, List.of()));
    }
    return Optional.empty();
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
                  + " (root cause AUD-01)",
              List.of(Evidence.of("auditctl -l", 0, "", "exit status 127: command not found"))));
    }
    return Optional.empty();
  }

  /**
   * What every audit matcher does first: not applicable in a container (audit belongs to the host
   * kernel), fail naming the root cause when auditctl is missing.
   */
  public static Optional<Verdict> audit(Facts facts, String consequence) {
    return notInContainer(facts, "audit belongs to the host kernel")
        .or(() -> auditdInstalled(facts, consequence));
  }

  /** The union of the facts' needs plus what the preconditions read. */
  public static Set<CollectionItem> needs(FactKey<?>... keys) {
    Set<CollectionItem> s = new LinkedHashSet<>(OsFacts.IN_CONTAINER.needs());
    for (FactKey<?> k : keys) {
      s.addAll(k.needs());
    }
    return Set.copyOf(s);
  }
}
