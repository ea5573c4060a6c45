package io.auditgap.facts.audit.daemon.plugins;

import java.util.List;
import java.util.Locale;

/**
 * The audit dispatcher plugins the running audit version reads, and the audisp-remote settings.
 *
 * @param dir the plugin directory in effect ({@code /etc/audit/plugins.d} for audit 3.x, {@code
 *     /etc/audisp/plugins.d} for 2.x, or auditd.conf's {@code plugin_dir})
 * @param plugins the plugin files in {@code dir} that auditd loads (names with one dot)
 * @param remote audisp-remote.conf next to the plugin directory, or null when absent
 * @param notes leftovers the running version ignores, skipped file names
 */
public record AuditPlugins(
    String dir,
    List<Plugin> plugins,
    KeyValueConfig remote,
    String remotePath,
    List<String> notes) {
  public AuditPlugins {
    plugins = List.copyOf(plugins);
    notes = List.copyOf(notes);
  }

  /** One plugin file. */
  public record Plugin(String file, KeyValueConfig conf) {
    public boolean active() {
      return conf.get("active").toLowerCase(Locale.ROOT).equals("yes");
    }

    public String path() {
      return conf.get("path");
    }

    public String args() {
      return conf.get("args");
    }

    public boolean isRemote() {
      return path().endsWith("/audisp-remote") || path().equals("audisp-remote");
    }

    public boolean isSyslog() {
      return path().endsWith("/audisp-syslog") || path().equals("builtin_syslog");
    }
  }

  public List<Plugin> active() {
    return plugins.stream().filter(Plugin::active).toList();
  }
}
