package io.auditgap.facts.logging;

/**
 * journald's {@code Storage=} as {@code systemd-analyze cat-config systemd/journald.conf} shows it:
 * the main file then the drop-ins in precedence order, so the last assignment wins.
 *
 * @param value {@code auto} when nothing sets it (systemd's default)
 * @param line the assignment as written, or empty for the default
 */
public record JournaldStorage(String value, String line) {

  public static JournaldStorage parse(String text) {
    String value = "auto";
    String line = "";
    boolean inJournal = true;
    for (String raw : text.split("\n")) {
      String l = raw.strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
        continue;
      }
      if (l.startsWith("[")) {
        inJournal = l.equals("[Journal]");
        continue;
      }
      if (inJournal && l.startsWith("Storage=")) {
        value = l.substring("Storage=".length()).strip().toLowerCase(java.util.Locale.ROOT);
        line = l;
      }
    }
    return new JournaldStorage(value, line);
  }

  /**
   * Whether journald writes to /var/log/journal: {@code persistent}, or {@code auto} when that
   * directory exists.
   */
  public boolean persistent(boolean varLogJournalExists) {
    return value.equals("persistent") || (value.equals("auto") && varLogJournalExists);
  }
}
