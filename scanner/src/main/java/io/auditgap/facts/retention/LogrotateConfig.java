package io.auditgap.facts.retention;

import io.auditgap.facts.ConfigProblem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;

/**
 * The logrotate configuration as logrotate 3.21 assembles it: blocks in reading order, each file
 * owned by the first block that names it.
 *
 * @param filesRead configuration files read, in order
 * @param problems errors logrotate reports (duplicates, syntax errors, includes not collected)
 */
public record LogrotateConfig(
    List<RotationBlock> blocks, List<ConfigProblem> problems, List<String> filesRead) {
  public LogrotateConfig {
    blocks = List.copyOf(blocks);
    problems = List.copyOf(problems);
    filesRead = List.copyOf(filesRead);
  }

  /** The block that rotates {@code path}: the first whose path or glob matches it. */
  public Optional<RotationBlock> blockFor(String path) {
    for (RotationBlock b : blocks) {
      for (String p : b.patterns()) {
        if (matches(p, path)) {
          return Optional.of(b);
        }
      }
    }
    return Optional.empty();
  }

  /** Problems about {@code path} (e.g. a later block naming it again). */
  public List<ConfigProblem> problemsFor(String path) {
    return problems.stream().filter(p -> p.message().contains(path)).toList();
  }

  static boolean matches(String pattern, String path) {
    if (pattern.equals(path)) {
      return true;
    }
    if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
      return false;
    }
    try {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      return m.matches(Path.of(path));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
