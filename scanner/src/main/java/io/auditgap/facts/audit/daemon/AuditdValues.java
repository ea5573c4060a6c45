package io.auditgap.facts.audit.daemon;

import java.util.Locale;
import java.util.Set;

/** Per-keyword value checks, mirroring the individual parsers in src/auditd-config.c. */
final class AuditdValues {
  private AuditdValues() {}

  /** Why auditd rejects {@code value} for {@code key}, or null when it accepts it. */
  static String check(String key, String value, String option) {
    String v = value.toLowerCase(Locale.ROOT);
    AuditdKeywords.Kind kind = AuditdKeywords.kind(key);
    switch (kind) {
      case YES_NO:
        return oneOf(key, v, Set.of("yes", "no"));
      case NUMBER:
        if (!digits(v)) {
          return "value \"" + value + "\" of " + key + " must be a plain number";
        }
        if (key.equals("num_logs") && number(v) > 999) {
          return "num_logs must be 999 or less";
        }
        if (key.equals("q_depth") && number(v) > 99999) {
          return "q_depth must be 99999 or less";
        }
        return null;
      case PERCENT_OR_NUMBER:
        String n = v.endsWith("%") ? v.substring(0, v.length() - 1) : v;
        if (!digits(n)) {
          return "value \"" + value + "\" of " + key + " must be a number of MB or a percentage";
        }
        return null;
      case FAILURE_ACTION:
        String bad = oneOf(key, v, AuditdKeywords.FAILURE_ACTIONS);
        if (bad == null && v.equals("exec") && option == null) {
          return key + " = exec needs the path of the script to run";
        }
        if (bad == null && !v.equals("exec") && option != null) {
          return key + " has an extra token \"" + option + "\" (only exec takes one)";
        }
        return bad;
      case SIZE_ACTION:
        return oneOf(key, v, AuditdKeywords.SIZE_ACTIONS);
      case FLUSH:
        return oneOf(key, v, AuditdKeywords.FLUSH);
      case LOG_FORMAT:
        return oneOf(key, v, AuditdKeywords.LOG_FORMATS);
      case NAME_FORMAT:
        return oneOf(key, v, AuditdKeywords.NAME_FORMATS);
      case OVERFLOW_ACTION:
        return oneOf(key, v, AuditdKeywords.OVERFLOW);
      case PATH:
        if (!value.startsWith("/")) {
          return key + " must be an absolute path";
        }
        return null;
      default:
        return null;
    }
  }

  private static String oneOf(String key, String v, Set<String> allowed) {
    return allowed.contains(v)
        ? null
        : "value \"" + v + "\" is not valid for " + key + " (auditd: option not found)";
  }

  static boolean digits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The number in a validated value, ignoring a trailing {@code %}; 0 when not a number. */
  static long number(String s) {
    String n = s.endsWith("%") ? s.substring(0, s.length() - 1) : s;
    return digits(n) ? Long.parseLong(n) : 0;
  }
}
