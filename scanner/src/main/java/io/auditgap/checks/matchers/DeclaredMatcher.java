package io.auditgap.checks.matchers;

import io.auditgap.checks.Matcher;
import io.auditgap.checks.ParamSpec;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.FactKey;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A matcher whose name, declared parameters and collection needs are fixed when it is made, so a
 * matcher class holds only its judgement ({@link #evaluate}).
 */
public abstract class DeclaredMatcher implements Matcher {
  private final String name;
  private final List<ParamSpec> parameters;
  private final Set<CollectionItem> needs;

  protected DeclaredMatcher(String name, Set<CollectionItem> needs) {
    this(name, List.of(), needs);
  }

  protected DeclaredMatcher(String name, List<ParamSpec> parameters, Set<CollectionItem> needs) {
    this.name = name;
    this.parameters = List.copyOf(parameters);
    this.needs = Set.copyOf(needs);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<ParamSpec> parameters() {
    return parameters;
  }

  @Override
  public final Set<CollectionItem> needs() {
    return needs;
  }

  /** Everything the facts {@code keys} need, and the item sets in {@code more}. */
  @SafeVarargs
  protected static Set<CollectionItem> needsOf(
      List<FactKey<?>> keys, Collection<CollectionItem>... more) {
    Set<CollectionItem> all = new HashSet<>();
    keys.forEach(k -> all.addAll(k.needs()));
    for (Collection<CollectionItem> m : more) {
      all.addAll(m);
    }
    return all;
  }
}
