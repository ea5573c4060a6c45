package io.auditgap.facts.retention;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code ls -l --time-style=+%s DIR/}: a name with its size and modification time.
 *
 * @param type the first character of the mode ({@code -} regular, {@code d} directory, {@code l}
 *     link)
 * @param mtime seconds since the epoch
 */
public record LogEntry(char type, String owner, String group, long size, long mtime, String name) {

  /** Parses the listing; lines in any other shape (the "total" line, errors) are skipped. */
  public static List<LogEntry> parseListing(String text) {
    List<LogEntry> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+", 7);
      if (f.length < 7 || f[0].length() < 10) {
        continue;
      }
      try {
        long size = Long.parseLong(f[4]);
        long mtime = Long.parseLong(f[5]);
        String name = f[6];
        int arrow = name.indexOf(" -> ");
        if (f[0].charAt(0) == 'l' && arrow > 0) {
          name = name.substring(0, arrow);
        }
        out.add(new LogEntry(f[0].charAt(0), f[2], f[3], size, mtime, name));
      } catch (NumberFormatException e) {
        // not an entry line (e.g. a device with "major, minor")
      }
    }
    return out;
  }
}
