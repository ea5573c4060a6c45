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
    Location location) {

  public HostSpec {
    groups = List.copyOf(groups);
    tags = List.copyOf(tags);
    params = Map.copyOf(params);
  }

  /** The machine auditgap runs on, assessed without SSH. */
  public static HostSpec local(String name, boolean sudo) {
    return new HostSpec(
        name, null, 0, null, null, null, null, sudo, null, List.of(), List.of(), Map.of(), null);
  }

  public boolean isLocal() {
    return address == null;
  }
}
