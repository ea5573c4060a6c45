package io.auditgap.probe;

import java.util.List;
import java.util.Set;

/**
 * What the inventory says about one host's SSH exposure. Filled by the inventory loader.
 *
 * @param exposure expected exposure; null when the inventory does not say (then {@code
 *     exposure.ssh-port} is not applicable)
 * @param publicAddress address the host is reached at from non-internal vantages (NAT, load
 *     balancer), or null
 * @param probePorts extra ports to probe besides the SSH port (e.g. 2222)
 * @param mustReach vantage names that must reach the port, whatever {@code exposure} says
 * @param mustNotReach vantage names that must not reach the port, whatever {@code exposure} says
 */
public record ExposurePolicy(
    Exposure exposure,
    String publicAddress,
    List<Integer> probePorts,
    Set<String> mustReach,
    Set<String> mustNotReach) {
  public ExposurePolicy {
    probePorts = probePorts == null ? List.of() : List.copyOf(probePorts);
    mustReach = mustReach == null ? Set.of() : Set.copyOf(mustReach);
    mustNotReach = mustNotReach == null ? Set.of() : Set.copyOf(mustNotReach);
  }

  public static ExposurePolicy of(Exposure exposure) {
    return new ExposurePolicy(exposure, null, List.of(), Set.of(), Set.of());
  }

  /**
   * Whether {@code vantage} may (true) or must not (false) reach the SSH port; null when the policy
   * says nothing. Explicit vantage lists win over {@code exposure}.
   */
  public Boolean expectsReachableFrom(Vantage vantage) {
    if (mustNotReach.contains(vantage.name())) {
      return false;
    }
    if (mustReach.contains(vantage.name())) {
      return true;
    }
    if (exposure == null) {
      return null;
    }
    switch (exposure) {
      case PUBLIC:
        return true;
      case INTERNAL:
        return vantage.internal();
      case NONE:
      default:
        return false;
    }
  }
}
