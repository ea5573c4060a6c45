package io.auditgap.collect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything collected from one host in one collector run: immutable, and the only input checks
 * read. A saved snapshot can be evaluated again offline.
 *
 * @param host the inventory name
 * @param collectedAt when the collector finished
 * @param items by {@link SnapshotItem#key()}, in the order the host sent them
 * @param totalBytes bytes of the bundle as received
 * @param complete false when the bundle ended early (deadline, disconnect, total cap)
 * @param problem why the bundle is incomplete, or null
 */
public record HostSnapshot(
    String host,
    Instant collectedAt,
    Map<String, SnapshotItem> items,
    long totalBytes,
    boolean complete,
    String problem) {

  public HostSnapshot {
    items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
  }

  public Optional<SnapshotItem> file(String path) {
    return Optional.ofNullable(items.get("file:" + path));
  }

  public Optional<SnapshotItem> command(String name) {
    return Optional.ofNullable(items.get("cmd:" + name));
  }

  public Optional<SnapshotItem> directory(String path) {
    return Optional.ofNullable(items.get("dir:" + path));
  }

  /** Files collected directly inside {@code dir}, in the order the host listed them. */
  public List<SnapshotItem> filesIn(String dir) {
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    List<SnapshotItem> out = new ArrayList<>();
    for (SnapshotItem item : items.values()) {
      if (item.kind().equals("file")
          && item.name().startsWith(prefix)
          && item.name().indexOf('/', prefix.length()) < 0) {
        out.add(item);
      }
    }
    return out;
  }

  /**
   * Why an item the checks wanted is not in the snapshot: the bundle was cut short, or the item was
   * never requested (a programming error surfaced as unknown, never as pass).
   */
  public String missingReason(String key) {
    return complete
        ? key + " was not collected"
        : key + " was not collected: " + (problem == null ? "collection incomplete" : problem);
  }
}
