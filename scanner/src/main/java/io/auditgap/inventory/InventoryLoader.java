package io.auditgap.inventory;

import io.auditgap.inventory.Layer.Val;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads an inventory file (format: {@code docs/inventory.md}) into an {@link Inventory}.
 *
 * <p>The YAML is composed into a node tree (never into Java objects chosen by the document) and
 * walked by hand: every scalar is read from its raw text and converted explicitly, so YAML 1.1
 * implicit typing ({@code yes} as a boolean, {@code 017} as octal) never applies, and every error
 * names the exact {@code file:line:column} of the offending node.
 */
public final class InventoryLoader {
  /** Largest inventory file accepted. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  static final List<String> TOP_KEYS =
      List.of("defaults", "groups", "hosts", "branding", "waivers");
  static final List<String> COMMON_KEYS =
      List.of(
          "user",
          "identity_file",
          "identity_passphrase_env",
          "known_hosts",
          "sudo",
          "port",
          "params",
          "tags",
          "exposure",
          "probe_ports",
          "vantage",
          "must_reach",
          "must_not_reach");
  // waivers: read by io.auditgap.review.WaiverFile, not by this loader
  static final List<String> GROUP_KEYS =
      concat(List.of("parent", "parents", "jump", "waivers"), COMMON_KEYS);
  static final List<String> HOST_KEYS =
      concat(List.of("address", "groups", "jump", "public_address", "waivers"), COMMON_KEYS);
  static final List<String> BRANDING_KEYS = List.of("organisation", "logo");

  private final String defaultUser;
  private final Path home;

  /**
   * A loader that defaults {@code user} to {@code user.name} and expands {@code ~} to user.home.
   */
  public InventoryLoader() {
    this(System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
  }

  /**
   * @param defaultUser login user for hosts that set none
   * @param home directory that {@code ~} expands to
   */
  public InventoryLoader(String defaultUser, Path home) {
    this.defaultUser = Objects.requireNonNull(defaultUser, "defaultUser");
    this.home = Objects.requireNonNull(home, "home");
  }

  /**
   * Loads an inventory file. Relative paths inside it are resolved against the file's directory.
   *
   * @throws InventoryException with a one-line {@code file:line:column: problem; remedy} message
   */
  public Inventory load(Path file) throws InventoryException {
    String text = InventoryFile.read(file);
    return parse(text, file.toString(), file.toAbsolutePath().normalize().getParent());
  }

  /**
   * Parses inventory text; relative paths are resolved against the directory of {@code fileLabel}
   * (the working directory when it has none).
   */
  public Inventory parse(String yamlText, String fileLabel) throws InventoryException {
    Path base;
    try {
      base = Path.of(fileLabel).toAbsolutePath().normalize().getParent();
    } catch (InvalidPathException e) {
      base = null;
    }
    return parse(yamlText, fileLabel, base == null ? Path.of("").toAbsolutePath() : base);
  }

  /** Parses inventory text; relative paths are resolved against {@code baseDir}. */
  public Inventory parse(String yamlText, String fileLabel, Path baseDir)
      throws InventoryException {
    String text = yamlText.startsWith("\uFEFF") ? yamlText.substring(1) : yamlText;
    Node root = SafeYaml.compose(text, fileLabel);
    InventoryNodes nodes =
        new InventoryNodes(fileLabel, baseDir.toAbsolutePath().normalize(), home);
    SettingConverter converter = new SettingConverter(nodes, defaultUser);
    return inventory(root, nodes, converter, new GroupInheritance(nodes, converter));
  }

  private Inventory inventory(
      Node root, InventoryNodes nodes, SettingConverter converter, GroupInheritance inheritance)
      throws InventoryException {
    String label = nodes.label;
    if (root == null || InventoryNodes.isNull(root)) {
      throw nodes.error(
          new Location(label, 1, 1),
          "the inventory is empty; add a hosts: section (see inventory.example.yaml)");
    }
    if (!(root instanceof MappingNode)) {
      throw nodes.error(
          root,
          "the inventory must be a mapping with defaults:, groups: and hosts: sections (got "
              + InventoryNodes.describe(root)
              + "); see inventory.example.yaml");
    }
    Map<String, NodeTuple> top = nodes.keys((MappingNode) root, TOP_KEYS, "at the top level");

    Layer defaults = new Layer("defaults");
    NodeTuple defaultsTuple = top.get("defaults");
    if (defaultsTuple != null) {
      converter.settings(defaults, defaultsTuple.getValueNode(), COMMON_KEYS, "defaults");
    }

    Map<String, GroupInheritance.Group> groups = new LinkedHashMap<>();
    NodeTuple groupsTuple = top.get("groups");
    if (groupsTuple != null) {
      inheritance.readGroups(groupsTuple.getValueNode(), groups);
    }
    inheritance.checkGroupCycles(groups);

    NodeTuple hostsTuple = top.get("hosts");
    if (hostsTuple == null) {
      throw nodes.error(
          root, "no hosts: section; add hosts: with at least one host, e.g. web-1: {address: ...}");
    }
    Node hostsNode = hostsTuple.getValueNode();
    if (InventoryNodes.isNull(hostsNode)
        || (hostsNode instanceof MappingNode && ((MappingNode) hostsNode).getValue().isEmpty())) {
      throw nodes.error(
          hostsTuple.getKeyNode(),
          "hosts is empty; add at least one host, e.g. web-1: {address: 10.0.0.5}");
    }
    if (!(hostsNode instanceof MappingNode)) {
      throw nodes.error(
          hostsNode,
          "hosts must be a mapping of host names to settings (got "
              + InventoryNodes.describe(hostsNode)
              + "); write e.g. web-1: {address: 10.0.0.5}");
    }
    List<GroupInheritance.Host> hosts = new ArrayList<>();
    for (Map.Entry<String, NodeTuple> e : nodes.names((MappingNode) hostsNode, "host").entrySet()) {
      hosts.add(inheritance.readHost(e.getKey(), e.getValue(), groups));
    }

    Map<String, HostSpec> specs = new LinkedHashMap<>();
    Map<String, Val> jumps = new HashMap<>();
    for (GroupInheritance.Host host : hosts) {
      specs.put(host.name(), inheritance.resolve(host, defaults, groups, jumps));
    }
    checkJumps(nodes, specs, jumps);

    Branding branding = Branding.NONE;
    NodeTuple brandingTuple = top.get("branding");
    if (brandingTuple != null) {
      branding = converter.branding(brandingTuple.getValueNode());
    }
    return new Inventory(label, List.copyOf(specs.values()), branding, nodes.warnings);
  }

  private static void checkJumps(
      InventoryNodes nodes, Map<String, HostSpec> specs, Map<String, Val> jumps)
      throws InventoryException {
    for (HostSpec h : specs.values()) {
      Val jump = jumps.get(h.name());
      if (jump != null && !specs.containsKey((String) jump.value())) {
        String target = (String) jump.value();
        throw nodes.error(
            jump.node(),
            "jump host '"
                + target
                + "' (for host '"
                + h.name()
                + "') is not in the inventory"
                + Names.suggest(target, specs.keySet())
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("; add it under hosts:"));
      }
    }
    for (HostSpec h : specs.values()) {
      List<String> path = new ArrayList<>();
      String current = h.name();
      while (current != null) {
        int at = path.indexOf(current);
        if (at >= 0) {
          List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
          cycle.add(current);
          String last = path.get(path.size() - 1);
          throw nodes.error(
              jumps.get(last).node(),
              "jump cycle: "
                  + String.join(" -> ", cycle)
                  + "; a jump host cannot reach itself (write jump: null on a bastion that"
                  + " inherits a jump)");
        }
        path.add(current);
        current = specs.get(current).jump();
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
