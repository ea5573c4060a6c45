package io.auditgap.inventory.sshconfig;

import java.util.List;
import java.util.Map;

/**
 * What ssh_config says for one host, as {@code ssh -G} would print it, and where each value came
 * from. File values keep their tokens ({@code identityFiles}, {@code certificateFiles}, as {@code
 * ssh -G} prints them); {@link #expand} turns them into paths.
 *
 * @param hostArg the name given (lower case), matched by {@code Host} and {@code Match
 *     originalhost}
 * @param hostname where to connect ({@code HostName} with {@code %h} expanded, else the name)
 * @param user remote user ({@code User}, else the local user)
 * @param port remote port ({@code Port}, else 22)
 * @param identityFiles {@code IdentityFile} values in order, unexpanded; empty when none is set
 * @param identitiesOnly {@code IdentitiesOnly}
 * @param identityAgent {@code IdentityAgent}, expanded; null when not set
 * @param certificateFiles {@code CertificateFile} values in order, unexpanded
 * @param proxyJump {@code ProxyJump} chain as written; null when not set or {@code none}
 * @param userKnownHostsFiles {@code UserKnownHostsFile}, expanded (default {@code
 *     ~/.ssh/known_hosts ~/.ssh/known_hosts2})
 * @param strictHostKeyChecking {@code yes}, {@code no}, {@code accept-new} or {@code ask}
 * @param hostKeyAlias {@code HostKeyAlias}, or null
 * @param connectTimeoutSeconds {@code ConnectTimeout}, or null for none
 * @param sources option name (lower case) to {@code file:line} of the line that set it
 * @param warnings keywords read but not honoured, one line each with file:line
 */
public record SshHostConfig(
    String hostArg,
    String hostname,
    String user,
    int port,
    List<String> identityFiles,
    boolean identitiesOnly,
    String identityAgent,
    List<String> certificateFiles,
    String proxyJump,
    List<String> userKnownHostsFiles,
    String strictHostKeyChecking,
    String hostKeyAlias,
    Integer connectTimeoutSeconds,
    Map<String, String> sources,
    List<String> warnings) {

  public SshHostConfig {
    identityFiles = List.copyOf(identityFiles);
    certificateFiles = List.copyOf(certificateFiles);
    userKnownHostsFiles = List.copyOf(userKnownHostsFiles);
    sources = Map.copyOf(sources);
    warnings = List.copyOf(warnings);
  }

  /** Where {@code option} (lower case) was set, or null when it has its default. */
  public String source(String option) {
    return sources.get(option);
  }
}
