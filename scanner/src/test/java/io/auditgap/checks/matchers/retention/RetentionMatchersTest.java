package io.auditgap.checks.matchers.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Matcher;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.testing.JournalHeaderLines;
import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real Debian 12 / RHEL 9 configuration files (fixtures/retention, fixtures/auditd) with listings
 * in the exact shape of GNU ls -l --time-style=+%s, the journal files' stat and od lines and df -Pk
 * output.
 */
class RetentionMatchersTest {
  static final long NOW = 1767225600L; // 2026-01-01T00:00:00Z
  static final long DAY = 86400L;

  static String fx(String p) throws IOException {
    return Files.readString(Path.of("src/test/resources/fixtures").resolve(p));
  }

  /**
   * One journal file as the collector's "journal header" item reads it (JournalHeaderTest has the
   * item on real journal files): its stat line (allocated blocks of 512 bytes), then its header's
   * first 24 words as od prints them on a little-endian host, with 120 entries, the first of them
   * at {@code firstEntryEpoch}.123456.
   */
  static String journalHeader(long firstEntryEpoch, long diskBytes) {
    return (diskBytes / 512)
        + " 512 /var/log/journal/375b7b9df5d144e9b4a0f50f02619763/system.journal\n#stat=0\n"
        + JournalHeaderLines.header(120, firstEntryEpoch * 1_000_000 + 123456, false)
        + "#od=0\n";
  }

  static String ls(String... lines) {
    StringBuilder sb = new StringBuilder("total 1234\n");
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  static String entry(String owner, long size, long ageDays, String name) {
    return "-rw-r----- 1 " + owner + " adm " + size + " " + (NOW - ageDays * DAY) + " " + name;
  }

  static SnapshotBuilder base() throws IOException {
    return SnapshotBuilder.host("h")
        .cmd("container", 0, "none\n")
        .cmd("id -u", 0, "0\n")
        .cmd("date epoch", 0, NOW + "\n")
        .file("/etc/logrotate.conf", fx("retention/debian12/logrotate.conf"))
        .dir("/etc/logrotate.d", "f\tbtmp\nf\trsyslog\nf\twtmp\n")
        .file("/etc/logrotate.d/btmp", fx("retention/debian12/btmp"))
        .file("/etc/logrotate.d/rsyslog", fx("retention/debian12/rsyslog"))
        .file("/etc/logrotate.d/wtmp", fx("retention/debian12/wtmp"))
        .file("/etc/systemd/journald.conf", fx("retention/debian12/journald.conf"))
        .dirStatus("/etc/systemd/journald.conf.d", SnapshotItem.ABSENT)
        .dirStatus("/run/systemd/journald.conf.d", SnapshotItem.ABSENT)
        .dirStatus("/usr/local/lib/systemd/journald.conf.d", SnapshotItem.ABSENT)
        .dirStatus("/usr/lib/systemd/journald.conf.d", SnapshotItem.ABSENT)
        .cmd(
            "log file stats",
            0,
            NOW
                + "\nabsent|/run/log/journal\n"
                + (NOW - DAY)
                + "|2755|root|systemd-journal|directory|4096|/var/log/journal\n")
        .cmd(
            "df log filesystems",
            0,
            "/var/log/audit /dev/vda1 20971520 4194304 16777216 20% /\n"
                + "/var/log/journal /dev/vda1 20971520 4194304 16777216 20% /\n"
                + "/var/log /dev/vda1 20971520 4194304 16777216 20% /\n");
  }

  static SnapshotBuilder ubuntuLike() throws IOException {
    return base()
        .cmd(
            "ls /var/log",
            0,
            ls(
                entry("syslog", 120000, 0, "auth.log"),
                entry("syslog", 400000, 7, "auth.log.1"),
                entry("syslog", 30000, 14, "auth.log.2.gz"),
                entry("syslog", 30000, 21, "auth.log.3.gz"),
                entry("syslog", 30000, 28, "auth.log.4.gz"),
                "-rw-rw-r-- 1 root utmp 38400 " + NOW + " wtmp",
                "-rw-rw---- 1 root utmp 0 " + NOW + " btmp"));
  }

  static Verdict run(Matcher m, SnapshotBuilder b, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>(extra);
    p.putIfAbsent("profile", "baseline");
    return m.evaluate(new CheckParams(p), new Facts(b.build()));
  }

  @Test
  void stockAuthLogKeeps35DaysAndFailsTheYear() throws IOException {
    Verdict v = run(new AuthLogRetentionMatcher(), ubuntuLike(), Map.of());
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("weekly × (4+1) = 35 days < 365 days target"), v.reason());
    assertTrue(v.reason().contains("below the 90-day"), v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(
                e ->
                    e.location().equals("/etc/logrotate.d/rsyslog:8")
                        && e.note().contains("overrides /etc/logrotate.conf:9 rotate 4")),
        v.evidence().toString());
  }

  @Test
  void attestedSiemRetentionTurnsTheShortfallIntoAPass() throws IOException {
    Verdict v =
        run(new AuthLogRetentionMatcher(), ubuntuLike(), Map.of("siem_retention_days", "400"));
    assertEquals(Status.PASS, v.status());
    assertTrue(v.reason().contains("satisfied by forwarding (attested 400 days)"), v.reason());
    assertEquals(
        Status.PASS,
        run(new AuthLogRetentionMatcher(), ubuntuLike(), Map.of("retention_days", "30")).status());
  }

  @Test
  void secondBlockForAuthLogDoesNotExtendRetention() throws IOException {
    SnapshotBuilder b =
        ubuntuLike()
            .dir("/etc/logrotate.d", "f\tbtmp\nf\trsyslog\nf\twtmp\nf\tzz-auth\n")
            .file("/etc/logrotate.d/zz-auth", "/var/log/auth.log {\n  daily\n  rotate 400\n}\n");
    Verdict v = run(new AuthLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.evidence().stream().anyMatch(e -> e.note().contains("duplicate log entry")));
  }

  @Test
  void maxageCapsALongRotate() throws IOException {
    SnapshotBuilder b =
        ubuntuLike()
            .file(
                "/etc/logrotate.d/rsyslog",
                fx("retention/debian12/rsyslog").replace("rotate 4", "rotate 52\n\tmaxage 30"));
    Verdict v = run(new AuthLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("capped by maxage 30 = 30 days"), v.reason());
    Verdict ok =
        run(
            new AuthLogRetentionMatcher(),
            ubuntuLike()
                .file(
                    "/etc/logrotate.d/rsyslog",
                    fx("retention/debian12/rsyslog").replace("rotate 4", "rotate 53")),
            Map.of());
    assertEquals(Status.PASS, ok.status(), ok.reason());
  }

  @Test
  void rhelSecureInheritsWeeklyTimesFour() throws IOException {
    SnapshotBuilder b =
        base()
            .file("/etc/logrotate.conf", fx("retention/rhel9/logrotate.conf"))
            .dir("/etc/logrotate.d", "f\trsyslog\n")
            .file("/etc/logrotate.d/rsyslog", fx("retention/rhel9/rsyslog"))
            .cmd(
                "ls /var/log",
                0,
                ls(entry("root", 5000, 0, "secure"), entry("root", 9000, 7, "secure-20251225")));
    Verdict v = run(new AuthLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().startsWith("/var/log/secure: weekly × (4+1) = 35 days"), v.reason());
  }

  /** Debian 12 with rsyslog installed and running: rsyslog.conf:60 routes auth to auth.log. */
  static SnapshotBuilder debianRsyslog(String listing, String... dropins) throws IOException {
    SnapshotBuilder b =
        base()
            .cmd("processes", 0, "sshd\nrsyslogd\ncron\n")
            .file("/etc/rsyslog.conf", fx("forwarding/debian12/rsyslog.conf"))
            .cmd("ls /var/log", 0, listing);
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < dropins.length; i += 2) {
      names.append("f\t").append(dropins[i]).append('\n');
      b.file("/etc/rsyslog.d/" + dropins[i], dropins[i + 1]);
    }
    return b.dir("/etc/rsyslog.d", names.toString());
  }

  static final String NO_AUTH_LOG = ls("-rw-rw-r-- 1 root utmp 0 " + NOW + " wtmp");

  @Test
  void rsyslogRoutingDecidesTheStoreBeforeAuthLogIsCreated() throws IOException {
    Verdict v = run(new AuthLogRetentionMatcher(), debianRsyslog(NO_AUTH_LOG), Map.of());
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.reason()
            .startsWith(
                "/var/log/auth.log (rsyslog's auth store, not created yet): weekly × (4+1) = 35"
                    + " days < 365 days target"),
        v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(
                e ->
                    e.location().equals("/etc/rsyslog.conf:60")
                        && e.note().contains("auth.info")
                        && e.note().contains("authpriv.notice")
                        && e.note().endsWith("in /var/log/auth.log")),
        v.evidence().toString());
    assertTrue(
        v.evidence().stream()
            .anyMatch(e -> e.source().equals("processes") && e.text().contains("rsyslogd")),
        v.evidence().toString());
    assertTrue(
        v.evidence().stream().anyMatch(e -> e.location().equals("/etc/logrotate.d/rsyslog:8")),
        v.evidence().toString());
    // once the file exists, the same rule decides and the reason no longer says "not created yet"
    Verdict made =
        run(
            new AuthLogRetentionMatcher(),
            debianRsyslog(ls(entry("syslog", 120000, 0, "auth.log"))),
            Map.of());
    assertEquals(Status.FAIL, made.status(), made.reason());
    assertTrue(
        made.reason().startsWith("/var/log/auth.log (rsyslog's auth store): weekly"),
        made.reason());
  }

  @Test
  void rsyslogNotRunningKeepsTheListingRule() throws IOException {
    Verdict v =
        run(
            new AuthLogRetentionMatcher(),
            debianRsyslog(NO_AUTH_LOG).cmd("processes", 0, "sshd\ncron\n"),
            Map.of());
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("journal (the auth store)"), v.reason());
    assertTrue(
        v.evidence().stream().anyMatch(e -> e.text().equals("(no auth.log, no secure)")),
        v.evidence().toString());
  }

  @Test
  void aJournalWithoutFilesKeepsNothingWhateverJournaldConfSays() throws IOException {
    // journald not running (no systemd as PID 1): journalctl, as root, finds no file at all
    Verdict v =
        run(
            new AuthLogRetentionMatcher(),
            debianRsyslog(NO_AUTH_LOG)
                .cmd("processes", 0, "sshd\ncron\n")
                .cmd("journalctl sshd newest", 1, "No journal files were found.\n"),
            Map.of());
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("no authentication event is kept"), v.reason());
    assertEquals("logs.auth-log", v.rootCause());
  }

  @Test
  void stopBeforeTheAuthRuleMakesTheJournalTheStoreEvenWithAStaleAuthLog() throws IOException {
    // rsyslog.conf:45 includes rsyslog.d before line 60: the drop-in's stop swallows auth first
    SnapshotBuilder b =
        debianRsyslog(
            ls(entry("syslog", 120000, 40, "auth.log")),
            "10-journal-only.conf",
            "auth,authpriv.* stop\n");
    Verdict v = run(new AuthLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().startsWith("journal (the auth store)"), v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(e -> e.note().startsWith("no rsyslog rule stores auth/authpriv messages")),
        v.evidence().toString());
  }

  @Test
  void rainerScriptFileWithoutALogrotateBlockIsKeptUntilTheDiskFills() throws IOException {
    SnapshotBuilder b =
        debianRsyslog(
                NO_AUTH_LOG,
                "20-authtrail.conf",
                "if $syslogfacility-text == 'auth' or $syslogfacility-text == 'authpriv' then {\n"
                    + "  action(type=\"omfile\" file=\"/var/log/authtrail.log\")\n"
                    + "  stop\n"
                    + "}\n")
            .file(
                "/etc/rsyslog.conf",
                fx("forwarding/debian12/rsyslog.conf")
                    .replace("auth,authpriv.*\t\t\t/var/log/auth.log", "# moved to rsyslog.d"));
    Verdict v = run(new AuthLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(
        v.reason()
            .startsWith(
                "/var/log/authtrail.log (rsyslog's auth store, not created yet): no logrotate"
                    + " block rotates it; kept until the disk fills"),
        v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(e -> e.location().equals("/etc/rsyslog.d/20-authtrail.conf:2")),
        v.evidence().toString());
  }

  @Test
  void rhelRoutesAuthToSecureAndMessagesBothKeptFiveWeeks() throws IOException {
    SnapshotBuilder b =
        base()
            .file("/etc/logrotate.conf", fx("retention/rhel9/logrotate.conf"))
            .dir("/etc/logrotate.d", "f\trsyslog\n")
            .file("/etc/logrotate.d/rsyslog", fx("retention/rhel9/rsyslog"))
            .cmd("processes", 0, "rsyslogd\nsshd\n")
            .file("/etc/rsyslog.conf", fx("forwarding/rhel9/rsyslog.conf"))
            .dir("/etc/rsyslog.d", "")
            .cmd("ls /var/log", 0, ls(entry("root", 9000, 0, "messages")));
    Verdict v = run(new AuthLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.reason().contains("/var/log/messages (rsyslog's auth store): weekly × (4+1) = 35"),
        v.reason());
    assertTrue(
        v.reason().contains("/var/log/secure (rsyslog's auth store, not created yet): weekly"),
        v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(
                e ->
                    e.location().equals("/etc/rsyslog.conf:50")
                        && e.note()
                            .equals("stores authpriv.info, authpriv.notice in /var/log/secure")),
        v.evidence().toString());
  }

  @Test
  void unreadableRsyslogConfWithoutAnAuthFileIsUnknownNotTheJournal() throws IOException {
    SnapshotBuilder b =
        debianRsyslog(NO_AUTH_LOG).fileStatus("/etc/rsyslog.conf", SnapshotItem.DENIED);
    Verdict v = run(new AuthLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(
        v.reason()
            .startsWith(
                "where authentication events are stored is unknown: rsyslog runs, but its"
                    + " configuration could not be read completely"),
        v.reason());
    assertTrue(!v.reason().contains("journal"), v.reason());
  }

  @Test
  void debianWithoutRsyslogUsesTheJournal() throws IOException {
    SnapshotBuilder noRoot =
        base()
            .cmd("id -u", 0, "1000\n")
            .cmd("ls /var/log", 0, ls("-rw-rw-r-- 1 root utmp 0 " + NOW + " wtmp"));
    Verdict v = run(new AuthLogRetentionMatcher(), noRoot, Map.of());
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("journal"), v.reason());
    SnapshotBuilder root =
        base()
            .cmd("ls /var/log", 0, ls("-rw-rw-r-- 1 root utmp 0 " + NOW + " wtmp"))
            .cmd("journal header", 0, journalHeader(NOW - 10 * DAY, 56L << 20));
    Verdict r = run(new AuthLogRetentionMatcher(), root, Map.of());
    assertEquals(Status.PASS, r.status(), r.reason());
    assertTrue(r.reason().contains("default SystemMaxUse"), r.reason());
  }

  @Test
  void journalDropInShrinkingSystemMaxUseFails() throws IOException {
    SnapshotBuilder b =
        base()
            .dir("/etc/systemd/journald.conf.d", "f\t50-size.conf\n")
            .file("/etc/systemd/journald.conf.d/50-size.conf", "[Journal]\nSystemMaxUse=50M\n")
            .cmd("journal header", 0, journalHeader(NOW - 10 * DAY, 56L << 20));
    Verdict v = run(new JournalRetentionMatcher(), b, Map.of());
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("SystemMaxUse=50M"), v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(e -> e.location().equals("/etc/systemd/journald.conf.d/50-size.conf:2")));
  }

  @Test
  void storageAutoWithoutVarLogJournalIsVolatile() throws IOException {
    SnapshotBuilder b =
        base()
            .cmd(
                "log file stats",
                0,
                NOW
                    + "\nabsent|/var/log/journal\n"
                    + (NOW - DAY)
                    + "|2755|root|systemd-journal|directory|60|/run/log/journal\n");
    Verdict v = run(new JournalRetentionMatcher(), b, Map.of());
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("volatile"), v.reason());
    SnapshotBuilder explicit =
        base()
            .dir("/etc/systemd/journald.conf.d", "f\t99-volatile.conf\n")
            .file("/etc/systemd/journald.conf.d/99-volatile.conf", "[Journal]\nStorage=volatile\n");
    assertEquals(Status.FAIL, run(new JournalRetentionMatcher(), explicit, Map.of()).status());
  }

  @Test
  void storageAutoWithAJournalDirectoryNobodyCouldSeeIsUnknown() throws IOException {
    SnapshotBuilder b =
        base()
            .cmd("log file stats", 0, NOW + "\ndenied|/var/log/journal\nabsent|/run/log/journal\n");
    Verdict v = run(new JournalRetentionMatcher(), b, Map.of());
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("/var/log cannot be searched"), v.reason());
    SnapshotBuilder noLine = base().cmd("log file stats", 0, NOW + "\nabsent|/run/log/journal\n");
    Verdict none = run(new JournalRetentionMatcher(), noLine, Map.of());
    assertEquals(Status.UNKNOWN, none.status(), none.reason());
    assertTrue(none.reason().contains("stat gave no line for it"), none.reason());
  }

  @Test
  void maxRetentionSecBelowTargetFailsEvenWithoutARate() throws IOException {
    SnapshotBuilder b =
        base()
            .cmd("id -u", 0, "1000\n")
            .dir("/etc/systemd/journald.conf.d", "f\t60-ret.conf\n")
            .file(
                "/etc/systemd/journald.conf.d/60-ret.conf", "[Journal]\nMaxRetentionSec=1month\n");
    Verdict v = run(new JournalRetentionMatcher(), b, Map.of());
    assertEquals(Status.FAIL, v.status(), v.reason());
  }

  @Test
  void shippedAuditdRotateHoldsDaysNotMonths() throws IOException {
    SnapshotBuilder b =
        base()
            .file("/etc/audit/auditd.conf", fx("auditd/debian12-auditd-3.0.9.conf"))
            .cmd("stat audit files", 0, "640 root root regular file /etc/audit/auditd.conf\n")
            .cmd(
                "ls /var/log/audit",
                0,
                ls(
                    entry("root", 2000000, 0, "audit.log"),
                    entry("root", 8388608, 1, "audit.log.1"),
                    entry("root", 8388608, 2, "audit.log.2")))
            .cmd(
                "audit log first records",
                0,
                "audit.log "
                    + (NOW - DAY / 2)
                    + "\naudit.log.1 "
                    + (NOW - 2 * DAY)
                    + "\naudit.log.2 "
                    + (NOW - 3 * DAY)
                    + "\n");
    Verdict v = run(new AuditLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("5 × 8 MB = 40 MB"), v.reason());
    Verdict stig = run(new AuditLogRetentionMatcher(), b, Map.of("retention_days", "5"));
    assertEquals(Status.PASS, stig.status(), stig.reason());
  }

  @Test
  void auditCapacityIsReportedEvenWithoutRoot() throws IOException {
    SnapshotBuilder b =
        base()
            .cmd("id -u", 0, "1000\n")
            .fileStatus("/etc/audit/auditd.conf", SnapshotItem.ABSENT)
            .cmd(
                "stat audit files",
                0,
                "stat: cannot statx '/etc/audit/auditd.conf': Permission denied\n");
    Verdict v = run(new AuditLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    SnapshotBuilder confOnly =
        base()
            .file("/etc/audit/auditd.conf", fx("auditd/debian12-auditd-3.0.9.conf"))
            .cmd(
                "ls /var/log/audit",
                2,
                "ls: cannot open directory '/var/log/audit/': Permission denied\n")
            .cmd("audit log first records", 13, "");
    Verdict c = run(new AuditLogRetentionMatcher(), confOnly, Map.of());
    assertEquals(Status.UNKNOWN, c.status());
    assertTrue(c.reason().contains("capacity 5 × 8 MB = 40 MB"), c.reason());
  }

  @Test
  void keepLogsIsDiskLimited() throws IOException {
    SnapshotBuilder b =
        base()
            .file("/etc/audit/auditd.conf", fx("auditd/cis-keep-logs-halt.conf"))
            .cmd(
                "ls /var/log/audit",
                0,
                ls(
                    entry("root", 8388608, 0, "audit.log"),
                    entry("root", 8388608, 10, "audit.log.1")))
            .cmd("audit log first records", 0, "audit.log.1 " + (NOW - 20 * DAY) + "\n");
    Verdict v = run(new AuditLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("disk-limited"), v.reason());
  }

  @Test
  void loginRecordsKeepAboutSixtyDays() throws IOException {
    Verdict v = run(new LoginRecordsRetentionMatcher(), ubuntuLike(), Map.of());
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("monthly × (1+1) = 60 days"), v.reason());
    assertEquals(
        Status.PASS,
        run(new LoginRecordsRetentionMatcher(), ubuntuLike(), Map.of("retention_days", "60"))
            .status());
  }

  @Test
  void aListingCutAtTheItemCapIsUnknown() throws IOException {
    // the part that arrived would pass: the rotated files past the cut were not seen
    String part = ls(entry("root", 9000, 0, "messages"));
    SnapshotBuilder b =
        base()
            .put(
                new io.auditgap.collect.SnapshotItem(
                    "cmd", "ls /var/log", 128 + 13, part, part.length(), true));
    Verdict v = run(new AuthLogRetentionMatcher(), b, Map.of());
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("ls /var/log: output truncated"), v.reason());
  }

  @Test
  void unreadableListingIsUnknown() throws IOException {
    SnapshotBuilder b =
        base().cmd("ls /var/log", 2, "ls: cannot open directory '/var/log/': Permission denied\n");
    assertEquals(Status.UNKNOWN, run(new AuthLogRetentionMatcher(), b, Map.of()).status());
    assertEquals(Status.UNKNOWN, run(new LoginRecordsRetentionMatcher(), b, Map.of()).status());
  }
}
