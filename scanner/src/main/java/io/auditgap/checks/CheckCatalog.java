package io.auditgap.checks;

import io.auditgap.inventory.Names;
import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The check catalog: every {@code checks/*.yaml} file (bundled, listed in {@code
 * checks/index.yaml}, or a directory given by the user), validated against the matcher registry.
 *
 * <p>The YAML is composed into nodes and read by hand without implicit typing ({@code on} stays the
 * text {@code on}); every check's {@code params:} are checked against the parameters its matcher
 * declares ({@link Matcher#parameters()}): an unknown key, a wrong type, a value not allowed or a
 * per-profile value where none is allowed is refused with {@code file:line:column}.
 */
public final class CheckCatalog {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");
  private static final Set<String> CHECK_KEYS =
      Set.of(
          "id",
          "title",
          "severity",
          "matcher",
          "params",
          "rationale",
          "remediation",
          "references",
          "profiles");
  public static final List<String> PROFILES = List.of("baseline", "cis", "stig", "pci");

  private final List<CheckDefinition> checks;

  private CheckCatalog(List<CheckDefinition> checks) {
    this.checks = List.copyOf(checks);
  }

  public List<CheckDefinition> checks() {
    return checks;
  }

  public Optional<CheckDefinition> check(String id) {
    return checks.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The checks a profile selects, in catalog order. */
  public List<CheckDefinition> forProfile(String profile) {
    return checks.stream().filter(c -> c.profiles().contains(profile)).toList();
  }

  /** Loads the catalog bundled in the jar. */
  public static CheckCatalog bundled(MatcherRegistry registry) throws CatalogException {
    String label = "checks/index.yaml";
    MappingNode index = root(resource(label), label);
    List<CheckDefinition> all = new ArrayList<>();
    for (Node f : list(value(index, "files", label), "files", label)) {
      String name = text(f, "files", label);
      all.addAll(parse(resource("checks/" + name), "checks/" + name, registry));
    }
    return validated(all);
  }

  /**
   * The bundled catalog's version ({@code version:} in {@code checks/index.yaml}), or {@code
   * unknown}.
   */
  public static String bundledVersion() {
    try {
      String label = "checks/index.yaml";
      return text(value(root(resource(label), label), "version", label), "version", label);
    } catch (CatalogException e) {
      return "unknown";
    }
  }

  /** Loads every {@code *.yaml} in {@code dir} except {@code index.yaml}. */
  public static CheckCatalog fromDirectory(Path dir, MatcherRegistry registry)
      throws CatalogException {
    List<CheckDefinition> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String n = p.getFileName().toString();
        if (n.endsWith(".yaml") && !n.equals("index.yaml")) {
          all.addAll(parse(Files.readString(p, StandardCharsets.UTF_8), p.toString(), registry));
        }
      }
    } catch (IOException e) {
      throw new CatalogException(dir + ": cannot read check catalog: " + e.getMessage());
    }
    return validated(all);
  }

  static List<CheckDefinition> parse(String yaml, String file, MatcherRegistry registry)
      throws CatalogException {
    MappingNode root = root(yaml, file);
    String family = file.replaceAll(".*/", "").replaceAll("\\.yaml$", "");
    List<CheckDefinition> out = new ArrayList<>();
    for (Node o : list(value(root, "checks", file), "checks", file)) {
      if (!(o instanceof MappingNode m)) {
        throw error(file, o, "every entry under checks must be a mapping");
      }
      Map<String, NodeTuple> keys = keys(m, file);
      String id = required(keys, "id", file, m, "?");
      String where = id;
      if (!ID.matcher(id).matches()) {
        throw error(
            file,
            keys.get("id").getValueNode(),
            where + ": id must be dotted lower-case words, e.g. audit.execve");
      }
      for (NodeTuple t : keys.values()) {
        String k = ((ScalarNode) t.getKeyNode()).getValue();
        if (!CHECK_KEYS.contains(k)) {
          throw error(
              file,
              t.getKeyNode(),
              where
                  + ": unknown key '"
                  + TerminalText.line(k, TerminalText.NAME_MAX)
                  + "'"
                  + Names.suggest(k, CHECK_KEYS).map(s -> "; did you mean '" + s + "'?").orElse("")
                  + " (allowed: "
                  + new TreeSet<>(CHECK_KEYS)
                  + ")");
        }
      }
      String sevText = required(keys, "severity", file, m, id);
      Severity sev = Severity.parse(sevText);
      if (sev == null) {
        throw error(
            file,
            keys.get("severity").getValueNode(),
            where + ": severity must be one of info, low, medium, high, critical");
      }
      String matcherName = required(keys, "matcher", file, m, id);
      Optional<Matcher> matcher = registry.find(matcherName);
      if (matcher.isEmpty()) {
        throw error(
            file,
            keys.get("matcher").getValueNode(),
            where + ": no matcher named '" + matcherName + "' (known: " + registry.names() + ")");
      }
      List<String> profiles = new ArrayList<>();
      if (keys.containsKey("profiles")) {
        for (Node p : list(keys.get("profiles").getValueNode(), "profiles", file)) {
          String profile = text(p, "profiles", file);
          if (!PROFILES.contains(profile)) {
            throw error(
                file, p, where + ": unknown profile '" + profile + "' (known: " + PROFILES + ")");
          }
          profiles.add(profile);
        }
      }
      Map<String, List<String>> refs = new LinkedHashMap<>();
      if (keys.containsKey("references")) {
        Node r = keys.get("references").getValueNode();
        if (!(r instanceof MappingNode rm)) {
          throw error(file, r, where + ": references must map a framework to a list of controls");
        }
        for (NodeTuple t : rm.getValue()) {
          String fw = text(t.getKeyNode(), "references", file);
          List<String> controls = new ArrayList<>();
          for (Node c : list(t.getValueNode(), "references." + fw, file)) {
            controls.add(text(c, "references." + fw, file));
          }
          refs.put(fw, controls);
        }
      }
      Map<String, Object> params = new LinkedHashMap<>();
      if (keys.containsKey("params")) {
        params = params(keys.get("params").getValueNode(), matcher.get(), file, where);
      }
      out.add(
          new CheckDefinition(
              id,
              family,
              required(keys, "title", file, m, id),
              sev,
              matcherName,
              params,
              required(keys, "rationale", file, m, id).strip(),
              required(keys, "remediation", file, m, id).strip(),
              refs,
              profiles,
              file + ": " + id));
    }
    return out;
  }

  /** A check's params, each read by its matcher's declaration; per-profile maps kept as maps. */
  private static Map<String, Object> params(Node node, Matcher matcher, String file, String id)
      throws CatalogException {
    Map<String, Object> out = new LinkedHashMap<>();
    if (isNull(node)) {
      return out;
    }
    if (!(node instanceof MappingNode pm)) {
      throw error(file, node, id + ": params must be a mapping of parameter names to values");
    }
    Map<String, ParamSpec> declared = new LinkedHashMap<>();
    matcher.parameters().forEach(p -> declared.put(p.name(), p));
    for (NodeTuple t : keys(pm, file).values()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      ParamSpec spec = declared.get(key);
      if (spec == null) {
        throw error(
            file,
            t.getKeyNode(),
            id
                + ": unknown parameter '"
                + key
                + "' for matcher "
                + matcher.name()
                + Names.suggest(key, declared.keySet())
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("")
                + " (declared: "
                + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet()))
                + ")");
      }
      Node v = t.getValueNode();
      if (v instanceof MappingNode vm && spec.type() != ParamType.MAPPING_LIST) {
        if (!spec.perProfile()) {
          throw error(file, v, id + ": " + key + " takes one value for every profile");
        }
        Map<String, Object> byProfile = new LinkedHashMap<>();
        for (NodeTuple pt : keys(vm, file).values()) {
          String profile = ((ScalarNode) pt.getKeyNode()).getValue();
          if (!PROFILES.contains(profile)) {
            throw error(
                file,
                pt.getKeyNode(),
                id + ": " + key + ": unknown profile '" + profile + "' (known: " + PROFILES + ")");
          }
          byProfile.put(profile, read(spec, pt.getValueNode(), file, id));
        }
        out.put(key, byProfile);
      } else {
        out.put(key, read(spec, v, file, id));
      }
    }
    return out;
  }

  private static Object read(ParamSpec spec, Node v, String file, String id)
      throws CatalogException {
    try {
      return spec.read(plain(v, file));
    } catch (IllegalArgumentException e) {
      throw error(file, v, id + ": " + e.getMessage());
    }
  }

  /** A node as text, lists and maps of text: no implicit typing. */
  private static Object plain(Node n, String file) throws CatalogException {
    if (isNull(n)) {
      return null;
    }
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    if (n instanceof SequenceNode s) {
      List<Object> l = new ArrayList<>();
      for (Node item : s.getValue()) {
        l.add(plain(item, file));
      }
      return l;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (NodeTuple t : keys((MappingNode) n, file).values()) {
      m.put(((ScalarNode) t.getKeyNode()).getValue(), plain(t.getValueNode(), file));
    }
    return m;
  }

  private static CheckCatalog validated(List<CheckDefinition> all) throws CatalogException {
    Map<String, CheckDefinition> seen = new LinkedHashMap<>();
    for (CheckDefinition c : all) {
      CheckDefinition prev = seen.putIfAbsent(c.id(), c);
      if (prev != null) {
        throw new CatalogException(
            c.source() + ": duplicate check id, first defined in " + prev.source());
      }
    }
    return new CheckCatalog(all);
  }

  private static MappingNode root(String yaml, String file) throws CatalogException {
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(false);
    opts.setMaxAliasesForCollections(10);
    opts.setMergeOnCompose(false);
    try {
      Node n = new Yaml(new SafeConstructor(opts)).compose(new StringReader(yaml));
      if (!(n instanceof MappingNode m)) {
        throw new CatalogException(file + ": expected a mapping at the top level");
      }
      keys(m, file);
      return m;
    } catch (MarkedYAMLException e) {
      throw new CatalogException(
          file
              + ":"
              + (e.getProblemMark().getLine() + 1)
              + ":"
              + (e.getProblemMark().getColumn() + 1)
              + ": "
              + e.getProblem());
    } catch (YAMLException e) {
      throw new CatalogException(file + ": " + e.getMessage().replace('\n', ' '));
    }
  }

  /** The keys of a mapping, plain scalars, each once. */
  private static Map<String, NodeTuple> keys(MappingNode m, String file) throws CatalogException {
    Map<String, NodeTuple> keys = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k) || Tag.MERGE.equals(k.getTag())) {
        throw error(file, t.getKeyNode(), "keys must be plain names");
      }
      if (keys.put(k.getValue(), t) != null) {
        throw error(file, k, "duplicate key '" + k.getValue() + "'");
      }
    }
    return keys;
  }

  private static Node value(MappingNode m, String key, String file) throws CatalogException {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    throw error(file, m, key + " is missing");
  }

  private static String required(
      Map<String, NodeTuple> keys, String key, String file, Node entry, String id)
      throws CatalogException {
    NodeTuple t = keys.get(key);
    if (t == null
        || !(t.getValueNode() instanceof ScalarNode s)
        || isNull(s)
        || s.getValue().isBlank()) {
      throw error(
          file, t == null ? entry : t.getValueNode(), id + ": missing required key '" + key + "'");
    }
    return s.getValue();
  }

  private static List<Node> list(Node n, String what, String file) throws CatalogException {
    if (n instanceof SequenceNode s) {
      return s.getValue();
    }
    throw error(file, n, what + " must be a list");
  }

  private static String text(Node n, String what, String file) throws CatalogException {
    if (n instanceof ScalarNode s && !isNull(s)) {
      return s.getValue();
    }
    throw error(file, n, what + ": expected a single value");
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
  }

  private static CatalogException error(String file, Node n, String message) {
    Mark m = n.getStartMark();
    return new CatalogException(
        file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + message);
  }

  private static String resource(String name) throws CatalogException {
    try (InputStream in = CheckCatalog.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new CatalogException(name + ": missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CatalogException(name + ": " + e.getMessage());
    }
  }
}
