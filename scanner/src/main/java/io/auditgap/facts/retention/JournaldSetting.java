package io.auditgap.facts.retention;

import io.auditgap.facts.SourceLine;
import java.util.List;

/**
 * The effective value of one journald option: the last assignment in cat-config order.
 *
 * @param at the deciding line, or a built-in default
 * @param overridden earlier assignments it replaced, in order
 */
public record JournaldSetting(
    String key, String value, SourceLine at, List<SourceLine> overridden) {
  public JournaldSetting {
    overridden = List.copyOf(overridden);
  }
}
