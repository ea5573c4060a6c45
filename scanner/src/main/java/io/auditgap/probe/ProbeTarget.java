package io.auditgap.probe;

import java.util.Objects;

/**
 * One (host, address, port) to probe from one vantage.
 *
 * @param host inventory host name (the key findings and diffs are grouped by)
 * @param address DNS name or IP address, resolved where the vantage is
 * @param port TCP port
 * @param policy the host's expected exposure
 * @param vantage name of the vantage to probe from ({@code local} or an inventory host)
 * @param loginUser user name to ask the offered methods for, or null for the probe's default. The
 *     inventory's login user is a name sshd knows: an unknown one is logged as "Invalid user" and,
 *     on Debian/RHEL, written to btmp — a trace the probe has no reason to leave.
 */
public record ProbeTarget(
    String host,
    String address,
    int port,
    ExposurePolicy policy,
    String vantage,
    String loginUser) {
  public ProbeTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(vantage, "vantage");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    policy = policy == null ? ExposurePolicy.of(null) : policy;
  }

  public ProbeTarget(String host, String address, int port, ExposurePolicy policy, String vantage) {
    this(host, address, port, policy, vantage, null);
  }

  /** {@code address:port}, with brackets around IPv6 literals. */
  public String endpoint() {
    return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
  }
}
