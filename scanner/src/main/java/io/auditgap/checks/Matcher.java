package io.auditgap.checks;

import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import java.util.List;
import java.util.Set;

/**
 * The Java half of a check: a typed test over a host's facts. Checks in {@code checks/*.yaml} name
 * a matcher and give it parameters; one matcher can serve several checks.
 */
public interface Matcher {

  /** The name used in {@code matcher:} in the check catalog. */
  String name();

  /**
   * The parameters this matcher reads. The catalog's {@code params:}, the inventory's {@code
   * params:} and {@code --param} are validated against them; a key not declared here is refused.
   */
  default List<ParamSpec> parameters() {
    return List.of();
  }

  /** What the collector must gather for this matcher, whatever its parameters. */
  Set<CollectionItem> needs();

  /** Evaluates the facts; must not throw on hostile or partial input. */
  Verdict evaluate(CheckParams params, Facts facts);
}
