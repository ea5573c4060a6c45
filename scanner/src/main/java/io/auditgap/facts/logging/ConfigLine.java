package io.auditgap.facts.logging;

/**
 * Where a directive was read: the file, its 1-based line, and the directive as written (first line,
 * trimmed and capped so a hostile file cannot bloat a report).
 */
public record ConfigLine(String file, int line, String text) {
  private static final int MAX = 240;

  public ConfigLine {
    file = file == null ? "" : file;
    text = text == null ? "" : cap(text.strip());
  }

  public String location() {
    return line > 0 ? file + ":" + line : file;
  }

  private static String cap(String s) {
    String one = s.replace('\t', ' ');
    return one.length() > MAX ? one.substring(0, MAX) + "..." : one;
  }
}
