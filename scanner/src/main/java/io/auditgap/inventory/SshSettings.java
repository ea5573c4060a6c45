package io.auditgap.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenSSH-style connection settings of one host beyond address, port, user and the first key
 * (which stay in {@link HostSpec}), and where every resolved value came from.
 *
 * @param identityFiles further private keys, tried after {@link HostSpec#identityFile()} in order
 * @param certificateFiles user certificates to offer with the matching private key
 * @param identityAgent agent socket; null means {@code SSH_AUTH_SOCK}, {@code none} means no agent
 * @param identitiesOnly offer only the configured identity files (agent keys only when they match)
 * @param hostKeyAlias name looked up in known_hosts instead of the address, or null
 * @param strictHostKeyChecking {@code yes}, {@code accept-new} or {@code no}; null for the default
 * @param connectTimeout TCP connect limit for this host, or null for the command's default
 * @param sources for each setting name ({@code address}, {@code user}, ...), where its value came
 *     from: {@code inventory.yaml:12}, {@code ssh_config ~/.ssh/config:4}, {@code command line},
 *     {@code default}
 */
public record SshSettings(
    List<Path> identityFiles,
    List<Path> certificateFiles,
    String identityAgent,
    boolean identitiesOnly,
    String hostKeyAlias,
    String strictHostKeyChecking,
    Duration connectTimeout,
    Map<String, String> sources) {

  public static final SshSettings NONE =
      new SshSettings(List.of(), List.of(), null, false, null, null, null, Map.of());

  public SshSettings {
    identityFiles = identityFiles == null ? List.of() : List.copyOf(identityFiles);
    certificateFiles = certificateFiles == null ? List.of() : List.copyOf(certificateFiles);
    sources =
        sources == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** Where {@code setting} came from, or null when nobody said. */
  public String source(String setting) {
    return sources.get(setting);
  }

  public SshSettings withSources(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(sources);
    all.putAll(more);
    return new SshSettings(
        identityFiles,
        certificateFiles,
        identityAgent,
        identitiesOnly,
        hostKeyAlias,
        strictHostKeyChecking,
        connectTimeout,
        all);
  }
}
