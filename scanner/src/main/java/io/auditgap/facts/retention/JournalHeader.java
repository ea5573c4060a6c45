package io.auditgap.facts.retention;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code journalctl --header} says about the journal files journalctl reads (the same files
 * its other queries read: system and user journals, persistent and volatile): per file its path,
 * the realtime of its first entry, its entry count and its disk usage. The journal's disk usage is
 * the sum of the files' (as {@code journalctl --disk-usage} sums them), each taken at the top of
 * what its printed size can stand for: systemd prints {@code 3.5M} for anything from 3.5 up to 3.6
 * MiB, so the sum may exceed the real usage by 0.1 of a unit per file but never falls short of it
 * (a larger usage means a faster write rate and a shorter retention estimate, never a longer one).
 * Its oldest entry is the earliest first entry of a file that has entries, to the microsecond.
 *
 * <p>Read from systemd 252's layout: a block per file that starts with {@code File path:}, holds
 * {@code Head realtime timestamp: TEXT (HEX)} with the exact microseconds in hex, {@code Entry
 * objects: N} and ends with {@code Disk usage: SIZE}. A block without any of these (another
 * version's layout) makes the whole answer unknown, never a guess.
 *
 * @param files the journal files, in journalctl's order; empty when there are none
 * @param problem why the output cannot be read (empty when it can)
 */
public record JournalHeader(List<JournalFile> files, String problem) {
  private static final Pattern HEAD =
      Pattern.compile("^Head realtime timestamp:.*\\(([0-9a-f]{1,16})\\)\\s*$");
  private static final Pattern ENTRIES = Pattern.compile("^Entry objects: ([0-9]+)\\s*$");
  private static final Pattern USAGE = Pattern.compile("^Disk usage: (\\S+)\\s*$");
  private static final Pattern SIZE = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?([KMGTPE]?)B?");
  private static final Pattern EXIT = Pattern.compile("^exit=([0-9]+)$");
  private static final String NO_FILES = "No journal files were found.";

  /**
   * One journal file.
   *
   * @param headMicros realtime of its first entry in microseconds since the epoch (0: no entry)
   */
  public record JournalFile(String path, long headMicros, long entries, long diskBytes) {}

  public JournalHeader {
    files = List.copyOf(files);
  }

  public boolean readable() {
    return problem.isEmpty();
  }

  /** The sum of the files' disk usage; empty when the output could not be read. */
  public OptionalLong diskUsage() {
    if (!readable()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(files.stream().mapToLong(JournalFile::diskBytes).sum());
  }

  /** Seconds since the epoch of the oldest entry; empty without entries or readable output. */
  public OptionalLong oldestEpoch() {
    if (!readable()) {
      return OptionalLong.empty();
    }
    return files.stream()
        .filter(f -> f.entries() > 0 && f.headMicros() > 0)
        .mapToLong(f -> f.headMicros() / 1_000_000)
        .min();
  }

  /**
   * Parses the collector's "journal header" item: journalctl's output (the collector may leave out
   * the other lines of each file's block) followed by {@code exit=STATUS}.
   */
  public static JournalHeader parse(String text) {
    List<JournalFile> files = new ArrayList<>();
    String path = null;
    long head = -1;
    long entries = -1;
    OptionalLong usage = OptionalLong.empty();
    boolean noFiles = false;
    int exit = -1;
    for (String line : text.split("\n")) {
      Matcher m;
      if (line.startsWith("File path: ")) {
        if (path != null) {
          String bad = incomplete(path, head, entries, usage);
          if (!bad.isEmpty()) {
            return unreadable(bad);
          }
          files.add(new JournalFile(path, head, entries, usage.getAsLong()));
        }
        path = line.substring("File path: ".length()).strip();
        head = -1;
        entries = -1;
        usage = OptionalLong.empty();
      } else if (path != null && line.startsWith("Head realtime timestamp:")) {
        m = HEAD.matcher(line);
        if (!m.matches()) {
          return unreadable("unrecognised line for " + path + ": " + line.strip());
        }
        head = Long.parseUnsignedLong(m.group(1), 16);
      } else if (path != null && (m = ENTRIES.matcher(line)).matches()) {
        entries = Long.parseLong(m.group(1));
      } else if (path != null && line.startsWith("Disk usage:")) {
        m = USAGE.matcher(line);
        usage = m.matches() ? atMost(m.group(1)) : OptionalLong.empty();
        if (usage.isEmpty()) {
          return unreadable("unrecognised line for " + path + ": " + line.strip());
        }
      } else if ((m = EXIT.matcher(line)).matches()) {
        exit = Integer.parseInt(m.group(1));
      } else if (line.startsWith("#more than ")) {
        return unreadable(line.substring(1) + ": not all of them described");
      } else if (line.strip().equals(NO_FILES)) {
        noFiles = true;
      }
    }
    if (path != null) {
      String bad = incomplete(path, head, entries, usage);
      if (!bad.isEmpty()) {
        return unreadable(bad);
      }
      files.add(new JournalFile(path, head, entries, usage.getAsLong()));
    }
    if (exit != 0) {
      return unreadable(
          exit < 0 ? "no exit status (output cut short)" : "journalctl exited with " + exit);
    }
    if (files.isEmpty() && !noFiles) {
      return unreadable("no journal file described and no \"" + NO_FILES + "\"");
    }
    return new JournalHeader(files, "");
  }

  /**
   * The largest size systemd's format_bytes prints as {@code text}: it cuts (does not round) to one
   * decimal of the unit, so {@code 3.5M} is below 3.6 MiB; bytes below 1 KiB are exact.
   */
  static OptionalLong atMost(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    if (m.group(3).isEmpty()) {
      return m.group(2) == null
          ? OptionalLong.of(Long.parseLong(m.group(1)))
          : OptionalLong.empty();
    }
    BigDecimal unit = BigDecimal.valueOf(1024).pow("KMGTPE".indexOf(m.group(3)) + 1);
    BigDecimal n = new BigDecimal(m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2));
    BigDecimal step = BigDecimal.ONE.movePointLeft(n.scale());
    return OptionalLong.of(n.add(step).multiply(unit).longValue() - 1);
  }

  private static String incomplete(String path, long head, long entries, OptionalLong usage) {
    List<String> missing = new ArrayList<>();
    if (head < 0) {
      missing.add("Head realtime timestamp");
    }
    if (entries < 0) {
      missing.add("Entry objects");
    }
    if (usage.isEmpty()) {
      missing.add("Disk usage");
    }
    return missing.isEmpty()
        ? ""
        : "unrecognised layout: no " + String.join(", ", missing) + " for " + path;
  }

  private static JournalHeader unreadable(String why) {
    return new JournalHeader(List.of(), why);
  }
}
