package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.CheckParams;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads per-profile thresholds from a check's {@code params:}, e.g. {@code max_log_file_action:
 * {baseline: [rotate, keep_logs], cis: [keep_logs], stig: [rotate]}}. A profile without its own
 * entry uses {@code baseline}; a plain list applies to every profile.
 */
public final class ProfileParams {
  private ProfileParams() {}

  public static String profile(CheckParams p) {
    return p.string("profile", "baseline");
  }

  public static List<String> list(CheckParams p, String key) {
    Object v = p.values().get(key);
    if (v instanceof Map<?, ?> m) {
      Object x = m.containsKey(profile(p)) ? m.get(profile(p)) : m.get("baseline");
      if (x instanceof List<?> l) {
        return l.stream().map(o -> o.toString().toLowerCase(Locale.ROOT)).toList();
      }
      return x == null ? List.of() : List.of(x.toString().toLowerCase(Locale.ROOT));
    }
    return p.strings(key).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  public static int integer(CheckParams p, String key, int fallback) {
    List<String> l = list(p, key);
    if (l.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(l.get(0).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
