package io.auditgap.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds the target list of one inventory host from its SSH port and exposure policy. */
public final class ProbeTargets {
  private ProbeTargets() {}

  /**
   * One target per (vantage, address, port): ports are {@code sshPort} plus {@code probePorts};
   * internal vantages probe {@code address}; other vantages probe {@code public_address} when set,
   * and {@code address} too.
   */
  public static List<ProbeTarget> forHost(
      String host, String address, int sshPort, ExposurePolicy policy, List<Vantage> vantages) {
    return forHost(host, address, sshPort, policy, vantages, null);
  }

  /**
   * As above, asking the offered auth methods for {@code loginUser} (null: the probe's default).
   */
  public static List<ProbeTarget> forHost(
      String host,
      String address,
      int sshPort,
      ExposurePolicy policy,
      List<Vantage> vantages,
      String loginUser) {
    Set<Integer> ports = new LinkedHashSet<>();
    ports.add(sshPort);
    ports.addAll(policy.probePorts());
    List<ProbeTarget> out = new ArrayList<>();
    for (Vantage v : vantages) {
      Set<String> addresses = new LinkedHashSet<>();
      if (!v.internal() && policy.publicAddress() != null) {
        addresses.add(policy.publicAddress());
      }
      if (address != null) {
        addresses.add(address);
      }
      for (String a : addresses) {
        for (int p : ports) {
          out.add(new ProbeTarget(host, a, p, policy, v.name(), loginUser));
        }
      }
    }
    return out;
  }
}
