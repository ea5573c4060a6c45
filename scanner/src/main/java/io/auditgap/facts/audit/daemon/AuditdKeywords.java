package io.auditgap.facts.audit.daemon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keywords auditd 3.0.x accepts, how it validates each value, and the compiled-in default used
 * when a key is absent. Keyword list taken from the auditd 3.0.9 binary (Debian 12); defaults from
 * {@code clear_config()} in audit-userspace {@code src/auditd-config.c}, confirmed for log_format
 * by running auditd 3.0.9 on a file without that key.
 */
public final class AuditdKeywords {
  /** How auditd checks a value; {@code OPTION} kinds accept a third token. */
  enum Kind {
    YES_NO,
    NUMBER,
    PERCENT_OR_NUMBER,
    FAILURE_ACTION,
    SIZE_ACTION,
    FLUSH,
    LOG_FORMAT,
    NAME_FORMAT,
    OVERFLOW_ACTION,
    PATH,
    TEXT
  }

  static final Set<String> FAILURE_ACTIONS =
      Set.of("ignore", "syslog", "rotate", "email", "exec", "suspend", "single", "halt");
  static final Set<String> SIZE_ACTIONS =
      Set.of("ignore", "syslog", "suspend", "rotate", "keep_logs");
  static final Set<String> FLUSH =
      Set.of("none", "incremental", "incremental_async", "data", "sync");
  static final Set<String> LOG_FORMATS = Set.of("raw", "nolog", "enriched");
  static final Set<String> NAME_FORMATS = Set.of("none", "hostname", "fqd", "numeric", "user");
  static final Set<String> OVERFLOW = Set.of("ignore", "syslog", "suspend", "single", "halt");

  private static final Map<String, Kind> KINDS = new LinkedHashMap<>();
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    kw("local_events", Kind.YES_NO, "yes");
    kw("write_logs", Kind.YES_NO, "yes");
    kw("log_file", Kind.PATH, "/var/log/audit/audit.log");
    kw("log_format", Kind.LOG_FORMAT, "enriched");
    kw("log_group", Kind.TEXT, "root");
    kw("flush", Kind.FLUSH, "none");
    kw("freq", Kind.NUMBER, "0");
    kw("num_logs", Kind.NUMBER, "0");
    kw("dispatcher", Kind.TEXT, null);
    kw("name_format", Kind.NAME_FORMAT, "none");
    kw("name", Kind.TEXT, null);
    kw("disp_qos", Kind.TEXT, null);
    kw("max_log_file", Kind.NUMBER, "0");
    kw("max_log_file_action", Kind.SIZE_ACTION, "ignore");
    kw("space_left", Kind.PERCENT_OR_NUMBER, "0");
    kw("space_left_action", Kind.FAILURE_ACTION, "ignore");
    kw("action_mail_acct", Kind.TEXT, "root");
    kw("verify_email", Kind.YES_NO, "yes");
    kw("admin_space_left", Kind.PERCENT_OR_NUMBER, "0");
    kw("admin_space_left_action", Kind.FAILURE_ACTION, "ignore");
    kw("disk_full_action", Kind.FAILURE_ACTION, "ignore");
    kw("disk_error_action", Kind.FAILURE_ACTION, "syslog");
    kw("priority_boost", Kind.NUMBER, "4");
    kw("tcp_listen_port", Kind.NUMBER, null);
    kw("tcp_listen_queue", Kind.NUMBER, "5");
    kw("tcp_max_per_addr", Kind.NUMBER, "1");
    kw("use_libwrap", Kind.YES_NO, "yes");
    kw("tcp_client_ports", Kind.TEXT, null);
    kw("tcp_client_max_idle", Kind.NUMBER, "0");
    kw("transport", Kind.TEXT, "tcp");
    kw("enable_krb5", Kind.YES_NO, "no");
    kw("krb5_principal", Kind.TEXT, null);
    kw("krb5_key_file", Kind.TEXT, null);
    kw("distribute_network", Kind.YES_NO, "no");
    kw("q_depth", Kind.NUMBER, "2000");
    kw("overflow_action", Kind.OVERFLOW_ACTION, "syslog");
    kw("max_restarts", Kind.NUMBER, "10");
    kw("plugin_dir", Kind.PATH, "/etc/audit/plugins.d");
    kw("end_of_event_timeout", Kind.NUMBER, "2");
  }

  /** Keywords whose value may be followed by one option token (the {@code exec} script). */
  static final Set<String> TAKES_OPTION =
      Set.of(
          "space_left_action", "admin_space_left_action", "disk_full_action", "disk_error_action");

  private AuditdKeywords() {}

  private static void kw(String name, Kind kind, String def) {
    KINDS.put(name, kind);
    DEFAULTS.put(name, def);
  }

  public static boolean known(String key) {
    return KINDS.containsKey(key.toLowerCase(Locale.ROOT));
  }

  static Kind kind(String key) {
    return KINDS.get(key);
  }

  /** The compiled-in default, or null when auditd has none (the feature is off). */
  public static String defaultValue(String key) {
    return DEFAULTS.get(key);
  }

  public static List<String> names() {
    return List.copyOf(KINDS.keySet());
  }
}
