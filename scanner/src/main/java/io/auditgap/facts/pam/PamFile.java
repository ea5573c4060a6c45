package io.auditgap.facts.pam;

import java.util.List;

/**
 * A parsed PAM configuration file.
 *
 * @param problems lines libpam would reject or ignore, as {@code file:line: message}
 */
public record PamFile(String path, List<PamRule> rules, List<String> problems) {
  public PamFile {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
  }
}
