package io.auditgap.facts.sshd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The output of {@code sshd -T} (or {@code sshd -T -C ...}): one {@code keyword value} per line,
 * keywords lower-case, multi-valued keywords repeated. Anything else (errors such as "no hostkeys
 * available -- exiting.") is kept as messages.
 *
 * @param values keyword to its values in output order
 * @param messages lines that are not settings, e.g. the error that stopped sshd
 * @param exitStatus the command's exit status
 * @param firstLines keyword to the 1-based output line of its first value, for evidence that cites
 *     the line it came from
 */
public record SshdDump(
    Map<String, List<String>> values,
    List<String> messages,
    int exitStatus,
    Map<String, Integer> firstLines) {
  private static final Pattern SETTING = Pattern.compile("[a-z][a-z0-9]*( .*)?");

  public SshdDump {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = java.util.Collections.unmodifiableMap(copy);
    messages = List.copyOf(messages);
    firstLines = Map.copyOf(firstLines);
  }

  public SshdDump(Map<String, List<String>> values, List<String> messages, int exitStatus) {
    this(values, messages, exitStatus, Map.of());
  }

  /** The collector's last line: sshd's own exit status, e.g. {@code sshd-exit=255}. */
  public static final String TRAILER = "sshd-exit=";

  /**
   * Parses sshd's output. A {@link #TRAILER} line, when present, overrides {@code exitStatus} (the
   * item's status is then the shell's, not sshd's).
   */
  public static SshdDump parse(String text, int exitStatus) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> messages = new ArrayList<>();
    Map<String, Integer> firstLines = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith(TRAILER)) {
        try {
          exitStatus = Integer.parseInt(line.substring(TRAILER.length()));
        } catch (NumberFormatException e) {
          exitStatus = 255;
        }
        continue;
      }
      // "sshd: no hostkeys available" is lower-case too; a keyword never ends with ':'
      if (SETTING.matcher(line).matches() && !line.split(" ", 2)[0].endsWith(":")) {
        int sp = line.indexOf(' ');
        String key = sp < 0 ? line : line.substring(0, sp);
        String value = sp < 0 ? "" : line.substring(sp + 1).strip();
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        firstLines.putIfAbsent(key, n + 1);
      } else {
        messages.add(line);
      }
    }
    return new SshdDump(values, messages, exitStatus, firstLines);
  }

  /** The 1-based output line of the keyword's first value, 0 when it is not in the output. */
  public int line(String keyword) {
    return firstLines.getOrDefault(keyword.toLowerCase(Locale.ROOT), 0);
  }

  /**
   * True when sshd printed its effective configuration. sshd exits non-zero and prints no settings
   * when it cannot load host keys (non-root) or the configuration is invalid.
   */
  public boolean complete() {
    return exitStatus == 0 && values.containsKey("loglevel");
  }

  public Optional<String> first(String keyword) {
    List<String> v = values.get(keyword.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** The first message, for evidence; empty when there is none. */
  public String firstMessage() {
    return messages.isEmpty() ? "" : messages.get(0);
  }
}
