package io.auditgap.facts.sshd;

import io.auditgap.facts.ConfigProblem;

/**
 * Where a line of sshd configuration came from.
 *
 * @param file absolute path on the host
 * @param line 1-based line number
 * @param text the line as written (untrusted)
 */
public record ConfigSource(String file, int line, String text) {
  public ConfigSource {
    text = text == null ? "" : text.strip();
  }

  /** A problem sshd reports for this line (sshd does not start on it). */
  public ConfigProblem problem(String message) {
    return new ConfigProblem(file, line, text, message, true);
  }

  public String location() {
    return file + ":" + line;
  }
}
