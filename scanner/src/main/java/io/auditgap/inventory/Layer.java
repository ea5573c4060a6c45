package io.auditgap.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** The settings one source contributes: defaults, a group or a host. */
final class Layer {
  /** A value read from the file, with the node it came from. A null value unsets the setting. */
  record Val(Object value, Node node) {}

  final String where;
  final Map<String, Val> values = new LinkedHashMap<>();
  final List<Val> tags = new ArrayList<>();
  final Map<String, Val> params = new LinkedHashMap<>();

  Layer(String where) {
    this.where = where;
  }
}
