package io.auditgap.facts.audit;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The syscalls a rule matches, as numbers of the rule's ABI table, or all of them ({@code -S all},
 * or no {@code -S} on the exit list).
 */
public record SyscallSet(boolean all, SortedSet<Integer> numbers) {
  public static final SyscallSet ALL = new SyscallSet(true, new TreeSet<>());

  public SyscallSet {
    numbers =
        all
            ? Collections.emptySortedSet()
            : Collections.unmodifiableSortedSet(new TreeSet<>(numbers));
  }

  public static SyscallSet of(SortedSet<Integer> numbers) {
    return new SyscallSet(false, numbers);
  }

  public boolean contains(int number) {
    return all || numbers.contains(number);
  }

  @Override
  public String toString() {
    if (all) {
      return "all";
    }
    StringBuilder sb = new StringBuilder(numbers.size() * 4);
    for (Integer n : numbers) {
      sb.append(sb.length() == 0 ? "" : ",").append(n.intValue());
    }
    return sb.toString();
  }
}
