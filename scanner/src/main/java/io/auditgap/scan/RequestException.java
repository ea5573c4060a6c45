package io.auditgap.scan;

/** A request the assessment cannot carry out as given; the message is one line for the user. */
public final class RequestException extends RuntimeException {
  public RequestException(String message) {
    super(message);
  }
}
