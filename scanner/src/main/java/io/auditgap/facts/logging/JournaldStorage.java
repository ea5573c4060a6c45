package io.auditgap.facts.logging;

import io.auditgap.facts.retention.JournaldConfig;
import io.auditgap.facts.retention.JournaldSetting;
import java.util.Locale;

/**
 * journald's {@code Storage=} after journald.conf and its drop-ins are merged as systemd does (the
 * main file then the drop-ins in precedence order, so the last assignment wins).
 *
 * @param value {@code auto} when nothing sets it (systemd's default)
 * @param line the assignment as written, or empty for the default
 * @param source the file that sets it, or empty for the default
 * @param lineNumber 1-based line of {@code line} in {@code source}, 0 for the default
 */
public record JournaldStorage(String value, String line, String source, int lineNumber) {

  /** The effective {@code Storage=} of a merged configuration. */
  public static JournaldStorage of(JournaldConfig config) {
    JournaldSetting s = config.get("Storage");
    if (s.at().isBuiltIn()) {
      return new JournaldStorage(s.value().toLowerCase(Locale.ROOT), "", "", 0);
    }
    return new JournaldStorage(
        s.value().toLowerCase(Locale.ROOT), s.at().text(), s.at().file(), s.at().line());
  }

  /**
   * Whether journald writes to /var/log/journal: {@code persistent}, or {@code auto} when that
   * directory exists.
   */
  public boolean persistent(boolean varLogJournalExists) {
    return value.equals("persistent") || (value.equals("auto") && varLogJournalExists);
  }
}
