package io.auditgap.review;

/** A waiver that cannot be used; the message is {@code file:line:column: what; what to do}. */
public final class WaiverException extends Exception {
  private static final long serialVersionUID = 1L;

  public WaiverException(String message) {
    super(message);
  }
}
