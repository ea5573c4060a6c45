package io.auditgap.facts.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Something the audit rules must record, stated by meaning rather than by rule text: a file watch
 * (a path, or an alternative such as the lastlog2 database, with permissions) or syscalls on given
 * ABIs, within a scope (the events that must be recorded, e.g. {@code euid=0} with {@code
 * uid!=euid}). A rule satisfies it when it is at least as broad (see {@link RuleCoverage}).
 *
 * @param paths for a watch: canonical paths, the first is the one named in reports
 * @param perms for a watch: letters of {@code rwxa}
 * @param syscalls for a syscall requirement: names, resolved per ABI
 * @param arches the ABIs the requirement names; only those the machine has are evaluated
 * @param scope conditions every event that must be recorded satisfies
 * @param comparisons {@code -C} comparisons every such event satisfies
 */
public record RuleRequirement(
    List<String> paths,
    String perms,
    List<String> syscalls,
    List<AuditArch> arches,
    List<FieldCondition> scope,
    List<FieldComparison> comparisons) {

  public RuleRequirement {
    paths = paths.stream().map(AuditRuleParser::normalisePath).toList();
    syscalls = List.copyOf(syscalls);
    arches = List.copyOf(arches);
    scope = List.copyOf(scope);
    comparisons = List.copyOf(comparisons);
  }

  public static RuleRequirement watch(
      List<String> paths, String perms, List<FieldCondition> scope) {
    String p = AuditRuleParser.normalisePerms(perms);
    return new RuleRequirement(paths, p == null ? "wa" : p, List.of(), List.of(), scope, List.of());
  }

  public static RuleRequirement syscalls(
      List<String> names,
      List<AuditArch> arches,
      List<FieldCondition> scope,
      List<FieldComparison> comparisons) {
    return new RuleRequirement(List.of(), "", names, arches, scope, comparisons);
  }

  public boolean isWatch() {
    return !paths.isEmpty();
  }

  /** Parses {@code name<op>value} as a rule field would be (values normalised the same way). */
  public static Optional<FieldCondition> condition(String text) {
    for (String op : List.of("!=", ">=", "<=", "=", ">", "<")) {
      int at = text.indexOf(op);
      if (at > 0) {
        String name = text.substring(0, at).strip();
        String value = text.substring(at + op.length()).strip();
        if (name.equals("loginuid")) {
          name = "auid";
        }
        if (value.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(
            new FieldCondition(name, op, AuditRuleParser.normaliseValue(name, value)));
      }
    }
    return Optional.empty();
  }

  /** Parses {@code a!=b} or {@code a=b} as a {@code -C} comparison. */
  public static Optional<FieldComparison> comparison(String text) {
    String op = text.contains("!=") ? "!=" : "=";
    int at = text.indexOf(op);
    if (at <= 0 || at + op.length() >= text.length()) {
      return Optional.empty();
    }
    return Optional.of(
        FieldComparison.of(
            text.substring(0, at).strip(), op, text.substring(at + op.length()).strip()));
  }

  /** A short human description, e.g. {@code watch /etc/sudoers (wa)}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (isWatch()) {
      parts.add("watch " + String.join(" or ", paths) + " (" + perms + ")");
    } else {
      parts.add(String.join(",", syscalls));
    }
    if (!scope.isEmpty() || !comparisons.isEmpty()) {
      List<String> s = new ArrayList<>();
      scope.forEach(f -> s.add(f.toString()));
      comparisons.forEach(c -> s.add(c.toString()));
      parts.add("for " + String.join(" ", s));
    }
    return String.join(" ", parts);
  }
}
