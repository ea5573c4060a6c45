package io.auditgap.facts.sudo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code Defaults} setting and I/O-log tag in the order sudo reads them, includes followed.
 *
 * @param files the files read, in order
 * @param skipped sudoers.d entries sudo ignores (a {@code .} in the name or a trailing {@code ~})
 * @param problems lines that could not be understood
 */
public record SudoersPolicy(
    List<DefaultsEntry> defaults,
    List<CommandTag> tags,
    List<String> files,
    List<String> skipped,
    List<String> problems) {
  public SudoersPolicy {
    defaults = List.copyOf(defaults);
    tags = List.copyOf(tags);
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
    problems = List.copyOf(problems);
  }

  /** The global setting of an option that is in force: the last one read. */
  public Optional<EffectiveDefault> global(String name) {
    DefaultsEntry last = null;
    DefaultsEntry before = null;
    for (DefaultsEntry d : defaults) {
      if (d.scope() == DefaultsEntry.Scope.GLOBAL && d.name().equals(name)) {
        before = last;
        last = d;
      }
    }
    return last == null ? Optional.empty() : Optional.of(new EffectiveDefault(last, before));
  }

  /** Scoped settings of an option (Defaults:user, @host, >runas, !cmnd), in order. */
  public List<DefaultsEntry> scoped(String name) {
    List<DefaultsEntry> out = new ArrayList<>();
    for (DefaultsEntry d : defaults) {
      if (d.scope() != DefaultsEntry.Scope.GLOBAL && d.name().equals(name)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * The winning global entry and the one it replaced.
   *
   * @param overridden the previous global setting of the same option, or null
   */
  public record EffectiveDefault(DefaultsEntry entry, DefaultsEntry overridden) {
    /** For flags: set and not negated. */
    public boolean on() {
      return !entry.negated();
    }
  }
}
