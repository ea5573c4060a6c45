package io.auditgap.checks;

/** The verdict of one check on one host. Never {@link #PASS} on evidence that was not seen. */
public enum Status {
  PASS,
  FAIL,
  NOT_APPLICABLE,
  UNKNOWN;

  /** The lower-case name used in every output format ({@code not_applicable}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
