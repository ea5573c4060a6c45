package io.auditgap.facts.logging;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.SnapshotFacts;
import io.auditgap.facts.retention.JournaldConfig;
import io.auditgap.facts.retention.RetentionFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where authentication events and login records are stored, and how they are protected. */
public final class LogsFacts {
  public static final String AUTH_LOG = "/var/log/auth.log";
  public static final String SECURE = "/var/log/secure";
  public static final String WTMP = "/var/log/wtmp";
  public static final String BTMP = "/var/log/btmp";
  public static final String LASTLOG = "/var/log/lastlog";
  public static final String WTMPDB = "/var/lib/wtmpdb/wtmp.db";
  public static final String LASTLOG2 = "/var/lib/lastlog/lastlog2.db";
  public static final String JOURNAL_DIR = "/var/log/journal";
  public static final String RUN_JOURNAL_DIR = "/run/log/journal";

  static final List<String> PATHS =
      List.of(
          AUTH_LOG, SECURE, WTMP, BTMP, LASTLOG, WTMPDB, LASTLOG2, JOURNAL_DIR, RUN_JOURNAL_DIR);

  /**
   * The host clock (the collector's one {@code date +%s}, {@code ag_host}), then per path either
   * absent/denied or (one stat for all present paths) its stat line. A path is "denied" only when
   * its directory exists but cannot be searched. Reads metadata only.
   */
  public static final CollectionItem.Command FILE_STATS =
      CollectionItem.Command.quick(
          "log file stats",
          "echo \"$ag_now\"; set --; for p in "
              + String.join(" ", PATHS)
              + "; do if [ -e \"$p\" ]; then set -- \"$@\" \"$p\"; elif [ ! -d \"${p%/*}\" ] ||"
              + " [ -x \"${p%/*}\" ]; then echo \"absent|$p\"; else echo \"denied|$p\"; fi; done;"
              + " [ $# -eq 0 ] || stat -c '%Y|%a|%U|%G|%F|%s|%n' \"$@\"; return 0");

  /** Needs root or membership of adm/systemd-journal to see system entries. */
  public static final CollectionItem.Command JOURNAL_SSHD =
      CollectionItem.Command.bounded(
          "journalctl sshd newest",
          "command -v journalctl >/dev/null 2>&1 || return 127; journalctl _COMM=sshd"
              + " _COMM=sshd-session -n 1 -o short-unix --no-pager");

  public static final CollectionItem RSYSLOG_CONF = new CollectionItem.File("/etc/rsyslog.conf");
  public static final CollectionItem RSYSLOG_D = new CollectionItem.Directory("/etc/rsyslog.d");

  public static final FactKey<Observed<LogFileStats>> STATS =
      FactKey.ofCommand("log file stats", FILE_STATS, i -> LogFileStats.parse(i.text()));

  public static final FactKey<Observed<JournalProbe>> JOURNAL =
      FactKey.ofCommand("journal sshd entry", JOURNAL_SSHD, i -> JournalProbe.parse(i.text()));

  /**
   * journald's storage mode, from journald.conf and its drop-ins as collected (no process on the
   * host); unseen when none of them exists (no journald configuration: systemd is not installed, or
   * its files were removed) or when one cannot be read.
   */
  public static final FactKey<Observed<JournaldStorage>> STORAGE =
      new FactKey<>("journald storage", RetentionFacts.JOURNALD.needs(), LogsFacts::storage);

  /** rsyslog's selector rules; seen and empty when rsyslog is not configured. */
  public static final FactKey<Observed<SyslogRoutes>> SYSLOG_ROUTES =
      new FactKey<>("rsyslog routes", Set.of(RSYSLOG_CONF, RSYSLOG_D), LogsFacts::routes);

  private LogsFacts() {}

  static Observed<JournaldStorage> storage(HostSnapshot s) {
    Observed<JournaldConfig> config = RetentionFacts.JOURNALD.derive().apply(s);
    if (!config.isSeen()) {
      return Observed.unseen(config.reason());
    }
    if (config.value().filesRead().isEmpty() && config.value().masked().isEmpty()) {
      return Observed.unseen(
          "no journald configuration on the host (neither "
              + RetentionFacts.JOURNALD_CONF
              + " nor "
              + RetentionFacts.JOURNALD_CONF_USR
              + " nor a drop-in): no systemd-journald");
    }
    return Observed.seen(JournaldStorage.of(config.value()));
  }

  static Observed<SyslogRoutes> routes(HostSnapshot s) {
    Observed<Optional<SnapshotItem>> main = SnapshotFacts.file(s, "/etc/rsyslog.conf");
    if (!main.isSeen()) {
      return Observed.unseen(main.reason());
    }
    List<SyslogRoute> all = new ArrayList<>();
    main.value().ifPresent(i -> all.addAll(SyslogRoutes.parse(i.name(), i.text())));
    List<SnapshotItem> dropIns = new ArrayList<>(s.filesIn("/etc/rsyslog.d"));
    dropIns.sort(Comparator.comparing(SnapshotItem::name));
    for (SnapshotItem i : dropIns) {
      if (i.name().endsWith(".conf") && i.isComplete()) {
        all.addAll(SyslogRoutes.parse(i.name(), i.text()));
      }
    }
    return Observed.seen(new SyslogRoutes(all));
  }
}
