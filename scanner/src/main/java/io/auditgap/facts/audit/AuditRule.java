package io.auditgap.facts.audit;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One audit rule in its semantic form, the same whether it came from a rules file or from {@code
 * auditctl -l}. A {@code -w} watch is held as the equivalent exit rule ({@code path=}/{@code dir=}
 * and {@code perm=} fields over all syscalls).
 *
 * @param syscalls numbers of the {@code arch}'s table; {@link SyscallSet#ALL} when the rule has no
 *     {@code -S} (or the list has no syscalls)
 * @param fields in the order written, without {@code arch} and {@code key}
 * @param keys {@code -k} and {@code -F key=} values; part of a rule's identity but never of its
 *     scope
 * @param prepend written with {@code -A}: the kernel puts it at the top of its list
 */
public record AuditRule(
    AuditList list,
    AuditAction action,
    AuditArch arch,
    SyscallSet syscalls,
    List<FieldCondition> fields,
    List<FieldComparison> comparisons,
    List<String> keys,
    boolean prepend,
    SourceLine source)
    implements AuditStatement {

  public AuditRule {
    fields = List.copyOf(fields);
    comparisons = List.copyOf(comparisons);
    keys = List.copyOf(keys);
  }

  public List<FieldCondition> fields(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).toList();
  }

  /** The watch this rule is, when {@code auditctl -l} would print it as {@code -w}. */
  public Optional<WatchForm> watch() {
    if (list != AuditList.EXIT
        || action != AuditAction.ALWAYS
        || arch != AuditArch.NATIVE
        || !syscalls.all()
        || !comparisons.isEmpty()
        || fields.size() != 2) {
      return Optional.empty();
    }
    Optional<FieldCondition> target =
        fields.stream()
            .filter(f -> (f.name().equals("path") || f.name().equals("dir")) && f.op().equals("="))
            .findFirst();
    Optional<FieldCondition> perm =
        fields.stream().filter(f -> f.name().equals("perm") && f.op().equals("=")).findFirst();
    if (target.isEmpty() || perm.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WatchForm(target.get().value(), perm.get().value()));
  }

  /**
   * A canonical text that is equal for equivalent rules: syscalls as a sorted number set, fields,
   * comparisons and keys sorted, {@code dir}/{@code path} unified (the listing cannot tell them
   * apart). Keys are included: a rule whose key changed is a different rule to the kernel too
   * ("Rule exists" compares keys).
   */
  public String identity() {
    StringBuilder sb = new StringBuilder(160).append(scopeIdentity()).append(" | keys=");
    return joinSorted(sb, new ArrayList<>(keys), ",").toString();
  }

  /**
   * Like {@link #identity()} without keys: what the rule matches. Built with plain loops: loads and
   * drift compare every rule of a host by it.
   */
  public String scopeIdentity() {
    StringBuilder sb = new StringBuilder(128);
    sb.append(action.id()).append(',').append(list.id());
    sb.append(" arch=").append(arch.id()).append(" syscalls=").append(syscalls).append(" fields=[");
    List<String> f = new ArrayList<>(fields.size());
    for (FieldCondition x : fields) {
      f.add((x.name().equals("dir") ? "path" : x.name()) + x.op() + x.value());
    }
    joinSorted(sb, f, " ").append("] compare=[");
    List<String> c = new ArrayList<>(comparisons.size());
    for (FieldComparison x : comparisons) {
      c.add(x.toString());
    }
    return joinSorted(sb, c, " ").append(']').toString();
  }

  private static StringBuilder joinSorted(StringBuilder sb, List<String> parts, String sep) {
    parts.sort(null);
    for (int i = 0; i < parts.size(); i++) {
      sb.append(i == 0 ? "" : sep).append(parts.get(i));
    }
    return sb;
  }
}
