package io.auditgap.checks.matchers.retention;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.CommonParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.checks.matchers.logs.BusyboxAuthStore;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.logging.BusyboxSyslogd;
import io.auditgap.facts.logging.JournalProbe;
import io.auditgap.facts.logging.LoggingFacts;
import io.auditgap.facts.logging.LogsFacts;
import io.auditgap.facts.logging.SyslogdProcesses;
import io.auditgap.facts.retention.AuthRouting;
import io.auditgap.facts.retention.JournaldConfig;
import io.auditgap.facts.retention.LogEntry;
import io.auditgap.facts.retention.LogrotateConfig;
import io.auditgap.facts.retention.RetentionFacts;
import io.auditgap.facts.retention.RotationBlock;
import io.auditgap.facts.retention.RotationRetention;
import io.auditgap.facts.system.ServiceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many days of authentication events the host keeps. When rsyslog or syslog-ng runs, its rules
 * decide the store ({@link AuthRouting}): the files it writes auth/authpriv messages to, whether
 * they exist yet or not, each kept as long as the logrotate block naming it says; the journal when
 * no rule stores them in a file. When the routing cannot be seen (the daemons' state unknown, no
 * syslog daemon running), the listing decides: /var/log/auth.log (Debian/Ubuntu) or /var/log/secure
 * (RHEL), else the journal (Debian 12 installs no syslog daemon).
 */
public final class AuthLogRetentionMatcher extends DeclaredMatcher {
  static final List<String> AUTH_LOGS = List.of("auth.log", "secure");
  private static final String VAR_LOG = "/var/log/";

  /** The check that fails when authentication events are stored nowhere. */
  static final String LOGS_AUTH_LOG = "logs.auth-log";

  public AuthLogRetentionMatcher() {
    super(
        "auth-log-retention",
        CommonParams.RETENTION,
        needsOf(
            List.of(
                RetentionFacts.LOGROTATE,
                RetentionFacts.VAR_LOG,
                LoggingFacts.RSYSLOG,
                LoggingFacts.SYSLOG_NG,
                LoggingFacts.SERVICES,
                LogsFacts.JOURNAL,
                SyslogdProcesses.RUNNING),
            JournalEstimate.needs()));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    RetentionTarget target = RetentionTarget.of(params);
    long now = facts.get(RetentionFacts.NOW).value();
    Observed<List<LogEntry>> varLog = facts.get(RetentionFacts.VAR_LOG);
    AuthRouting routing = AuthRouting.of(facts);
    Optional<BusyboxAuthStore> busybox = BusyboxAuthStore.of(facts, routing);
    if (busybox.isPresent()) {
      return busybox(target, facts, busybox.get(), varLog, now);
    }
    switch (routing.kind()) {
      case FILES:
        return routed(target, facts, routing, varLog, now);
      case NO_FILE:
        {
          List<Evidence> ev = routingEvidence(routing);
          List<String> read = new ArrayList<>();
          if (routing.daemon().contains("rsyslog")) {
            read.addAll(facts.get(LoggingFacts.RSYSLOG).files());
          }
          if (routing.daemon().contains("syslog-ng")) {
            read.addAll(facts.get(LoggingFacts.SYSLOG_NG).files());
          }
          ev.add(
              Evidence.note(
                  "no "
                      + routing.daemon()
                      + " rule stores auth/authpriv messages in a file (files read: "
                      + String.join(", ", read)
                      + "): the journal is the auth store"));
          return journal(target, facts, now, ev);
        }
      case UNDECIDABLE:
        if (listedAuthFile(varLog).isEmpty()) {
          return Verdict.unknown(
              "where authentication events are stored is unknown: " + routing.reason(),
              routingEvidence(routing));
        }
        return listing(target, facts, varLog, now, routingEvidence(routing));
      default:
        return listing(target, facts, varLog, now, List.of());
    }
  }

  /**
   * BusyBox syslogd is the daemon: its one file holds every message. It rotates that file itself
   * when it exceeds {@code -s} KiB (default 200), keeping {@code -b} old files (default 1), so the
   * days kept depend on how fast the host logs: they cannot be computed from configuration. A
   * logrotate block naming the file decides only when that own rotation is off ({@code -s 0}).
   */
  private Verdict busybox(
      RetentionTarget target,
      Facts facts,
      BusyboxAuthStore store,
      Observed<List<LogEntry>> varLog,
      long now) {
    List<Evidence> ev = new ArrayList<>(store.evidence());
    switch (store.kind()) {
      case RULES:
        return Verdict.unknown(store.reason(), ev);
      case REMOTE_ONLY:
      case RING:
      case LEVEL:
        return Verdict.fail(store.reason() + " (root cause: " + LOGS_AUTH_LOG + ")", ev)
            .causedBy(LOGS_AUTH_LOG);
      default:
        break;
    }
    BusyboxSyslogd d = store.daemon();
    String path = d.file();
    String state = existence(path, varLog);
    String qualifier =
        " (BusyBox syslogd's store of every message" + (state.isEmpty() ? "" : ", " + state) + ")";
    String what = path + qualifier;
    String ownRotation = "size-based rotation (-s " + d.rotateKib() + " KiB, -b " + d.keep() + ")";
    Observed<LogrotateConfig> lr = facts.get(RetentionFacts.LOGROTATE);
    if (!lr.isSeen()) {
      return Verdict.unknown(what + ": " + lr.reason(), ev);
    }
    if (lr.value().blockFor(path).isPresent()) {
      Verdict v = file(target, facts, path, varLog, now, qualifier);
      ev.addAll(v.evidence());
      if (d.rotateKib() == 0 || v.status() != Status.PASS) {
        return new Verdict(v.status(), v.reason(), ev);
      }
      ev.add(Evidence.note("syslogd also rotates " + path + " itself: " + ownRotation));
      return Verdict.unknown(
          v.reason()
              + "; but BusyBox syslogd also rotates it at "
              + d.rotateKib()
              + " KiB keeping "
              + d.keep()
              + " old file(s) (add -s 0 to its options): the days depend on the log rate",
          ev);
    }
    ev.add(
        Evidence.of(
            RetentionFacts.LOGROTATE_CONF,
            0,
            String.join(", ", lr.value().filesRead()),
            "no logrotate block names " + path));
    if (d.rotateKib() == 0) {
      return target.unbounded(
          what, "syslogd -s 0 never rotates it and no logrotate block does", ev);
    }
    return target.unknownDays(what, ownRotation + ": days depend on the log rate", ev);
  }

  /**
   * Today's rule when rsyslog's routing cannot be seen: an existing auth file, else the journal.
   */
  private Verdict listing(
      RetentionTarget target,
      Facts facts,
      Observed<List<LogEntry>> varLog,
      long now,
      List<Evidence> prefix) {
    if (!varLog.isSeen()) {
      return Verdict.unknown(varLog.reason(), prefix);
    }
    Optional<LogEntry> file = listedAuthFile(varLog);
    if (file.isEmpty()) {
      List<Evidence> ev = new ArrayList<>(prefix);
      ev.add(
          Evidence.of(
              "ls -l /var/log/",
              0,
              "(no auth.log, no secure)",
              "no syslog file: the journal stores authentication events"));
      return journal(target, facts, now, ev);
    }
    Verdict v = file(target, facts, "/var/log/" + file.get().name(), varLog, now, "");
    List<Evidence> ev = new ArrayList<>(prefix);
    ev.addAll(v.evidence());
    return new Verdict(v.status(), v.reason(), ev);
  }

  private static Optional<LogEntry> listedAuthFile(Observed<List<LogEntry>> varLog) {
    if (!varLog.isSeen()) {
      return Optional.empty();
    }
    return varLog.value().stream()
        .filter(e -> e.type() == '-' && AUTH_LOGS.contains(e.name()))
        .findFirst();
  }

  /** rsyslog writes auth events to these files: each one's logrotate block decides its days. */
  private Verdict routed(
      RetentionTarget target,
      Facts facts,
      AuthRouting routing,
      Observed<List<LogEntry>> varLog,
      long now) {
    Map<String, AuthRouting.AuthFile> byPath = new LinkedHashMap<>();
    for (AuthRouting.AuthFile f : routing.files()) {
      byPath.putIfAbsent(f.path(), f);
    }
    List<Evidence> ev = routingEvidence(routing);
    List<Verdict> verdicts = new ArrayList<>();
    for (String path : byPath.keySet()) {
      String state = existence(path, varLog);
      verdicts.add(
          file(
              target,
              facts,
              path,
              varLog,
              now,
              state.isEmpty()
                  ? " (" + routing.daemon() + "'s auth store)"
                  : " (" + routing.daemon() + "'s auth store, " + state + ")"));
    }
    Status status = Status.PASS;
    List<String> reasons = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (v.status() == Status.FAIL) {
        status = Status.FAIL;
      } else if (v.status() == Status.UNKNOWN && status != Status.FAIL) {
        status = Status.UNKNOWN;
      }
      reasons.add(v.reason());
      ev.addAll(v.evidence());
    }
    return new Verdict(status, String.join("; ", reasons), ev);
  }

  /** "" when the file is listed, "not created yet" when /var/log was listed without it. */
  private static String existence(String path, Observed<List<LogEntry>> varLog) {
    if (!path.startsWith(VAR_LOG) || path.indexOf('/', VAR_LOG.length()) >= 0) {
      return "";
    }
    String name = path.substring(VAR_LOG.length());
    if (!varLog.isSeen()) {
      return "existence not checked";
    }
    boolean listed =
        varLog.value().stream().anyMatch(e -> e.type() == '-' && e.name().equals(name));
    return listed ? "" : "not created yet";
  }

  private static List<Evidence> routingEvidence(AuthRouting routing) {
    List<Evidence> ev = new ArrayList<>();
    ServiceState st = routing.service();
    if (st != null) {
      ev.add(
          Evidence.of(
              st.manager().equals("systemd")
                  ? "systemctl show " + routing.daemon().split(" ")[0] + ".service"
                  : "processes",
              0,
              st.detail(),
              routing.daemon()
                  + (routing.daemon().contains(" and ") ? " are" : " is")
                  + " running: "
                  + (routing.daemon().contains(" and ") ? "their" : "its")
                  + " rules decide where authentication events are stored"));
    }
    for (AuthRouting.AuthFile f : routing.files()) {
      ev.add(
          Evidence.of(
              f.where().file(),
              f.where().line(),
              f.where().text(),
              "stores " + String.join(", ", f.priorities()) + " in " + f.path()));
    }
    for (AuthRouting.Undecided u : routing.undecided()) {
      ev.add(Evidence.of(u.where().file(), u.where().line(), u.where().text(), u.why()));
    }
    for (String p : routing.problems()) {
      ev.add(Evidence.note(routing.daemon() + " configuration: " + p));
    }
    return ev;
  }

  /** One log file's retention from the logrotate block that names it. */
  private Verdict file(
      RetentionTarget target,
      Facts facts,
      String path,
      Observed<List<LogEntry>> varLog,
      long now,
      String qualifier) {
    String what = path + qualifier;
    Observed<LogrotateConfig> lr = facts.get(RetentionFacts.LOGROTATE);
    if (!lr.isSeen()) {
      return Verdict.unknown(what + ": " + lr.reason());
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    boolean inVarLog = path.equals(VAR_LOG + name);
    List<LogEntry> rotated =
        inVarLog && varLog.isSeen() ? RotationEvidence.rotated(varLog.value(), name) : List.of();
    Evidence observed =
        inVarLog && varLog.isSeen()
            ? RotationEvidence.observed(rotated, now, VAR_LOG)
            : Evidence.note(
                "observed cross-check skipped: "
                    + (inVarLog ? varLog.reason() : "only /var/log itself is listed"));
    Optional<RotationBlock> block = lr.value().blockFor(path);
    if (block.isEmpty()) {
      List<Evidence> ev = new ArrayList<>();
      ev.add(
          Evidence.of(
              RetentionFacts.LOGROTATE_CONF,
              0,
              String.join(", ", lr.value().filesRead()),
              "no block names " + path));
      ev.add(observed);
      return target.unbounded(what, "no logrotate block rotates it", ev);
    }
    List<Evidence> ev = RotationEvidence.of(lr.value(), block.get(), path);
    ev.add(observed);
    RotationRetention r = RotationRetention.of(block.get());
    if (r.unbounded()) {
      return target.unbounded(what, r.arithmetic(), ev);
    }
    if (r.days().isPresent()) {
      return target.judge(what, r.days().getAsDouble(), r.arithmetic(), ev);
    }
    long keep = Long.parseLong(block.get().rotate().value());
    if (keep > 0 && rotated.size() >= keep) {
      long oldest = rotated.stream().mapToLong(LogEntry::mtime).min().getAsLong();
      double days = (now - oldest) / 86400.0;
      return target.judge(
          what,
          days,
          r.arithmetic()
              + "; observed: all "
              + keep
              + " copies exist and the oldest was last written "
              + RetentionTarget.days(days)
              + " days ago",
          ev);
    }
    return target.unknownDays(
        what, r.arithmetic() + ", and too few rotated copies to observe it", ev);
  }

  private Verdict journal(RetentionTarget target, Facts facts, long now, List<Evidence> why) {
    // journald's configuration says how long it would keep entries; with no journal file at all
    // (journald not running), nothing is kept, whatever the configuration says.
    Observed<JournalProbe> probe = facts.get(LogsFacts.JOURNAL);
    if (probe.isSeen() && probe.value().outcome() == JournalProbe.Outcome.NO_JOURNAL) {
      List<Evidence> ev = new ArrayList<>(why);
      ev.add(
          Evidence.of(
              "journalctl _COMM=sshd -n 1", 0, probe.value().line(), "no journal files at all"));
      return Verdict.fail(
              "the journal is the auth store, but journalctl found no journal files: no"
                  + " authentication event is kept (root cause: "
                  + LOGS_AUTH_LOG
                  + ")",
              ev)
          .causedBy(LOGS_AUTH_LOG);
    }
    Observed<JournaldConfig> conf = facts.get(RetentionFacts.JOURNALD);
    if (!conf.isSeen()) {
      return Verdict.unknown("the journal is the auth store, but " + conf.reason(), why);
    }
    JournalEstimate j =
        JournalEstimate.of(
            conf.value(),
            facts.get(RetentionFacts.JOURNAL),
            facts.get(RetentionFacts.FILESYSTEMS),
            now);
    List<Evidence> ev = new ArrayList<>(why);
    ev.addAll(j.evidence());
    String what = "journal (the auth store)";
    if (j.days().isPresent()) {
      return target.judge(what, j.days().getAsDouble(), j.why(), ev);
    }
    return target.unknownDays(what, j.why(), ev);
  }
}
