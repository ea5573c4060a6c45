package io.auditgap.facts;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import java.util.Optional;
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

  /**
   * A fact read from one collector command's output, unseen when the command did not run to
   * completion. The output is found by the item's own name, so the two cannot drift apart.
   */
  public static <T> FactKey<Observed<T>> ofCommand(
      String name, CollectionItem.Command item, Function<SnapshotItem, T> read) {
    return new FactKey<>(
        name, Set.of(item), s -> SnapshotFacts.command(s, item.name()).map(read::apply));
  }

  /**
   * A fact parsed from one file's text, {@code whenAbsent} when the file does not exist; unseen
   * when it could not be read whole.
   */
  public static <T> FactKey<Observed<T>> ofFile(
      String name, CollectionItem.File item, Function<String, T> parse, T whenAbsent) {
    return new FactKey<>(
        name,
        Set.of(item),
        s ->
            SnapshotFacts.file(s, item.path())
                .map(
                    (Optional<SnapshotItem> f) ->
                        f.map(i -> parse.apply(i.text())).orElse(whenAbsent)));
  }
}
