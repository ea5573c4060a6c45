package io.auditgap.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One host to assess, with every inherited setting resolved (defaults, then groups in order, then
 * the host's own keys).
 *
 * @param name the inventory name (unique)
 * @param address DNS name or IP address; null for the local machine
 * @param port SSH port
 * @param user login user
 * @param identityFile private key; null to use the default keys in {@code ~/.ssh}
 * @param passphraseEnv name of the environment variable holding the key passphrase, or null
 * @param knownHosts known_hosts file; null for {@code ~/.ssh/known_hosts}
 * @param sudo run the collector through {@code sudo -n}
 * @param jump inventory name of the bastion to connect through, or null
 * @param groups group names, in inheritance order
 * @param tags free-form labels
 * @param params check parameters (retention_days, uid_min, tty_audit_users, ...)
 * @param location where the host is declared, for error messages
 * @param exposure {@code public}, {@code internal} or {@code none}; null when not set
 * @param publicAddress address the host is reached at from the internet, or null
 * @param probePorts TCP ports for the network-only probe (empty when not set)
 * @param vantage the host may be used as a vantage point for network probes
 * @param mustReach vantage names that must reach the SSH port, whatever {@code exposure} says
 * @param mustNotReach vantage names that must not reach the SSH port, whatever {@code exposure}
 *     says
 * @param ssh OpenSSH-style settings (agent, certificates, more keys, host key alias) and where each
 *     value came from; {@link SshSettings#NONE} when only the fields above are set
 */
public record HostSpec(
    String name,
    String address,
    int port,
    String user,
    Path identityFile,
    String passphraseEnv,
    Path knownHosts,
    boolean sudo,
    String jump,
    List<String> groups,
    List<String> tags,
    Map<String, Object> params,
    Location location,
    String exposure,
    String publicAddress,
    List<Integer> probePorts,
    boolean vantage,
    List<String> mustReach,
    List<String> mustNotReach,
    SshSettings ssh) {

  public HostSpec {
    ssh = ssh == null ? SshSettings.NONE : ssh;
    mustReach = mustReach == null ? List.of() : List.copyOf(mustReach);
    mustNotReach = mustNotReach == null ? List.of() : List.copyOf(mustNotReach);
    groups = List.copyOf(groups);
    tags = List.copyOf(tags);
    params = Map.copyOf(params);
    probePorts = probePorts == null ? List.of() : List.copyOf(probePorts);
  }

  /** The original 13-field form; the reserved fields take their defaults. */
  public HostSpec(
      String name,
      String address,
      int port,
      String user,
      Path identityFile,
      String passphraseEnv,
      Path knownHosts,
      boolean sudo,
      String jump,
      List<String> groups,
      List<String> tags,
      Map<String, Object> params,
      Location location) {
    this(
        name,
        address,
        port,
        user,
        identityFile,
        passphraseEnv,
        knownHosts,
        sudo,
        jump,
        groups,
        tags,
        params,
        location,
        null,
        null,
        List.of(),
        false,
        List.of(),
        List.of(),
        SshSettings.NONE);
  }

  /** The machine auditgap runs on, assessed without SSH. */
  public static HostSpec local(String name, boolean sudo) {
    return new HostSpec(
        name, null, 0, null, null, null, null, sudo, null, List.of(), List.of(), Map.of(), null);
  }

  /** This host with other connection values (the rest unchanged). */
  public HostSpec withConnection(
      String address,
      int port,
      String user,
      Path identityFile,
      Path knownHosts,
      String jump,
      SshSettings ssh) {
    return new HostSpec(
        name,
        address,
        port,
        user,
        identityFile,
        passphraseEnv,
        knownHosts,
        sudo,
        jump,
        groups,
        tags,
        params,
        location,
        exposure,
        publicAddress,
        probePorts,
        vantage,
        mustReach,
        mustNotReach,
        ssh);
  }

  /** Every private key to offer from files, in order (identityFile first). */
  public List<Path> identityFiles() {
    List<Path> all = new java.util.ArrayList<>();
    if (identityFile != null) {
      all.add(identityFile);
    }
    for (Path p : ssh.identityFiles()) {
      if (!all.contains(p)) {
        all.add(p);
      }
    }
    return List.copyOf(all);
  }

  public boolean isLocal() {
    return address == null;
  }
}
