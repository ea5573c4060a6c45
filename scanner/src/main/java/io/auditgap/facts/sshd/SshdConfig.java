package io.auditgap.facts.sshd;

import io.auditgap.facts.ConfigProblem;
import java.util.List;

/**
 * sshd_config with every Include expanded in place, in the order sshd reads it.
 *
 * @param main the main file's path
 * @param entries directives and unread includes, in reading order
 * @param problems lines sshd would reject or the scanner could not follow
 * @param files every file read, in reading order
 */
public record SshdConfig(
    String main, List<ConfigEntry> entries, List<ConfigProblem> problems, List<String> files) {
  public SshdConfig {
    entries = List.copyOf(entries);
    problems = List.copyOf(problems);
    files = List.copyOf(files);
  }

  /** Every directive of {@code keyword}, global or not, in reading order. */
  public List<SshdDirective> all(String keyword) {
    return entries.stream()
        .filter(e -> e instanceof SshdDirective d && d.keyword().equals(keyword))
        .map(e -> (SshdDirective) e)
        .toList();
  }
}
