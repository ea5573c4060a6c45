package io.auditgap.inventory.ansible;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's inventory model as the files declare it: groups with their direct hosts, child groups
 * and variables, and hosts with their own variables, in the order they first appear. Every host
 * belongs to {@code all}.
 */
final class AnsibleInventory {
  static final class Group {
    final String name;
    final Set<String> hosts = new LinkedHashSet<>();
    final Set<String> children = new LinkedHashSet<>();
    final Map<String, AnsibleVar> vars = new LinkedHashMap<>();
    final Map<String, AnsibleVar> fileVars = new LinkedHashMap<>();

    Group(String name) {
      this.name = name;
    }
  }

  final Map<String, Group> groups = new LinkedHashMap<>();
  final Map<String, Map<String, AnsibleVar>> hosts = new LinkedHashMap<>();
  final Map<String, Map<String, AnsibleVar>> hostFileVars = new LinkedHashMap<>();
  final Map<String, String> declaredAt = new LinkedHashMap<>();

  AnsibleInventory() {
    group("all");
    group("ungrouped");
    groups.get("all").children.add("ungrouped");
  }

  Group group(String name) {
    Group g = groups.computeIfAbsent(name, Group::new);
    if (!name.equals("all") && !groups.get("all").children.contains(name)) {
      // top-level groups hang under all; a later child link keeps this harmless
      groups.get("all").children.add(name);
    }
    return g;
  }

  void addHost(String group, String host, Map<String, AnsibleVar> vars, String where) {
    hosts.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(vars);
    declaredAt.putIfAbsent(host, where);
    group(group).hosts.add(host);
  }

  void addChild(String parent, String child) {
    group(parent).children.add(child);
    group(child);
  }
}
