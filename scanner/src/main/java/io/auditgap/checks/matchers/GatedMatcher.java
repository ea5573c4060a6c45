package io.auditgap.checks.matchers;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.OsFacts;
import io.auditgap.facts.audit.AuditFacts;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A matcher whose own judgement ({@link #judge}) comes after a {@link Gate} that every check of its
 * kind answers the same way (see {@link Preconditions}): a container, a missing auditd. What the
 * gate reads is collected with the matcher's own needs.
 */
public abstract class GatedMatcher extends DeclaredMatcher {
  private final Gate gate;

  protected GatedMatcher(String name, Set<CollectionItem> needs, Gate gate) {
    this(name, List.of(), needs, gate);
  }

  protected GatedMatcher(
      String name, List<ParamSpec> parameters, Set<CollectionItem> needs, Gate gate) {
    super(name, parameters, with(needs, gate.needs()));
    this.gate = gate;
  }

  @Override
  public final Verdict evaluate(CheckParams params, Facts facts) {
    return gate.stop().apply(facts).orElseGet(() -> judge(params, facts));
  }

  /** The check's own judgement, on a host the gate let through. */
  protected abstract Verdict judge(CheckParams params, Facts facts);

  private static Set<CollectionItem> with(Set<CollectionItem> a, Set<CollectionItem> b) {
    Set<CollectionItem> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * A verdict that stops a check before its own judgement, and what deciding it reads.
   *
   * @param needs the collector items the gate reads
   * @param stop the verdict that ends the check, or empty to go on
   */
  public record Gate(Set<CollectionItem> needs, Function<Facts, Optional<Verdict>> stop) {
    public Gate {
      needs = Set.copyOf(needs);
    }

    /** Not applicable in a container; {@code why} completes "the host is a container; ". */
    public static Gate container(String why) {
      return new Gate(
          OsFacts.CONTAINMENT.needs(), facts -> Preconditions.notInContainer(facts, why));
    }

    /**
     * Not applicable in a container ({@code why}), then fail naming the root cause {@code
     * auditd.installed} when auditctl is missing; {@code consequence} completes "auditd is not
     * installed (auditctl not found), so ".
     */
    public static Gate auditd(String why, String consequence) {
      Gate c = container(why);
      return new Gate(
          with(c.needs(), AuditFacts.AUDITCTL_INSTALLED.needs()),
          facts ->
              c.stop().apply(facts).or(() -> Preconditions.auditdInstalled(facts, consequence)));
    }

    /** The gate of every kernel audit check: audit belongs to the host kernel. */
    public static Gate audit(String consequence) {
      return auditd("audit belongs to the host kernel", consequence);
    }

    /** As {@link #audit}, for checks of the audit rules themselves. */
    public static Gate auditRules(String consequence) {
      return auditd("audit rules belong to the host kernel", consequence);
    }
  }
}
