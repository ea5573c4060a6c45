package io.auditgap.facts.retention;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import io.auditgap.facts.SnapshotFacts;
import io.auditgap.facts.logging.LogFileStats;
import io.auditgap.facts.logging.LogsFacts;
import io.auditgap.facts.system.FileStat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** logrotate, journald and on-disk log facts that retention is computed from. */
public final class RetentionFacts {
  public static final String LOGROTATE_CONF = "/etc/logrotate.conf";
  public static final String LOGROTATE_D = "/etc/logrotate.d";
  public static final String JOURNALD_CONF = "/etc/systemd/journald.conf";
  public static final String JOURNALD_CONF_USR = "/usr/lib/systemd/journald.conf";

  public static final CollectionItem LOGROTATE_MAIN = new CollectionItem.File(LOGROTATE_CONF);
  public static final CollectionItem LOGROTATE_DIR = new CollectionItem.Directory(LOGROTATE_D);
  public static final CollectionItem JOURNALD_MAIN = new CollectionItem.File(JOURNALD_CONF);
  public static final CollectionItem JOURNALD_MAIN_USR = new CollectionItem.File(JOURNALD_CONF_USR);
  public static final CollectionItem VAR_LOG_LISTING = listing("ls /var/log", "/var/log/");
  public static final CollectionItem AUDIT_LOG_LISTING =
      listing("ls /var/log/audit", "/var/log/audit/");

  /**
   * {@code ls -l} of a log directory, under the timeout. A directory of at most 200 entries lists
   * in under 900 KB (names of 255 bytes, link targets of 4 KB), below the item cap, so its listing
   * is read whole; a larger one is cut at the item cap ({@code ag_c}) while ls writes, as a capped
   * command's output is, with ls's exit status kept. The shell's glob counts the entries without a
   * process, so the cap's head and its two subshells are paid only where a directory is that large.
   */
  static CollectionItem.Command listing(String name, String dir) {
    String ls = "ls -l --time-style=+%s " + dir;
    return CollectionItem.Command.bounded(
        name,
        "set -- "
            + dir
            + "* "
            + dir
            + ".[!.]*; if [ $# -le 200 ]; then "
            + ls
            + "; return; fi; { r=$( { { "
            + ls
            + " 2>&1; echo \"$?\" >&4; } | head -c $((${ag_c:-1048576} + 1)) >&5 4>&-; } 4>&1 );"
            + " } 5>&1; return \"$r\"");
  }

  /**
   * The time of the first record of each audit log file, from its first line only, so the cost does
   * not grow with the log; one awk for every file. auditd writes {@code msg=audit(EPOCH.MS:SERIAL)}
   * in every record. Compressed rotations are named, not read.
   */
  public static final CollectionItem AUDIT_FIRST_RECORDS =
      CollectionItem.Command.quick(
          "audit log first records",
          "d=/var/log/audit; [ -d $d ] && [ -x $d ] || { echo \"cannot enter $d\"; return 13; };"
              + " set --; for p in $d/audit.log*; do [ -f \"$p\" ] || continue; f=${p##*/}; case $f"
              + " in *.gz|*.xz|*.bz2|*.zst) echo \"$f -\" ;; *) set -- \"$@\" \"$p\" ;; esac; done;"
              + " [ $# -gt 0 ] || return 0; awk 'BEGIN { for (i = 1; i < ARGC && i <= 1000; i++) {"
              + " f = ARGV[i]; t = \"-\"; if ((getline l < f) > 0 && match(l, /msg=audit\\([0-9]+[.:]/))"
              + " t = substr(l, RSTART + 10, RLENGTH - 11); close(f); sub(/.*\\//, \"\", f); print f, t"
              + " } }' \"$@\"");

  /**
   * The journal files' headers, read as {@code journalctl --header} reads them but without starting
   * journalctl (about 5 ms of the host's CPU for each start, most of it linking libsystemd-shared):
   * the files journalctl reads by default (those directly in /var/log/journal and /run/log/journal
   * and in the local machine's directory there, archived and corrupt-marked ones included), each
   * file's disk usage from {@code stat} (blocks × block size, as journalctl computes it) and its
   * first 192 bytes as 24 native-endian 64-bit words from {@code od}: the signature, the entry
   * count (word 19) and the first entry's realtime (word 23) of systemd's journal file header
   * (systemd's docs/JOURNAL_FILE_FORMAT.md). A file that cannot be read is named ({@code #denied}),
   * more than 500 files only counted; where no journal file exists nothing runs. Parsed by
   * JournalHeader.
   */
  public static final CollectionItem JOURNAL_HEADER =
      CollectionItem.Command.bounded(
          "journal header",
          "m=; IFS= read -r m 2>/dev/null </etc/machine-id; case $m in *[!0-9a-f]* | '') m=-;"
              + " esac; set --; for d in /var/log/journal /run/log/journal; do for f in"
              + " \"$d\"/*.journal \"$d\"/*.journal~ \"$d/$m\"/*.journal \"$d/$m\"/*.journal~; do"
              + " [ -f \"$f\" ] || continue; case $f in *[!A-Za-z0-9@._~/:+-]*) echo \"#odd name\";"
              + " continue;; esac; if [ -r \"$f\" ]; then set -- \"$@\" \"$f\"; else echo"
              + " \"#denied $f\"; fi; done; done; [ $# -gt 0 ] || { echo '#no journal files';"
              + " return 0; }; [ $# -le 500 ] || { echo \"#more than 500 journal files ($#)\";"
              + " return 0; }; stat -c '%b %B %n' \"$@\"; echo \"#stat=$?\"; head -q -c 192 \"$@\""
              + " | od -An -v -tx8 -w192; echo \"#od=$?\"");

  /**
   * One df for the log directories that exist (one line each, in argument order with -P); a path df
   * cannot answer for makes it fall back to one df per path.
   */
  public static final CollectionItem LOG_FILESYSTEMS =
      CollectionItem.Command.bounded(
          "df log filesystems",
          "set --; for p in /var/log/audit /var/log/journal /var/log; do [ -e \"$p\" ] && set --"
              + " \"$@\" \"$p\"; done; [ $# -gt 0 ] || return 0; if o=$(df -Pk \"$@\" 2>&1); then"
              + " printf '%s\\n' \"$o\" | { read -r h; for p; do IFS= read -r l; printf '%s %s\\n'"
              + " \"$p\" \"$l\"; done; }; else for p; do printf '%s ' \"$p\"; df -Pk \"$p\" 2>&1 |"
              + " tail -n 1; done; fi");

  public static final CollectionItem HOST_CLOCK =
      CollectionItem.Command.quick("date epoch", OsFacts.HOST_CLOCK_EPOCH);

  public static final FactKey<Observed<LogrotateConfig>> LOGROTATE =
      new FactKey<>("logrotate", Set.of(LOGROTATE_MAIN, LOGROTATE_DIR), RetentionFacts::logrotate);

  public static final FactKey<Observed<JournaldConfig>> JOURNALD =
      new FactKey<>("journald.conf", journaldItems(), RetentionFacts::journald);

  /** /var/log entries by name. */
  public static final FactKey<Observed<List<LogEntry>>> VAR_LOG =
      new FactKey<>("/var/log listing", Set.of(VAR_LOG_LISTING), s -> listing(s, "ls /var/log"));

  /** /var/log/audit entries; unseen without root (the directory is 0700/0750 root). */
  public static final FactKey<Observed<List<LogEntry>>> AUDIT_LOGS =
      new FactKey<>(
          "/var/log/audit listing",
          Set.of(AUDIT_LOG_LISTING),
          s -> listing(s, "ls /var/log/audit"));

  /** File name → epoch of its first record. */
  public static final FactKey<Observed<Map<String, Long>>> AUDIT_FIRST =
      new FactKey<>(
          "audit log first records", Set.of(AUDIT_FIRST_RECORDS), RetentionFacts::firstRecords);

  /** The host's clock (seconds since the epoch), to age mtimes consistently. */
  public static final FactKey<Observed<Long>> NOW =
      new FactKey<>("host clock", Set.of(HOST_CLOCK), RetentionFacts::now);

  /** Path → filesystem row of the log directories. */
  public static final FactKey<Observed<Map<String, Filesystem>>> FILESYSTEMS =
      new FactKey<>("log filesystems", Set.of(LOG_FILESYSTEMS), RetentionFacts::filesystems);

  /** What journald has on disk; unseen without root (other users' journals are hidden). */
  public static final FactKey<Observed<JournalState>> JOURNAL =
      new FactKey<>(
          "journal state",
          Set.of(LogsFacts.FILE_STATS, JOURNAL_HEADER, OsFacts.ID_U),
          RetentionFacts::journal);

  /** Size of a filesystem holding logs, from {@code df -Pk}. */
  public record Filesystem(
      String path, long sizeBytes, long usedBytes, long availBytes, String mount) {}

  /**
   * @param persistentDir whether /var/log/journal exists (Storage=auto then persists)
   * @param diskUsage bytes of the journal files (their allocated blocks), or empty
   * @param oldestEpoch seconds of the oldest entry, or empty
   */
  public record JournalState(
      boolean persistentDir, OptionalLong diskUsage, OptionalLong oldestEpoch, String detail) {}

  private RetentionFacts() {}

  private static Set<CollectionItem> journaldItems() {
    List<CollectionItem> items = new ArrayList<>(List.of(JOURNALD_MAIN, JOURNALD_MAIN_USR));
    for (String d : JournaldParser.DROP_IN_DIRS) {
      items.add(new CollectionItem.Directory(d));
    }
    return Set.copyOf(items);
  }

  static Observed<LogrotateConfig> logrotate(HostSnapshot s) {
    Observed<Optional<SnapshotItem>> main = SnapshotFacts.file(s, LOGROTATE_CONF);
    if (!main.isSeen()) {
      return Observed.unseen(main.reason());
    }
    if (main.value().isEmpty()) {
      return Observed.seen(new LogrotateConfig(List.of(), List.of(), List.of()));
    }
    LogrotateParser.Sources sources =
        new LogrotateParser.Sources() {
          @Override
          public Optional<String> file(String path) {
            return s.file(path).filter(SnapshotItem::isComplete).map(SnapshotItem::text);
          }

          @Override
          public Optional<List<String>> directory(String path) {
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return s.directory(p).filter(SnapshotItem::isComplete).map(d -> regularFiles(d.text()));
          }
        };
    return Observed.seen(LogrotateParser.parse(LOGROTATE_CONF, main.value().get().text(), sources));
  }

  static Observed<JournaldConfig> journald(HostSnapshot s) {
    String mainPath = null;
    String mainText = null;
    for (String p : List.of(JOURNALD_CONF, JOURNALD_CONF_USR)) {
      Observed<Optional<SnapshotItem>> f = SnapshotFacts.file(s, p);
      if (!f.isSeen()) {
        return Observed.unseen(f.reason());
      }
      if (f.value().isPresent()) {
        mainPath = p;
        mainText = f.value().get().text();
        break;
      }
    }
    List<JournaldParser.DropIn> dropIns = new ArrayList<>();
    for (String dir : JournaldParser.DROP_IN_DIRS) {
      Optional<SnapshotItem> d = s.directory(dir);
      if (d.isEmpty()) {
        return Observed.unseen(s.missingReason(dir));
      }
      if (d.get().exitStatus() == SnapshotItem.ABSENT) {
        continue;
      }
      if (!d.get().isComplete()) {
        return Observed.unseen(d.get().problem());
      }
      for (String line : d.get().text().split("\n")) {
        String[] f = line.split("\t", 2);
        if (f.length != 2 || !(f[0].equals("f") || f[0].equals("l"))) {
          continue;
        }
        Optional<SnapshotItem> file = s.file(dir + "/" + f[1]);
        if (file.isPresent() && !file.get().isComplete()) {
          return Observed.unseen(file.get().problem());
        }
        dropIns.add(new JournaldParser.DropIn(dir, f[1], file.map(SnapshotItem::text)));
      }
    }
    return Observed.seen(JournaldParser.parse(mainPath, mainText, dropIns));
  }

  static List<String> regularFiles(String listing) {
    List<String> names = new ArrayList<>();
    for (String line : listing.split("\n")) {
      String[] f = line.split("\t", 2);
      if (f.length == 2 && (f[0].equals("f") || f[0].equals("l"))) {
        names.add(f[1]);
      }
    }
    return names;
  }

  static Observed<List<LogEntry>> listing(HostSnapshot s, String name) {
    Observed<SnapshotItem> c = SnapshotFacts.command(s, name);
    if (!c.isSeen()) {
      return Observed.unseen(c.reason());
    }
    SnapshotItem it = c.value();
    if (it.exitStatus() != 0) {
      String t = it.text().strip();
      return Observed.unseen(
          name
              + ": "
              + (t.contains("Permission denied")
                  ? "permission denied (collect as root)"
                  : t.isEmpty() ? "exit " + it.exitStatus() : t.lines().findFirst().orElse(t)));
    }
    return Observed.seen(LogEntry.parseListing(it.text()));
  }

  static Observed<Map<String, Long>> firstRecords(HostSnapshot s) {
    Observed<SnapshotItem> c = SnapshotFacts.command(s, "audit log first records");
    if (!c.isSeen()) {
      return Observed.unseen(c.reason());
    }
    if (c.value().exitStatus() != 0) {
      return Observed.unseen(
          "audit log first records: /var/log/audit not readable (collect as root)");
    }
    Map<String, Long> m = new LinkedHashMap<>();
    for (String line : c.value().text().split("\n")) {
      String[] f = line.strip().split(" ");
      if (f.length == 2 && f[1].matches("\\d{1,12}")) {
        m.put(f[0], Long.parseLong(f[1]));
      }
    }
    return Observed.seen(m);
  }

  static Observed<Long> now(HostSnapshot s) {
    Observed<SnapshotItem> c = SnapshotFacts.command(s, "date epoch");
    if (c.isSeen() && c.value().text().strip().matches("\\d{9,12}")) {
      return Observed.seen(Long.parseLong(c.value().text().strip()));
    }
    return Observed.seen(s.collectedAt().getEpochSecond());
  }

  static Observed<Map<String, Filesystem>> filesystems(HostSnapshot s) {
    Observed<SnapshotItem> c = SnapshotFacts.command(s, "df log filesystems");
    if (!c.isSeen()) {
      return Observed.unseen(c.reason());
    }
    Map<String, Filesystem> m = new LinkedHashMap<>();
    for (String line : c.value().text().split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 7 && f[2].matches("\\d+") && f[3].matches("\\d+") && f[4].matches("\\d+")) {
        m.put(
            f[0],
            new Filesystem(
                f[0],
                Long.parseLong(f[2]) * 1024,
                Long.parseLong(f[3]) * 1024,
                Long.parseLong(f[4]) * 1024,
                f[f.length - 1]));
      }
    }
    return Observed.seen(m);
  }

  static Observed<JournalState> journal(HostSnapshot s) {
    // the journal directories come from the log files' one stat (no ls of their own)
    Observed<LogFileStats> stats = LogsFacts.STATS.derive().apply(s);
    if (!stats.isSeen()) {
      return Observed.unseen(stats.reason());
    }
    LogFileStats st = stats.value();
    if (!st.covers(LogsFacts.JOURNAL_DIR) || st.denied().contains(LogsFacts.JOURNAL_DIR)) {
      return Observed.unseen(
          "whether "
              + LogsFacts.JOURNAL_DIR
              + " exists could not be seen ("
              + (st.denied().contains(LogsFacts.JOURNAL_DIR)
                  ? "/var/log cannot be searched"
                  : "stat gave no line for it")
              + ")");
    }
    boolean persistent = st.file(LogsFacts.JOURNAL_DIR).map(FileStat::isDirectory).orElse(false);
    Optional<SnapshotItem> id = s.command("id -u");
    boolean root = id.isPresent() && id.get().text().strip().equals("0");
    OptionalLong usage = OptionalLong.empty();
    OptionalLong oldest = OptionalLong.empty();
    String detail = journalDirs(st);
    if (root) {
      Optional<SnapshotItem> h = s.command("journal header");
      if (h.isPresent() && h.get().isComplete()) {
        JournalHeader jh = JournalHeader.parse(h.get().text());
        usage = jh.diskUsage();
        oldest = jh.oldestEpoch();
        detail += "\njournal file headers: " + describe(jh);
      } else if (h.isPresent()) {
        String why = h.get().problem();
        detail +=
            "\njournal file headers: not used ("
                + (why != null ? why : "exit status " + h.get().exitStatus())
                + ")";
      }
    } else {
      detail += "\n(journal size and age not used: not collected as root)";
    }
    return Observed.seen(new JournalState(persistent, usage, oldest, detail));
  }

  /** {@code /var/log/journal: 2755 root:systemd-journal directory}, one line per directory. */
  private static String journalDirs(LogFileStats st) {
    List<String> lines = new ArrayList<>();
    for (String d : List.of(LogsFacts.JOURNAL_DIR, LogsFacts.RUN_JOURNAL_DIR)) {
      Optional<FileStat> f = st.file(d);
      if (f.isPresent()) {
        FileStat x = f.get();
        lines.add(d + ": " + x.octalMode() + " " + x.owner() + ":" + x.group() + " " + x.type());
      } else if (st.absent().contains(d)) {
        lines.add(d + ": absent");
      } else if (st.denied().contains(d)) {
        lines.add(d + ": cannot be searched");
      }
    }
    return String.join("\n", lines);
  }

  private static String describe(JournalHeader h) {
    if (!h.readable()) {
      return "not used (" + h.problem() + ")";
    }
    if (h.files().isEmpty()) {
      return "no journal files";
    }
    OptionalLong oldest = h.oldestEpoch();
    return h.files().size()
        + " journal file"
        + (h.files().size() == 1 ? "" : "s")
        + ", "
        + h.diskUsage().getAsLong()
        + " bytes"
        + (oldest.isPresent()
            ? ", oldest entry " + Instant.ofEpochSecond(oldest.getAsLong())
            : ", no entries");
  }
}
