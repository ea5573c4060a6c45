package io.auditgap.facts.logging;

/**
 * Three-valued truth for filters we can only partly evaluate: a {@code $programname} or {@code
 * match()} condition depends on the message, so whether auth events pass it is {@link #MAYBE}.
 */
public enum Tri {
  TRUE,
  FALSE,
  MAYBE;

  public static Tri of(boolean b) {
    return b ? TRUE : FALSE;
  }

  public Tri and(Tri o) {
    if (this == FALSE || o == FALSE) {
      return FALSE;
    }
    return this == TRUE && o == TRUE ? TRUE : MAYBE;
  }

  public Tri or(Tri o) {
    if (this == TRUE || o == TRUE) {
      return TRUE;
    }
    return this == FALSE && o == FALSE ? FALSE : MAYBE;
  }

  public Tri not() {
    return this == TRUE ? FALSE : this == FALSE ? TRUE : MAYBE;
  }
}
