package io.auditgap.facts.audit;

/**
 * A {@code -C a op b} comparison. The pair is unordered ({@code euid!=uid} is {@code uid!=euid}),
 * so the two names are stored sorted.
 */
public record FieldComparison(String first, String op, String second) {
  public static FieldComparison of(String a, String op, String b) {
    return a.compareTo(b) <= 0 ? new FieldComparison(a, op, b) : new FieldComparison(b, op, a);
  }

  @Override
  public String toString() {
    return first + op + second;
  }
}
