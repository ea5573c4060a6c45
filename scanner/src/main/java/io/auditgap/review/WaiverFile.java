package io.auditgap.review;

import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads waivers: a waivers file ({@code waivers:} list at the top) or the {@code waivers:} lists of
 * an inventory (at the top level, under a group, under a host). A waiver under a group or host
 * covers that group or host and must not name {@code hosts}. Every waiver needs {@code check},
 * {@code justification} and {@code expires}; anything missing or malformed is refused with {@code
 * file:line:column}.
 */
public final class WaiverFile {
  static final List<String> KEYS =
      List.of("check", "hosts", "justification", "owner", "ticket", "expires");
  static final int MAX_BYTES = 4 * 1024 * 1024;

  private final String label;

  private WaiverFile(String label) {
    this.label = label;
  }

  /** A waivers file: {@code waivers: [...]} and nothing else at the top level. */
  public static List<Waiver> load(Path file) throws WaiverException {
    WaiverFile f = new WaiverFile(file.toString());
    Node root = f.compose(read(file));
    if (root == null) {
      return List.of();
    }
    Map<String, NodeTuple> top = f.keys(f.mapping(root, "the waivers file"), List.of("waivers"));
    NodeTuple w = top.get("waivers");
    return w == null ? List.of() : f.list(w.getValueNode(), null);
  }

  /** The waivers written in an inventory (the inventory itself is read by its own loader). */
  public static List<Waiver> fromInventory(Path file) throws WaiverException {
    WaiverFile f = new WaiverFile(file.toString());
    Node root = f.compose(read(file));
    if (!(root instanceof MappingNode top)) {
      return List.of();
    }
    List<Waiver> out = new ArrayList<>();
    for (NodeTuple t : top.getValue()) {
      String key = f.scalar(t.getKeyNode());
      Node v = t.getValueNode();
      if ("waivers".equals(key)) {
        out.addAll(f.list(v, null));
      } else if (("groups".equals(key) || "hosts".equals(key)) && v instanceof MappingNode m) {
        for (NodeTuple entry : m.getValue()) {
          String owner = f.scalar(entry.getKeyNode());
          if (entry.getValueNode() instanceof MappingNode body) {
            for (NodeTuple s : body.getValue()) {
              if ("waivers".equals(f.scalar(s.getKeyNode()))) {
                out.addAll(f.list(s.getValueNode(), owner));
              }
            }
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static String read(Path file) throws WaiverException {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new WaiverException(file + ": larger than 4 MiB; this is not a waivers file");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WaiverException(file + ": cannot read: " + e.getMessage());
    }
  }

  private Node compose(String text) throws WaiverException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(32);
    options.setCodePointLimit(MAX_BYTES);
    try {
      return new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new WaiverException(
          where(m)
              + ": YAML syntax error: "
              + String.valueOf(e.getProblem()).replaceAll("\\s+", " ").strip()
              + "; check the indentation and quoting here");
    } catch (YAMLException e) {
      throw new WaiverException(
          label + ":1:1: YAML error: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
    }
  }

  /** The waivers of one {@code waivers:} list; {@code owner} is the host or group it is under. */
  private List<Waiver> list(Node n, String owner) throws WaiverException {
    if (n instanceof ScalarNode s && s.getValue().isEmpty()) {
      return List.of();
    }
    if (!(n instanceof SequenceNode seq)) {
      throw error(n, "waivers must be a list of waivers (- check: ...)");
    }
    List<Waiver> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      out.add(waiver(item, owner));
    }
    return out;
  }

  private Waiver waiver(Node n, String owner) throws WaiverException {
    Map<String, NodeTuple> k = keys(mapping(n, "a waiver"), KEYS);
    String check = required(n, k, "check", "the check id or glob it accepts, e.g. audit.execve");
    String justification =
        required(n, k, "justification", "why the risk is accepted (it is shown in every report)");
    String expiresText =
        required(n, k, "expires", "the last day it applies, e.g. expires: 2027-03-31");
    LocalDate expires;
    try {
      expires = LocalDate.parse(expiresText);
    } catch (DateTimeParseException e) {
      throw error(
          k.get("expires").getValueNode(),
          "expires must be a date written YYYY-MM-DD (got '" + expiresText + "')");
    }
    List<String> hosts = new ArrayList<>();
    NodeTuple h = k.get("hosts");
    if (owner != null) {
      if (h != null) {
        throw error(
            h.getKeyNode(),
            "a waiver under '"
                + owner
                + "' covers it already; remove hosts, or move the waiver to the top level");
      }
      hosts.add(owner);
    } else if (h == null) {
      throw error(
          n,
          "waiver for '"
              + check
              + "' has no hosts; add hosts: [name, glob or group] (hosts: ['*'] for all)");
    } else if (h.getValueNode() instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        hosts.add(text(item, "hosts"));
      }
    } else {
      hosts.add(text(h.getValueNode(), "hosts"));
    }
    if (hosts.isEmpty() || hosts.stream().anyMatch(String::isBlank)) {
      throw error(h == null ? n : h.getValueNode(), "hosts must name at least one host");
    }
    Mark m = n.getStartMark();
    return new Waiver(
        check,
        hosts,
        justification,
        optional(k, "owner"),
        optional(k, "ticket"),
        expires,
        where(m));
  }

  private String required(Node waiver, Map<String, NodeTuple> k, String key, String what)
      throws WaiverException {
    NodeTuple t = k.get(key);
    String v = t == null ? "" : text(t.getValueNode(), key);
    if (v.isBlank()) {
      String check = k.containsKey("check") ? scalar(k.get("check").getValueNode()) : null;
      throw error(
          t == null ? waiver : t.getValueNode(),
          (check == null || check.isBlank() ? "waiver" : "waiver for '" + check + "'")
              + " has no "
              + key
              + "; add "
              + key
              + ": "
              + what);
    }
    return v.strip();
  }

  private String optional(Map<String, NodeTuple> k, String key) throws WaiverException {
    NodeTuple t = k.get(key);
    return t == null ? "" : text(t.getValueNode(), key).strip();
  }

  private MappingNode mapping(Node n, String what) throws WaiverException {
    if (!(n instanceof MappingNode m)) {
      throw error(n, what + " must be a mapping of key: value");
    }
    return m;
  }

  private Map<String, NodeTuple> keys(MappingNode m, List<String> allowed) throws WaiverException {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode());
      if (key == null || !allowed.contains(key)) {
        throw error(
            t.getKeyNode(),
            "unknown key '"
                + (key == null ? "?" : TerminalText.line(key, TerminalText.NAME_MAX))
                + "'; valid keys are "
                + String.join(", ", allowed));
      }
      out.put(key, t);
    }
    return out;
  }

  private String text(Node n, String key) throws WaiverException {
    String s = scalar(n);
    if (s == null) {
      throw error(n, key + " must be a single value, not a list or mapping");
    }
    return s;
  }

  private String scalar(Node n) {
    return n instanceof ScalarNode s ? s.getValue() : null;
  }

  private WaiverException error(Node n, String message) {
    return new WaiverException(where(n.getStartMark()) + ": " + message);
  }

  private String where(Mark m) {
    return m == null ? label + ":1:1" : label + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
  }
}
