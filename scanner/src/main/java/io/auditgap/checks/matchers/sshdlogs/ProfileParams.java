package io.auditgap.checks.matchers.sshdlogs;

import io.auditgap.checks.CheckParams;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-profile values from a check's {@code params:}, e.g. {@code {baseline: [VERBOSE], cis:
 * [...]}}.
 */
final class ProfileParams {
  private ProfileParams() {}

  static String profile(CheckParams p) {
    return p.string("profile", "baseline");
  }

  /** The list for the scan's profile, the baseline's when the profile has none, else fallback. */
  static List<String> strings(CheckParams p, String key, List<String> fallback) {
    Object v = p.values().get(key);
    if (v instanceof Map<?, ?> m) {
      Object forProfile = m.get(profile(p));
      if (forProfile == null) {
        forProfile = m.get("baseline");
      }
      v = forProfile;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(o -> o.toString().toUpperCase(Locale.ROOT)).toList();
    }
    return v == null ? fallback : List.of(v.toString().toUpperCase(Locale.ROOT));
  }
}
