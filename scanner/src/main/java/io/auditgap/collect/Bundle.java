package io.auditgap.collect;

import java.util.List;

/**
 * A parsed collector bundle.
 *
 * @param items in the order received
 * @param complete the end marker was seen and every frame was well-formed
 * @param problem why the bundle is incomplete, or null
 * @param bytes bytes consumed
 */
public record Bundle(List<SnapshotItem> items, boolean complete, String problem, long bytes) {
  public Bundle {
    items = List.copyOf(items);
  }
}
