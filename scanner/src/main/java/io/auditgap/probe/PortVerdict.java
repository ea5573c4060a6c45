package io.auditgap.probe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What one TCP port looked like from one vantage. */
public enum PortVerdict {
  /** TCP handshake completed and the service sent an SSH identification string. */
  OPEN,
  /** TCP handshake completed but no valid SSH identification arrived within the timeout. */
  OPEN_NOT_SSH,
  /** Refused: a TCP reset (or the vantage's sshd reported "connection refused"). */
  CLOSED,
  /** No answer within the timeout, or an ICMP/route error said the address cannot be reached. */
  FILTERED,
  /** The name did not resolve (locally, or on the SSH vantage). */
  UNRESOLVABLE;

  /** {@code open}, {@code open-not-ssh}, {@code closed}, {@code filtered}, {@code unresolvable}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True when a TCP handshake completed: the port is reachable from the vantage. */
  public boolean reachable() {
    return this == OPEN || this == OPEN_NOT_SSH;
  }

  @JsonCreator
  public static PortVerdict parse(String id) {
    for (PortVerdict v : values()) {
      if (v.id().equals(id)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown port verdict: " + id);
  }
}
