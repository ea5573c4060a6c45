package io.auditgap.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {
  private static final List<String> NAMES =
      IntStream.rangeClosed(1, 1000).mapToObj(i -> String.format("web-%04d", i)).toList();

  @Test
  void everyHostIsInExactlyOneShardAndShardsAreBalanced() {
    Set<String> seen = new HashSet<>();
    for (int i = 1; i <= 8; i++) {
      List<String> mine = new Shard(i, 8).select(NAMES);
      assertTrue(mine.size() > 80 && mine.size() < 170, () -> "unbalanced: " + mine.size());
      for (String n : mine) {
        assertTrue(seen.add(n), n + " in two shards");
      }
    }
    assertEquals(1000, seen.size());
  }

  @Test
  void aHostsShardDependsOnItsNameOnly() {
    // CRC-32 of the UTF-8 name, mod n, plus one: stable across runs and inventories
    assertEquals(Shard.of("web-0001", 4), new Shard(Shard.of("web-0001", 4), 4).index());
    List<String> more = new ArrayList<>(NAMES);
    more.add(0, "db-1");
    for (String n : NAMES) {
      assertTrue(new Shard(Shard.of(n, 5), 5).select(more).contains(n));
    }
    // java.util.zip.CRC32("a") = 0xe8b7be43 = 3904355907; 3904355907 % 3 = 0
    assertEquals(1, Shard.of("a", 3));
  }

  @Test
  void parsesIOverNAndRejectsNonsense() {
    assertEquals(new Shard(2, 8), Shard.parse("2/8"));
    for (String bad : List.of("0/8", "9/8", "2", "a/b", "-1/2", "1/0", "")) {
      assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
    }
  }

  @Test
  void mergeRestoresInventoryOrderAndSpan() {
    List<String> inventory = NAMES.subList(0, 50);
    List<ShardMerge.Part> parts = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      List<HostResult> hosts =
          new Shard(i, 3).select(inventory).stream().map(ShardTest::host).toList();
      parts.add(
          new ShardMerge.Part(
              "shard-" + i,
              new ScanResult(
                  "1.0",
                  Instant.ofEpochSecond(100 + i),
                  Instant.ofEpochSecond(200 - i),
                  "inv.yaml",
                  "baseline",
                  hosts)));
    }
    ScanResult merged = ShardMerge.merge(parts, inventory);
    assertEquals(inventory, merged.hosts().stream().map(HostResult::name).toList());
    assertEquals(Instant.ofEpochSecond(101), merged.startedAt());
    assertEquals(Instant.ofEpochSecond(199), merged.finishedAt());
    // without the inventory: by name (these names sort like the inventory)
    assertEquals(inventory, names(ShardMerge.merge(parts, List.of())));

    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class, () -> ShardMerge.merge(parts.subList(0, 2), inventory));
    assertTrue(missing.getMessage().contains("in no report"), missing.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> ShardMerge.merge(List.of(parts.get(0), parts.get(0)), List.of()));
    assertTrue(twice.getMessage().contains("is in both"), twice.getMessage());
    ShardMerge.Part otherProfile =
        new ShardMerge.Part(
            "x", new ScanResult("1.0", Instant.EPOCH, Instant.EPOCH, "inv.yaml", "cis", List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ShardMerge.merge(List.of(parts.get(0), otherProfile), List.of()));
  }

  private static List<String> names(ScanResult r) {
    return r.hosts().stream().map(HostResult::name).toList();
  }

  private static HostResult host(String name) {
    return new HostResult(
        name, name + ":22", HostStatus.ASSESSED, null, null, List.of(), CollectionStats.NONE);
  }
}
