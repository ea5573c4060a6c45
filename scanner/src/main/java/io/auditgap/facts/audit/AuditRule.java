package io.auditgap.facts.audit;

import io.auditgap.facts.SourceLine;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    return scopeIdentity() + " | keys=" + keys.stream().sorted().collect(Collectors.joining(","));
  }

  /** Like {@link #identity()} without keys: what the rule matches. */
  public String scopeIdentity() {
    String f =
        fields.stream()
            .map(x -> (x.name().equals("dir") ? "path" : x.name()) + x.op() + x.value())
            .sorted()
            .collect(Collectors.joining(" "));
    String c =
        comparisons.stream()
            .map(FieldComparison::toString)
            .sorted()
            .collect(Collectors.joining(" "));
    return Stream.of(
            action.id() + "," + list.id(),
            "arch=" + arch.id(),
            "syscalls=" + syscalls,
            "fields=[" + f + "]",
            "compare=[" + c + "]")
        .collect(Collectors.joining(" "));
  }
}
