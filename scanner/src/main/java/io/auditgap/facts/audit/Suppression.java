package io.auditgap.facts.audit;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rules that silently stop other rules from recording ({@code audit.no-suppression}): {@code -a
 * task,never}, a broad {@code never,exit} ahead of {@code always} rules (the first matching exit
 * rule wins), {@code exclude} rules dropping the record types a session leaves, {@code never,user}
 * rules dropping USER_* records, and a final {@code -e 0}. "Broad" is judged against the
 * interactive users (auid at least UID_MIN, not unset): a never rule limited to auid=unset
 * (daemons) suppresses nothing of a session, one that narrows by exe, path or another field is
 * reported as narrow.
 */
public record Suppression(List<Finding> findings) {

  /** Record types an SSH session's evidence consists of (libaudit.h / linux/audit.h numbers). */
  public static final Map<String, Integer> SESSION_TYPES = sessionTypes();

  public Suppression {
    findings = List.copyOf(findings);
  }

  /**
   * @param suppresses true when the rule defeats session auditing; false for a narrow exemption
   */
  public record Finding(AuditRule rule, ControlDirective control, boolean suppresses, String why) {
    public SourceLine source() {
      return rule != null ? rule.source() : control.source();
    }
  }

  public List<Finding> suppressing() {
    return findings.stream().filter(Finding::suppresses).toList();
  }

  public List<Finding> narrow() {
    return findings.stream().filter(f -> !f.suppresses()).toList();
  }

  /** The interactive-user scope never rules are weighed against. */
  public static List<FieldCondition> interactive(long uidMin) {
    return List.of(
        new FieldCondition("auid", ">=", Long.toString(uidMin)),
        new FieldCondition("auid", "!=", "unset"));
  }

  public static Suppression analyse(RuleSet rules, long uidMin) {
    List<FieldCondition> scope = interactive(uidMin);
    List<Finding> out = new ArrayList<>();
    for (AuditRule r : rules.rules(AuditList.TASK)) {
      if (r.action() == AuditAction.ALWAYS) {
        if (r.fields().isEmpty() && r.comparisons().isEmpty()) {
          break; // decides first for every task
        }
        continue;
      }
      Optional<Boolean> whole = weigh(r, scope);
      whole.ifPresent(
          w ->
              out.add(
                  new Finding(
                      r,
                      null,
                      w,
                      w
                          ? "task,never exempts every new process of a session from all syscall"
                              + " rules"
                          : "task,never exempts some processes from all syscall rules")));
    }
    List<AuditRule> exit = rules.rules(AuditList.EXIT);
    for (int i = 0; i < exit.size(); i++) {
      AuditRule r = exit.get(i);
      if (r.action() != AuditAction.NEVER) {
        continue;
      }
      Optional<Boolean> whole = weigh(r, scope);
      if (whole.isEmpty()) {
        continue;
      }
      boolean shadows = false;
      for (int j = i + 1; j < exit.size() && whole.get(); j++) {
        if (exit.get(j).action() == AuditAction.ALWAYS && overlaps(r, exit.get(j))) {
          shadows = true;
          break;
        }
      }
      String why =
          !whole.get()
              ? "never,exit rule exempts part of the sessions' events from later rules"
              : shadows
                  ? "never,exit rule matches every session's events for its syscalls before the"
                      + " always rules after it"
                  : "never,exit rule matches every session's events, but no always rule follows";
      out.add(new Finding(r, null, whole.get() && shadows, why));
    }
    for (AuditRule r : rules.rules(AuditList.EXCLUDE)) {
      typeFilter(r, false).ifPresent(out::add);
    }
    for (AuditRule r : rules.rules(AuditList.USER)) {
      if (r.action() == AuditAction.NEVER) {
        typeFilter(r, true).ifPresent(out::add);
      }
    }
    rules
        .lastEnabled()
        .filter(e -> e.argument().equals("0"))
        .ifPresent(
            e ->
                out.add(
                    new Finding(
                        null, e, true, "-e 0 disables kernel auditing when the rules load")));
    return new Suppression(out);
  }

  /**
   * Empty when the rule cannot touch an interactive session's events; true when it matches all of
   * them, false when only part.
   */
  private static Optional<Boolean> weigh(AuditRule r, List<FieldCondition> scope) {
    if (ScopeImplication.anyDisjoint(scope, r.fields())) {
      return Optional.empty();
    }
    boolean whole = r.comparisons().isEmpty() && ScopeImplication.allImplied(scope, r.fields());
    return Optional.of(whole);
  }

  private static boolean overlaps(AuditRule never, AuditRule always) {
    boolean arch =
        never.arch() == always.arch()
            || never.arch() == AuditArch.NATIVE
            || always.arch() == AuditArch.NATIVE;
    if (!arch) {
      return false;
    }
    if (never.syscalls().all() || always.syscalls().all()) {
      return true;
    }
    return never.syscalls().numbers().stream().anyMatch(always.syscalls().numbers()::contains);
  }

  /** An exclude (any action) or never,user rule that drops session record types. */
  private static Optional<Finding> typeFilter(AuditRule r, boolean userList) {
    List<FieldCondition> types = r.fields("msgtype");
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, Integer> t : SESSION_TYPES.entrySet()) {
      boolean userType = t.getValue() < 1300;
      if (userList && !userType) {
        continue;
      }
      if (types.stream().allMatch(c -> admits(c, t.getValue()))) {
        dropped.add(t.getKey());
      }
    }
    if (dropped.isEmpty()) {
      return Optional.empty();
    }
    boolean other = r.fields().size() > types.size() || !r.comparisons().isEmpty();
    String list = userList ? "never,user" : "exclude";
    return Optional.of(
        new Finding(
            r,
            null,
            !other,
            list
                + " rule drops "
                + String.join(", ", dropped)
                + " records"
                + (other ? " for the events its other fields select" : "")));
  }

  private static boolean admits(FieldCondition c, int type) {
    Integer v = typeNumber(c.value());
    if (v == null) {
      return false;
    }
    switch (c.op()) {
      case "=":
        return type == v;
      case "!=":
        return type != v;
      case ">=":
        return type >= v;
      case ">":
        return type > v;
      case "<=":
        return type <= v;
      case "<":
        return type < v;
      default:
        return false;
    }
  }

  private static Integer typeNumber(String v) {
    Integer n = SESSION_TYPES.get(v.toUpperCase(Locale.ROOT));
    if (n != null) {
      return n;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Map<String, Integer> sessionTypes() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("SYSCALL", 1300);
    m.put("PATH", 1302);
    m.put("CWD", 1307);
    m.put("EXECVE", 1309);
    m.put("TTY", 1319);
    m.put("PROCTITLE", 1327);
    m.put("CRED_ACQ", 1103);
    m.put("USER_START", 1105);
    m.put("USER_END", 1106);
    m.put("USER_LOGIN", 1112);
    m.put("USER_CMD", 1123);
    m.put("USER_TTY", 1124);
    return java.util.Collections.unmodifiableMap(m);
  }
}
