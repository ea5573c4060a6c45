package io.auditgap.facts.audit;

import java.util.List;
import java.util.Optional;

/**
 * The rules a load would leave in the kernel (or that a listing shows), in kernel order: grouped by
 * list as the kernel keeps them, {@code -A} rules at the top of their list.
 *
 * @param rules in kernel order within each list
 * @param controls the control lines, in the order they were processed
 * @param errors lines the load would refuse
 * @param abortedAt the error that stopped the load (auditctl -R stops at the first error unless
 *     {@code -c} or {@code -i} came earlier), if any
 * @param skipped statements after {@code abortedAt} that were never processed
 */
public record RuleSet(
    List<AuditRule> rules,
    List<ControlDirective> controls,
    List<RuleError> errors,
    Optional<RuleError> abortedAt,
    List<AuditStatement> skipped) {

  public RuleSet {
    rules = List.copyOf(rules);
    controls = List.copyOf(controls);
    errors = List.copyOf(errors);
    skipped = List.copyOf(skipped);
  }

  public List<AuditRule> rules(AuditList list) {
    return rules.stream().filter(r -> r.list() == list).toList();
  }

  /** The last {@code -e} processed, which is the one in force after the load. */
  public Optional<ControlDirective> lastEnabled() {
    ControlDirective last = null;
    for (ControlDirective c : controls) {
      if (c.kind() == ControlKind.ENABLED) {
        last = c;
      }
    }
    return Optional.ofNullable(last);
  }

  /**
   * Simulates {@code auditctl -R}: statements run in order; {@code -D} empties the kernel list (or
   * removes the rules carrying its key), {@code -A} prepends, an identical rule fails with "Rule
   * exists", and the first error ends the load unless {@code -c} or {@code -i} was seen before it.
   */
  public static RuleSet load(List<AuditStatement> statements) {
    java.util.ArrayList<AuditRule> rules = new java.util.ArrayList<>();
    java.util.ArrayList<ControlDirective> controls = new java.util.ArrayList<>();
    java.util.ArrayList<RuleError> errors = new java.util.ArrayList<>();
    // the identities (list included) of the rules in the kernel: "Rule exists" is a lookup, not a
    // scan of every rule loaded so far (a 5,000-line rule set made that quadratic)
    java.util.Set<String> present = new java.util.HashSet<>();
    boolean keepGoing = false;
    for (int i = 0; i < statements.size(); i++) {
      AuditStatement s = statements.get(i);
      RuleError error = null;
      if (s instanceof RuleError e) {
        error = e;
      } else if (s instanceof ControlDirective c) {
        controls.add(c);
        if (c.kind() == ControlKind.CONTINUE_ON_ERROR || c.kind() == ControlKind.IGNORE_ERRORS) {
          keepGoing = true;
        } else if (c.kind() == ControlKind.DELETE_ALL) {
          if (c.argument().isEmpty()) {
            rules.clear();
            present.clear();
          } else {
            rules.removeIf(
                r -> {
                  boolean removed = r.keys().contains(c.argument());
                  if (removed) {
                    present.remove(r.identity());
                  }
                  return removed;
                });
          }
        }
      } else if (s instanceof AuditRule r) {
        if (!present.add(r.identity())) {
          error = new RuleError(r.source(), "Rule exists");
        } else {
          insert(rules, r);
        }
      }
      if (error != null) {
        errors.add(error);
        if (!keepGoing) {
          return new RuleSet(
              ordered(rules),
              controls,
              errors,
              Optional.of(error),
              statements.subList(i + 1, statements.size()));
        }
      }
    }
    return new RuleSet(ordered(rules), controls, errors, Optional.empty(), List.of());
  }

  private static void insert(List<AuditRule> rules, AuditRule r) {
    if (r.prepend()) {
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).list() == r.list()) {
          rules.add(i, r);
          return;
        }
      }
    }
    rules.add(r);
  }

  /** Groups by list in the kernel's list order (as {@code auditctl -l} prints), stable inside. */
  private static List<AuditRule> ordered(List<AuditRule> rules) {
    return rules.stream()
        .sorted(java.util.Comparator.comparingInt(r -> kernelListOrder(r.list())))
        .toList();
  }

  private static int kernelListOrder(AuditList l) {
    // AUDIT_FILTER_USER 0, TASK 1, ENTRY 2, WATCH 3, EXIT 4, EXCLUDE 5, FS 6, URING 7
    switch (l) {
      case USER:
        return 0;
      case TASK:
        return 1;
      case EXIT:
        return 4;
      case EXCLUDE:
        return 5;
      case FILESYSTEM:
        return 6;
      default:
        return 7;
    }
  }
}
