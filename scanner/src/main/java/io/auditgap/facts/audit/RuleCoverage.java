package io.auditgap.facts.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether a rule set records what a {@link RuleRequirement} asks for: per syscall and ABI (or per
 * watched path), the first {@code always,exit} rule that is at least as broad covers it, unless an
 * earlier overlapping {@code never,exit} rule, a {@code task,never} or an exclude rule from {@link
 * Suppression} defeats it. Broader is semantic: a watch with more permissions, a watch on the
 * parent directory, {@code -S all}, an {@code auid>=} bound at most UID_MIN, and for an {@code x}
 * watch an execve rule for the same users.
 */
public final class RuleCoverage {
  private RuleCoverage() {}

  public enum Outcome {
    COVERED,
    /** Only a narrower rule (fewer permissions, extra conditions) records part of it. */
    PARTIAL,
    MISSING,
    NEUTRALISED,
    /** The syscall does not exist in this ABI's table: nothing to record. */
    NOT_APPLICABLE
  }

  /**
   * One syscall on one ABI, or one watch.
   *
   * @param covering the rules that cover it (one per ABI for a watch)
   * @param partial a narrower rule and why it falls short
   * @param neutraliser the never/exclude rule that defeats coverage
   */
  public record Atom(
      String label,
      Outcome outcome,
      List<AuditRule> covering,
      Optional<AuditRule> partial,
      String partialWhy,
      Optional<AuditRule> neutraliser,
      String neutraliserWhy,
      List<AuditRule> narrowNevers) {
    public Atom {
      covering = List.copyOf(covering);
      narrowNevers = List.copyOf(narrowNevers);
    }
  }

  public static List<Atom> evaluate(
      RuleSet rules, Machine machine, RuleRequirement q, Suppression suppression) {
    List<AuditArch> arches = arches(machine, q);
    List<Atom> out = new ArrayList<>();
    if (q.isWatch()) {
      List<Atom> perArch = new ArrayList<>();
      for (AuditArch a : arches) {
        perArch.add(atom(rules, machine, q, a, OptionalInt.empty(), q.describe()));
      }
      out.add(merge(q.describe(), perArch));
    } else {
      for (String name : q.syscalls()) {
        for (AuditArch a : arches) {
          String table = machine.table(a);
          OptionalInt nr =
              table == null ? OptionalInt.empty() : SyscallTable.bundled().number(table, name);
          String label = name + " " + a.id();
          if (nr.isEmpty()) {
            out.add(
                new Atom(
                    label,
                    Outcome.NOT_APPLICABLE,
                    List.of(),
                    Optional.empty(),
                    "",
                    Optional.empty(),
                    "no such syscall in the " + table + " table",
                    List.of()));
          } else {
            out.add(atom(rules, machine, q, a, nr, label));
          }
        }
      }
    }
    return applySuppression(out, suppression, q.isWatch());
  }

  /** The requirement's ABIs that the machine has (a 32-bit machine has only its native one). */
  static List<AuditArch> arches(Machine machine, RuleRequirement q) {
    List<AuditArch> required = ExecveCoverage.requiredArches(machine);
    if (q.isWatch() || q.arches().isEmpty()) {
      return required;
    }
    return q.arches().stream().filter(required::contains).toList();
  }

  private static Atom atom(
      RuleSet rules,
      Machine machine,
      RuleRequirement q,
      AuditArch arch,
      OptionalInt nr,
      String label) {
    AuditRule covering = null;
    AuditRule partial = null;
    String partialWhy = "";
    AuditRule neutraliser = null;
    List<AuditRule> narrow = new ArrayList<>();
    for (AuditRule r : rules.rules(AuditList.EXIT)) {
      if (r.action() == AuditAction.ALWAYS) {
        if (!alwaysArch(r, machine, arch)) {
          continue;
        }
        Match m = q.isWatch() ? watchMatch(r, q, machine, arch) : syscallMatch(r, q, nr.getAsInt());
        if (m.full) {
          covering = r;
          break;
        }
        if (m.partialWhy != null && partial == null) {
          partial = r;
          partialWhy = m.partialWhy;
        }
      } else if (r.arch() == arch || r.arch() == AuditArch.NATIVE) {
        Match m = q.isWatch() ? watchMatch(r, q, machine, arch) : syscallMatch(r, q, nr.getAsInt());
        if (m.full) {
          neutraliser = r;
          break;
        }
        if (m.partialWhy != null) {
          narrow.add(r);
        }
      }
    }
    Outcome o =
        neutraliser != null
            ? Outcome.NEUTRALISED
            : covering != null
                ? Outcome.COVERED
                : partial != null ? Outcome.PARTIAL : Outcome.MISSING;
    return new Atom(
        label,
        o,
        covering == null ? List.of() : List.of(covering),
        Optional.ofNullable(partial),
        partialWhy,
        Optional.ofNullable(neutraliser),
        neutraliser == null ? "" : "this earlier never rule matches first",
        narrow);
  }

  /** A rule without arch counts for the native ABI, or for every ABI when it has no -S list. */
  private static boolean alwaysArch(AuditRule r, Machine machine, AuditArch arch) {
    return r.arch() == arch
        || (r.arch() == AuditArch.NATIVE && (r.syscalls().all() || machine.nativeArch() == arch));
  }

  private record Match(boolean full, String partialWhy) {
    static final Match NONE = new Match(false, null);

    static Match partial(String why) {
      return new Match(false, why);
    }
  }

  private static Match syscallMatch(AuditRule r, RuleRequirement q, int nr) {
    // a rule on a path is a file watch: it says nothing about a syscall elsewhere
    boolean fileRule =
        r.fields().stream()
            .anyMatch(
                f -> f.name().equals("path") || f.name().equals("dir") || f.name().equals("perm"));
    if (!r.syscalls().contains(nr) || fileRule) {
      return Match.NONE;
    }
    return scopeMatch(r, r.fields(), q);
  }

  private static Match scopeMatch(AuditRule r, List<FieldCondition> fields, RuleRequirement q) {
    if (ScopeImplication.anyDisjoint(q.scope(), fields)) {
      return Match.NONE;
    }
    List<String> narrower = new ArrayList<>();
    for (FieldCondition f : fields) {
      if (!ScopeImplication.implied(q.scope(), f)) {
        narrower.add(f.toString());
      }
    }
    for (FieldComparison c : r.comparisons()) {
      if (!q.comparisons().contains(c)) {
        narrower.add(c.toString());
      }
    }
    return narrower.isEmpty()
        ? new Match(true, null)
        : Match.partial("narrowed by " + String.join(" ", narrower));
  }

  private static Match watchMatch(AuditRule r, RuleRequirement q, Machine machine, AuditArch arch) {
    Optional<FieldCondition> target =
        r.fields().stream()
            .filter(f -> (f.name().equals("path") || f.name().equals("dir")) && f.op().equals("="))
            .findFirst();
    List<FieldCondition> others =
        r.fields().stream()
            .filter(
                f ->
                    !f.name().equals("path") && !f.name().equals("dir") && !f.name().equals("perm"))
            .toList();
    String perms;
    if (target.isEmpty()) {
      if (r.fields().stream().anyMatch(f -> f.name().equals("perm"))) {
        return Match.NONE;
      }
      if (r.syscalls().all()) {
        perms = "rwxa";
      } else if (q.perms().equals("x") && execs(r, machine, arch)) {
        perms = "x";
      } else {
        return Match.NONE;
      }
    } else {
      if (!targets(target.get(), r, q)) {
        return Match.NONE;
      }
      if (!r.syscalls().all()) {
        return Match.partial("only for syscalls " + r.syscalls());
      }
      perms =
          r.fields().stream()
              .filter(f -> f.name().equals("perm"))
              .map(FieldCondition::value)
              .findFirst()
              .orElse("rwxa");
    }
    String missing = "";
    boolean overlap = false;
    for (char c : q.perms().toCharArray()) {
      if (perms.indexOf(c) < 0) {
        missing += c;
      } else {
        overlap = true;
      }
    }
    if (!overlap) {
      return Match.NONE;
    }
    Match scope = scopeMatch(r, others, q);
    if (!scope.full) {
      return scope;
    }
    return missing.isEmpty()
        ? scope
        : Match.partial("permissions " + perms + " lack '" + missing + "'");
  }

  private static boolean execs(AuditRule r, Machine machine, AuditArch arch) {
    String table = machine.table(arch);
    if (table == null) {
      return false;
    }
    for (String name : List.of("execve", "execveat")) {
      OptionalInt n = SyscallTable.bundled().number(table, name);
      if (n.isPresent() && r.syscalls().contains(n.getAsInt())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The rule watches one of the paths, or a directory above it: a {@code dir=} rule (and a {@code
   * -w} on a directory, which auditctl turns into one) records the whole subtree.
   */
  private static boolean targets(FieldCondition target, AuditRule r, RuleRequirement q) {
    boolean recursive = target.name().equals("dir") || r.source().text().strip().startsWith("-w");
    for (String p : q.paths()) {
      if (p.equals(target.value())) {
        return true;
      }
      String prefix = target.value().equals("/") ? "/" : target.value() + "/";
      if (recursive && p.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static Atom merge(String label, List<Atom> perArch) {
    List<AuditRule> covering = new ArrayList<>();
    Atom worst = perArch.get(0);
    for (Atom a : perArch) {
      for (AuditRule r : a.covering()) {
        if (!covering.contains(r)) {
          covering.add(r);
        }
      }
      if (rank(a.outcome()) > rank(worst.outcome())) {
        worst = a;
      }
    }
    return new Atom(
        label,
        worst.outcome(),
        covering,
        worst.partial(),
        worst.partialWhy(),
        worst.neutraliser(),
        worst.neutraliserWhy(),
        worst.narrowNevers());
  }

  private static int rank(Outcome o) {
    switch (o) {
      case NEUTRALISED:
        return 4;
      case MISSING:
        return 3;
      case PARTIAL:
        return 2;
      case COVERED:
        return 1;
      default:
        return 0;
    }
  }

  /** task,never and exclude rules defeat every exit rule, whatever their position. */
  private static List<Atom> applySuppression(List<Atom> atoms, Suppression s, boolean watch) {
    Optional<Suppression.Finding> global =
        s.suppressing().stream()
            .filter(f -> f.rule() != null)
            .filter(
                f ->
                    f.rule().list() == AuditList.TASK
                        || (f.rule().list() == AuditList.EXCLUDE
                            && (f.why().contains("SYSCALL")
                                || (watch && f.why().contains("PATH")))))
            .findFirst();
    if (global.isEmpty()) {
      return atoms;
    }
    List<Atom> out = new ArrayList<>();
    for (Atom a : atoms) {
      if (a.outcome() == Outcome.NOT_APPLICABLE || a.outcome() == Outcome.NEUTRALISED) {
        out.add(a);
      } else {
        out.add(
            new Atom(
                a.label(),
                Outcome.NEUTRALISED,
                a.covering(),
                a.partial(),
                a.partialWhy(),
                Optional.of(global.get().rule()),
                global.get().why(),
                a.narrowNevers()));
      }
    }
    return out;
  }
}
