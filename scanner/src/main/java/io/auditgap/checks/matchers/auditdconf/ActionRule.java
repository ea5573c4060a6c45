package io.auditgap.checks.matchers.auditdconf;

import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.facts.audit.daemon.AuditdSetting;
import java.util.List;
import java.util.Locale;

/** "This action keyword must be one of the profile's values", with evidence and a reason. */
final class ActionRule {
  private ActionRule() {}

  /**
   * A parameter that lists the actions a profile accepts for {@code key}, e.g. space_left_action.
   */
  static ParamSpec actions(String key) {
    return ParamSpec.of(key, ParamType.TEXT_LIST)
        .allowing(
            "ignore", "syslog", "rotate", "email", "exec", "suspend", "single", "halt", "keep_logs")
        .byProfile();
  }

  /** Adds evidence; returns the failure sentence, or null when the value is allowed. */
  static String check(
      AuditdConfView v, String key, List<String> wanted, String profile, List<Evidence> ev) {
    List<String> allowed = wanted.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    AuditdSetting s = v.setting(key);
    boolean ok = allowed.contains(s.normalized());
    ev.addAll(
        v.evidence(
            s,
            ok
                ? "allowed under profile " + profile
                : "profile " + profile + " allows " + String.join("|", allowed)));
    if (ok) {
      return null;
    }
    return AuditdConfView.describe(s)
        + " is not one of "
        + String.join("|", allowed)
        + " (profile "
        + profile
        + ")"
        + consequence(s.normalized());
  }

  private static String consequence(String action) {
    switch (action) {
      case "ignore":
        return ": nobody is told and records are lost when the disk fills";
      case "syslog":
        return ": only a syslog warning, records are lost when the disk fills";
      case "suspend":
        return ": auditd silently stops writing records";
      case "rotate":
        return ": rotating deletes the oldest records to make room";
      default:
        return "";
    }
  }

  /** The value of a size-like setting in MB or percent, as written; -1 when not a number. */
  static long amount(AuditdSetting s) {
    String t = s.value() == null ? "" : s.value();
    String n = t.endsWith("%") ? t.substring(0, t.length() - 1) : t;
    try {
      return Long.parseLong(n);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean percent(AuditdSetting s) {
    return s.value() != null && s.value().endsWith("%");
  }
}
