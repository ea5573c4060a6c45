package io.auditgap.facts.retention;

import io.auditgap.facts.SourceLine;

/**
 * One effective logrotate option of a block.
 *
 * @param value normalised value ({@code weekly}, {@code 4}, {@code size 1048576})
 * @param at the line that set it (a global line, the block's own line, or a built-in default)
 * @param replaced the earlier value it overrode (a global replaced inside the block), or null
 */
public record RotationSetting(String value, SourceLine at, RotationSetting replaced) {
  public RotationSetting overriddenBy(String newValue, SourceLine where) {
    return new RotationSetting(newValue, where, this);
  }
}
