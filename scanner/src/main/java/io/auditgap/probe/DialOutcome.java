package io.auditgap.probe;

/**
 * The result of one dial: a {@link Link} when the TCP handshake completed, otherwise the verdict.
 *
 * @param link the open connection, or null
 * @param verdict null when {@code link} is set; else closed, filtered or unresolvable
 * @param reason error text for a failure, or null
 * @param latencyNanos time from the start of the connect to its outcome
 */
public record DialOutcome(Link link, PortVerdict verdict, String reason, long latencyNanos) {
  public static DialOutcome connected(Link link, long latencyNanos) {
    return new DialOutcome(link, null, null, latencyNanos);
  }

  public static DialOutcome failed(PortVerdict verdict, String reason, long latencyNanos) {
    if (verdict.reachable()) {
      throw new IllegalArgumentException("a failed dial cannot be " + verdict.id());
    }
    return new DialOutcome(null, verdict, reason, latencyNanos);
  }

  public boolean isConnected() {
    return link != null;
  }
}
