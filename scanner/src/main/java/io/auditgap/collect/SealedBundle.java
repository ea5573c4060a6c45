package io.auditgap.collect;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bundle that another runner produced with the script {@code auditgap collector} printed
 * (Ansible, SSM, Salt, a person with sudo) and handed back as a file. It is accepted only when it
 * is whole and unchanged: first line from this collector version, a complete frame sequence, and a
 * final checksum line that matches every byte before it. The checksum detects truncation and
 * accidental or careless edits; it is not a signature (whoever can edit the file can recompute it).
 */
public final class SealedBundle {
  private static final Pattern BEGIN =
      Pattern.compile(
          "@@([A-Za-z0-9]{8,64}) begin 1(?: collector=([0-9a-f]+))?(?: items=([0-9a-f,]*))?");
  private static final Pattern SUM = Pattern.compile("@@([A-Za-z0-9]{8,64}) sum ([0-9]+) ([0-9]+)");

  private SealedBundle() {}

  /** Why a bundle file was refused, in one line. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  /**
   * @param host the name to report the host under (e.g. the file name without {@code .bundle})
   * @param collectedAt when the bundle was made, as far as known (the file's time)
   * @param known the items this auditgap can read: a command output in the bundle under one of
   *     their names must come from the same command
   */
  public static HostSnapshot read(
      byte[] data,
      String host,
      Instant collectedAt,
      CollectorLimits limits,
      Collection<? extends CollectionItem> known)
      throws RefusedException {
    try {
      return readExact(data, host, collectedAt, limits, known);
    } catch (RefusedException e) {
      // A runner that gives the script a terminal (Ansible over ssh -tt) gets every \n as \r\n.
      // Undoing that is exact (an original \r\n arrived as \r\r\n); the checksum decides.
      byte[] restored = withoutTerminalNewlines(data);
      if (restored.length == data.length) {
        throw e;
      }
      try {
        return readExact(restored, host, collectedAt, limits, known);
      } catch (RefusedException ignored) {
        throw e;
      }
    }
  }

  /**
   * The collector's version covers its functions, not the commands a catalog asks for: an output
   * made by another definition of a command would be parsed as this one's (a changed format, other
   * users, other paths) and give a verdict the evidence does not support.
   */
  private static void requireSameCommands(
      Map<String, SnapshotItem> items, String digests, Collection<? extends CollectionItem> known)
      throws RefusedException {
    Set<String> made = digests == null ? Set.of() : new HashSet<>(List.of(digests.split(",")));
    for (CollectionItem item : known) {
      if (item instanceof CollectionItem.Command c
          && items.containsKey(c.key())
          && !made.contains(c.digest())) {
        throw new RefusedException(
            "its output of '"
                + c.name()
                + "' was made by another version of that command than this auditgap reads: print"
                + " the script again with 'auditgap collector' and re-run it");
      }
    }
  }

  private static byte[] withoutTerminalNewlines(byte[] data) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length);
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
        continue;
      }
      out.write(data[i]);
    }
    return out.toByteArray();
  }

  private static HostSnapshot readExact(
      byte[] data,
      String host,
      Instant collectedAt,
      CollectorLimits limits,
      Collection<? extends CollectionItem> known)
      throws RefusedException {
    int firstEnd = indexOf(data, (byte) '\n', 0);
    String first =
        new String(
            data, 0, firstEnd < 0 ? Math.min(data.length, 200) : firstEnd, StandardCharsets.UTF_8);
    Matcher begin = BEGIN.matcher(first);
    if (!begin.matches()) {
      throw new RefusedException(
          "not a collector bundle: it must start with the collector's '@@... begin' line"
              + " (save the script's standard output unchanged)");
    }
    String nonce = begin.group(1);
    if (!CollectorScript.VERSION.equals(begin.group(2))) {
      throw new RefusedException(
          "made by collector "
              + (begin.group(2) == null ? "(unversioned)" : begin.group(2))
              + ", this auditgap reads collector "
              + CollectorScript.VERSION
              + ": print the script again with 'auditgap collector' and re-run it");
    }
    // Runners may drop the final newline; the checksum line is the last line either way.
    int len = data.length;
    while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r')) {
      len--;
    }
    int sumStart = lastIndexOf(data, (byte) '\n', len - 1) + 1;
    Matcher sum = SUM.matcher(new String(data, sumStart, len - sumStart, StandardCharsets.UTF_8));
    if (sumStart == 0 || !sum.matches() || !sum.group(1).equals(nonce)) {
      throw new RefusedException(
          "no checksum line at the end: the bundle was cut short (or is not the whole output"
              + " of the script)");
    }
    long expectedLength = Long.parseLong(sum.group(3));
    if (expectedLength != sumStart) {
      throw new RefusedException(
          "the bundle has "
              + sumStart
              + " bytes before its checksum line, the collector wrote "
              + expectedLength
              + ": it was cut short or changed after collection");
    }
    long crc = PosixCksum.of(data, 0, sumStart);
    if (crc != Long.parseLong(sum.group(2))) {
      throw new RefusedException(
          "checksum mismatch (cksum "
              + crc
              + ", the collector wrote "
              + sum.group(2)
              + "): the bundle was changed after collection");
    }
    byte[] body = java.util.Arrays.copyOf(data, sumStart);
    Bundle bundle = BundleReader.read(body, nonce, limits);
    if (!bundle.complete()) {
      throw new RefusedException("incomplete bundle: " + bundle.problem());
    }
    // the commands that ran are checked; the items cut from the shared systemctl run after it are
    // answered by its snippet, which the collector's version covers, for whatever it asked
    requireSameCommands(byKey(bundle), begin.group(3), known);
    Map<String, SnapshotItem> byKey = byKey(SystemctlShows.split(bundle, known));
    return new HostSnapshot(host, collectedAt, byKey, sumStart, true, null);
  }

  private static Map<String, SnapshotItem> byKey(Bundle bundle) {
    Map<String, SnapshotItem> byKey = new LinkedHashMap<>();
    for (SnapshotItem item : bundle.items()) {
      byKey.putIfAbsent(item.key(), item);
    }
    return byKey;
  }

  private static int indexOf(byte[] d, byte b, int from) {
    for (int i = from; i < d.length; i++) {
      if (d[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] d, byte b, int from) {
    for (int i = Math.min(from, d.length - 1); i >= 0; i--) {
      if (d[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
