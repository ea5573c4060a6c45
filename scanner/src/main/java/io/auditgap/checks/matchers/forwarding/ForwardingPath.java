package io.auditgap.checks.matchers.forwarding;

import io.auditgap.checks.Evidence;
import java.util.List;

/**
 * One way events leave the host, as proven by configuration and service state.
 *
 * @param mechanism {@code rsyslog}, {@code syslog-ng}, {@code journal-upload}, {@code
 *     audisp-remote}, {@code audisp-syslog via rsyslog} or the agent's name
 * @param reliable whether delivery survives outages (TCP/RELP/store-and-forward plus a persistent
 *     queue); {@code reliabilityReason} says why
 * @param verified whether the transport is encrypted and the receiver authenticated; null when it
 *     cannot be established from configuration
 * @param port the configured port, or "" when the configuration names none
 * @param action rsyslog's configured action {@code name=}, or ""
 */
public record ForwardingPath(
    String mechanism,
    String target,
    List<Evidence> evidence,
    boolean reliable,
    String reliabilityReason,
    Boolean verified,
    String tlsReason,
    String port,
    String action) {
  public ForwardingPath {
    evidence = List.copyOf(evidence);
    port = port == null ? "" : port;
    action = action == null ? "" : action;
  }

  public ForwardingPath(
      String mechanism,
      String target,
      List<Evidence> evidence,
      boolean reliable,
      String reliabilityReason,
      Boolean verified,
      String tlsReason) {
    this(mechanism, target, evidence, reliable, reliabilityReason, verified, tlsReason, "", "");
  }

  public String describe() {
    return mechanism + " to " + target;
  }

  /** The syslog tag of the daemon that delivers this path, or "" for agents. */
  public String daemon() {
    if (mechanism.endsWith("rsyslog")) {
      return "rsyslogd";
    }
    if (mechanism.endsWith("syslog-ng")) {
      return "syslog-ng";
    }
    if (mechanism.endsWith("journal-upload")) {
      return "systemd-journal-upload";
    }
    return mechanism.equals("audisp-remote") ? "audisp-remote" : "";
  }
}
