package io.auditgap.checks.matchers.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.retention.AuthLogRetentionMatcher;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.logging.Fixtures;
import io.auditgap.testing.SnapshotBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * logs.auth-log and retention.auth-log on Alpine, where BusyBox syslogd is the syslog daemon and
 * its command line (OpenRC's SYSLOGD_OPTS in /etc/conf.d/syslog, the stock one from
 * fixtures/forwarding/alpine, see SOURCES.md there) is its only configuration. Option semantics as
 * in BusyBox 1.36 sysklogd/syslogd.c. Alpine's OpenRC script starts it with {@code -g wheel -k
 * 027}, so its file is 0640 root:wheel. Before, these hosts were judged on /var/log/auth.log and
 * /var/log/secure, which BusyBox never writes: logs.auth-log failed even with a working
 * /var/log/messages, and passed nothing it should not only by luck.
 */
class BusyboxAuthStoreTest {
  private static final long NOW = 1795678167L;
  private static final String STOCK_OPTS = Fixtures.read("alpine/conf.d-syslog");
  private static final String MESSAGES_STAT =
      (NOW - 60) + "|640|root|wheel|regular file|48211|/var/log/messages";

  /** Alpine 3.x: no systemd, no rsyslog, BusyBox syslogd started by OpenRC with {@code opts}. */
  private static SnapshotBuilder alpine(String opts, String store) {
    String confd = STOCK_OPTS.replace("\"-t\"", "\"" + opts + "\"");
    return SnapshotBuilder.host("h")
        .cmd("container", 0, "none\n")
        .cmd("id -u", 0, "0\n")
        .cmd("date epoch", 0, NOW + "\n")
        .cmd("processes", 0, "init\nsyslogd\nsshd\ncrond\n")
        .cmd("systemctl show logging services", 127, "")
        .fileStatus("/etc/rsyslog.conf", SnapshotItem.ABSENT)
        .dirStatus("/etc/rsyslog.d", SnapshotItem.ABSENT)
        .fileStatus("/etc/syslog-ng/syslog-ng.conf", SnapshotItem.ABSENT)
        .dirStatus("/etc/syslog-ng/conf.d", SnapshotItem.ABSENT)
        .file("/etc/conf.d/syslog", confd)
        .fileStatus("/etc/syslog.conf", SnapshotItem.ABSENT)
        .cmd(
            "syslogd processes",
            0,
            "exe /bin/busybox\ncmd /sbin/syslogd "
                + opts
                + " \nsbin /bin/busybox\nstore "
                + store
                + "\n")
        .cmd(
            "log file stats",
            0,
            NOW
                + "\nabsent|/var/log/auth.log\nabsent|/var/log/secure\n"
                + (NOW - 3600)
                + "|664|root|utmp|regular file|2304|/var/log/wtmp\n")
        .fileStatus("/etc/logrotate.conf", SnapshotItem.ABSENT)
        .dirStatus("/etc/logrotate.d", SnapshotItem.ABSENT)
        .cmd(
            "ls /var/log",
            0,
            "total 60\n-rw-r----- 1 root wheel 48211 "
                + (NOW - 60)
                + " messages\n-rw-r----- 1 root wheel 204812 "
                + (NOW - 9 * 86400)
                + " messages.0\n");
  }

  private static Verdict stored(SnapshotBuilder b) {
    return new AuthLogStoredMatcher()
        .evaluate(
            new CheckParams(Map.of("recent_days", 7, "max_mode", "0640")), new Facts(b.build()));
  }

  private static Verdict retention(SnapshotBuilder b) {
    return new AuthLogRetentionMatcher()
        .evaluate(new CheckParams(Map.of("retention_days", 365)), new Facts(b.build()));
  }

  @Test
  void stockAlpineStoresEveryMessageInVarLogMessages() {
    SnapshotBuilder b = alpine("-t", MESSAGES_STAT);
    Verdict v = stored(b);
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("/var/log/messages (BusyBox syslogd"), v.reason());
    assertTrue(
        v.evidence().toString().contains("/etc/conf.d/syslog")
            && v.evidence().toString().contains("OpenRC starts syslogd with these options"),
        v.evidence().toString());
    Verdict r = retention(b);
    assertEquals(Status.UNKNOWN, r.status(), r.reason());
    assertTrue(
        r.reason().contains("size-based rotation (-s 200 KiB, -b 1): days depend on the log rate"),
        r.reason());
  }

  @Test
  void worldReadableMessagesFails() {
    Verdict v = stored(alpine("-t", MESSAGES_STAT.replace("|640|", "|644|")));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("/var/log/messages is 0644 root:wheel"), v.reason());
  }

  @Test
  void missingFileFails() {
    Verdict v = stored(alpine("-t", "absent|/var/log/messages"));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("/var/log/messages does not exist"), v.reason());
  }

  @Test
  void remoteOnlyStoresNothingLocally() {
    SnapshotBuilder b = alpine("-t -R 192.0.2.10:514", MESSAGES_STAT);
    Verdict v = stored(b);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("stores none on the host (no -L)"), v.reason());
    Verdict r = retention(b);
    assertEquals(Status.FAIL, r.status(), r.reason());
    assertEquals("logs.auth-log", r.rootCause());
  }

  @Test
  void remoteWithLocalCopyStoresInTheFile() {
    SnapshotBuilder b = alpine("-t -R 192.0.2.10:514 -L", MESSAGES_STAT);
    assertEquals(Status.PASS, stored(b).status(), stored(b).reason());
    assertEquals(Status.UNKNOWN, retention(b).status(), retention(b).reason());
  }

  @Test
  void memoryRingKeepsNothingOnDisk() {
    SnapshotBuilder b = alpine("-t -C128", MESSAGES_STAT);
    Verdict v = stored(b);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("shared-memory ring buffer"), v.reason());
    Verdict r = retention(b);
    assertEquals(Status.FAIL, r.status(), r.reason());
    assertEquals("logs.auth-log", r.rootCause());
  }

  @Test
  void otherFileIsTheStore() {
    String stat = (NOW - 30) + "|600|root|root|regular file|9120|/var/log/auth-all";
    SnapshotBuilder b =
        alpine("-t -O /var/log/auth-all -s 1024 -b 9", stat)
            .cmd(
                "ls /var/log",
                0,
                "total 12\n-rw------- 1 root root 9120 " + (NOW - 30) + " auth-all\n");
    Verdict v = stored(b);
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("/var/log/auth-all"), v.reason());
    Verdict r = retention(b);
    assertEquals(Status.UNKNOWN, r.status(), r.reason());
    assertTrue(r.reason().contains("-s 1024 KiB, -b 9"), r.reason());
    assertTrue(r.reason().startsWith("/var/log/auth-all (BusyBox syslogd's store"), r.reason());
    assertTrue(!r.reason().contains("not created yet"), r.reason());
  }

  @Test
  void otherFileNotWrittenForWeeksFails() {
    String stat = (NOW - 20 * 86400) + "|640|root|wheel|regular file|9120|/var/log/auth-all";
    Verdict v = stored(alpine("-t -O/var/log/auth-all", stat));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("has not been written for 20 days"), v.reason());
  }

  @Test
  void levelBelowInfoDropsLogins() {
    Verdict v = stored(alpine("-t -l 5", MESSAGES_STAT));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("auth.info"), v.reason());
    assertEquals(Status.PASS, stored(alpine("-t -l 7", MESSAGES_STAT)).status());
  }

  @Test
  void syslogConfWithRulesIsUnknown() {
    SnapshotBuilder b =
        alpine("-t", MESSAGES_STAT)
            .file("/etc/syslog.conf", "# local rules\nauth,authpriv.* /var/log/auth.log\n");
    Verdict v = stored(b);
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("FEATURE_SYSLOGD_CFG"), v.reason());
    assertEquals(Status.UNKNOWN, retention(b).status(), retention(b).reason());
  }

  /** logrotate installed (apk add logrotate) with a block for the BusyBox file. */
  private static SnapshotBuilder withLogrotate(SnapshotBuilder b) {
    return b.file("/etc/logrotate.conf", "weekly\nrotate 4\ninclude /etc/logrotate.d\n")
        .dir("/etc/logrotate.d", "f\tsyslog\n")
        .file(
            "/etc/logrotate.d/syslog",
            "/var/log/messages {\n  weekly\n  rotate 53\n  missingok\n}\n");
  }

  @Test
  void ownRotationOffLetsTheLogrotateBlockDecide() {
    Verdict r = retention(withLogrotate(alpine("-t -s 0", MESSAGES_STAT)));
    assertEquals(Status.PASS, r.status(), r.reason());
    assertTrue(r.reason().startsWith("/var/log/messages (BusyBox syslogd"), r.reason());
    assertTrue(r.reason().contains("weekly"), r.reason());
  }

  @Test
  void ownRotationStillOnLimitsWhatLogrotateWouldKeep() {
    Verdict r = retention(withLogrotate(alpine("-t", MESSAGES_STAT)));
    assertEquals(Status.UNKNOWN, r.status(), r.reason());
    assertTrue(r.reason().contains("also rotates it at 200 KiB keeping 1"), r.reason());
  }

  @Test
  void ownRotationOffAndNoLogrotateKeepsEverything() {
    Verdict r = retention(alpine("-t -s 0", MESSAGES_STAT));
    assertEquals(Status.PASS, r.status(), r.reason());
    assertTrue(r.reason().contains("never rotates it"), r.reason());
  }

  @Test
  void editedConfdWithoutRestartIsJudgedOnTheRunningOptions() {
    SnapshotBuilder b = alpine("-t", MESSAGES_STAT);
    b.file("/etc/conf.d/syslog", STOCK_OPTS.replace("\"-t\"", "\"-t -R 192.0.2.10\""));
    Verdict v = stored(b);
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.evidence().toString().contains("the next start uses these options"));
  }
}
