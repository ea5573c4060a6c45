package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective {@code [Upload]} section of journal-upload.conf after drop-ins: files are applied
 * main file first, then drop-ins sorted by file name across directories (a name in /etc masks the
 * same name in /run and /usr/lib); for each key the last assignment wins.
 *
 * @param values key ({@code URL}, {@code ServerKeyFile}, ...) to value and place
 */
public record JournalUpload(Map<String, Setting> values, List<String> files) {
  public JournalUpload {
    values = Map.copyOf(values);
    files = List.copyOf(files);
  }

  /** A value, where it was set, and the assignment it overrode (or null). */
  public record Setting(String value, SourceLine where, SourceLine overrode) {}

  public String url() {
    Setting s = values.get("URL");
    return s == null ? "" : s.value();
  }

  /** Applies files in order; {@code texts} maps path to content. */
  public static JournalUpload parse(List<Map.Entry<String, String>> texts) {
    Map<String, Setting> m = new LinkedHashMap<>();
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> e : texts) {
      files.add(e.getKey());
      String section = "";
      String[] lines = e.getValue().split("\n", -1);
      for (int n = 0; n < lines.length; n++) {
        String l = lines[n].strip();
        if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
          continue;
        }
        if (l.startsWith("[") && l.endsWith("]")) {
          section = l.substring(1, l.length() - 1).strip();
          continue;
        }
        int eq = l.indexOf('=');
        if (eq <= 0 || !section.equals("Upload")) {
          continue;
        }
        String key = l.substring(0, eq).strip();
        Setting prev = m.get(key);
        m.put(
            key,
            new Setting(
                l.substring(eq + 1).strip(),
                new SourceLine(e.getKey(), n + 1, l),
                prev == null ? null : prev.where()));
      }
    }
    return new JournalUpload(m, files);
  }
}
