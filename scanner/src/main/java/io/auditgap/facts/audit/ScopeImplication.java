package io.auditgap.facts.audit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a rule condition holds for every event, or for no event, of a scope written as conditions
 * ({@code auid>=1000 auid!=unset}, {@code euid=0}). Numeric fields are compared as ranges, so
 * {@code auid>=500} holds wherever {@code auid>=1000} does; other values only when the scope has
 * the identical condition. This is the "implied by the requirement's scope" test of the coverage
 * semantics.
 */
public final class ScopeImplication {
  private static final long ID_MAX = 4294967295L;

  private ScopeImplication() {}

  /** True when every event inside {@code scope} satisfies {@code c}. */
  public static boolean implied(List<FieldCondition> scope, FieldCondition c) {
    if (scope.contains(c)) {
      return true;
    }
    Long v = number(c);
    Range r = range(scope, c.name());
    if (v == null || r == null) {
      return false;
    }
    if (r.lo > r.hi) {
      return true;
    }
    switch (c.op()) {
      case "=":
        return r.lo == v && r.hi == v && !r.excluded.contains(v);
      case "!=":
        return v < r.lo || v > r.hi || r.excluded.contains(v);
      case ">=":
        return r.lo >= v;
      case ">":
        return r.lo > v;
      case "<=":
        return r.hi <= v;
      case "<":
        return r.hi < v;
      default:
        return false;
    }
  }

  /** True when no event inside {@code scope} satisfies {@code c}. */
  public static boolean disjoint(List<FieldCondition> scope, FieldCondition c) {
    Long v = number(c);
    Range r = range(scope, c.name());
    if (v == null || r == null) {
      return false;
    }
    switch (c.op()) {
      case "=":
        return v < r.lo || v > r.hi || r.excluded.contains(v);
      case "!=":
        return r.lo == v && r.hi == v;
      case ">=":
        return r.hi < v;
      case ">":
        return r.hi <= v;
      case "<=":
        return r.lo > v;
      case "<":
        return r.lo >= v;
      default:
        return false;
    }
  }

  public static boolean allImplied(List<FieldCondition> scope, List<FieldCondition> conditions) {
    return conditions.stream().allMatch(c -> implied(scope, c));
  }

  public static boolean anyDisjoint(List<FieldCondition> scope, List<FieldCondition> conditions) {
    return conditions.stream().anyMatch(c -> disjoint(scope, c));
  }

  private static final class Range {
    long lo;
    long hi;
    final Set<Long> excluded = new HashSet<>();
  }

  /** The values of {@code name} the scope admits, or null when a condition cannot be modelled. */
  private static Range range(List<FieldCondition> scope, String name) {
    Range r = new Range();
    r.lo = 0;
    r.hi = isId(name) ? ID_MAX : Long.MAX_VALUE;
    for (FieldCondition s : scope) {
      if (!s.name().equals(name)) {
        continue;
      }
      Long v = number(s);
      if (v == null) {
        return null;
      }
      switch (s.op()) {
        case "=":
          r.lo = Math.max(r.lo, v);
          r.hi = Math.min(r.hi, v);
          break;
        case ">=":
          r.lo = Math.max(r.lo, v);
          break;
        case ">":
          r.lo = Math.max(r.lo, v + 1);
          break;
        case "<=":
          r.hi = Math.min(r.hi, v);
          break;
        case "<":
          r.hi = Math.min(r.hi, v - 1);
          break;
        case "!=":
          r.excluded.add(v);
          break;
        default:
          return null;
      }
    }
    return r;
  }

  private static boolean isId(String name) {
    return name.endsWith("uid") || name.endsWith("gid") || name.equals("sessionid");
  }

  private static Long number(FieldCondition c) {
    if (c.value().equals("unset")) {
      return ID_MAX;
    }
    try {
      return Long.parseLong(c.value());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
