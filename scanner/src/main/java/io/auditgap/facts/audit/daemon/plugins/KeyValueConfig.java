package io.auditgap.facts.audit.daemon.plugins;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An audit-userspace {@code key = value} file (plugin files, audisp-remote.conf): one pair per
 * line, {@code #} comment lines, keys case-insensitive, the last occurrence wins.
 *
 * @param values lower-case key to the effective entry
 * @param problems malformed lines as {@code file:line: ...}
 */
public record KeyValueConfig(String file, Map<String, Entry> values, List<String> problems) {
  public KeyValueConfig {
    values = Map.copyOf(values);
    problems = List.copyOf(problems);
  }

  /** An effective value, where it was set, and the earlier assignment it overrode (or null). */
  public record Entry(String value, SourceLine where, SourceLine overrode) {}

  public static KeyValueConfig parse(String file, String text) {
    Map<String, Entry> m = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String l = lines[n].strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq <= 0) {
        problems.add(file + ":" + (n + 1) + ": no '=' in \"" + l.strip() + "\"");
        continue;
      }
      String key = l.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = l.substring(eq + 1).strip();
      SourceLine where = new SourceLine(file, n + 1, l);
      Entry prev = m.get(key);
      m.put(key, new Entry(value, where, prev == null ? null : prev.where()));
    }
    return new KeyValueConfig(file, m, problems);
  }

  public String get(String key) {
    Entry e = values.get(key.toLowerCase(Locale.ROOT));
    return e == null ? "" : e.value();
  }

  public Entry entry(String key) {
    return values.get(key.toLowerCase(Locale.ROOT));
  }
}
