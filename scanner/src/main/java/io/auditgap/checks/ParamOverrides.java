package io.auditgap.checks;

import io.auditgap.inventory.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parameters set from outside the catalog ({@code --param}, the scan's options, inventory {@code
 * params:}), checked against what the selected checks' matchers declare: only a declared,
 * user-settable parameter may be set, and its value is read by its declared type.
 */
public final class ParamOverrides {
  /** Not a parameter: the scan's profile, which every check receives. */
  public static final String PROFILE = "profile";

  private ParamOverrides() {}

  /**
   * The overrides, typed.
   *
   * @param origin completes messages, e.g. {@code --param} or {@code inventory.yaml:3:5: host 'a':
   *     params}
   * @throws IllegalArgumentException with a one-line message naming {@code origin}, the key and
   *     what may be set instead
   */
  public static Map<String, Object> validate(
      Map<String, ?> raw, List<CheckDefinition> checks, MatcherRegistry registry, String origin) {
    Map<String, ParamSpec> settable = new TreeMap<>();
    Map<String, Set<String>> fixed = new TreeMap<>();
    for (CheckDefinition c : checks) {
      for (ParamSpec p : registry.find(c.matcher()).map(Matcher::parameters).orElse(List.of())) {
        if (p.userSettable()) {
          settable.putIfAbsent(p.name(), p);
        } else {
          fixed.computeIfAbsent(p.name(), k -> new TreeSet<>()).add(c.id());
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : raw.entrySet()) {
      String key = e.getKey();
      if (key.equals(PROFILE)) {
        out.put(key, e.getValue());
        continue;
      }
      ParamSpec spec = settable.get(key);
      if (spec == null) {
        String what = origin + ": ";
        if (fixed.containsKey(key)) {
          throw new IllegalArgumentException(
              what
                  + "'"
                  + key
                  + "' is defined by the check catalog for "
                  + few(fixed.get(key))
                  + " and cannot be overridden (copy the catalog and use --checks-dir to change"
                  + " it); settable: "
                  + String.join(", ", settable.keySet()));
        }
        throw new IllegalArgumentException(
            what
                + "unknown check parameter '"
                + key
                + "'"
                + Names.suggest(key, all(settable.keySet(), fixed.keySet()))
                    .map(
                        s ->
                            "; did you mean '"
                                + s
                                + "'?"
                                + (fixed.containsKey(s)
                                    ? " (defined by the check catalog, not settable)"
                                    : ""))
                    .orElse("")
                + " (settable: "
                + (settable.isEmpty() ? "none" : String.join(", ", settable.keySet()))
                + ")");
      }
      try {
        out.put(key, spec.read(e.getValue()));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(origin + ": " + bad.getMessage());
      }
    }
    return out;
  }

  private static Set<String> all(Set<String> a, Set<String> b) {
    Set<String> s = new TreeSet<>(a);
    s.addAll(b);
    return s;
  }

  private static String few(Set<String> ids) {
    List<String> l = List.copyOf(ids);
    return l.size() <= 2
        ? String.join(", ", l)
        : l.get(0) + ", " + l.get(1) + " and " + (l.size() - 2) + " more";
  }

  /**
   * The parameters one check is evaluated with: its matcher's defaults, then the catalog's values,
   * then the overrides its matcher declares settable (others are meant for other checks), then the
   * profile. Per-profile values are resolved by {@link CheckParams}.
   */
  public static CheckParams forCheck(
      CheckDefinition check, Matcher matcher, Map<String, Object> overrides) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Map<String, ParamSpec> declared = new LinkedHashMap<>();
    for (ParamSpec p : matcher.parameters()) {
      declared.put(p.name(), p);
      if (p.defaultValue() != null) {
        merged.put(p.name(), p.defaultValue());
      }
    }
    merged.putAll(check.params());
    overrides.forEach(
        (k, v) -> {
          ParamSpec p = declared.get(k);
          if (k.equals(PROFILE) || (p != null && p.userSettable())) {
            merged.put(k, v);
          }
        });
    return new CheckParams(merged);
  }
}
