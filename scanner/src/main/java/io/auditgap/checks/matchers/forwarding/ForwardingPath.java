package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.Evidence;
import java.util.List;

/**
 * One way events leave the host, as proven by configuration and service state.
 *
 * @param mechanism {@code rsyslog}, {@code syslog-ng}, {@code journal-upload}, {@code
 *     audisp-remote} or the agent's name
 * @param reliable whether delivery survives outages (TCP/RELP/store-and-forward plus a persistent
 *     queue); {@code reliabilityReason} says why
 * @param verified whether the transport is encrypted and the receiver authenticated; null when it
 *     cannot be established from configuration
 */
public record ForwardingPath(
    String mechanism,
    String target,
    List<Evidence> evidence,
    boolean reliable,
    String reliabilityReason,
    Boolean verified,
    String tlsReason) {
  public ForwardingPath {
    evidence = List.copyOf(evidence);
  }

  public String describe() {
    return mechanism + " to " + target;
  }
}
