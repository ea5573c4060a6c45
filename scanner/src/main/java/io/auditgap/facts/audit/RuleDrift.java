package io.auditgap.facts.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Differences between the rules in the kernel and the rules the loader would load ({@code
 * audit.rules-drift}). Control lines are not compared. Rules are compared by {@link
 * AuditRule#identity()}, keys included: a changed key is drift, since ausearch -k and every report
 * keyed on it would miss the events. Order is compared only where it changes behaviour: between a
 * {@code never} and an {@code always} rule of the same list (the first match wins).
 *
 * @param onlyLoaded rules in the kernel that the persistent rules do not produce
 * @param onlyPersistent rules the loader would load that the kernel does not have
 * @param reordered pairs {@code [earlier-in-persistent, later-in-persistent]} that the kernel has
 *     the other way round
 */
public record RuleDrift(
    List<AuditRule> onlyLoaded, List<AuditRule> onlyPersistent, List<List<AuditRule>> reordered) {

  public RuleDrift {
    onlyLoaded = List.copyOf(onlyLoaded);
    onlyPersistent = List.copyOf(onlyPersistent);
    reordered = reordered.stream().map(List::copyOf).toList();
  }

  public boolean none() {
    return onlyLoaded.isEmpty() && onlyPersistent.isEmpty() && reordered.isEmpty();
  }

  public static RuleDrift compare(RuleSet loaded, RuleSet persistent) {
    List<AuditRule> onlyLoaded = new ArrayList<>();
    List<AuditRule> onlyPersistent = new ArrayList<>();
    List<List<AuditRule>> reordered = new ArrayList<>();
    for (AuditList list : AuditList.values()) {
      List<AuditRule> l = loaded.rules(list);
      List<AuditRule> p = persistent.rules(list);
      onlyLoaded.addAll(minus(l, p));
      onlyPersistent.addAll(minus(p, l));
      reordered.addAll(inversions(l, p));
    }
    return new RuleDrift(onlyLoaded, onlyPersistent, reordered);
  }

  /** Rules of {@code a} without a counterpart in {@code b}, counting duplicates. */
  private static List<AuditRule> minus(List<AuditRule> a, List<AuditRule> b) {
    Map<String, Integer> left = new HashMap<>();
    for (AuditRule r : b) {
      left.merge(r.identity(), 1, Integer::sum);
    }
    List<AuditRule> out = new ArrayList<>();
    for (AuditRule r : a) {
      String id = r.identity();
      Integer n = left.get(id);
      if (n == null || n == 0) {
        out.add(r);
      } else {
        left.put(id, n - 1);
      }
    }
    return out;
  }

  private static List<List<AuditRule>> inversions(
      List<AuditRule> loaded, List<AuditRule> persistent) {
    Map<String, Integer> loadedIndex = new HashMap<>();
    for (int i = 0; i < loaded.size(); i++) {
      loadedIndex.putIfAbsent(loaded.get(i).identity(), i);
    }
    List<AuditRule> common = new ArrayList<>();
    List<Integer> loadedAt = new ArrayList<>(); // each common rule's place in the loaded list
    for (AuditRule r : persistent) {
      Integer at = loadedIndex.get(r.identity());
      if (at != null) {
        common.add(r);
        loadedAt.add(at);
      }
    }
    List<List<AuditRule>> out = new ArrayList<>();
    for (int i = 0; i < common.size(); i++) {
      for (int j = i + 1; j < common.size(); j++) {
        AuditRule a = common.get(i);
        AuditRule b = common.get(j);
        if (a.action() != b.action() && loadedAt.get(i) > loadedAt.get(j)) {
          out.add(List.of(a, b));
        }
      }
    }
    return out;
  }
}
