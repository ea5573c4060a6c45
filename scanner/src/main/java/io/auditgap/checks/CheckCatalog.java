package io.auditgap.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
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
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The check catalog: every {@code checks/*.yaml} file (bundled, listed in {@code
 * checks/index.yaml}, or a directory given by the user), validated against the matcher registry.
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
    String index = resource("checks/index.yaml");
    List<CheckDefinition> all = new ArrayList<>();
    for (Object f :
        asList(load(index, "checks/index.yaml").get("files"), "checks/index.yaml: files")) {
      String name = f.toString();
      all.addAll(parse(resource("checks/" + name), name, registry));
    }
    return validated(all);
  }

  /**
   * The bundled catalog's version ({@code version:} in {@code checks/index.yaml}), or {@code
   * unknown}.
   */
  public static String bundledVersion() {
    try {
      Object v = load(resource("checks/index.yaml"), "checks/index.yaml").get("version");
      return v == null ? "unknown" : v.toString();
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
    Map<String, Object> root = load(yaml, file);
    String family = file.replaceAll(".*/", "").replaceAll("\\.yaml$", "");
    List<CheckDefinition> out = new ArrayList<>();
    for (Object o : asList(root.get("checks"), file + ": checks")) {
      if (!(o instanceof Map<?, ?> m)) {
        throw new CatalogException(file + ": every entry under checks must be a mapping");
      }
      String id = str(m, "id", file, "?");
      String where = file + ": " + id;
      if (!ID.matcher(id).matches()) {
        throw new CatalogException(
            where + ": id must be dotted lower-case words, e.g. audit.execve");
      }
      for (Object k : m.keySet()) {
        if (!CHECK_KEYS.contains(k.toString())) {
          throw new CatalogException(
              where + ": unknown key '" + k + "' (allowed: " + new TreeSet<>(CHECK_KEYS) + ")");
        }
      }
      Severity sev = Severity.parse(str(m, "severity", file, id));
      if (sev == null) {
        throw new CatalogException(
            where + ": severity must be one of info, low, medium, high, critical");
      }
      String matcher = str(m, "matcher", file, id);
      if (registry.find(matcher).isEmpty()) {
        throw new CatalogException(
            where + ": no matcher named '" + matcher + "' (known: " + registry.names() + ")");
      }
      List<String> profiles = strings(m.get("profiles"), where + ": profiles");
      for (String p : profiles) {
        if (!PROFILES.contains(p)) {
          throw new CatalogException(
              where + ": unknown profile '" + p + "' (known: " + PROFILES + ")");
        }
      }
      Map<String, List<String>> refs = new LinkedHashMap<>();
      Object r = m.get("references");
      if (r instanceof Map<?, ?> rm) {
        for (Map.Entry<?, ?> e : rm.entrySet()) {
          refs.put(
              e.getKey().toString(), strings(e.getValue(), where + ": references." + e.getKey()));
        }
      } else if (r != null) {
        throw new CatalogException(
            where + ": references must map a framework to a list of controls");
      }
      Map<String, Object> params = new LinkedHashMap<>();
      if (m.get("params") instanceof Map<?, ?> pm) {
        pm.forEach((k, v) -> params.put(k.toString(), v));
      }
      out.add(
          new CheckDefinition(
              id,
              family,
              str(m, "title", file, id),
              sev,
              matcher,
              params,
              str(m, "rationale", file, id).strip(),
              str(m, "remediation", file, id).strip(),
              refs,
              profiles,
              where));
    }
    return out;
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

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml, String file) throws CatalogException {
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(false);
    opts.setMaxAliasesForCollections(10);
    try (Reader r = new StringReader(yaml)) {
      Object o = new Yaml(new SafeConstructor(opts)).load(r);
      if (!(o instanceof Map)) {
        throw new CatalogException(file + ": expected a mapping at the top level");
      }
      return (Map<String, Object>) o;
    } catch (MarkedYAMLException e) {
      throw new CatalogException(
          file
              + ":"
              + (e.getProblemMark().getLine() + 1)
              + ":"
              + (e.getProblemMark().getColumn() + 1)
              + ": "
              + e.getProblem());
    } catch (YAMLException | IOException e) {
      throw new CatalogException(file + ": " + e.getMessage().replace('\n', ' '));
    }
  }

  private static String str(Map<?, ?> m, String key, String file, String id)
      throws CatalogException {
    Object v = m.get(key);
    if (v == null || v.toString().isBlank()) {
      throw new CatalogException(file + ": " + id + ": missing required key '" + key + "'");
    }
    return v.toString();
  }

  private static List<?> asList(Object o, String where) throws CatalogException {
    if (o instanceof List<?> l) {
      return l;
    }
    throw new CatalogException(where + " must be a list");
  }

  private static List<String> strings(Object o, String where) throws CatalogException {
    if (o == null) {
      return List.of();
    }
    return asList(o, where).stream().map(Object::toString).toList();
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
