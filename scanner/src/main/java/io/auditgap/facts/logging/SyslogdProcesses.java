package io.auditgap.facts.logging;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SnapshotFacts;
import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The running {@code syslogd} processes and OpenRC's {@code /etc/conf.d/syslog}. Only BusyBox's
 * syslogd is judged from its command line (rsyslogd and syslog-ng have other process names and
 * their own configuration files); a syslogd whose binary cannot be identified is reported as such.
 *
 * @param busybox the BusyBox syslogd processes, parsed
 * @param unidentified command lines of syslogd processes whose binary is not known to be BusyBox
 * @param confd /etc/conf.d/syslog's text, empty when absent
 * @param stores per process, the stat of the file it logs to ({@code -O}, default
 *     /var/log/messages), with the host clock unset
 * @param syslogConf /etc/syslog.conf's text, empty when absent; unseen when it could not be read
 */
public record SyslogdProcesses(
    List<BusyboxSyslogd> busybox,
    List<String> unidentified,
    Optional<String> confd,
    LogFileStats stores,
    Observed<Optional<String>> syslogConf) {
  public static final String CONF_D = "/etc/conf.d/syslog";

  /** The rules file a BusyBox syslogd built with FEATURE_SYSLOGD_CFG reads when not given -f. */
  public static final String SYSLOG_CONF = "/etc/syslog.conf";

  public SyslogdProcesses {
    busybox = List.copyOf(busybox);
    unidentified = List.copyOf(unidentified);
  }

  /**
   * Per process named syslogd: {@code exe TARGET}, {@code cmd ARGV...} and {@code sbin TARGET}
   * (what /sbin/syslogd links to: /bin/busybox on Alpine), then {@code store STAT} for the file it
   * logs to: the argument of {@code -O FILE} or {@code -OFILE}, else /var/log/messages, in the
   * {@code '%Y|%a|%U|%G|%F|%s|%n'} shape of the log file stats ({@code store absent|FILE} or {@code
   * store denied|FILE} otherwise). The processes are the collector's one pass over /proc ({@code
   * ag_procs}). Shell built-ins only on a host without one; two readlink, two tr and one stat per
   * syslogd process.
   */
  public static final CollectionItem.Command ITEM =
      CollectionItem.Command.quick(
          "syslogd processes",
          "o=$IFS; IFS=$ag_nl; set -f; for l in $ag_procs; do IFS=$o; set +f;"
              + " [ \"${l#* }\" = syslogd ] || continue; d=/proc/${l%% *};"
              + " printf 'exe %s\\n' \"$(readlink \"$d/exe\" 2>/dev/null)\";"
              + " printf 'cmd '; tr '\\0' ' ' < \"$d/cmdline\" 2>/dev/null; echo;"
              + " printf 'sbin %s\\n' \"$(readlink /sbin/syslogd 2>/dev/null)\";"
              + " f=/var/log/messages; p=; set -f;"
              + " for a in $(tr '\\0' ' ' < \"$d/cmdline\" 2>/dev/null); do"
              + " [ \"$p\" = -O ] && f=$a; case $a in -O?*) f=${a#-O};; esac; p=$a; done; set +f;"
              + " if [ -e \"$f\" ]; then"
              + " echo \"store $(stat -c '%Y|%a|%U|%G|%F|%s|%n' \"$f\" 2>/dev/null || echo \"unreadable|$f\")\";"
              + " elif [ ! -d \"${f%/*}\" ] || [ -x \"${f%/*}\" ]; then echo \"store absent|$f\";"
              + " else echo \"store denied|$f\"; fi; done; return 0");

  public static final CollectionItem.File CONF_D_FILE = new CollectionItem.File(CONF_D);

  public static final CollectionItem.File SYSLOG_CONF_FILE = new CollectionItem.File(SYSLOG_CONF);

  public static final FactKey<Observed<SyslogdProcesses>> RUNNING =
      new FactKey<>(
          "syslogd processes", Set.of(ITEM, CONF_D_FILE, SYSLOG_CONF_FILE), SyslogdProcesses::read);

  static Observed<SyslogdProcesses> read(HostSnapshot s) {
    Observed<SnapshotItem> cmd = SnapshotFacts.command(s, ITEM.name());
    if (!cmd.isSeen()) {
      return Observed.unseen(cmd.reason());
    }
    Observed<Optional<SnapshotItem>> conf = SnapshotFacts.file(s, CONF_D);
    Optional<String> confd =
        conf.isSeen() ? conf.value().map(SnapshotItem::text) : Optional.empty();
    Observed<Optional<SnapshotItem>> rules = SnapshotFacts.file(s, SYSLOG_CONF);
    Observed<Optional<String>> syslogConf = rules.map(f -> f.map(SnapshotItem::text));
    return Observed.seen(parse(cmd.value().text(), confd, syslogConf));
  }

  /** Parses the item's output, as on a host without /etc/syslog.conf. Pure. */
  public static SyslogdProcesses parse(String text, Optional<String> confd) {
    return parse(text, confd, Observed.seen(Optional.empty()));
  }

  /** Parses the item's output. Pure. */
  public static SyslogdProcesses parse(
      String text, Optional<String> confd, Observed<Optional<String>> syslogConf) {
    StringBuilder stores = new StringBuilder();
    String sbin = "";
    List<String[]> procs = new ArrayList<>();
    String exe = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("exe ")) {
        exe = line.substring(4).strip();
      } else if (line.startsWith("cmd ") && exe != null) {
        procs.add(new String[] {exe, line.substring(4).strip()});
        exe = null;
      } else if (line.startsWith("sbin ")) {
        sbin = line.substring(5).strip();
      } else if (line.startsWith("store ")) {
        stores.append(line.substring(6)).append('\n');
      }
    }
    List<BusyboxSyslogd> bb = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (String[] p : procs) {
      String argv0 = p[1].split("\\s+", 2)[0];
      boolean busybox =
          isBusybox(p[0])
              || (p[0].isEmpty() && argv0.equals("/sbin/syslogd") && isBusybox(sbin))
              || (p[0].isEmpty() && isBusybox(argv0));
      if (busybox) {
        bb.add(BusyboxSyslogd.parse(p[1]));
      } else if (p[0].isEmpty() || !p[0].endsWith("/rsyslogd")) {
        other.add(p[1] + (p[0].isEmpty() ? " (binary not readable)" : " (" + p[0] + ")"));
      }
    }
    return new SyslogdProcesses(
        bb, other, confd, LogFileStats.parse(stores.toString()), syslogConf);
  }

  private static boolean isBusybox(String path) {
    return path.endsWith("/busybox") || path.endsWith("/busybox.static") || path.equals("busybox");
  }

  /** The line of /etc/conf.d/syslog that sets SYSLOGD_OPTS, or empty. */
  public Optional<SourceLine> optsLine() {
    if (confd.isEmpty()) {
      return Optional.empty();
    }
    String[] lines = confd.get().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().startsWith("SYSLOGD_OPTS=")) {
        return Optional.of(new SourceLine(CONF_D, i + 1, lines[i]));
      }
    }
    return Optional.empty();
  }
}
