package io.auditgap.facts.sshd;

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

  public String location() {
    return file + ":" + line;
  }
}
