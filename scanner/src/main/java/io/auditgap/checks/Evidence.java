package io.auditgap.checks;

import io.auditgap.facts.SourceLine;

/**
 * What was seen that decided a verdict: a file and line with the directive as written, or a command
 * and an excerpt of its output.
 *
 * @param source a file path ({@code /etc/audit/rules.d/audit.rules}) or a command ({@code auditctl
 *     -l})
 * @param line 1-based line in {@code source}, or 0 when not tied to a line
 * @param text the directive or output excerpt, verbatim from the host (untrusted)
 * @param note what this piece of evidence means for the verdict
 */
public record Evidence(String source, int line, String text, String note) {
  public Evidence {
    source = source == null ? "" : source;
    text = text == null ? "" : text;
    note = note == null ? "" : note;
  }

  public static Evidence of(String source, int line, String text, String note) {
    return new Evidence(source, line, text, note);
  }

  /** A line where it was written, as written, with what it means for the verdict. */
  public static Evidence of(SourceLine s, String note) {
    return new Evidence(s.file(), s.line(), s.text(), note);
  }

  public static Evidence note(String note) {
    return new Evidence("", 0, "", note);
  }

  /** {@code file:line} or just the source when no line is known. */
  public String location() {
    return line > 0 ? source + ":" + line : source;
  }
}
