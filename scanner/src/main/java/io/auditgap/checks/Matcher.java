package io.auditgap.checks;

import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import java.util.Set;

/**
 * The Java half of a check: a typed test over a host's facts. Checks in {@code checks/*.yaml} name
 * a matcher and give it parameters; one matcher can serve several checks.
 */
public interface Matcher {

  /** The name used in {@code matcher:} in the check catalog. */
  String name();

  /** What the collector must gather for this matcher, whatever its parameters. */
  Set<CollectionItem> needs();

  /** Evaluates the facts; must not throw on hostile or partial input. */
  Verdict evaluate(CheckParams params, Facts facts);
}
