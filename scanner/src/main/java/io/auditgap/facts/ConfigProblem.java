package io.auditgap.facts;

/**
 * A problem a configuration parser found, tied to a line so the report can point at it.
 *
 * @param source the file
 * @param line 1-based line, or 0 for the whole file
 * @param text the offending line as written (untrusted)
 * @param message what the consuming program does with it, in its own terms
 * @param fatal true when the program refuses the whole configuration
 */
public record ConfigProblem(String source, int line, String text, String message, boolean fatal) {
  public ConfigProblem {
    text = text == null ? "" : text;
  }
}
