package io.auditgap.inventory.ansible;

import io.auditgap.inventory.InventoryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Ansible's YAML inventory ({@code ansible.plugins.inventory.yaml}): top-level groups, each with
 * {@code hosts} (a mapping of host patterns to their variables), {@code children} (groups,
 * recursively) and {@code vars}; and the JSON of {@code ansible-inventory --list} / inventory
 * scripts ({@code _meta.hostvars}, groups with {@code hosts} lists). Scalars are typed as YAML 1.1
 * types them (PyYAML): {@code yes} is true, {@code 22} a number.
 */
final class AnsibleYamlParser {
  private AnsibleYamlParser() {}

  static void parseYaml(Node root, String label, AnsibleInventory inv) throws InventoryException {
    if (root == null) {
      return;
    }
    MappingNode top = mapping(root, label, "an Ansible YAML inventory (groups at the top level)");
    for (NodeTuple t : top.getValue()) {
      group(scalar(t.getKeyNode(), label), t.getValueNode(), label, inv);
    }
  }

  private static void group(String name, Node node, String label, AnsibleInventory inv)
      throws InventoryException {
    inv.group(name);
    if (isNull(node)) {
      return;
    }
    MappingNode m = mapping(node, label, "group " + name + " with hosts, children or vars");
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode(), label);
      Node v = t.getValueNode();
      if (isNull(v)) {
        continue;
      }
      switch (key) {
        case "hosts" -> {
          for (NodeTuple h : mapping(v, label, "hosts of group " + name).getValue()) {
            String where = where(label, h.getKeyNode());
            Map<String, AnsibleVar> vars =
                isNull(h.getValueNode()) ? Map.of() : vars(h.getValueNode(), label);
            for (HostPort hp : HostPort.expand(scalar(h.getKeyNode(), label), where)) {
              Map<String, AnsibleVar> hv = new LinkedHashMap<>(vars);
              if (hp.port() != null) {
                hv.put("ansible_port", new AnsibleVar(Long.valueOf(hp.port()), where));
              }
              inv.addHost(name, hp.host(), hv, where);
            }
          }
        }
        case "children" -> {
          for (NodeTuple c : mapping(v, label, "children of group " + name).getValue()) {
            String child = scalar(c.getKeyNode(), label);
            inv.addChild(name, child);
            group(child, c.getValueNode(), label, inv);
          }
        }
        case "vars" -> inv.group(name).vars.putAll(vars(v, label));
        default ->
            throw new InventoryException(
                null,
                where(label, t.getKeyNode())
                    + ": group "
                    + name
                    + " has '"
                    + key
                    + "'; an Ansible YAML group has only hosts, children and vars");
      }
    }
  }

  /** {@code ansible-inventory --list} JSON, or an inventory script's output. */
  static void parseJson(Node root, String label, AnsibleInventory inv) throws InventoryException {
    MappingNode top = mapping(root, label, "ansible-inventory --list JSON (an object)");
    Map<String, Map<String, AnsibleVar>> hostvars = new LinkedHashMap<>();
    for (NodeTuple t : top.getValue()) {
      if (scalar(t.getKeyNode(), label).equals("_meta") && !isNull(t.getValueNode())) {
        for (NodeTuple m : mapping(t.getValueNode(), label, "_meta").getValue()) {
          if (scalar(m.getKeyNode(), label).equals("hostvars")) {
            for (NodeTuple h : mapping(m.getValueNode(), label, "hostvars").getValue()) {
              hostvars.put(scalar(h.getKeyNode(), label), vars(h.getValueNode(), label));
            }
          }
        }
      }
    }
    for (NodeTuple t : top.getValue()) {
      String name = scalar(t.getKeyNode(), label);
      if (name.equals("_meta")) {
        continue;
      }
      inv.group(name);
      Node v = t.getValueNode();
      if (isNull(v)) {
        continue;
      }
      if (v instanceof SequenceNode s) { // script form: group: [host, ...]
        for (Node h : s.getValue()) {
          addJsonHost(name, scalar(h, label), where(label, h), hostvars, inv);
        }
        continue;
      }
      for (NodeTuple f : mapping(v, label, "group " + name).getValue()) {
        String key = scalar(f.getKeyNode(), label);
        Node fv = f.getValueNode();
        if (isNull(fv)) {
          continue;
        }
        switch (key) {
          case "hosts" -> {
            for (Node h : sequence(fv, label, "hosts of " + name)) {
              addJsonHost(name, scalar(h, label), where(label, h), hostvars, inv);
            }
          }
          case "children" -> {
            for (Node c : sequence(fv, label, "children of " + name)) {
              inv.addChild(name, scalar(c, label));
            }
          }
          case "vars" -> inv.group(name).vars.putAll(vars(fv, label));
          default -> {
            // other keys are not part of the format; ignore them like Ansible does
          }
        }
      }
    }
    for (Map.Entry<String, Map<String, AnsibleVar>> e : hostvars.entrySet()) {
      if (!inv.hosts.containsKey(e.getKey())) {
        inv.addHost("ungrouped", e.getKey(), e.getValue(), label);
      }
    }
  }

  private static void addJsonHost(
      String group,
      String host,
      String where,
      Map<String, Map<String, AnsibleVar>> hostvars,
      AnsibleInventory inv) {
    inv.addHost(group, host, hostvars.getOrDefault(host, Map.of()), where);
  }

  /** Variables of a mapping node, typed, each with the line of its key. */
  static Map<String, AnsibleVar> vars(Node node, String label) throws InventoryException {
    Map<String, AnsibleVar> out = new LinkedHashMap<>();
    if (isNull(node)) {
      return out;
    }
    for (NodeTuple t : mapping(node, label, "variables (key: value)").getValue()) {
      out.put(
          scalar(t.getKeyNode(), label),
          new AnsibleVar(value(t.getValueNode()), where(label, t.getKeyNode())));
    }
    return out;
  }

  static Object value(Node n) {
    if (n instanceof ScalarNode s) {
      Tag tag = s.getTag();
      String v = s.getValue();
      try {
        if (tag.equals(Tag.NULL)) {
          return null;
        }
        if (tag.equals(Tag.BOOL)) {
          return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true", "on", "y" -> Boolean.TRUE;
            default -> Boolean.FALSE;
          };
        }
        if (tag.equals(Tag.INT)) {
          return Long.valueOf(v.replace("_", ""));
        }
        if (tag.equals(Tag.FLOAT)) {
          return Double.valueOf(v.replace("_", ""));
        }
      } catch (NumberFormatException e) {
        return v;
      }
      return v;
    }
    if (n instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      for (Node i : s.getValue()) {
        out.add(value(i));
      }
      return out;
    }
    if (n instanceof MappingNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        out.put(
            t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode()),
            value(t.getValueNode()));
      }
      return out;
    }
    return null;
  }

  static MappingNode mapping(Node n, String label, String what) throws InventoryException {
    if (n instanceof MappingNode m) {
      return m;
    }
    throw new InventoryException(null, where(label, n) + ": expected " + what);
  }

  private static List<Node> sequence(Node n, String label, String what) throws InventoryException {
    if (n instanceof SequenceNode s) {
      return s.getValue();
    }
    throw new InventoryException(null, where(label, n) + ": expected a list of " + what);
  }

  static String scalar(Node n, String label) throws InventoryException {
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    throw new InventoryException(null, where(label, n) + ": expected a name");
  }

  static boolean isNull(Node n) {
    return n == null || (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
  }

  static String where(String label, Node n) {
    return label + ":" + (n == null ? 1 : n.getStartMark().getLine() + 1);
  }
}
