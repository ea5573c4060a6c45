package io.auditgap.facts.audit;

/**
 * The ABI a syscall rule applies to. {@link #NATIVE} is a rule without {@code -F arch=}: its
 * syscall names were resolved against the machine's native table, so it only counts for that ABI.
 */
public enum AuditArch {
  B32,
  B64,
  NATIVE;

  public String id() {
    return switch (this) {
      case B32 -> "b32";
      case B64 -> "b64";
      case NATIVE -> "native";
    };
  }
}
