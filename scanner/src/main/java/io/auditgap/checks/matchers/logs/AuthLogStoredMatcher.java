package io.auditgap.checks.matchers.logs;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.ParamType;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.logging.JournalProbe;
import io.auditgap.facts.logging.JournaldStorage;
import io.auditgap.facts.logging.LogFileStats;
import io.auditgap.facts.logging.LoggingFacts;
import io.auditgap.facts.logging.LogsFacts;
import io.auditgap.facts.logging.SyslogdProcesses;
import io.auditgap.facts.retention.AuthRouting;
import io.auditgap.facts.system.FileStat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code logs.auth-log}: authentication events are kept on the host. Either a syslog file ({@code
 * /var/log/auth.log} on Debian/Ubuntu, {@code /var/log/secure} on RHEL) written within {@code
 * recent_days} and not readable by everyone, or a persistent journal holding a recent sshd entry.
 * The scanner's own SSH login is logged just before collection, so a working store is always fresh
 * on a scanned host. When rsyslog or syslog-ng runs, its routing decides which of these files is
 * the store ({@link AuthRouting}): a routed file that does not exist is a gap, and the journal is
 * not judged in its place.
 */
public final class AuthLogStoredMatcher extends DeclaredMatcher {

  public AuthLogStoredMatcher() {
    super(
        "auth-log-stored",
        List.of(
            ParamSpec.of("recent_days", ParamType.INTEGER).orElse("7"),
            ParamSpec.of("max_mode", ParamType.MODE).orElse("0640"),
            ParamSpec.of("owners", ParamType.TEXT_LIST),
            ParamSpec.of("groups", ParamType.TEXT_LIST)),
        needsOf(
            List.of(
                LogsFacts.STATS,
                LogsFacts.JOURNAL,
                LogsFacts.STORAGE,
                LoggingFacts.RSYSLOG,
                LoggingFacts.SYSLOG_NG,
                LoggingFacts.SERVICES,
                SyslogdProcesses.RUNNING)));
  }

  @Override
  public Verdict evaluate(CheckParams params, Facts facts) {
    int days = params.integer("recent_days", 7);
    int maxMode = Integer.parseInt(params.string("max_mode", "0640"), 8);
    List<String> owners =
        params.strings("owners").isEmpty() ? List.of("root", "syslog") : params.strings("owners");
    List<String> groups =
        params.strings("groups").isEmpty()
            ? List.of("root", "adm", "syslog")
            : params.strings("groups");
    Observed<LogFileStats> stats = facts.get(LogsFacts.STATS);
    if (!stats.isSeen()) {
      return Verdict.unknown("log files could not be examined: " + stats.reason());
    }
    LogFileStats st = stats.value();
    if (st.hostNow().isEmpty()) {
      return Verdict.unknown("the host clock was not reported with the file times");
    }
    long now = st.hostNow().getAsLong();
    List<Evidence> ev = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean fileStore = false;
    boolean unseenFile = false;
    AuthRouting routing = AuthRouting.of(facts);
    Optional<BusyboxAuthStore> busybox = BusyboxAuthStore.of(facts, routing);
    if (busybox.isPresent()) {
      return busybox(busybox.get(), now, days, maxMode, owners, groups);
    }
    Map<String, AuthRouting.AuthFile> routed = routedFiles(routing, ev);
    boolean byRouting = !routed.isEmpty();
    List<String> candidates =
        byRouting ? List.copyOf(routed.keySet()) : List.of(LogsFacts.AUTH_LOG, LogsFacts.SECURE);
    for (String path : candidates) {
      if (st.denied().contains(path)) {
        unseenFile = true;
        ev.add(Evidence.of(path, 0, "", "cannot be examined: directory not searchable"));
        continue;
      }
      if (st.file(path).isEmpty()) {
        if (byRouting) {
          AuthRouting.AuthFile f = routed.get(path);
          ev.add(
              Evidence.of(
                  "stat " + path,
                  0,
                  "(does not exist)",
                  "not created yet, although " + f.where().location() + " routes auth to it"));
          problems.add(
              path
                  + " does not exist, although the running syslog daemon routes authentication"
                  + " events to it ("
                  + f.where().location()
                  + "): none has reached it, not even this scan's own login");
        }
        continue;
      }
      if (judge(st.file(path).get(), now, days, maxMode, owners, groups, "rsyslog", ev, problems)) {
        fileStore = true;
      }
    }
    boolean journalStore = false;
    String journalState = null;
    Observed<JournaldStorage> storage = facts.get(LogsFacts.STORAGE);
    boolean varLogJournal = st.file(LogsFacts.JOURNAL_DIR).map(FileStat::isDirectory).orElse(false);
    if (byRouting) {
      // the syslog daemon's routing names the store: the journal is not judged in its place
      journalState = "the file the syslog daemon routes them to could not be examined";
    } else if (storage.isSeen() && storage.value().persistent(varLogJournal)) {
      Observed<JournalProbe> probe = facts.get(LogsFacts.JOURNAL);
      String storageText =
          storage.value().line().isEmpty() ? "Storage=auto (default)" : storage.value().line();
      ev.add(
          Evidence.of(
              storage.value().source().isEmpty()
                  ? "journald.conf (merged with its drop-ins)"
                  : storage.value().source(),
              storage.value().lineNumber(),
              storageText,
              "journal persistent (" + LogsFacts.JOURNAL_DIR + (varLogJournal ? " exists)" : ")")));
      if (!probe.isSeen()) {
        journalState = "journal not queried: " + probe.reason();
      } else {
        JournalProbe p = probe.value();
        switch (p.outcome()) {
          case ENTRY -> {
            long ts = p.timestamp().getAsLong();
            boolean recent = now - ts <= days * 86400L;
            ev.add(
                Evidence.of(
                    "journalctl _COMM=sshd -n 1",
                    0,
                    p.line(),
                    recent ? "recent sshd entry" : "newest sshd entry is old"));
            if (recent) {
              journalStore = true;
            } else {
              journalState =
                  "the newest sshd entry in the journal is " + (now - ts) / 86400 + " days old";
            }
          }
          case NO_PERMISSION ->
              journalState =
                  "the journal is not readable without root or group adm/systemd-journal";
          case NO_JOURNAL -> journalState = "journalctl found no journal files";
          default -> journalState = "the journal holds no sshd entry";
        }
      }
    } else if (storage.isSeen()) {
      ev.add(
          Evidence.note(
              "journal not persistent ("
                  + (storage.value().line().isEmpty() ? "Storage=auto" : storage.value().line())
                  + (varLogJournal ? "" : ", no " + LogsFacts.JOURNAL_DIR)
                  + "): lost at reboot"));
    }
    boolean permissionProblem = problems.stream().anyMatch(p -> p.contains("allowed:"));
    if (permissionProblem) {
      return Verdict.fail(String.join("; ", problems), ev);
    }
    if (fileStore || journalStore) {
      String where =
          fileStore && journalStore
              ? "a protected, recently written auth log file and the persistent journal"
              : fileStore
                  ? "a protected, recently written auth log file"
                  : "the persistent journal (recent sshd entry)";
      return Verdict.pass("authentication events are stored in " + where, ev);
    }
    if (unseenFile
        || journalState != null && journalState.contains("not readable")
        || journalState != null && journalState.startsWith("journal not queried")) {
      return Verdict.unknown(
          "no auth log file seen written recently, and "
              + (journalState == null ? "the file store could not be examined" : journalState),
          ev);
    }
    List<String> why = new ArrayList<>(problems);
    if (byRouting) {
      return Verdict.fail(
          "SSH authentication events are not stored: " + String.join("; ", why), ev);
    }
    if (problems.isEmpty()) {
      why.add("neither " + LogsFacts.AUTH_LOG + " nor " + LogsFacts.SECURE + " exists");
    }
    why.add(journalState == null ? "the journal is not persistent" : journalState);
    return Verdict.fail("SSH authentication events are not stored: " + String.join("; ", why), ev);
  }

  /**
   * BusyBox syslogd writes every message to one place: its file, judged as any store file, or
   * nowhere on disk.
   */
  private static Verdict busybox(
      BusyboxAuthStore store,
      long now,
      int days,
      int maxMode,
      List<String> owners,
      List<String> groups) {
    List<Evidence> ev = new ArrayList<>(store.evidence());
    switch (store.kind()) {
      case RULES:
        return Verdict.unknown(store.reason(), ev);
      case REMOTE_ONLY:
      case RING:
      case LEVEL:
        return Verdict.fail("SSH authentication events are not stored: " + store.reason(), ev);
      default:
        break;
    }
    String path = store.daemon().file();
    if (store.stats().denied().contains(path)) {
      ev.add(Evidence.of(path, 0, "", "cannot be examined: directory not searchable"));
      return Verdict.unknown(path + " (BusyBox syslogd's log file) could not be examined", ev);
    }
    if (store.fileAbsent()) {
      ev.add(
          Evidence.of(
              "stat " + path,
              0,
              "(does not exist)",
              "not created yet, although syslogd logs to it"));
      return Verdict.fail(
          "SSH authentication events are not stored: "
              + path
              + " does not exist, although BusyBox syslogd writes every message to it: none has"
              + " reached it, not even this scan's own login",
          ev);
    }
    if (store.fileStat().isEmpty()) {
      return Verdict.unknown(
          path
              + " (BusyBox syslogd's log file) was not examined: the collector could not stat it"
              + " from the command line",
          ev);
    }
    List<String> problems = new ArrayList<>();
    // Alpine's OpenRC script starts syslogd with "-g wheel -k 027": its file is 0640 root:wheel
    List<String> syslogdGroups = new ArrayList<>(groups);
    if (!syslogdGroups.contains("wheel")) {
      syslogdGroups.add("wheel");
    }
    boolean recent =
        judge(
            store.fileStat().get(),
            now,
            days,
            maxMode,
            owners,
            syslogdGroups,
            "syslogd",
            ev,
            problems);
    if (!recent || !problems.isEmpty()) {
      return Verdict.fail(String.join("; ", problems), ev);
    }
    return Verdict.pass(
        "authentication events are stored in a protected, recently written log file: "
            + store.what(),
        ev);
  }

  /**
   * One store file: its stat as evidence, and its problems (permissions, not written within {@code
   * days}). True when it was written recently.
   */
  private static boolean judge(
      FileStat f,
      long now,
      int days,
      int maxMode,
      List<String> owners,
      List<String> groups,
      String daemon,
      List<Evidence> ev,
      List<String> problems) {
    String path = f.path();
    long ageDays = (now - f.mtime()) / 86400;
    boolean recent = now - f.mtime() <= days * 86400L;
    boolean modeOk = f.modeWithin(maxMode);
    boolean ownerOk = owners.contains(f.owner()) && groups.contains(f.group());
    ev.add(
        Evidence.of(
            "stat " + path,
            0,
            f.describe() + ", modified " + ageDays + " day(s) before collection",
            recent ? "written recently" : "not written for " + ageDays + " days"));
    if (!modeOk || !ownerOk) {
      problems.add(
          path
              + " is "
              + String.format("%04o %s:%s", f.mode(), f.owner(), f.group())
              + " (allowed: at most "
              + String.format("%04o", maxMode)
              + ", owner "
              + String.join("/", owners)
              + ", group "
              + String.join("/", groups)
              + ")");
    }
    if (!recent) {
      problems.add(
          path + " has not been written for " + ageDays + " days (" + daemon + " stopped?)");
    }
    return recent;
  }

  /**
   * The files the running syslog daemon routes auth events to, among those the stat item covers
   * (auth.log, secure), with the routing rules as evidence; empty when no routing decides.
   */
  private static Map<String, AuthRouting.AuthFile> routedFiles(AuthRouting r, List<Evidence> ev) {
    Map<String, AuthRouting.AuthFile> out = new LinkedHashMap<>();
    if (r.kind() != AuthRouting.Kind.FILES) {
      return out;
    }
    for (AuthRouting.AuthFile f : r.files()) {
      if (f.path().equals(LogsFacts.AUTH_LOG) || f.path().equals(LogsFacts.SECURE)) {
        out.putIfAbsent(f.path(), f);
      }
    }
    for (AuthRouting.AuthFile f : out.values()) {
      ev.add(
          Evidence.of(
              f.where().file(),
              f.where().line(),
              f.where().text(),
              r.daemon() + " stores " + String.join(", ", f.priorities()) + " in " + f.path()));
    }
    return out;
  }
}
