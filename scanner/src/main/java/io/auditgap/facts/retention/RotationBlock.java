package io.auditgap.facts.retention;

import io.auditgap.facts.SourceLine;
import java.util.List;

/**
 * One {@code paths { ... }} block with its effective retention options (globals in force when the
 * block was read, overridden by its own lines).
 *
 * @param where the file and line of the block, its text the patterns it keeps
 * @param patterns the paths and globs the block keeps after duplicate removal
 * @param frequency {@code hourly|daily|weekly|monthly|yearly} or {@code size N}
 * @param maxage null when not set
 * @param minsize null when not set; with a time frequency, rotation also waits for this size
 */
public record RotationBlock(
    SourceLine where,
    List<String> patterns,
    RotationSetting frequency,
    RotationSetting rotate,
    RotationSetting maxage,
    RotationSetting minsize) {
  public RotationBlock {
    patterns = List.copyOf(patterns);
  }
}
