package io.auditgap.facts.kernel;

/** A line of a shell-sourced config file that was not (or not fully) evaluated, and why. */
public record ShellProblem(String file, int line, String text, String message) {
  public String location() {
    return file + ":" + line;
  }
}
