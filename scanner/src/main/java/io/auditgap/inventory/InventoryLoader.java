package io.auditgap.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

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

  private static final int MAX_VALUES = 1_000_000;

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
  static final List<String> EXPOSURES = List.of("public", "internal", "none");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._$-]*");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._:%-]+");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern TAG = Pattern.compile("[^\\s,]+");
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Set<String> YAML11_BOOLEANS =
      Set.of("y", "yes", "n", "no", "on", "off", "true", "false");
  private static final List<String> SECRET_WORDS =
      List.of("password", "passwd", "passphrase", "secret", "token", "pwd", "apikey", "api_key");

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
    String label = file.toString();
    byte[] bytes;
    if (Files.isDirectory(file)) {
      throw new InventoryException(null, label + ": cannot read: Is a directory");
    }
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new InventoryException(null, label + ": cannot read: No such file or directory");
    } catch (AccessDeniedException e) {
      throw new InventoryException(null, label + ": cannot read: Permission denied");
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new InventoryException(null, label + ": cannot read: " + SafeYaml.oneLine(reason));
    }
    if (bytes.length > MAX_BYTES) {
      throw new InventoryException(
          new Location(label, 1, 1),
          "the inventory is larger than 4 MiB; split it into several files");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InventoryException(
          null, label + ": cannot read: not UTF-8 text; save the inventory as UTF-8");
    }
    Path base = file.toAbsolutePath().normalize().getParent();
    return parse(text, label, base);
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
    return new Run(fileLabel, baseDir.toAbsolutePath().normalize()).inventory(root);
  }

  // ---------------------------------------------------------------------------------------------

  /** A value read from the file, with the node it came from. A null value unsets the setting. */
  private record Val(Object value, Node node) {}

  /** The settings one source contributes: defaults, a group or a host. */
  private static final class Layer {
    final String where;
    final Map<String, Val> values = new LinkedHashMap<>();
    final List<Val> tags = new ArrayList<>();
    final Map<String, Val> params = new LinkedHashMap<>();

    Layer(String where) {
      this.where = where;
    }
  }

  private record Group(String name, Node keyNode, Layer layer, List<Val> parents) {}

  private record Host(String name, Node keyNode, Layer layer, List<Val> groups) {}

  /** One parse: the label for messages, the base directory for relative paths. */
  private final class Run {
    final String label;
    final Path base;
    final List<String> warnings = new ArrayList<>();
    int valuesLeft = MAX_VALUES;

    Run(String label, Path base) {
      this.label = label;
      this.base = base;
    }

    Inventory inventory(Node root) throws InventoryException {
      if (root == null || isNull(root)) {
        throw error(
            new Location(label, 1, 1),
            "the inventory is empty; add a hosts: section (see inventory.example.yaml)");
      }
      if (!(root instanceof MappingNode)) {
        throw error(
            root,
            "the inventory must be a mapping with defaults:, groups: and hosts: sections (got "
                + describe(root)
                + "); see inventory.example.yaml");
      }
      Map<String, NodeTuple> top = keys((MappingNode) root, TOP_KEYS, "at the top level");

      Layer defaults = new Layer("defaults");
      NodeTuple defaultsTuple = top.get("defaults");
      if (defaultsTuple != null) {
        settings(defaults, defaultsTuple.getValueNode(), COMMON_KEYS, "defaults");
      }

      Map<String, Group> groups = new LinkedHashMap<>();
      NodeTuple groupsTuple = top.get("groups");
      if (groupsTuple != null) {
        readGroups(groupsTuple.getValueNode(), groups);
      }
      checkGroupCycles(groups);

      NodeTuple hostsTuple = top.get("hosts");
      if (hostsTuple == null) {
        throw error(
            root,
            "no hosts: section; add hosts: with at least one host, e.g. web-1: {address: ...}");
      }
      Node hostsNode = hostsTuple.getValueNode();
      if (isNull(hostsNode)
          || (hostsNode instanceof MappingNode && ((MappingNode) hostsNode).getValue().isEmpty())) {
        throw error(
            hostsTuple.getKeyNode(),
            "hosts is empty; add at least one host, e.g. web-1: {address: 10.0.0.5}");
      }
      if (!(hostsNode instanceof MappingNode)) {
        throw error(
            hostsNode,
            "hosts must be a mapping of host names to settings (got "
                + describe(hostsNode)
                + "); write e.g. web-1: {address: 10.0.0.5}");
      }
      List<Host> hosts = new ArrayList<>();
      for (Map.Entry<String, NodeTuple> e : names((MappingNode) hostsNode, "host").entrySet()) {
        hosts.add(readHost(e.getKey(), e.getValue(), groups));
      }

      Map<String, HostSpec> specs = new LinkedHashMap<>();
      Map<String, Val> jumps = new HashMap<>();
      for (Host host : hosts) {
        specs.put(host.name(), resolve(host, defaults, groups, jumps));
      }
      checkJumps(specs, jumps);

      Branding branding = Branding.NONE;
      NodeTuple brandingTuple = top.get("branding");
      if (brandingTuple != null) {
        branding = branding(brandingTuple.getValueNode());
      }
      return new Inventory(label, List.copyOf(specs.values()), branding, warnings);
    }

    // --- sections ------------------------------------------------------------------------------

    void readGroups(Node node, Map<String, Group> groups) throws InventoryException {
      if (isNull(node)) {
        return;
      }
      if (!(node instanceof MappingNode)) {
        throw error(
            node,
            "groups must be a mapping of group names to settings (got "
                + describe(node)
                + "); write e.g. web: {sudo: true}");
      }
      for (Map.Entry<String, NodeTuple> e : names((MappingNode) node, "group").entrySet()) {
        String name = e.getKey();
        String where = "group '" + name + "'";
        Layer layer = new Layer(where);
        Node body = e.getValue().getValueNode();
        Map<String, NodeTuple> keys = settings(layer, body, GROUP_KEYS, where);
        List<Val> parents = new ArrayList<>();
        NodeTuple parent = keys.get("parent");
        NodeTuple parentList = keys.get("parents");
        if (parent != null && parentList != null) {
          NodeTuple later =
              line(parent.getKeyNode()) > line(parentList.getKeyNode()) ? parent : parentList;
          throw error(
              later.getKeyNode(),
              "group '" + name + "' sets both parent and parents; keep one (parents: [a, b])");
        }
        if (parent != null) {
          Node v = parent.getValueNode();
          if (v instanceof SequenceNode) {
            throw error(
                v, "parent takes one group name; use parents: [a, b] to name several groups");
          }
          parents.add(new Val(name(v, "parent", "a group name"), v));
        }
        if (parentList != null) {
          for (Node item : list(parentList.getValueNode(), "parents", "a list of group names")) {
            parents.add(new Val(name(item, "parents", "a group name"), item));
          }
        }
        groups.put(name, new Group(name, e.getValue().getKeyNode(), layer, parents));
      }
      for (Group g : groups.values()) {
        for (Val p : g.parents()) {
          requireGroup((String) p.value(), p.node(), groups);
        }
      }
    }

    void checkGroupCycles(Map<String, Group> groups) throws InventoryException {
      Set<String> done = new LinkedHashSet<>();
      for (String g : groups.keySet()) {
        visitGroup(g, groups, new ArrayList<>(), done);
      }
    }

    private void visitGroup(
        String g, Map<String, Group> groups, List<String> path, Set<String> done)
        throws InventoryException {
      if (done.contains(g)) {
        return;
      }
      path.add(g);
      for (Val p : groups.get(g).parents()) {
        String parent = (String) p.value();
        int at = path.indexOf(parent);
        if (at >= 0) {
          List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
          cycle.add(parent);
          throw error(
              p.node(),
              "group cycle: " + String.join(" -> ", cycle) + "; remove one of these parent links");
        }
        visitGroup(parent, groups, path, done);
      }
      path.remove(path.size() - 1);
      done.add(g);
    }

    Host readHost(String name, NodeTuple tuple, Map<String, Group> groups)
        throws InventoryException {
      String where = "host '" + name + "'";
      Layer layer = new Layer(where);
      Map<String, NodeTuple> keys = settings(layer, tuple.getValueNode(), HOST_KEYS, where);
      List<Val> memberOf = new ArrayList<>();
      NodeTuple g = keys.get("groups");
      if (g != null) {
        for (Node item : list(g.getValueNode(), "groups", "a list of group names, e.g. [web]")) {
          String group = name(item, "groups", "a group name");
          requireGroup(group, item, groups);
          memberOf.add(new Val(group, item));
        }
      }
      return new Host(name, tuple.getKeyNode(), layer, memberOf);
    }

    void requireGroup(String group, Node node, Map<String, Group> groups)
        throws InventoryException {
      if (!groups.containsKey(group)) {
        throw error(
            node,
            "unknown group '"
                + group
                + "'"
                + Names.suggest(group, groups.keySet())
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("; define it under groups:"));
      }
    }

    Branding branding(Node node) throws InventoryException {
      if (isNull(node)) {
        return Branding.NONE;
      }
      Map<String, NodeTuple> keys = keys(mapping(node, "branding"), BRANDING_KEYS, "in branding");
      String organisation = null;
      Path logo = null;
      NodeTuple org = keys.get("organisation");
      if (org != null && !isNull(org.getValueNode())) {
        organisation = text(org.getValueNode(), "organisation", "a name");
      }
      NodeTuple l = keys.get("logo");
      if (l != null && !isNull(l.getValueNode())) {
        logo = path(l.getValueNode(), "logo");
        if (!Files.isRegularFile(logo)) {
          warn(l.getValueNode(), "logo " + logo + " does not exist; reports will have no logo");
        }
      }
      return new Branding(organisation, logo);
    }

    // --- settings ------------------------------------------------------------------------------

    /** Reads the keys of a defaults/group/host body into the layer; returns all keys read. */
    Map<String, NodeTuple> settings(Layer layer, Node body, List<String> allowed, String where)
        throws InventoryException {
      if (isNull(body)) {
        return Map.of();
      }
      Map<String, NodeTuple> keys = keys(mapping(body, where), allowed, "in " + where);
      for (Map.Entry<String, NodeTuple> e : keys.entrySet()) {
        String key = e.getKey();
        Node v = e.getValue().getValueNode();
        switch (key) {
          case "parent", "parents", "groups", "waivers" -> {
            // structural keys, read by the caller (waivers by the review stage)
          }
          case "params" -> params(layer, v);
          case "tags" -> {
            for (Node item : list(v, "tags", "a list of labels, e.g. [prod]")) {
              String tag = text(item, "tags", "a label");
              if (!TAG.matcher(tag).matches()) {
                throw error(
                    item, "tags must not contain spaces or commas (got " + quote(tag) + ")");
              }
              layer.tags.add(new Val(tag, item));
            }
          }
          default -> layer.values.put(key, new Val(value(key, v), v));
        }
      }
      return keys;
    }

    /** Converts one scalar setting; null when the value is YAML null (which unsets it). */
    Object value(String key, Node v) throws InventoryException {
      if (isNull(v)) {
        switch (key) {
          case "identity_file",
              "identity_passphrase_env",
              "known_hosts",
              "jump",
              "public_address",
              "exposure",
              "probe_ports",
              "must_reach",
              "must_not_reach" -> {
            return null;
          }
          default -> throw error(v, key + " needs a value; write e.g. " + example(key));
        }
      }
      switch (key) {
        case "user" -> {
          String user = text(v, key, "a login name");
          if (!USER.matcher(user).matches()) {
            throw error(v, "user must be a login name (got " + quote(user) + ")");
          }
          return user;
        }
        case "identity_file", "known_hosts" -> {
          return path(v, key);
        }
        case "identity_passphrase_env" -> {
          String env = text(v, key, "an environment variable name");
          if (!ENV_NAME.matcher(env).matches()) {
            // never echo the value: it may be the passphrase itself
            throw error(
                v,
                "identity_passphrase_env must be the NAME of an environment variable (letters,"
                    + " digits, _), not the passphrase; e.g. identity_passphrase_env:"
                    + " AUDITGAP_KEY_PASSPHRASE");
          }
          return env;
        }
        case "sudo", "vantage" -> {
          return bool(v, key);
        }
        case "port" -> {
          return port(v, "port");
        }
        case "exposure" -> {
          String e = text(v, key, "one of " + String.join(", ", EXPOSURES));
          if (!EXPOSURES.contains(e)) {
            throw error(
                v,
                "exposure must be one of "
                    + String.join(", ", EXPOSURES)
                    + " (got "
                    + quote(e)
                    + ")"
                    + Names.suggest(e, EXPOSURES)
                        .map(s -> "; did you mean '" + s + "'?")
                        .orElse(""));
          }
          return e;
        }
        case "probe_ports" -> {
          List<Integer> ports = new ArrayList<>();
          for (Node item : list(v, key, "a list of TCP ports, e.g. [22, 443]")) {
            ports.add(port(item, "probe_ports"));
          }
          return List.copyOf(ports);
        }
        case "must_reach", "must_not_reach" -> {
          List<String> names = new ArrayList<>();
          for (Node item : list(v, key, "a list of vantage names, e.g. [local, edge-vm]")) {
            names.add(name(item, key, "a vantage: local or a host of this inventory"));
          }
          return List.copyOf(names);
        }
        case "address", "public_address" -> {
          String a = text(v, key, "a DNS name or IP address");
          if (a.contains("@")) {
            throw error(
                v,
                key
                    + " must be a DNS name or IP address (got "
                    + quote(a)
                    + "); put the login name in user:");
          }
          if (!ADDRESS.matcher(a).matches()) {
            throw error(v, key + " must be a DNS name or IP address (got " + quote(a) + ")");
          }
          return a;
        }
        case "jump" -> {
          return name(v, key, "the name of another host in this inventory");
        }
        default -> throw new IllegalStateException("unhandled key " + key);
      }
    }

    void params(Layer layer, Node v) throws InventoryException {
      if (isNull(v)) {
        return;
      }
      Map<String, NodeTuple> keys = keys(mapping(v, "params"), null, "in params");
      for (Map.Entry<String, NodeTuple> e : keys.entrySet()) {
        Node pv = e.getValue().getValueNode();
        Object converted = isNull(pv) ? null : param(pv, "params." + e.getKey());
        layer.params.put(e.getKey(), new Val(converted, pv));
      }
    }

    /** A check parameter: Boolean, Long, String, or a List / Map of those. */
    Object param(Node v, String path) throws InventoryException {
      if (--valuesLeft < 0) {
        throw error(
            v, "the inventory expands to more than " + MAX_VALUES + " values; remove aliases");
      }
      if (v instanceof SequenceNode) {
        List<Object> items = new ArrayList<>();
        for (Node item : ((SequenceNode) v).getValue()) {
          if (isNull(item)) {
            throw error(item, path + " has an empty list item; remove it or write a value");
          }
          items.add(param(item, path));
        }
        return Collections.unmodifiableList(items);
      }
      if (v instanceof MappingNode) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e :
            keys((MappingNode) v, null, "in " + path).entrySet()) {
          Node item = e.getValue().getValueNode();
          if (isNull(item)) {
            throw error(item, path + "." + e.getKey() + " needs a value");
          }
          map.put(e.getKey(), param(item, path + "." + e.getKey()));
        }
        return Collections.unmodifiableMap(map);
      }
      ScalarNode s = (ScalarNode) v;
      String raw = s.getValue();
      checkNotKeyMaterial(s);
      if (!s.isPlain()) {
        return raw;
      }
      if (raw.equals("true") || raw.equals("false")) {
        return Boolean.valueOf(raw);
      }
      if (Tag.BOOL.equals(s.getTag())) {
        throw error(
            v,
            path
                + ": "
                + quote(raw)
                + " is ambiguous (YAML 1.1 reads it as a boolean); write true or false, or"
                + " quote it as text");
      }
      if (Tag.INT.equals(s.getTag())) {
        if (DECIMAL.matcher(raw).matches()) {
          try {
            return Long.valueOf(raw);
          } catch (NumberFormatException e) {
            throw error(v, path + ": " + raw + " is too large; quote it as text");
          }
        }
        throw error(
            v,
            path
                + ": "
                + quote(raw)
                + " is read differently by YAML versions (octal, hex, _ or :); write a plain"
                + " decimal number, or quote it as text");
      }
      return raw;
    }

    // --- resolution ----------------------------------------------------------------------------

    HostSpec resolve(Host host, Layer defaults, Map<String, Group> groups, Map<String, Val> jumps)
        throws InventoryException {
      List<String> order = new ArrayList<>();
      for (Val g : host.groups()) {
        linearize((String) g.value(), groups, order);
      }
      List<Layer> layers = new ArrayList<>();
      layers.add(defaults);
      for (String g : order) {
        layers.add(groups.get(g).layer());
      }
      layers.add(host.layer());

      Map<String, Val> values = new HashMap<>();
      LinkedHashSet<String> tags = new LinkedHashSet<>();
      Map<String, Object> params = new LinkedHashMap<>();
      for (Layer layer : layers) {
        values.putAll(layer.values);
        for (Val t : layer.tags) {
          tags.add((String) t.value());
        }
        for (Map.Entry<String, Val> p : layer.params.entrySet()) {
          if (p.getValue().value() == null) {
            params.remove(p.getKey());
          } else {
            params.put(p.getKey(), p.getValue().value());
          }
        }
      }
      Val jump = values.get("jump");
      if (jump != null && jump.value() != null) {
        jumps.put(host.name(), jump);
      }
      Path identity = (Path) get(values, "identity_file", null);
      Path knownHosts = (Path) get(values, "known_hosts", null);
      if (identity != null && !Files.exists(identity)) {
        warn(
            values.get("identity_file").node(),
            "identity_file "
                + identity
                + " does not exist; hosts using it cannot log in until it does");
      }
      if (knownHosts != null && !Files.exists(knownHosts)) {
        warn(
            values.get("known_hosts").node(),
            "known_hosts "
                + knownHosts
                + " does not exist; host keys cannot be verified until it does");
      }
      @SuppressWarnings("unchecked")
      List<Integer> probePorts = (List<Integer>) get(values, "probe_ports", List.of());
      return hostSpec(host, values, order, tags, params, jump, identity, knownHosts, probePorts);
    }

    @SuppressWarnings("unchecked")
    private HostSpec hostSpec(
        Host host,
        Map<String, Val> values,
        List<String> order,
        Set<String> tags,
        Map<String, Object> params,
        Val jump,
        Path identity,
        Path knownHosts,
        List<Integer> probePorts) {
      return new HostSpec(
          host.name(),
          (String) get(values, "address", host.name()),
          (Integer) get(values, "port", 22),
          (String) get(values, "user", defaultUser),
          identity,
          (String) get(values, "identity_passphrase_env", null),
          knownHosts,
          (Boolean) get(values, "sudo", false),
          jump == null ? null : (String) jump.value(),
          order,
          List.copyOf(tags),
          params,
          location(host.keyNode()),
          (String) get(values, "exposure", null),
          (String) get(values, "public_address", null),
          probePorts,
          (Boolean) get(values, "vantage", false),
          (List<String>) get(values, "must_reach", List.of()),
          (List<String>) get(values, "must_not_reach", List.of()));
    }

    private void linearize(String g, Map<String, Group> groups, List<String> order) {
      if (order.contains(g)) {
        return;
      }
      for (Val p : groups.get(g).parents()) {
        linearize((String) p.value(), groups, order);
      }
      if (!order.contains(g)) {
        order.add(g);
      }
    }

    private Object get(Map<String, Val> values, String key, Object fallback) {
      Val v = values.get(key);
      return v == null || v.value() == null ? fallback : v.value();
    }

    void checkJumps(Map<String, HostSpec> specs, Map<String, Val> jumps) throws InventoryException {
      for (HostSpec h : specs.values()) {
        Val jump = jumps.get(h.name());
        if (jump != null && !specs.containsKey((String) jump.value())) {
          String target = (String) jump.value();
          throw error(
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
            throw error(
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

    // --- node helpers --------------------------------------------------------------------------

    /**
     * The keys of a mapping, checked: plain scalar keys, no merge keys, no duplicates, no secrets,
     * and (when {@code allowed} is not null) only allowed keys.
     */
    Map<String, NodeTuple> keys(MappingNode m, List<String> allowed, String where)
        throws InventoryException {
      Map<String, NodeTuple> keys = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = key(t, where);
        NodeTuple first = keys.get(key);
        if (first != null) {
          throw error(
              t.getKeyNode(),
              "duplicate key '"
                  + key
                  + "' "
                  + where
                  + " (first defined at line "
                  + line(first.getKeyNode())
                  + ", column "
                  + column(first.getKeyNode())
                  + "); remove one of them");
        }
        if (isSecretKey(key)) {
          throw error(
              t.getKeyNode(),
              "key '"
                  + key
                  + "': secrets are not allowed in the inventory; put the passphrase in an"
                  + " environment variable and name it with identity_passphrase_env");
        }
        if (allowed != null && !allowed.contains(key)) {
          throw error(t.getKeyNode(), unknownKey(key, allowed, where));
        }
        keys.put(key, t);
      }
      return keys;
    }

    /** Host or group names: valid, unique. */
    Map<String, NodeTuple> names(MappingNode m, String kind) throws InventoryException {
      Map<String, NodeTuple> names = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String name = key(t, "in " + kind + "s");
        NodeTuple first = names.get(name);
        if (first != null) {
          throw error(
              t.getKeyNode(),
              "duplicate "
                  + kind
                  + " '"
                  + name
                  + "' (first defined at line "
                  + line(first.getKeyNode())
                  + ", column "
                  + column(first.getKeyNode())
                  + "); "
                  + kind
                  + " names must be unique");
        }
        if (!NAME.matcher(name).matches()) {
          throw error(
              t.getKeyNode(),
              kind
                  + " name "
                  + quote(name)
                  + " may contain only letters, digits, '.', '_' and '-', and must start with a"
                  + " letter or digit");
        }
        names.put(name, t);
      }
      return names;
    }

    private String key(NodeTuple t, String where) throws InventoryException {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode) || isNull(k)) {
        throw error(k, "keys must be plain names " + where + " (got " + describe(k) + ")");
      }
      if (Tag.MERGE.equals(k.getTag())) {
        throw error(k, "YAML merge keys (<<) are not supported; share settings with groups:");
      }
      return ((ScalarNode) k).getValue();
    }

    private String unknownKey(String key, List<String> allowed, String where) {
      String what =
          where.equals("at the top level")
              ? "unknown top-level key '" + key + "'"
              : "unknown key '" + key + "' " + where;
      Optional<String> suggestion = Names.suggest(key, allowed);
      if (suggestion.isPresent()) {
        return what + "; did you mean '" + suggestion.get() + "'?";
      }
      if (HOST_KEYS.contains(key) || GROUP_KEYS.contains(key) || TOP_KEYS.contains(key)) {
        return what + "; '" + key + "' belongs " + home(key) + ", not here";
      }
      return what + "; valid keys are " + String.join(", ", allowed);
    }

    private String home(String key) {
      if (TOP_KEYS.contains(key)) {
        return "at the top level";
      }
      if (HOST_KEYS.contains(key) && GROUP_KEYS.contains(key)) {
        return "in a host or a group";
      }
      return HOST_KEYS.contains(key) ? "in a host" : "in a group";
    }

    MappingNode mapping(Node n, String what) throws InventoryException {
      if (!(n instanceof MappingNode)) {
        throw error(
            n, what + " must be a mapping of key: value settings (got " + describe(n) + ")");
      }
      return (MappingNode) n;
    }

    List<Node> list(Node n, String key, String expected) throws InventoryException {
      if (isNull(n)) {
        return List.of();
      }
      if (!(n instanceof SequenceNode)) {
        throw error(n, key + " must be " + expected + " (got " + describe(n) + ")");
      }
      List<Node> items = ((SequenceNode) n).getValue();
      valuesLeft -= items.size();
      if (valuesLeft < 0) {
        throw error(
            n, "the inventory expands to more than " + MAX_VALUES + " values; remove aliases");
      }
      return items;
    }

    /** A non-empty text scalar. */
    String text(Node n, String key, String expected) throws InventoryException {
      if (!(n instanceof ScalarNode) || isNull(n)) {
        throw error(n, key + " must be " + expected + " (got " + describe(n) + ")");
      }
      checkNotKeyMaterial((ScalarNode) n);
      String s = ((ScalarNode) n).getValue();
      if (s.isBlank()) {
        throw error(n, key + " must not be empty; write " + expected);
      }
      return s;
    }

    String name(Node n, String key, String expected) throws InventoryException {
      String s = text(n, key, expected);
      if (!NAME.matcher(s).matches()) {
        throw error(n, key + " must be " + expected + " (got " + quote(s) + ")");
      }
      return s;
    }

    int port(Node n, String key) throws InventoryException {
      String shown =
          n instanceof ScalarNode && !isNull(n) ? quote(((ScalarNode) n).getValue()) : describe(n);
      if (n instanceof ScalarNode && DIGITS.matcher(((ScalarNode) n).getValue()).matches()) {
        String raw = ((ScalarNode) n).getValue();
        if (raw.length() <= 5 && !(raw.length() > 1 && raw.startsWith("0"))) {
          int p = Integer.parseInt(raw);
          if (p >= 1 && p <= 65535) {
            return p;
          }
        }
      }
      throw error(n, key + " must be an integer 1-65535 (got " + shown + ")");
    }

    boolean bool(Node n, String key) throws InventoryException {
      if (n instanceof ScalarNode) {
        ScalarNode s = (ScalarNode) n;
        String raw = s.getValue();
        if (s.isPlain() && raw.equals("true")) {
          return true;
        }
        if (s.isPlain() && raw.equals("false")) {
          return false;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (YAML11_BOOLEANS.contains(lower)) {
          boolean meant = Set.of("y", "yes", "on", "true").contains(lower);
          String why =
              s.isPlain()
                  ? "YAML 1.1 reads " + raw + " as a boolean, auditgap accepts only true and false"
                  : "it is quoted text";
          throw error(
              n,
              key
                  + " must be true or false (got "
                  + quote(raw)
                  + "; "
                  + why
                  + "); write "
                  + key
                  + ": "
                  + meant);
        }
      }
      String shown =
          n instanceof ScalarNode && !isNull(n) ? quote(((ScalarNode) n).getValue()) : describe(n);
      throw error(n, key + " must be true or false (got " + shown + ")");
    }

    Path path(Node n, String key) throws InventoryException {
      String raw = text(n, key, "a file path");
      Path p;
      try {
        if (raw.equals("~")) {
          p = home;
        } else if (raw.startsWith("~/")) {
          p = home.resolve(raw.substring(2));
        } else if (raw.startsWith("~")) {
          throw error(
              n,
              key
                  + ": ~user paths are not supported (got "
                  + quote(raw)
                  + "); write the full path");
        } else {
          p = base.resolve(raw);
        }
      } catch (InvalidPathException e) {
        throw error(n, key + " is not a valid path (got " + quote(raw) + ")");
      }
      return p.toAbsolutePath().normalize();
    }

    private void checkNotKeyMaterial(ScalarNode s) throws InventoryException {
      String v = s.getValue();
      if (v.contains("-----BEGIN") && v.contains("PRIVATE KEY")) {
        throw error(
            s,
            "secrets are not allowed in the inventory (this looks like a private key); point"
                + " identity_file at the key file instead");
      }
    }

    // --- messages ------------------------------------------------------------------------------

    private void warn(Node node, String message) {
      String line = location(node) + ": " + message;
      if (!warnings.contains(line)) {
        warnings.add(line);
      }
    }

    Location location(Node n) {
      return SafeYaml.location(label, n.getStartMark());
    }

    InventoryException error(Node n, String message) {
      return new InventoryException(location(n), message);
    }

    InventoryException error(Location l, String message) {
      return new InventoryException(l, message);
    }
  }

  /**
   * A key names a secret when it ends with a secret noun ({@code password}, {@code sudo_password},
   * {@code apiToken}); keys that merely start with one ({@code password_max_days}, a password
   * policy parameter) and keys ending in {@code _env} (which name a variable) are fine.
   */
  static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith("_env")) {
      return false;
    }
    for (String word : SECRET_WORDS) {
      if (k.endsWith(word)) {
        return true;
      }
    }
    return k.contains("private_key") || k.contains("privatekey");
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
  }

  private static int line(Node n) {
    return n.getStartMark().getLine() + 1;
  }

  private static int column(Node n) {
    return n.getStartMark().getColumn() + 1;
  }

  private static String describe(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(n)) {
      return "nothing";
    }
    return quote(((ScalarNode) n).getValue());
  }

  private static String quote(String s) {
    String one = SafeYaml.oneLine(s);
    if (one.length() > 60) {
      one = one.substring(0, 57) + "...";
    }
    return "\"" + one.replace("\"", "\\\"") + "\"";
  }

  private static String example(String key) {
    switch (key) {
      case "user":
        return "user: auditor";
      case "port":
        return "port: 22";
      case "sudo":
        return "sudo: false";
      case "vantage":
        return "vantage: false";
      case "address":
        return "address: 10.0.0.5";
      default:
        return key + ": ...";
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
