package io.auditgap.facts.sudo;

import io.auditgap.facts.SourceLine;

/**
 * One setting of a sudoers {@code Defaults} line ({@code Defaults:alice !use_pty, log_output}
 * yields two).
 *
 * @param scope {@link Scope#GLOBAL} for a plain {@code Defaults}
 * @param scopeList the users, hosts, runas users or commands after {@code :}, {@code @}, {@code >}
 *     or {@code !}; empty for global
 * @param name the option, e.g. {@code use_pty}
 * @param negated written as {@code !name}
 * @param operator {@code ""} for a flag, else {@code =}, {@code +=} or {@code -=}
 * @param value the value with double quotes removed; empty for flags
 */
public record DefaultsEntry(
    SourceLine at,
    Scope scope,
    String scopeList,
    String name,
    boolean negated,
    String operator,
    String value) {

  /** The binding forms of {@code Defaults}. */
  public enum Scope {
    GLOBAL,
    USER,
    HOST,
    RUNAS,
    COMMAND
  }

  /** {@code Defaults:alice} etc., for reports. */
  public String scopeWord() {
    return switch (scope) {
      case GLOBAL -> "Defaults";
      case USER -> "Defaults:" + scopeList;
      case HOST -> "Defaults@" + scopeList;
      case RUNAS -> "Defaults>" + scopeList;
      case COMMAND -> "Defaults!" + scopeList;
    };
  }
}
