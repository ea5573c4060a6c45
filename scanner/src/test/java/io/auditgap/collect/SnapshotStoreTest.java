package io.auditgap.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved snapshots re-evaluate offline only if they come back exactly as collected. */
class SnapshotStoreTest {
  @TempDir Path dir;

  private static HostSnapshot snapshot(String host) {
    Map<String, SnapshotItem> items = new LinkedHashMap<>();
    String hostile = "-a always,exit -S execve\n\u0000\u001b[2J\u202e <script>${x}</script>\n";
    for (SnapshotItem i :
        new SnapshotItem[] {
          new SnapshotItem("file", "/etc/audit/rules.d/a.rules", 0, hostile, 42, false),
          new SnapshotItem(
              "cmd", "auditctl -l", 4, "You must be root to run this program.\n", 38, false),
          new SnapshotItem("dir", "/etc/audit/rules.d", SnapshotItem.DENIED, "", 0, false),
          new SnapshotItem("cmd", "flood", 141, "y\n".repeat(10), 20, true)
        }) {
      items.put(i.key(), i);
    }
    return new HostSnapshot(
        host, Instant.parse("2026-11-26T07:00:00Z"), items, 1234, false, "collector timed out");
  }

  @Test
  void roundTripsEveryItemAndTheIncompleteness() throws IOException {
    HostSnapshot s = snapshot("web-1");
    Path file = SnapshotStore.save(s, dir);
    assertEquals("web-1.snapshot.json", file.getFileName().toString());
    assertEquals(s, SnapshotStore.load(file));
  }

  @Test
  void hostNamesCannotEscapeTheDirectory() throws IOException {
    Path file = SnapshotStore.save(snapshot("../../etc/passwd"), dir);
    assertEquals(dir, file.getParent());
    assertTrue(file.getFileName().toString().startsWith("_"), file.toString());
  }

  @Test
  void aBrokenFileIsAnErrorThatSaysWhere() throws IOException {
    Path bad = dir.resolve("bad.snapshot.json");
    Files.writeString(bad, "{\n  \"format\": 1,\n  \"host\": oops\n}\n");
    IOException e = assertThrows(IOException.class, () -> SnapshotStore.load(bad));
    assertTrue(e.getMessage().startsWith(bad + ":3:"), e.getMessage());
    Files.writeString(bad, "{\"format\": 7, \"host\": \"h\", \"items\": []}");
    e = assertThrows(IOException.class, () -> SnapshotStore.load(bad));
    assertTrue(e.getMessage().contains("not an auditgap snapshot"), e.getMessage());
  }
}
