package io.auditgap.facts.logging;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newest sshd entry in the journal, from {@code journalctl _COMM=sshd _COMM=sshd-session -n 1
 * -o short-unix --no-pager} (sshd-session is the per-connection process from OpenSSH 9.8 on).
 *
 * @param outcome what the journal answered
 * @param timestamp the entry's time in epoch seconds, when there is one
 * @param line the entry or message, for evidence
 */
public record JournalProbe(Outcome outcome, OptionalLong timestamp, String line) {
  private static final Pattern ENTRY = Pattern.compile("^(\\d{9,12})(\\.\\d+)?\\s+\\S+\\s+.*");

  public enum Outcome {
    /** an sshd entry was printed */
    ENTRY,
    /** the journal was readable and holds no sshd entry */
    NO_ENTRIES,
    /** only the caller's own journal was readable (not in adm/systemd-journal, not root) */
    NO_PERMISSION,
    /** no journal files at all */
    NO_JOURNAL
  }

  /** Parses journalctl's output (stdout and stderr merged). Never throws. */
  public static JournalProbe parse(String text) {
    boolean limited = false;
    boolean noFiles = false;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      Matcher m = ENTRY.matcher(line);
      if (m.matches()) {
        return new JournalProbe(Outcome.ENTRY, OptionalLong.of(Long.parseLong(m.group(1))), line);
      }
      if (line.contains("not seeing messages from other users")
          || line.contains("insufficient permissions")) {
        limited = true;
      }
      if (line.startsWith("No journal files were found")) {
        noFiles = true;
      }
    }
    String first = text.strip().isEmpty() ? "(no output)" : text.strip().split("\n")[0];
    if (limited) {
      return new JournalProbe(Outcome.NO_PERMISSION, OptionalLong.empty(), first);
    }
    if (noFiles) {
      return new JournalProbe(Outcome.NO_JOURNAL, OptionalLong.empty(), first);
    }
    return new JournalProbe(Outcome.NO_ENTRIES, OptionalLong.empty(), first);
  }
}
