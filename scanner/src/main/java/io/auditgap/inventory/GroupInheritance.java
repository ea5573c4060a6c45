package io.auditgap.inventory;

import static io.auditgap.inventory.InventoryLoader.GROUP_KEYS;
import static io.auditgap.inventory.InventoryLoader.HOST_KEYS;

import io.auditgap.inventory.Layer.Val;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Group inheritance: reads groups and their parents, rejects unknown groups and cycles, and lays a
 * host's settings over its groups' (parents first, in the order listed) over the defaults.
 */
final class GroupInheritance {
  record Group(String name, Node keyNode, Layer layer, List<Val> parents) {}

  record Host(String name, Node keyNode, Layer layer, List<Val> groups) {}

  private final InventoryNodes nodes;
  private final SettingConverter converter;

  GroupInheritance(InventoryNodes nodes, SettingConverter converter) {
    this.nodes = nodes;
    this.converter = converter;
  }

  void readGroups(Node node, Map<String, Group> groups) throws InventoryException {
    if (InventoryNodes.isNull(node)) {
      return;
    }
    if (!(node instanceof MappingNode)) {
      throw nodes.error(
          node,
          "groups must be a mapping of group names to settings (got "
              + InventoryNodes.describe(node)
              + "); write e.g. web: {sudo: true}");
    }
    for (Map.Entry<String, NodeTuple> e : nodes.names((MappingNode) node, "group").entrySet()) {
      String name = e.getKey();
      String where = "group '" + name + "'";
      Layer layer = new Layer(where);
      Node body = e.getValue().getValueNode();
      Map<String, NodeTuple> keys = converter.settings(layer, body, GROUP_KEYS, where);
      List<Val> parents = new ArrayList<>();
      NodeTuple parent = keys.get("parent");
      NodeTuple parentList = keys.get("parents");
      if (parent != null && parentList != null) {
        NodeTuple later =
            InventoryNodes.line(parent.getKeyNode()) > InventoryNodes.line(parentList.getKeyNode())
                ? parent
                : parentList;
        throw nodes.error(
            later.getKeyNode(),
            "group '" + name + "' sets both parent and parents; keep one (parents: [a, b])");
      }
      if (parent != null) {
        Node v = parent.getValueNode();
        if (v instanceof SequenceNode) {
          throw nodes.error(
              v, "parent takes one group name; use parents: [a, b] to name several groups");
        }
        parents.add(new Val(nodes.name(v, "parent", "a group name"), v));
      }
      if (parentList != null) {
        for (Node item :
            nodes.list(parentList.getValueNode(), "parents", "a list of group names")) {
          parents.add(new Val(nodes.name(item, "parents", "a group name"), item));
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

  private void visitGroup(String g, Map<String, Group> groups, List<String> path, Set<String> done)
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
        throw nodes.error(
            p.node(),
            "group cycle: " + String.join(" -> ", cycle) + "; remove one of these parent links");
      }
      visitGroup(parent, groups, path, done);
    }
    path.remove(path.size() - 1);
    done.add(g);
  }

  Host readHost(String name, NodeTuple tuple, Map<String, Group> groups) throws InventoryException {
    String where = "host '" + name + "'";
    Layer layer = new Layer(where);
    Map<String, NodeTuple> keys = converter.settings(layer, tuple.getValueNode(), HOST_KEYS, where);
    List<Val> memberOf = new ArrayList<>();
    NodeTuple g = keys.get("groups");
    if (g != null) {
      for (Node item :
          nodes.list(g.getValueNode(), "groups", "a list of group names, e.g. [web]")) {
        String group = nodes.name(item, "groups", "a group name");
        requireGroup(group, item, groups);
        memberOf.add(new Val(group, item));
      }
    }
    return new Host(name, tuple.getKeyNode(), layer, memberOf);
  }

  void requireGroup(String group, Node node, Map<String, Group> groups) throws InventoryException {
    if (!groups.containsKey(group)) {
      throw nodes.error(
          node,
          "unknown group '"
              + group
              + "'"
              + Names.suggest(group, groups.keySet())
                  .map(s -> "; did you mean '" + s + "'?")
                  .orElse("; define it under groups:"));
    }
  }

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
    Path identity = (Path) converter.get(values, "identity_file", null);
    Path knownHosts = (Path) converter.get(values, "known_hosts", null);
    if (identity != null && !Files.exists(identity)) {
      nodes.warn(
          values.get("identity_file").node(),
          "identity_file "
              + identity
              + " does not exist; hosts using it cannot log in until it does");
    }
    if (knownHosts != null && !Files.exists(knownHosts)) {
      nodes.warn(
          values.get("known_hosts").node(),
          "known_hosts "
              + knownHosts
              + " does not exist; host keys cannot be verified until it does");
    }
    @SuppressWarnings("unchecked")
    List<Integer> probePorts = (List<Integer>) converter.get(values, "probe_ports", List.of());
    return converter.hostSpec(
        host, values, order, tags, params, jump, identity, knownHosts, probePorts);
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
}
