package io.auditgap.facts.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Whether every interactive user's command execution is audited ({@code audit.execve}): for each
 * ABI the machine runs, an {@code always,exit} rule on {@code execve} whose only conditions are
 * {@code auid>=N} (N at most UID_MIN) and {@code auid!=unset}, not neutralised by {@code -a
 * task,never}, an exclude rule dropping SYSCALL/EXECVE records, or an overlapping {@code
 * never,exit} rule before it (the first matching exit rule wins).
 */
public final class ExecveCoverage {
  private static final long AUID_MAX = 4294967294L;
  private static final Set<String> DROPPED_TYPES = Set.of("SYSCALL", "EXECVE", "1300", "1309");

  private ExecveCoverage() {}

  /** How one ABI fared. */
  public enum Outcome {
    COVERED,
    MISSING,
    NEUTRALISED
  }

  /**
   * @param covering the rule that audits execve for this ABI (also set when neutralised)
   * @param neutraliser the never/exclude rule that defeats it
   * @param narrowNevers never rules that exempt only part of the scope (exe, path, uid ...)
   */
  public record ArchResult(
      AuditArch arch,
      Outcome outcome,
      Optional<AuditRule> covering,
      Optional<AuditRule> neutraliser,
      List<AuditRule> narrowNevers) {
    public ArchResult {
      narrowNevers = List.copyOf(narrowNevers);
    }

    public String describe() {
      switch (outcome) {
        case COVERED:
          return arch.id() + " covered";
        case NEUTRALISED:
          return arch.id()
              + " neutralised by "
              + neutraliser.map(r -> r.source().text().strip()).orElse("a never rule");
        default:
          return arch.id() + " missing";
      }
    }
  }

  /** The result per required ABI, native first. */
  public record Result(List<ArchResult> arches) {
    public Result {
      arches = List.copyOf(arches);
    }

    public boolean covered() {
      return arches.stream().allMatch(a -> a.outcome() == Outcome.COVERED);
    }

    public String summary() {
      if (covered()) {
        return "covered";
      }
      return String.join(
          ", ",
          arches.stream()
              .filter(a -> a.outcome() != Outcome.COVERED)
              .map(ArchResult::describe)
              .toList());
    }
  }

  /** The ABIs that need their own rule: the native one and, on 64-bit machines, the compat one. */
  public static List<AuditArch> requiredArches(Machine machine) {
    return machine.hasCompatAbi()
        ? List.of(AuditArch.B64, AuditArch.B32)
        : List.of(machine.nativeArch());
  }

  public static Result evaluate(RuleSet rules, Machine machine, long uidMin) {
    List<ArchResult> out = new ArrayList<>();
    for (AuditArch arch : requiredArches(machine)) {
      out.add(evaluate(rules, machine, uidMin, arch));
    }
    return new Result(out);
  }

  static ArchResult evaluate(RuleSet rules, Machine machine, long uidMin, AuditArch arch) {
    String table = machine.table(arch);
    OptionalInt execve =
        table == null ? OptionalInt.empty() : SyscallTable.bundled().number(table, "execve");
    if (execve.isEmpty()) {
      return new ArchResult(arch, Outcome.MISSING, Optional.empty(), Optional.empty(), List.of());
    }
    int nr = execve.getAsInt();
    Optional<AuditRule> covering = Optional.empty();
    Optional<AuditRule> neutraliser = Optional.empty();
    List<AuditRule> narrow = new ArrayList<>();
    for (AuditRule r : rules.rules(AuditList.EXIT)) {
      if (r.action() == AuditAction.ALWAYS) {
        if (covers(r, machine, arch, nr, uidMin)) {
          covering = Optional.of(r);
          break;
        }
      } else if (matchesSyscall(r, arch, nr)) {
        Scope s = neverScope(r, uidMin);
        if (s == Scope.WHOLE && neutraliser.isEmpty()) {
          neutraliser = Optional.of(r);
        } else if (s == Scope.PART && neutraliser.isEmpty()) {
          narrow.add(r);
        }
      }
    }
    if (neutraliser.isEmpty()) {
      neutraliser = taskOrExcludeNeutraliser(rules, uidMin);
    }
    Outcome outcome =
        neutraliser.isPresent()
            ? Outcome.NEUTRALISED
            : covering.isPresent() ? Outcome.COVERED : Outcome.MISSING;
    return new ArchResult(arch, outcome, covering, neutraliser, narrow);
  }

  private static Optional<AuditRule> taskOrExcludeNeutraliser(RuleSet rules, long uidMin) {
    for (AuditRule r : rules.rules(AuditList.TASK)) {
      if (r.action() == AuditAction.ALWAYS) {
        // an earlier always,task rule decides first for the tasks it matches
        if (r.fields().isEmpty() && r.comparisons().isEmpty()) {
          return Optional.empty();
        }
        continue;
      }
      if (neverScope(r, uidMin) == Scope.WHOLE) {
        return Optional.of(r);
      }
    }
    // the kernel drops a record type on any matching exclude rule, whatever its action
    for (AuditRule r : rules.rules(AuditList.EXCLUDE)) {
      for (FieldCondition f : r.fields()) {
        if (f.name().equals("msgtype")
            && f.op().equals("=")
            && DROPPED_TYPES.contains(f.value().toUpperCase(java.util.Locale.ROOT))
            && r.fields().size() == 1) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean covers(
      AuditRule r, Machine machine, AuditArch arch, int execveNr, long uidMin) {
    boolean archMatches =
        r.arch() == arch || (r.arch() == AuditArch.NATIVE && machine.nativeArch() == arch);
    if (!archMatches || !r.syscalls().contains(execveNr) || !r.comparisons().isEmpty()) {
      return false;
    }
    for (FieldCondition f : r.fields()) {
      if (!f.name().equals("auid")) {
        return false;
      }
      boolean allowed;
      switch (f.op()) {
        case ">=":
          allowed = parse(f.value()) != null && parse(f.value()) <= uidMin;
          break;
        case ">":
          allowed = parse(f.value()) != null && parse(f.value()) + 1 <= uidMin;
          break;
        case "!=":
          allowed = f.value().equals("unset");
          break;
        default:
          allowed = false;
      }
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /** A rule without arch matches every ABI; its numbers are compared raw by the kernel. */
  private static boolean matchesSyscall(AuditRule r, AuditArch arch, int execveNr) {
    return (r.arch() == arch || r.arch() == AuditArch.NATIVE) && r.syscalls().contains(execveNr);
  }

  private enum Scope {
    NONE,
    PART,
    WHOLE
  }

  /**
   * How much of "interactive users (auid in [uidMin, 4294967294])" a never rule exempts: only auid
   * conditions are weighed; any other field or comparison makes the exemption partial.
   */
  private static Scope neverScope(AuditRule r, long uidMin) {
    long lo = uidMin;
    long hi = AUID_MAX;
    boolean partial = !r.comparisons().isEmpty();
    for (FieldCondition f : r.fields()) {
      if (!f.name().equals("auid")) {
        partial = true;
        continue;
      }
      if (f.value().equals("unset")) {
        if (f.op().equals("=")) {
          return Scope.NONE;
        }
        continue;
      }
      Long v = parse(f.value());
      if (v == null) {
        partial = true;
        continue;
      }
      switch (f.op()) {
        case ">=":
          lo = Math.max(lo, v);
          break;
        case ">":
          lo = Math.max(lo, v + 1);
          break;
        case "<=":
          hi = Math.min(hi, v);
          break;
        case "<":
          hi = Math.min(hi, v - 1);
          break;
        case "=":
          lo = Math.max(lo, v);
          hi = Math.min(hi, v);
          break;
        case "!=":
          break;
        default:
          partial = true;
      }
    }
    if (lo > hi) {
      return Scope.NONE;
    }
    // a never rule for a bounded auid range still exempts some interactive users
    return partial || lo > uidMin || hi < AUID_MAX ? Scope.PART : Scope.WHOLE;
  }

  private static Long parse(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
