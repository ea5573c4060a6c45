package io.auditgap.facts.retention;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Merges journald.conf and its drop-ins as systemd does ({@code systemd-analyze cat-config}): the
 * main file first, then every {@code *.conf} drop-in sorted by file name across all directories,
 * where a name in a higher-priority directory (/etc over /run over /usr/local/lib over /usr/lib)
 * hides the same name elsewhere. The last assignment of a key wins. Only the {@code [Journal]}
 * section counts; {@code #} and {@code ;} start comments.
 */
public final class JournaldParser {
  /** Drop-in directories, highest priority first. */
  public static final List<String> DROP_IN_DIRS =
      List.of(
          "/etc/systemd/journald.conf.d",
          "/run/systemd/journald.conf.d",
          "/usr/local/lib/systemd/journald.conf.d",
          "/usr/lib/systemd/journald.conf.d");

  /** A drop-in as listed: its text, or empty when listed but without readable content. */
  public record DropIn(String dir, String name, Optional<String> text) {}

  private JournaldParser() {}

  /**
   * @param mainPath the main file used (null when none exists)
   * @param dropIns every drop-in found, in any order
   */
  public static JournaldConfig parse(String mainPath, String mainText, List<DropIn> dropIns) {
    Map<String, List<SourceLine>> assigned = new LinkedHashMap<>();
    List<String> read = new ArrayList<>();
    List<String> masked = new ArrayList<>();
    if (mainPath != null && mainText != null) {
      read.add(mainPath);
      apply(mainPath, mainText, assigned);
    }
    TreeMap<String, DropIn> byName = new TreeMap<>();
    for (DropIn d : dropIns) {
      if (!d.name().endsWith(".conf")) {
        continue;
      }
      DropIn prev = byName.get(d.name());
      if (prev == null || priority(d.dir()) < priority(prev.dir())) {
        byName.put(d.name(), d);
      }
    }
    for (DropIn d : byName.values()) {
      String path = d.dir() + "/" + d.name();
      if (d.text().isEmpty()) {
        masked.add(path);
        continue;
      }
      read.add(path);
      apply(path, d.text().get(), assigned);
    }
    Map<String, JournaldSetting> settings = new LinkedHashMap<>();
    for (Map.Entry<String, List<SourceLine>> e : assigned.entrySet()) {
      List<SourceLine> all = e.getValue();
      SourceLine last = all.get(all.size() - 1);
      String text = last.text().strip();
      String value = text.substring(text.indexOf('=') + 1).strip();
      settings.put(
          e.getKey(), new JournaldSetting(e.getKey(), value, last, all.subList(0, all.size() - 1)));
    }
    return new JournaldConfig(settings, read, masked);
  }

  private static int priority(String dir) {
    int i = DROP_IN_DIRS.indexOf(dir);
    return i < 0 ? DROP_IN_DIRS.size() : i;
  }

  private static void apply(String source, String text, Map<String, List<SourceLine>> assigned) {
    String section = "";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
        continue;
      }
      if (s.startsWith("[") && s.endsWith("]")) {
        section = s.substring(1, s.length() - 1).strip();
        continue;
      }
      int eq = s.indexOf('=');
      if (eq <= 0 || !section.equals("Journal")) {
        continue;
      }
      String key = s.substring(0, eq).strip();
      String value = s.substring(eq + 1).strip();
      SourceLine d = new SourceLine(source, i + 1, lines[i]);
      if (value.isEmpty()) {
        // An empty assignment resets the option to its default.
        assigned.remove(key);
        continue;
      }
      assigned.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
    }
  }
}
