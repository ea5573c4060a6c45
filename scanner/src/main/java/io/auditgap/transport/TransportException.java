package io.auditgap.transport;

/** A classified transport failure with a one-line message fit for a report (no secrets). */
public final class TransportException extends Exception {
  private final TransportFailure failure;
  private final String hostKeyFingerprint;

  public TransportException(TransportFailure failure, String message) {
    this(failure, message, null, null);
  }

  public TransportException(TransportFailure failure, String message, Throwable cause) {
    this(failure, message, null, cause);
  }

  /**
   * A failure that involves a host key the server offered (refused as unknown or changed), so that
   * the report can show its fingerprint.
   */
  public TransportException(
      TransportFailure failure, String message, String hostKeyFingerprint, Throwable cause) {
    super(message, cause);
    this.failure = failure;
    this.hostKeyFingerprint = hostKeyFingerprint;
  }

  public TransportFailure failure() {
    return failure;
  }

  /**
   * SHA256 fingerprint ({@code SHA256:...}) of the host key the server offered when that key was
   * refused (HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, or a JUMP_FAILED caused by them); null otherwise.
   */
  public String hostKeyFingerprint() {
    return hostKeyFingerprint;
  }
}
