package io.auditgap.facts.audit;

import io.auditgap.facts.SourceLine;

/**
 * A control line such as {@code -b 8192} or {@code -e 2}.
 *
 * @param argument the option's value ({@code "8192"}), the key of {@code -D -k key}, or empty
 */
public record ControlDirective(ControlKind kind, String argument, SourceLine source)
    implements AuditStatement {
  public ControlDirective {
    argument = argument == null ? "" : argument;
  }

  /** A bare {@code -D}; augenrules moves only these to the top. */
  public boolean isBareDeleteAll() {
    return kind == ControlKind.DELETE_ALL && argument.isEmpty();
  }
}
