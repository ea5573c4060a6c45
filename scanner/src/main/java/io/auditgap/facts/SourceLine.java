package io.auditgap.facts;

/**
 * Where something was written on a host: the file (or the command whose output listed it), the
 * 1-based line, and the line as written.
 *
 * <p>The one normalisation: the text loses its surrounding whitespace (indentation, the line break)
 * and nothing else, so evidence shows exactly what was seen. It stays untrusted: every writer
 * neutralises and caps it where it is shown ({@code io.auditgap.text.TerminalText} for terminals
 * and pages, terminal-safe escapes for JSON), and the collector caps what it reads.
 *
 * @param file a path on the host, a command, or a description such as {@code built-in default};
 *     never null
 * @param line 1-based, or 0 when not tied to a line (a whole file, a built-in default)
 * @param text the line as written, stripped; never null
 */
public record SourceLine(String file, int line, String text) {
  public static final String BUILT_IN = "built-in default";

  public SourceLine {
    file = file == null ? "" : file;
    text = text == null ? "" : text.strip();
  }

  /** A value a program uses when nothing sets it, described as it would be written. */
  public static SourceLine builtIn(String what) {
    return new SourceLine(BUILT_IN, 0, what);
  }

  public boolean isBuiltIn() {
    return line == 0 && BUILT_IN.equals(file);
  }

  /** {@code file:line}, or just the file when no line is known. */
  public String location() {
    return line > 0 ? file + ":" + line : file;
  }

  /** The same place with other text (a part of the line, or what it stands for). */
  public SourceLine withText(String other) {
    return new SourceLine(file, line, other);
  }

  @Override
  public String toString() {
    return location() + " " + text;
  }
}
