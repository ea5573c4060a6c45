package io.auditgap.facts.logging;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Syslog facility and severity names and numbers (RFC 5424 / syslog.h), and the messages that stand
 * for "authentication and session events" when a filter is evaluated.
 */
public final class SyslogPriority {
  public static final Map<String, Integer> FACILITIES =
      Map.ofEntries(
          Map.entry("kern", 0),
          Map.entry("user", 1),
          Map.entry("mail", 2),
          Map.entry("daemon", 3),
          Map.entry("auth", 4),
          Map.entry("security", 4),
          Map.entry("syslog", 5),
          Map.entry("lpr", 6),
          Map.entry("news", 7),
          Map.entry("uucp", 8),
          Map.entry("cron", 9),
          Map.entry("authpriv", 10),
          Map.entry("ftp", 11),
          Map.entry("ntp", 12),
          Map.entry("audit", 13),
          Map.entry("alert", 14),
          Map.entry("clock", 15),
          Map.entry("local0", 16),
          Map.entry("local1", 17),
          Map.entry("local2", 18),
          Map.entry("local3", 19),
          Map.entry("local4", 20),
          Map.entry("local5", 21),
          Map.entry("local6", 22),
          Map.entry("local7", 23));

  public static final Map<String, Integer> SEVERITIES =
      Map.ofEntries(
          Map.entry("emerg", 0),
          Map.entry("panic", 0),
          Map.entry("alert", 1),
          Map.entry("crit", 2),
          Map.entry("err", 3),
          Map.entry("error", 3),
          Map.entry("warning", 4),
          Map.entry("warn", 4),
          Map.entry("notice", 5),
          Map.entry("info", 6),
          Map.entry("debug", 7));

  /** One message class: a facility and a severity, both as numbers. */
  public record Priority(int facility, int severity) {
    @Override
    public String toString() {
      return facilityName(facility) + "." + severityName(severity);
    }
  }

  /**
   * What sshd (auth/authpriv at info), PAM session modules (authpriv.info) and sudo
   * (authpriv.notice) log: a forwarding filter must pass all of these.
   */
  public static final List<Priority> AUTH_EVENTS =
      List.of(new Priority(4, 6), new Priority(4, 5), new Priority(10, 6), new Priority(10, 5));

  private SyslogPriority() {}

  /** A facility by name ({@code authpriv}, {@code LOG_AUTHPRIV}, {@code local6}) or -1. */
  public static int facility(String name) {
    String n = strip(name);
    Integer v = FACILITIES.get(n);
    if (v != null) {
      return v;
    }
    try {
      int i = Integer.parseInt(n);
      return i >= 0 && i <= 23 ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A severity by name ({@code info}, {@code LOG_INFO}) or number, or -1. */
  public static int severity(String name) {
    String n = strip(name);
    Integer v = SEVERITIES.get(n);
    if (v != null) {
      return v;
    }
    try {
      int i = Integer.parseInt(n);
      return i >= 0 && i <= 7 ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  public static String facilityName(int f) {
    for (Map.Entry<String, Integer> e : FACILITIES.entrySet()) {
      if (e.getValue() == f && !e.getKey().equals("security")) {
        return e.getKey();
      }
    }
    return Integer.toString(f);
  }

  public static String severityName(int s) {
    String[] names = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
    return s >= 0 && s < names.length ? names[s] : Integer.toString(s);
  }

  private static String strip(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return n.startsWith("log_") ? n.substring(4) : n;
  }
}
