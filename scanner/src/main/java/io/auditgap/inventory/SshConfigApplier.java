package io.auditgap.inventory;

import io.auditgap.inventory.sshconfig.SshConfig;
import io.auditgap.inventory.sshconfig.SshConfigException;
import io.auditgap.inventory.sshconfig.SshHostConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills each host's connection values from ssh_config where the inventory leaves them open, so the
 * order is: command line, inventory, ssh_config, built-in defaults. The inventory address is the
 * name ssh_config sees (as {@code ssh} sees the name Ansible passes), so {@code HostName} maps it.
 * Also builds hosts from quick targets ({@code [user@]host[:port]}) and from {@code ProxyJump}
 * chains.
 */
public final class SshConfigApplier {
  private static final Pattern TARGET =
      Pattern.compile("(?:([^@\\s]+)@)?(\\[[0-9A-Fa-f:.]+\\]|[^@:\\s\\[\\]]+)(?::([0-9]{1,5}))?");

  private final SshConfig config;

  public SshConfigApplier(SshConfig config) {
    this.config = config;
  }

  public SshConfig config() {
    return config;
  }

  /** Every host with ssh_config applied (local hosts unchanged). */
  public Inventory apply(Inventory inv) throws InventoryException {
    List<HostSpec> out = new ArrayList<>();
    for (HostSpec h : inv.hosts()) {
      out.add(apply(h));
    }
    List<String> warnings = new ArrayList<>(inv.warnings());
    return new Inventory(inv.source(), out, inv.branding(), warnings);
  }

  /** One host with ssh_config applied where the inventory did not set a value. */
  public HostSpec apply(HostSpec h) throws InventoryException {
    if (h.isLocal()) {
      return h;
    }
    Map<String, String> given = h.ssh().sources();
    SshHostConfig c;
    try {
      c =
          config.resolve(
              h.address(),
              given.containsKey("user") ? h.user() : null,
              given.containsKey("port") ? h.port() : null);
    } catch (SshConfigException e) {
      throw new InventoryException(null, "host " + h.name() + ": " + e.getMessage());
    }
    Map<String, String> src = new LinkedHashMap<>();
    src.put("address", from(c, "hostname", given.getOrDefault("address", "inventory name")));
    src.put("user", from(c, "user", "default (local user)", given.get("user")));
    src.put("port", from(c, "port", "default", given.get("port")));
    Path identity = h.identityFile();
    List<Path> more = new ArrayList<>();
    if (given.containsKey("identity_file") || identity != null) {
      src.put("identity_file", given.getOrDefault("identity_file", "inventory"));
    } else if (!c.identityFiles().isEmpty()) {
      for (String raw : c.identityFiles()) {
        Path p = Path.of(expand(raw, c, h, "IdentityFile"));
        // ssh skips IdentityFile entries that do not exist, and so do we.
        if (Files.exists(p) && !more.contains(p)) {
          more.add(p);
        }
      }
      src.put("identity_file", "ssh_config " + c.source("identityfile"));
    } else {
      src.put("identity_file", "default (~/.ssh/id_ed25519, id_ecdsa, id_rsa)");
    }
    List<Path> certs = new ArrayList<>();
    for (String raw : c.certificateFiles()) {
      Path p = Path.of(expand(raw, c, h, "CertificateFile"));
      if (Files.exists(p)) {
        certs.add(p);
      }
    }
    if (c.source("certificatefile") != null) {
      src.put("certificate_file", "ssh_config " + c.source("certificatefile"));
    }
    Path knownHosts = h.knownHosts();
    if (knownHosts != null) {
      src.put("known_hosts", given.getOrDefault("known_hosts", "inventory"));
    } else if (c.source("userknownhostsfile") != null && !c.userKnownHostsFiles().isEmpty()) {
      knownHosts = Path.of(c.userKnownHostsFiles().get(0));
      src.put("known_hosts", "ssh_config " + c.source("userknownhostsfile"));
    } else {
      src.put("known_hosts", "default (~/.ssh/known_hosts)");
    }
    String jump = h.jump();
    if (jump != null) {
      src.put("jump", given.getOrDefault("jump", "inventory"));
    } else if (c.proxyJump() != null) {
      jump = c.proxyJump();
      src.put("jump", "ssh_config " + c.source("proxyjump"));
    }
    putIf(src, "identity_agent", c.source("identityagent"));
    putIf(src, "identities_only", c.source("identitiesonly"));
    putIf(src, "host_key_alias", c.source("hostkeyalias"));
    putIf(src, "strict_host_key_checking", c.source("stricthostkeychecking"));
    putIf(src, "connect_timeout", c.source("connecttimeout"));
    String strict = c.strictHostKeyChecking().equals("ask") ? null : c.strictHostKeyChecking();
    SshSettings ssh =
        new SshSettings(
            more,
            certs,
            c.identityAgent(),
            c.identitiesOnly(),
            c.hostKeyAlias(),
            strict,
            c.connectTimeoutSeconds() == null
                ? null
                : Duration.ofSeconds(c.connectTimeoutSeconds()),
            src);
    return h.withConnection(c.hostname(), c.port(), c.user(), identity, knownHosts, jump, ssh);
  }

  /**
   * A host named on the command line: {@code host}, {@code user@host}, {@code host:port}, {@code
   * user@[v6addr]:port}.
   */
  public HostSpec quickTarget(String target, boolean sudo) throws InventoryException {
    Matcher m = TARGET.matcher(target.strip());
    if (!m.matches()) {
      throw new InventoryException(
          null, "target '" + target + "' is not [user@]host[:port] (e.g. admin@db-2:2222)");
    }
    String user = m.group(1);
    String host = m.group(2);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    Integer port = null;
    if (m.group(3) != null) {
      port = Integer.valueOf(m.group(3));
      if (port < 1 || port > 65535) {
        throw new InventoryException(null, "target '" + target + "': port must be 1-65535");
      }
    }
    Map<String, String> given = new LinkedHashMap<>();
    given.put("address", "command line");
    if (user != null) {
      given.put("user", "command line");
    }
    if (port != null) {
      given.put("port", "command line");
    }
    String name = m.group(3) == null ? m.group(2) : m.group(2) + ":" + m.group(3);
    HostSpec raw =
        new HostSpec(
            name,
            host,
            port == null ? 22 : port,
            user == null ? config.localUser() : user,
            null,
            null,
            null,
            sudo,
            null,
            List.of(),
            List.of(),
            Map.of(),
            new Location("command line", 1, 1),
            null,
            null,
            List.of(),
            false,
            List.of(),
            List.of(),
            SshSettings.NONE.withSources(given));
    return apply(raw);
  }

  /**
   * Finds what a host's {@code jump} names: an inventory host of that name, else a ProxyJump chain
   * ({@code a,user@b:2222}) resolved through ssh_config; the last hop is the bastion, reached
   * through the hops before it.
   */
  public Function<String, Optional<HostSpec>> jumpResolver(
      Function<String, Optional<HostSpec>> inventory) {
    return jump -> {
      Optional<HostSpec> known = inventory.apply(jump);
      if (known.isPresent()) {
        return known;
      }
      List<String> hops = List.of(jump.split(","));
      try {
        HostSpec last = quickTarget(hops.get(hops.size() - 1).strip(), false);
        String before =
            hops.size() > 1 ? String.join(",", hops.subList(0, hops.size() - 1)) : last.jump();
        return Optional.of(
            new HostSpec(
                jump,
                last.address(),
                last.port(),
                last.user(),
                last.identityFile(),
                null,
                last.knownHosts(),
                false,
                before,
                List.of(),
                List.of(),
                Map.of(),
                last.location(),
                null,
                null,
                List.of(),
                false,
                List.of(),
                List.of(),
                last.ssh()));
      } catch (InventoryException e) {
        return Optional.empty();
      }
    };
  }

  private String expand(String raw, SshHostConfig c, HostSpec h, String what)
      throws InventoryException {
    try {
      return config.expand(raw, c, what);
    } catch (SshConfigException e) {
      throw new InventoryException(null, "host " + h.name() + ": " + e.getMessage());
    }
  }

  private static String from(SshHostConfig c, String option, String fallback, String given) {
    if (given != null) {
      return given;
    }
    return from(c, option, fallback);
  }

  private static String from(SshHostConfig c, String option, String fallback) {
    String where = c.source(option);
    if (where == null) {
      return fallback;
    }
    return where.equals("command line or inventory") ? fallback : "ssh_config " + where;
  }

  private static void putIf(Map<String, String> m, String key, String where) {
    if (where != null) {
      m.put(key, "ssh_config " + where);
    }
  }
}
