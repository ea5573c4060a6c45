package io.auditgap.checks.matchers.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.Facts;
import io.auditgap.facts.logging.LogsFacts;
import io.auditgap.testing.SnapshotBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * logs.auth-log and logs.login-records. The Debian 12 stat, journalctl and journald outputs are
 * real (fixtures/logs); the other hosts change single stat lines of that capture to the modes and
 * owners the reference gives for Ubuntu (auth.log 0640 syslog:adm) and RHEL (secure 0600 root:root,
 * btmp 0600), and to the mistakes people make.
 */
class LogsMatchersTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/logs");
  static final long NOW = 1795678167L;
  static final String HOUR_AGO = String.valueOf(NOW - 3600);
  static final String MONTH_AGO = String.valueOf(NOW - 30 * 86400);

  static String fixture(String name) {
    try {
      return Files.readString(DIR.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String debianStats() {
    return fixture("debian12-container-stats.txt");
  }

  static String replace(String stats, String path, String line) {
    StringBuilder sb = new StringBuilder();
    for (String l : stats.split("\n")) {
      sb.append(l.endsWith("|" + path) ? line : l).append('\n');
    }
    return sb.toString();
  }

  static SnapshotBuilder host(String stats) {
    return SnapshotBuilder.host("h")
        .cmd("container", 0, "none\n")
        .cmd("log file stats", 0, stats)
        .file("/etc/systemd/journald.conf", fixture("journald-cat-config-debian12.txt"))
        .fileStatus("/usr/lib/systemd/journald.conf", 1)
        .dirStatus("/etc/systemd/journald.conf.d", 1)
        .dirStatus("/run/systemd/journald.conf.d", 1)
        .dirStatus("/usr/local/lib/systemd/journald.conf.d", 1)
        .dirStatus("/usr/lib/systemd/journald.conf.d", 1)
        .cmd("journalctl sshd newest", 0, fixture("journalctl-no-journal.txt"));
  }

  static Verdict authLog(SnapshotBuilder b) {
    return new AuthLogStoredMatcher()
        .evaluate(
            new CheckParams(Map.of("recent_days", 7, "max_mode", "0640")), new Facts(b.build()));
  }

  static Verdict records(SnapshotBuilder b) {
    return new LoginRecordsMatcher().evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  @Test
  void debian12ContainerWithoutJournaldOrRsyslogStoresNothing() {
    Verdict v = authLog(host(debianStats()));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("no journal files"), v.reason());
  }

  @Test
  void debian12JournalDesignWithARecentSshdEntryPasses() {
    Verdict v =
        authLog(
            host(debianStats())
                .cmd(
                    "journalctl sshd newest",
                    0,
                    HOUR_AGO
                        + ".511523 deb12 sshd[812]: Accepted publickey for admin from 192.0.2.10"
                        + " port 50122 ssh2: ED25519 SHA256:Jx4Qm5cZ\n"));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("journal"));
  }

  @Test
  void volatileJournalDoesNotCount() {
    Verdict v =
        authLog(
            host(debianStats())
                .file("/etc/systemd/journald.conf", "[Journal]\nStorage=volatile\n")
                .cmd("journalctl sshd newest", 0, HOUR_AGO + ".1 h sshd[1]: Accepted\n"));
    assertEquals(Status.FAIL, v.status(), v.reason());
  }

  @Test
  void withoutAnyJournaldConfigurationTheStorageIsUnseen() {
    SnapshotBuilder b =
        SnapshotBuilder.host("h")
            .fileStatus("/etc/systemd/journald.conf", 1)
            .fileStatus("/usr/lib/systemd/journald.conf", 1)
            .dirStatus("/etc/systemd/journald.conf.d", 1)
            .dirStatus("/run/systemd/journald.conf.d", 1)
            .dirStatus("/usr/local/lib/systemd/journald.conf.d", 1)
            .dirStatus("/usr/lib/systemd/journald.conf.d", 1);
    var storage = new Facts(b.build()).get(LogsFacts.STORAGE);
    assertFalse(storage.isSeen());
    assertTrue(storage.reason().contains("no journald configuration"), storage.reason());
    var denied =
        new Facts(b.fileStatus("/etc/systemd/journald.conf", 13).build()).get(LogsFacts.STORAGE);
    assertFalse(denied.isSeen());
  }

  /** Debian 12 with syslog-ng-core 3.38 running its shipped syslog-ng.conf. */
  static SnapshotBuilder syslogNg(SnapshotBuilder b) {
    return b.cmd("processes", 0, "systemd\nsyslog-ng\nsshd\n")
        .fileStatus("/etc/rsyslog.conf", 1)
        .dirStatus("/etc/rsyslog.d", 1)
        .file(
            "/etc/syslog-ng/syslog-ng.conf",
            io.auditgap.facts.logging.Fixtures.read("debian12/syslog-ng.conf"))
        .dir("/etc/syslog-ng/conf.d", "");
  }

  @Test
  void syslogNgHostWithoutTheAuthFileIsNotJudgedOnTheJournal() {
    Verdict v =
        authLog(
            syslogNg(host(debianStats()))
                .cmd(
                    "journalctl sshd newest",
                    0,
                    HOUR_AGO + ".511523 deb12 sshd[812]: Accepted publickey for admin\n"));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("/var/log/auth.log does not exist"), v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(
                e ->
                    e.source().equals("/etc/syslog-ng/syslog-ng.conf")
                        && e.text().contains("destination(d_auth)")),
        v.evidence().toString());
  }

  @Test
  void syslogNgHostWithItsAuthFilePasses() {
    String s =
        replace(
            debianStats(),
            "/var/log/auth.log",
            HOUR_AGO + "|640|root|adm|regular file|48211|/var/log/auth.log");
    Verdict v = authLog(syslogNg(host(s)));
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void ubuntuAuthLogPasses() {
    String s =
        replace(
            debianStats(),
            "/var/log/auth.log",
            HOUR_AGO + "|640|syslog|adm|regular file|48211|/var/log/auth.log");
    Verdict v = authLog(host(s));
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void rhelSecurePasses() {
    String s =
        replace(
            debianStats(),
            "/var/log/secure",
            HOUR_AGO + "|600|root|root|regular file|9120|/var/log/secure");
    assertEquals(Status.PASS, authLog(host(s)).status());
  }

  @Test
  void worldReadableAuthLogFails() {
    String s =
        replace(
            debianStats(),
            "/var/log/auth.log",
            HOUR_AGO + "|644|root|root|regular file|48211|/var/log/auth.log");
    Verdict v = authLog(host(s));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("0644"), v.reason());
  }

  @Test
  void staleAuthLogAfterRsyslogWasStoppedFails() {
    String s =
        replace(
            debianStats(),
            "/var/log/auth.log",
            MONTH_AGO + "|640|root|adm|regular file|48211|/var/log/auth.log");
    Verdict v = authLog(host(s));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("30 days"), v.reason());
  }

  @Test
  void unreadableJournalAndNoFileIsUnknown() {
    Verdict v =
        authLog(
            host(debianStats())
                .cmd(
                    "journalctl sshd newest",
                    0,
                    "Hint: You are currently not seeing messages from other users and the system.\n"
                        + "-- No entries --\n"));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
  }

  @Test
  void statsNotCollectedIsUnknown() {
    assertEquals(Status.UNKNOWN, authLog(SnapshotBuilder.host("h")).status());
  }

  @Test
  void debian12LoginRecordsPass() {
    Verdict v = records(host(debianStats()));
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void rhelBtmp0600Passes() {
    String s =
        replace(
            debianStats(), "/var/log/btmp", NOW + "|600|root|utmp|regular file|0|/var/log/btmp");
    assertEquals(Status.PASS, records(host(s)).status());
  }

  @Test
  void worldWritableWtmpFails() {
    String s =
        replace(
            debianStats(), "/var/log/wtmp", NOW + "|666|root|utmp|regular file|3840|/var/log/wtmp");
    Verdict v = records(host(s));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("/var/log/wtmp is 0666"), v.reason());
  }

  @Test
  void worldReadableBtmpFailsWithTheReason() {
    String s =
        replace(
            debianStats(), "/var/log/btmp", NOW + "|664|root|utmp|regular file|0|/var/log/btmp");
    Verdict v = records(host(s));
    assertEquals(Status.FAIL, v.status());
    assertTrue(v.reason().contains("passwords"), v.reason());
  }

  @Test
  void missingBtmpFails() {
    String s = replace(debianStats(), "/var/log/btmp", "absent|/var/log/btmp");
    assertEquals(Status.FAIL, records(host(s)).status());
  }

  @Test
  void wtmpdbAndLastlog2StandIn() {
    String s = replace(debianStats(), "/var/log/wtmp", "absent|/var/log/wtmp");
    s = replace(s, "/var/log/lastlog", "absent|/var/log/lastlog");
    s =
        replace(
            s,
            "/var/lib/wtmpdb/wtmp.db",
            NOW + "|644|root|root|regular file|40960|/var/lib/wtmpdb/wtmp.db");
    s =
        replace(
            s,
            "/var/lib/lastlog/lastlog2.db",
            NOW + "|644|root|root|regular file|16384|/var/lib/lastlog/lastlog2.db");
    Verdict v = records(host(s));
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void deniedPathIsUnknown() {
    String s = replace(debianStats(), "/var/log/btmp", "denied|/var/log/btmp");
    assertEquals(Status.UNKNOWN, records(host(s)).status());
  }
}
