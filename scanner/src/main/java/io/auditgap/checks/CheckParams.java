package io.auditgap.checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parameters for one evaluation: the check's own {@code params:} merged with the scan's settings
 * (profile, UID_MIN override, ...). Values are plain strings, lists or maps from YAML.
 *
 * <p>A value given per profile ({@code {baseline: [1, 2], stig: [2]}}) is resolved here, once, for
 * the scan's {@code profile}: the profile's own entry, else {@code baseline}'s; a plain value
 * applies to every profile. Matchers only ever see the resolved value.
 */
public record CheckParams(Map<String, Object> values) {
  public CheckParams {
    Object profile = values.getOrDefault("profile", "baseline");
    Map<String, Object> resolved = new LinkedHashMap<>();
    values.forEach((k, v) -> resolved.put(k, forProfile(v, profile.toString())));
    values = Collections.unmodifiableMap(resolved);
  }

  private static Object forProfile(Object v, String profile) {
    if (v instanceof Map<?, ?> m
        && !m.isEmpty()
        && m.keySet().stream().allMatch(k -> CheckCatalog.PROFILES.contains(k.toString()))) {
      Object own = m.get(profile);
      return own != null ? own : m.get("baseline");
    }
    return v;
  }

  /** The profile the scan evaluates under. */
  public String profile() {
    return string("profile", "baseline");
  }

  /** A number (decimal, or 0x hex), the first of a list; empty when absent or not a number. */
  public Optional<Long> number(String key) {
    List<String> v = strings(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.decode(v.get(0).strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public static CheckParams empty() {
    return new CheckParams(Map.of());
  }

  public String string(String key, String fallback) {
    Object v = values.get(key);
    return v == null ? fallback : v.toString();
  }

  public int integer(String key, int fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public boolean bool(String key, boolean fallback) {
    Object v = values.get(key);
    return v == null ? fallback : Boolean.parseBoolean(v.toString().trim());
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String key) {
    Object v = values.get(key);
    if (v instanceof List<?> l) {
      return l.stream().map(Object::toString).toList();
    }
    return v == null ? List.of() : List.of(v.toString());
  }
}
