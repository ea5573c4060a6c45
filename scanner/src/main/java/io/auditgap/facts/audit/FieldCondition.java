package io.auditgap.facts.audit;

/**
 * A {@code -F name op value} condition with its value normalised ({@code unset}, {@code -1} and
 * {@code 4294967295} are all {@code unset}; trailing {@code /} dropped from paths; permission
 * letters in {@code rwxa} order).
 */
public record FieldCondition(String name, String op, String value) {
  @Override
  public String toString() {
    return name + op + value;
  }
}
