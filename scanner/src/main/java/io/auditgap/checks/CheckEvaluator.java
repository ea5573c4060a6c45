package io.auditgap.checks;

import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.OsFacts;
import io.auditgap.timing.Phases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Evaluates a set of checks on one host's facts. Never throws: a matcher bug becomes unknown. */
public final class CheckEvaluator {
  private final List<CheckDefinition> checks;
  private final MatcherRegistry registry;

  public CheckEvaluator(List<CheckDefinition> checks, MatcherRegistry registry) {
    this.checks = List.copyOf(checks);
    this.registry = registry;
  }

  /**
   * Everything any check of any catalog can need: what every registered matcher reads (matchers
   * declare their needs without parameters), and the host's identity.
   */
  public static Set<CollectionItem> everyNeed(MatcherRegistry registry) {
    Set<CollectionItem> items = new LinkedHashSet<>(OsFacts.IDENTITY);
    for (String name : registry.names()) {
      registry.find(name).ifPresent(m -> items.addAll(m.needs()));
    }
    return items;
  }

  /** The union of what the selected checks need, in a stable order. */
  public Set<CollectionItem> needs() {
    Set<CollectionItem> items = new LinkedHashSet<>(OsFacts.IDENTITY);
    for (CheckDefinition c : checks) {
      registry.find(c.matcher()).ifPresent(m -> items.addAll(m.needs()));
    }
    // Two families asking for different commands under one name would silently share one result.
    Map<String, CollectionItem> byKey = new LinkedHashMap<>();
    for (CollectionItem i : items) {
      CollectionItem other = byKey.putIfAbsent(i.key(), i);
      if (other != null && !other.equals(i)) {
        throw new IllegalStateException("two different collector items named " + i.key());
      }
    }
    List<CollectionItem> sorted = new ArrayList<>(items);
    sorted.sort((a, b) -> a.key().compareTo(b.key()));
    return new LinkedHashSet<>(sorted);
  }

  /**
   * Evaluates every check.
   *
   * @param settings the profile and the user's parameters (inventory, then command line); each
   *     applies to the checks whose matcher declares it settable, over the catalog's value (see
   *     {@link ParamOverrides#forCheck})
   */
  public List<Finding> evaluate(Facts facts, Map<String, Object> settings) {
    long start = Phases.threadCpu();
    long parsedBefore = Phases.parsedOnThread();
    List<Finding> out = evaluateAll(facts, settings);
    // Parsing happens lazily inside the matchers; count it once, as parsing.
    Phases.addCpu(Phases.Phase.EVALUATE, start + Phases.parsedOnThread() - parsedBefore);
    return out;
  }

  private List<Finding> evaluateAll(Facts facts, Map<String, Object> settings) {
    List<Finding> out = new ArrayList<>();
    for (CheckDefinition c : checks) {
      Verdict v;
      try {
        Matcher m = registry.find(c.matcher()).orElseThrow();
        v = m.evaluate(ParamOverrides.forCheck(c, m, settings), facts);
      } catch (RuntimeException e) {
        v = Verdict.unknown("internal error evaluating " + c.id() + ": " + e);
      }
      out.add(finding(c, v));
    }
    return out;
  }

  /** Every check as unknown with the same reason (host not reached, not trusted, ...). */
  public List<Finding> allUnknown(String reason) {
    List<Finding> out = new ArrayList<>();
    for (CheckDefinition c : checks) {
      out.add(finding(c, Verdict.unknown(reason)));
    }
    return out;
  }

  private static Finding finding(CheckDefinition c, Verdict v) {
    return new Finding(
        c.id(),
        c.title(),
        c.severity(),
        v.status(),
        v.reason(),
        v.evidence(),
        c.remediation(),
        c.references(),
        // a check is never its own root cause: the cause check may share a precondition
        v.rootCause().equals(c.id()) ? "" : v.rootCause());
  }
}
