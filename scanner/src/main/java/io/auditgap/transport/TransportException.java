package io.auditgap.transport;

/** A classified transport failure with a one-line message fit for a report (no secrets). */
public final class TransportException extends Exception {
  private final TransportFailure failure;

  public TransportException(TransportFailure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public TransportException(TransportFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public TransportFailure failure() {
    return failure;
  }
}
