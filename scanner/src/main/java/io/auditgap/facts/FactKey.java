package io.auditgap.facts;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import java.util.Set;
import java.util.function.Function;

/**
 * A named fact derived from a snapshot by a pure function, together with the collector items the
 * derivation reads. Facts are computed at most once per host ({@link Facts} memoises them).
 *
 * @param name for diagnostics
 * @param needs what the collector must gather for this fact
 * @param derive pure function of the snapshot; must not throw on hostile input
 */
public record FactKey<T>(String name, Set<CollectionItem> needs, Function<HostSnapshot, T> derive) {
  public FactKey {
    needs = Set.copyOf(needs);
  }
}
