package io.auditgap.facts.audit.daemon;

import java.util.List;
import java.util.Locale;

/**
 * The effective value of one auditd.conf key: the last directive that set it, or the compiled-in
 * default when no line did.
 *
 * @param directive the deciding line, or null when the default applies
 * @param overridden earlier lines for the same key that the deciding line replaced
 */
public record AuditdSetting(
    String key, String value, AuditdDirective directive, List<AuditdDirective> overridden) {
  public AuditdSetting {
    overridden = List.copyOf(overridden);
  }

  public boolean isDefault() {
    return directive == null;
  }

  /** Lower-cased value, as auditd compares it. */
  public String normalized() {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }

  /** The script path of an {@code exec} action, or null. */
  public String option() {
    return directive == null ? null : directive.option();
  }
}
