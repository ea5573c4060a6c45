package io.auditgap.testing;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds host snapshots for matcher tests, item by item, as the collector would report them. */
public final class SnapshotBuilder {
  private final String host;
  private final Map<String, SnapshotItem> items = new LinkedHashMap<>();

  private SnapshotBuilder(String host) {
    this.host = host;
  }

  public static SnapshotBuilder host(String name) {
    return new SnapshotBuilder(name);
  }

  public SnapshotBuilder cmd(String name, int exit, String output) {
    return put(new SnapshotItem("cmd", name, exit, output, bytes(output), false));
  }

  public SnapshotBuilder file(String path, String content) {
    return put(new SnapshotItem("file", path, 0, content, bytes(content), false));
  }

  public SnapshotBuilder fileStatus(String path, int status) {
    return put(new SnapshotItem("file", path, status, "", 0, false));
  }

  public SnapshotBuilder dir(String path, String listing) {
    return put(new SnapshotItem("dir", path, 0, listing, bytes(listing), false));
  }

  public SnapshotBuilder dirStatus(String path, int status) {
    return put(new SnapshotItem("dir", path, status, "", 0, false));
  }

  public SnapshotBuilder put(SnapshotItem item) {
    items.put(item.key(), item);
    return this;
  }

  public HostSnapshot build() {
    long total = items.values().stream().mapToLong(SnapshotItem::size).sum();
    return new HostSnapshot(host, Instant.parse("2026-01-01T00:00:00Z"), items, total, true, null);
  }

  private static long bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
