package io.auditgap.checks;

import java.util.List;
import java.util.Map;

/**
 * Parameters for one evaluation: the check's own {@code params:} merged with the scan's settings
 * (profile, UID_MIN override, ...). Values are plain strings, lists or maps from YAML.
 */
public record CheckParams(Map<String, Object> values) {
  public CheckParams {
    values = Map.copyOf(values);
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
