package io.auditgap.checks.matchers.logs;

import io.auditgap.checks.Evidence;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.logging.BusyboxSyslogd;
import io.auditgap.facts.logging.LogFileStats;
import io.auditgap.facts.logging.SyslogdProcesses;
import io.auditgap.facts.retention.AuthRouting;
import io.auditgap.facts.system.FileStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a running BusyBox syslogd (Alpine's logger, OpenRC's /etc/conf.d/syslog) keeps
 * authentication events, when it is the host's syslog daemon (no rsyslog or syslog-ng runs). It has
 * no facility routing unless built with FEATURE_SYSLOGD_CFG and given rules, so every message, auth
 * included, goes to one place, decided by its command line as BusyBox's sysklogd/syslogd.c (1.36)
 * handles it: with {@code -R} and without {@code -L} nothing is logged locally; rules from
 * /etc/syslog.conf (or {@code -f FILE}) are applied first when they exist ({@code
 * parse_syslogdcfg()} proceeds without rules when the default file is missing); then {@code -l N}
 * drops priorities N and below; then {@code -C} writes to the shared-memory ring; else the {@code
 * -O} file (default /var/log/messages).
 *
 * @param kind where the events go
 * @param daemon the deciding process
 * @param reason what a user reads, for kinds other than {@link Kind#FILE}
 * @param evidence the running command line and OpenRC's options line
 * @param stats the stat of the file it logs to, as the collector saw it (host clock unset)
 */
public record BusyboxAuthStore(
    Kind kind, BusyboxSyslogd daemon, String reason, List<Evidence> evidence, LogFileStats stats) {

  /** sshd logs logins at auth.info: priority 6, kept only when {@code -l} is above it. */
  private static final int INFO = 6;

  public enum Kind {
    /** every message goes to {@link BusyboxSyslogd#file()}. */
    FILE,
    /** {@code -R} without {@code -L}: stored nowhere on the host. */
    REMOTE_ONLY,
    /** {@code -C}: the shared-memory ring, read with logread, lost at reboot. */
    RING,
    /** {@code -l N} with N at most 6: auth.info, sshd's login messages, is dropped. */
    LEVEL,
    /** rules from a syslog.conf may route auth elsewhere: cannot be told. */
    RULES
  }

  public BusyboxAuthStore {
    evidence = List.copyOf(evidence);
  }

  /**
   * The store, when BusyBox syslogd is the running syslog daemon: its command line was collected
   * and rsyslog and syslog-ng are not running. Empty otherwise (their routing, or the listing,
   * decides as before).
   */
  public static Optional<BusyboxAuthStore> of(Facts facts, AuthRouting routing) {
    if (routing.kind() != AuthRouting.Kind.NOT_SEEN || !routing.daemon().isEmpty()) {
      return Optional.empty();
    }
    Observed<SyslogdProcesses> o = facts.get(SyslogdProcesses.RUNNING);
    if (!o.isSeen() || o.value().busybox().isEmpty()) {
      return Optional.empty();
    }
    SyslogdProcesses p = o.value();
    BusyboxSyslogd d = p.busybox().get(0);
    List<Evidence> ev = new ArrayList<>();
    ev.add(
        Evidence.of(
            SyslogdProcesses.ITEM.name(),
            0,
            d.commandLine(),
            "BusyBox syslogd is the running syslog daemon: its options decide where messages go"));
    p.optsLine()
        .ifPresent(
            c ->
                ev.add(
                    Evidence.of(
                        SyslogdProcesses.CONF_D,
                        c.line(),
                        c.text(),
                        sameOptions(c.text(), d.commandLine())
                            ? "OpenRC starts syslogd with these options"
                            : "the next start uses these options, not the running ones")));
    if (!d.local()) {
      return Optional.of(
          new BusyboxAuthStore(
              Kind.REMOTE_ONLY,
              d,
              "BusyBox syslogd sends every message to -R "
                  + String.join(", ", d.remotes())
                  + " and stores none on the host (no -L): nothing is kept locally",
              ev,
              p.stores()));
    }
    Optional<String> rules = rules(d, p);
    if (rules.isPresent()) {
      return Optional.of(new BusyboxAuthStore(Kind.RULES, d, rules.get(), ev, p.stores()));
    }
    if (d.level() <= INFO) {
      return Optional.of(
          new BusyboxAuthStore(
              Kind.LEVEL,
              d,
              "BusyBox syslogd -l "
                  + d.level()
                  + " logs only messages more urgent than priority "
                  + d.level()
                  + ": sshd's login messages (auth.info, priority 6) are dropped",
              ev,
              p.stores()));
    }
    if (d.ring()) {
      return Optional.of(
          new BusyboxAuthStore(
              Kind.RING,
              d,
              "BusyBox syslogd -C keeps messages only in its shared-memory ring buffer (read with"
                  + " logread): overwritten when full, lost at reboot, nothing kept on disk",
              ev,
              p.stores()));
    }
    return Optional.of(new BusyboxAuthStore(Kind.FILE, d, "", ev, p.stores()));
  }

  /** Why a rules file may route auth elsewhere, or empty when it is certainly not read. */
  private static Optional<String> rules(BusyboxSyslogd d, SyslogdProcesses p) {
    if (d.config().equals("/dev/null")) {
      return Optional.empty(); // syslogd.c: "-f /dev/null" is the documented way to disable rules
    }
    if (!d.config().isEmpty() && !d.config().equals(SyslogdProcesses.SYSLOG_CONF)) {
      return Optional.of(
          "BusyBox syslogd reads its rules from -f "
              + d.config()
              + ", which was not collected: where it stores authentication events is unknown");
    }
    Observed<Optional<String>> conf = p.syslogConf();
    if (!conf.isSeen()) {
      return Optional.of(
          SyslogdProcesses.SYSLOG_CONF
              + " could not be read ("
              + conf.reason()
              + "): a BusyBox syslogd built with FEATURE_SYSLOGD_CFG routes by its rules, so where"
              + " it stores authentication events is unknown");
    }
    if (conf.value().isPresent() && hasRule(conf.value().get())) {
      return Optional.of(
          SyslogdProcesses.SYSLOG_CONF
              + " has rules: a BusyBox syslogd built with FEATURE_SYSLOGD_CFG routes by them, one"
              + " built without it writes everything to "
              + (d.ring() ? "its memory ring" : d.file())
              + "; which build runs cannot be told from the host's files, so where authentication"
              + " events are stored is unknown");
    }
    return Optional.empty();
  }

  private static boolean hasRule(String text) {
    return text.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
  }

  /** Whether SYSLOGD_OPTS="..." names exactly the running options (after argv[0]). */
  private static boolean sameOptions(String optsLine, String commandLine) {
    String v = optsLine.substring(optsLine.indexOf('=') + 1).strip();
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
      v = v.substring(1, v.length() - 1);
    }
    String[] argv = commandLine.strip().split("\\s+", 2);
    String running = argv.length > 1 ? argv[1].strip() : "";
    return String.join(" ", v.strip().split("\\s+")).equals(running);
  }

  /** The file's stat when the collector saw it. */
  public Optional<FileStat> fileStat() {
    return stats.file(daemon.file());
  }

  /** Whether the collector found no such file (its directory searchable). */
  public boolean fileAbsent() {
    return stats.absent().contains(daemon.file());
  }

  /** The file as an auditor reads it in a reason. */
  public String what() {
    return daemon.file() + " (BusyBox syslogd's store of every message)";
  }
}
