package io.auditgap.facts.retention;

/**
 * Where a configuration value came from: file, line, and the line as written.
 *
 * @param line 1-based, or 0 for a built-in default
 */
public record Directive(String source, int line, String text) {
  public static Directive builtIn(String what) {
    return new Directive("built-in default", 0, what);
  }

  public boolean isBuiltIn() {
    return line == 0;
  }

  public String location() {
    return line > 0 ? source + ":" + line : source;
  }

  @Override
  public String toString() {
    return location() + " " + text.strip();
  }
}
