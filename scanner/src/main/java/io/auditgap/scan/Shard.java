package io.auditgap.scan;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One of {@code count} disjoint slices of an inventory, chosen by host name alone: a host's shard
 * is {@code CRC-32(UTF-8 name) mod count + 1}, so it never moves when other hosts are added or
 * removed, and any tool can compute it.
 *
 * @param index 1-based shard number
 * @param count number of shards
 */
public record Shard(int index, int count) {
  private static final Pattern FORM = Pattern.compile("([0-9]{1,6})/([0-9]{1,6})");

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("shard must be i/n with 1 <= i <= n");
    }
  }

  /** Parses {@code i/n}, e.g. {@code 2/8}. */
  public static Shard parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a shard: write i/n, e.g. 2/8 (the second of eight)");
    }
    return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The 1-based shard that {@code hostName} belongs to among {@code count}. */
  public static int of(String hostName, int count) {
    CRC32 crc = new CRC32();
    crc.update(hostName.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % count) + 1;
  }

  public boolean contains(String hostName) {
    return of(hostName, count) == index;
  }

  /** The names of {@code names} in this shard, in their order. */
  public List<String> select(List<String> names) {
    return names.stream().filter(this::contains).toList();
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
