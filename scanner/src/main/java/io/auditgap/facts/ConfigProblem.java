package io.auditgap.facts;

/**
 * A problem a configuration parser found, tied to a line so the report can point at it.
 *
 * @param at the offending line (line 0 for the whole file)
 * @param message what the consuming program does with it, in its own terms
 * @param fatal true when the program refuses the whole configuration
 */
public record ConfigProblem(SourceLine at, String message, boolean fatal) {
  /** A problem that makes the program refuse the whole configuration. */
  public static ConfigProblem fatal(SourceLine at, String message) {
    return new ConfigProblem(at, message, true);
  }

  /** A problem the program survives (it skips or ignores the line). */
  public static ConfigProblem ignored(SourceLine at, String message) {
    return new ConfigProblem(at, message, false);
  }
}
