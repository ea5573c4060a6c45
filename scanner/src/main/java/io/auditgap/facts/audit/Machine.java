package io.auditgap.facts.audit;

import java.util.Optional;

/**
 * A host's architecture as audit sees it: the syscall table of its native ABI and, on 64-bit
 * machines with a 32-bit compat ABI, the table {@code -F arch=b32} rules resolve against.
 *
 * @param uname {@code uname -m}
 * @param nativeArch {@link AuditArch#B64} on 64-bit machines, else {@link AuditArch#B32}
 * @param table64 table for b64 rules, or null on a 32-bit machine
 * @param table32 table for b32 rules, or null when the machine has no 32-bit ABI
 */
public record Machine(String uname, AuditArch nativeArch, String table64, String table32) {

  public static Optional<Machine> of(String unameM) {
    String m = unameM == null ? "" : unameM.strip();
    switch (m) {
      case "x86_64":
        return Optional.of(new Machine(m, AuditArch.B64, "x86_64", "i386"));
      case "aarch64":
        return Optional.of(new Machine(m, AuditArch.B64, "aarch64", "arm"));
      case "i386":
      case "i486":
      case "i586":
      case "i686":
        return Optional.of(new Machine(m, AuditArch.B32, null, "i386"));
      case "armv7l":
      case "armv6l":
      case "armv8l":
        return Optional.of(new Machine(m, AuditArch.B32, null, "arm"));
      case "ppc64":
      case "ppc64le":
        // ausyscall has one ppc table; 32-bit ppc shares its numbers
        return Optional.of(new Machine(m, AuditArch.B64, "ppc64", "ppc64"));
      case "s390x":
        return Optional.of(new Machine(m, AuditArch.B64, "s390x", "s390x"));
      default:
        return Optional.empty();
    }
  }

  public boolean hasCompatAbi() {
    return nativeArch == AuditArch.B64 && table32 != null;
  }

  /** The concrete ABI a rule applies to: {@code NATIVE} becomes the machine's own. */
  public AuditArch resolve(AuditArch arch) {
    return arch == AuditArch.NATIVE ? nativeArch : arch;
  }

  /** The syscall table for an ABI, or null when the machine does not support it. */
  public String table(AuditArch arch) {
    return resolve(arch) == AuditArch.B64 ? table64 : table32;
  }

  /**
   * Maps the value of {@code -F arch=} to an ABI of this machine: {@code b64}/{@code b32}, or a
   * machine name as {@code auditctl -i} prints it.
   */
  public Optional<AuditArch> parseArch(String value) {
    switch (value) {
      case "b64":
      case "x86_64":
      case "aarch64":
      case "ppc64":
      case "ppc64le":
      case "s390x":
        return Optional.of(AuditArch.B64);
      case "b32":
      case "i386":
      case "i686":
      case "arm":
      case "armeb":
      case "ppc":
      case "s390":
        return Optional.of(AuditArch.B32);
      default:
        return Optional.empty();
    }
  }
}
