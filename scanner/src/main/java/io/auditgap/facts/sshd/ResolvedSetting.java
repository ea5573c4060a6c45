package io.auditgap.facts.sshd;

import java.util.List;
import java.util.Optional;

/**
 * The value of one keyword as sshd would use it, worked out from the configuration files.
 *
 * @param keyword lower-case keyword
 * @param value the effective value; empty when {@code unresolved} is set
 * @param winner the directive that set it, or null when sshd's compiled-in default applies
 * @param ignored later directives for the same keyword that lose because the first value wins
 * @param mayApply Match blocks that set the keyword before the winner and whose criteria the
 *     scanner cannot decide (Group, LocalPort, ...): the value is then uncertain for some
 *     connections
 * @param unresolved why the value cannot be known (an unread Include before the winner), or null
 */
public record ResolvedSetting(
    String keyword,
    Optional<String> value,
    SshdDirective winner,
    List<SshdDirective> ignored,
    List<SshdDirective> mayApply,
    String unresolved) {
  public ResolvedSetting {
    ignored = List.copyOf(ignored);
    mayApply = List.copyOf(mayApply);
  }

  public boolean isDefault() {
    return winner == null && unresolved == null;
  }
}
