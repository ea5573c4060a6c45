package io.auditgap.inventory;

import static io.auditgap.inventory.InventoryLoader.BRANDING_KEYS;

import io.auditgap.inventory.Layer.Val;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Conversion of the inventory's settings: each scalar read from its raw text into the typed value a
 * {@link HostSpec} holds (no YAML 1.1 implicit typing: {@code yes} is not a boolean, {@code 017} is
 * not octal), check parameters into Boolean, Long, String, List or Map, and the resolved layers of
 * one host into its {@link HostSpec}.
 */
final class SettingConverter {
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._$-]*");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._:%-]+");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern TAG = Pattern.compile("[^\\s,]+");
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");
  static final List<String> EXPOSURES = List.of("public", "internal", "none");

  private final InventoryNodes nodes;
  private final String defaultUser;

  SettingConverter(InventoryNodes nodes, String defaultUser) {
    this.nodes = nodes;
    this.defaultUser = defaultUser;
  }

  /** Reads the keys of a defaults/group/host body into the layer; returns all keys read. */
  Map<String, NodeTuple> settings(Layer layer, Node body, List<String> allowed, String where)
      throws InventoryException {
    if (InventoryNodes.isNull(body)) {
      return Map.of();
    }
    Map<String, NodeTuple> keys = nodes.keys(nodes.mapping(body, where), allowed, "in " + where);
    for (Map.Entry<String, NodeTuple> e : keys.entrySet()) {
      String key = e.getKey();
      Node v = e.getValue().getValueNode();
      switch (key) {
        case "parent", "parents", "groups", "waivers" -> {
          // structural keys, read by the caller
        }
        case "params" -> params(layer, v);
        case "tags" -> {
          for (Node item : nodes.list(v, "tags", "a list of labels, e.g. [prod]")) {
            String tag = nodes.text(item, "tags", "a label");
            if (!TAG.matcher(tag).matches()) {
              throw nodes.error(
                  item,
                  "tags must not contain spaces or commas (got " + InventoryNodes.quote(tag) + ")");
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
    if (InventoryNodes.isNull(v)) {
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
        default -> throw nodes.error(v, key + " needs a value; write e.g. " + example(key));
      }
    }
    switch (key) {
      case "user" -> {
        String user = nodes.text(v, key, "a login name");
        if (!USER.matcher(user).matches()) {
          throw nodes.error(
              v, "user must be a login name (got " + InventoryNodes.quote(user) + ")");
        }
        return user;
      }
      case "identity_file", "known_hosts" -> {
        return nodes.path(v, key);
      }
      case "identity_passphrase_env" -> {
        String env = nodes.text(v, key, "an environment variable name");
        if (!ENV_NAME.matcher(env).matches()) {
          // never echo the value: it may be the passphrase itself
          throw nodes.error(
              v,
              "identity_passphrase_env must be the NAME of an environment variable (letters,"
                  + " digits, _), not the passphrase; e.g. identity_passphrase_env:"
                  + " AUDITGAP_KEY_PASSPHRASE");
        }
        return env;
      }
      case "sudo", "vantage" -> {
        return nodes.bool(v, key);
      }
      case "port" -> {
        return nodes.port(v, "port");
      }
      case "exposure" -> {
        String e = nodes.text(v, key, "one of " + String.join(", ", EXPOSURES));
        if (!EXPOSURES.contains(e)) {
          throw nodes.error(
              v,
              "exposure must be one of "
                  + String.join(", ", EXPOSURES)
                  + " (got "
                  + InventoryNodes.quote(e)
                  + ")"
                  + Names.suggest(e, EXPOSURES).map(s -> "; did you mean '" + s + "'?").orElse(""));
        }
        return e;
      }
      case "probe_ports" -> {
        List<Integer> ports = new ArrayList<>();
        for (Node item : nodes.list(v, key, "a list of TCP ports, e.g. [22, 443]")) {
          ports.add(nodes.port(item, "probe_ports"));
        }
        return List.copyOf(ports);
      }
      case "must_reach", "must_not_reach" -> {
        List<String> names = new ArrayList<>();
        for (Node item : nodes.list(v, key, "a list of vantage names, e.g. [local, edge-vm]")) {
          names.add(nodes.name(item, key, "a vantage: local or a host of this inventory"));
        }
        return List.copyOf(names);
      }
      case "address", "public_address" -> {
        String a = nodes.text(v, key, "a DNS name or IP address");
        if (a.contains("@")) {
          throw nodes.error(
              v,
              key
                  + " must be a DNS name or IP address (got "
                  + InventoryNodes.quote(a)
                  + "); put the login name in user:");
        }
        if (!ADDRESS.matcher(a).matches()) {
          throw nodes.error(
              v, key + " must be a DNS name or IP address (got " + InventoryNodes.quote(a) + ")");
        }
        return a;
      }
      case "jump" -> {
        return nodes.name(v, key, "the name of another host in this inventory");
      }
      default -> throw new IllegalStateException("unhandled key " + key);
    }
  }

  void params(Layer layer, Node v) throws InventoryException {
    if (InventoryNodes.isNull(v)) {
      return;
    }
    Map<String, NodeTuple> keys = nodes.keys(nodes.mapping(v, "params"), null, "in params");
    for (Map.Entry<String, NodeTuple> e : keys.entrySet()) {
      Node pv = e.getValue().getValueNode();
      Object converted = InventoryNodes.isNull(pv) ? null : param(pv, "params." + e.getKey());
      layer.params.put(e.getKey(), new Val(converted, pv));
    }
  }

  /** A check parameter: Boolean, Long, String, or a List / Map of those. */
  Object param(Node v, String path) throws InventoryException {
    if (--nodes.valuesLeft < 0) {
      throw nodes.error(
          v,
          "the inventory expands to more than "
              + InventoryNodes.MAX_VALUES
              + " values; remove aliases");
    }
    if (v instanceof SequenceNode) {
      List<Object> items = new ArrayList<>();
      for (Node item : ((SequenceNode) v).getValue()) {
        if (InventoryNodes.isNull(item)) {
          throw nodes.error(item, path + " has an empty list item; remove it or write a value");
        }
        items.add(param(item, path));
      }
      return Collections.unmodifiableList(items);
    }
    if (v instanceof MappingNode) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, NodeTuple> e :
          nodes.keys((MappingNode) v, null, "in " + path).entrySet()) {
        Node item = e.getValue().getValueNode();
        if (InventoryNodes.isNull(item)) {
          throw nodes.error(item, path + "." + e.getKey() + " needs a value");
        }
        map.put(e.getKey(), param(item, path + "." + e.getKey()));
      }
      return Collections.unmodifiableMap(map);
    }
    ScalarNode s = (ScalarNode) v;
    String raw = s.getValue();
    nodes.checkNotKeyMaterial(s);
    if (!s.isPlain()) {
      return raw;
    }
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.valueOf(raw);
    }
    if (Tag.BOOL.equals(s.getTag())) {
      throw nodes.error(
          v,
          path
              + ": "
              + InventoryNodes.quote(raw)
              + " is ambiguous (YAML 1.1 reads it as a boolean); write true or false, or"
              + " quote it as text");
    }
    if (Tag.INT.equals(s.getTag())) {
      if (DECIMAL.matcher(raw).matches()) {
        try {
          return Long.valueOf(raw);
        } catch (NumberFormatException e) {
          throw nodes.error(v, path + ": " + raw + " is too large; quote it as text");
        }
      }
      throw nodes.error(
          v,
          path
              + ": "
              + InventoryNodes.quote(raw)
              + " is read differently by YAML versions (octal, hex, _ or :); write a plain"
              + " decimal number, or quote it as text");
    }
    return raw;
  }

  Branding branding(Node node) throws InventoryException {
    if (InventoryNodes.isNull(node)) {
      return Branding.NONE;
    }
    Map<String, NodeTuple> keys =
        nodes.keys(nodes.mapping(node, "branding"), BRANDING_KEYS, "in branding");
    String organisation = null;
    Path logo = null;
    NodeTuple org = keys.get("organisation");
    if (org != null && !InventoryNodes.isNull(org.getValueNode())) {
      organisation = nodes.text(org.getValueNode(), "organisation", "a name");
    }
    NodeTuple l = keys.get("logo");
    if (l != null && !InventoryNodes.isNull(l.getValueNode())) {
      logo = nodes.path(l.getValueNode(), "logo");
      if (!Files.isRegularFile(logo)) {
        nodes.warn(l.getValueNode(), "logo " + logo + " does not exist; reports will have no logo");
      }
    }
    return new Branding(organisation, logo);
  }

  @SuppressWarnings("unchecked")
  HostSpec hostSpec(
      GroupInheritance.Host host,
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
        nodes.location(host.keyNode()),
        (String) get(values, "exposure", null),
        (String) get(values, "public_address", null),
        probePorts,
        (Boolean) get(values, "vantage", false),
        (List<String>) get(values, "must_reach", List.of()),
        (List<String>) get(values, "must_not_reach", List.of()),
        SshSettings.NONE.withSources(sources(values)));
  }

  /** Where each connection value was set, so ssh_config fills only what the file leaves open. */
  private Map<String, String> sources(Map<String, Val> values) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String key :
        List.of("address", "port", "user", "identity_file", "known_hosts", "jump", "sudo")) {
      Val v = values.get(key);
      if (v != null && v.value() != null && v.node() != null) {
        Location at = nodes.location(v.node());
        out.put(key, at.file() + ":" + at.line());
      }
    }
    return out;
  }

  Object get(Map<String, Val> values, String key, Object fallback) {
    Val v = values.get(key);
    return v == null || v.value() == null ? fallback : v.value();
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
}
