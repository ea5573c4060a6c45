package io.auditgap.facts.pam;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code [session_recording]} section SSSD ends up with: {@code /etc/sssd/sssd.conf} then the
 * snippets in {@code /etc/sssd/conf.d/*.conf} in name order, later keys overriding earlier ones.
 *
 * @param scope {@code none} (SSSD's default), {@code some} or {@code all}
 * @param source file:line of the scope setting, or empty
 */
public record SssdSessionRecording(
    String scope,
    Set<String> users,
    Set<String> groups,
    Set<String> excludeUsers,
    Set<String> excludeGroups,
    String source) {

  /** Merges the files given as (path, text) in the order SSSD reads them. */
  public static SssdSessionRecording merge(List<Map.Entry<String, String>> files) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> where = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : files) {
      String section = "";
      String[] lines = f.getValue().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
          continue;
        }
        if (l.startsWith("[") && l.endsWith("]")) {
          section = l.substring(1, l.length() - 1).strip().toLowerCase(Locale.ROOT);
          continue;
        }
        int eq = l.indexOf('=');
        if (section.equals("session_recording") && eq > 0) {
          String k = l.substring(0, eq).strip().toLowerCase(Locale.ROOT);
          values.put(k, l.substring(eq + 1).strip());
          where.put(k, f.getKey() + ":" + (i + 1) + " " + l);
        }
      }
    }
    return new SssdSessionRecording(
        values.getOrDefault("scope", "none").toLowerCase(Locale.ROOT),
        list(values.get("users")),
        list(values.get("groups")),
        list(values.get("exclude_users")),
        list(values.get("exclude_groups")),
        where.getOrDefault("scope", ""));
  }

  private static Set<String> list(String v) {
    Set<String> out = new LinkedHashSet<>();
    if (v != null) {
      for (String s : v.split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    }
    return out;
  }

  /** Whether SSSD records this user, given the groups the user is a member of. */
  public boolean records(String user, Set<String> memberOf) {
    switch (scope) {
      case "all":
        return !excludeUsers.contains(user) && memberOf.stream().noneMatch(excludeGroups::contains);
      case "some":
        return users.contains(user) || memberOf.stream().anyMatch(groups::contains);
      default:
        return false;
    }
  }
}
