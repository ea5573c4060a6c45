package io.auditgap.facts.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal files journalctl reads by default (system and user journals, persistent and volatile,
 * of the local machine), from their own headers: per file its path, the realtime of its first
 * entry, its entry count and its disk usage. The journal's disk usage is the sum of the files' (as
 * {@code journalctl --disk-usage} sums them: allocated blocks); its oldest entry is the earliest
 * first entry of a file that has entries, to the microsecond.
 *
 * <p>Read from the collector's "journal header" item: one {@code stat -c '%b %B %n'} line per file,
 * then {@code #stat=STATUS}, then one line of 24 64-bit words per file ({@code od -An -v -tx8
 * -w192} of each file's first 192 bytes, in the same order), then {@code #od=STATUS}. The words are
 * the header of systemd's journal file format (docs/JOURNAL_FILE_FORMAT.md in systemd's sources):
 * word 0 the signature {@code LPKSHHRH}, word 19 {@code n_entries}, word 23 {@code
 * head_entry_realtime}, little-endian in the file and printed in the host's byte order, which the
 * signature tells. Anything else (a file not readable, a missing or shifted line, another
 * signature) makes the whole answer unknown, never a guess.
 *
 * @param files the journal files; empty when there are none
 * @param problem why the output cannot be read (empty when it can)
 */
public record JournalHeader(List<JournalFile> files, String problem) {
  private static final Pattern STAT = Pattern.compile("^([0-9]{1,18}) ([0-9]{1,9}) (/.+)$");
  private static final Pattern STATUS = Pattern.compile("^#(stat|od)=([0-9]+)$");
  private static final Pattern WORD = Pattern.compile("[0-9a-f]{16}");
  private static final long SIGNATURE = 0x48524848534b504cL; // "LPKSHHRH" read little-endian
  private static final int ENTRIES_WORD = 19;
  private static final int HEAD_REALTIME_WORD = 23;
  private static final int WORDS = 24;

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

  /** Parses the collector's "journal header" item (see the class comment). */
  public static JournalHeader parse(String text) {
    List<String> paths = new ArrayList<>();
    List<Long> disk = new ArrayList<>();
    List<long[]> headers = new ArrayList<>();
    int statStatus = -1;
    int odStatus = -1;
    for (String line : text.split("\n")) {
      Matcher m;
      if (line.equals("#no journal files")) {
        return new JournalHeader(List.of(), "");
      } else if (line.startsWith("#denied ")) {
        return unreadable(line.substring(8) + " not readable (collect as root)");
      } else if (line.startsWith("#more than ")) {
        return unreadable(line.substring(1) + ": not all of them described");
      } else if (line.equals("#odd name")) {
        return unreadable("a journal file with an unusual name");
      } else if ((m = STATUS.matcher(line)).matches()) {
        if (m.group(1).equals("stat")) {
          statStatus = Integer.parseInt(m.group(2));
        } else {
          odStatus = Integer.parseInt(m.group(2));
        }
      } else if (statStatus < 0 && (m = STAT.matcher(line)).matches()) {
        paths.add(m.group(3));
        disk.add(Long.parseLong(m.group(1)) * Long.parseLong(m.group(2)));
      } else if (statStatus >= 0 && odStatus < 0 && !line.isBlank()) {
        long[] words = words(line);
        if (words == null) {
          return unreadable("unrecognised header line: " + shortened(line));
        }
        headers.add(words);
      } else if (!line.isBlank()) {
        return unreadable("unrecognised line: " + shortened(line));
      }
    }
    if (statStatus != 0 || odStatus != 0) {
      return unreadable(
          statStatus < 0 || odStatus < 0
              ? "output cut short"
              : "stat exited with " + statStatus + ", od with " + odStatus);
    }
    if (headers.size() != paths.size()) {
      return unreadable(paths.size() + " journal files but " + headers.size() + " headers read");
    }
    List<JournalFile> files = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      long[] w = headers.get(i);
      boolean swapped = w[0] == Long.reverseBytes(SIGNATURE);
      if (w[0] != SIGNATURE && !swapped) {
        return unreadable("not a journal file header: " + paths.get(i));
      }
      long entries = swapped ? Long.reverseBytes(w[ENTRIES_WORD]) : w[ENTRIES_WORD];
      long head = swapped ? Long.reverseBytes(w[HEAD_REALTIME_WORD]) : w[HEAD_REALTIME_WORD];
      if (entries < 0 || head < 0) {
        return unreadable("implausible header: " + paths.get(i));
      }
      files.add(new JournalFile(paths.get(i), entries == 0 ? 0 : head, entries, disk.get(i)));
    }
    return new JournalHeader(files, "");
  }

  /** The 24 words of one od line, or null when it is not one. */
  private static long[] words(String line) {
    String[] f = line.strip().split(" +");
    if (f.length != WORDS) {
      return null;
    }
    long[] w = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      if (!WORD.matcher(f[i]).matches()) {
        return null;
      }
      w[i] = Long.parseUnsignedLong(f[i], 16);
    }
    return w;
  }

  private static String shortened(String line) {
    return line.length() > 80 ? line.substring(0, 80) + "…" : line;
  }

  private static JournalHeader unreadable(String why) {
    return new JournalHeader(List.of(), why);
  }
}
