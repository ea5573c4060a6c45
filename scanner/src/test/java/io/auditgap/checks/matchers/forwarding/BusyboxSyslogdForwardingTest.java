package io.auditgap.checks.matchers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.Facts;
import io.auditgap.facts.logging.BusyboxSyslogd;
import io.auditgap.facts.logging.Fixtures;
import io.auditgap.testing.SnapshotBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alpine: BusyBox syslogd has no configuration file; OpenRC starts {@code /sbin/syslogd
 * $SYSLOGD_OPTS} from /etc/conf.d/syslog (fixtures/forwarding/alpine, see SOURCES.md) and {@code -R
 * HOST[:PORT]} forwards every message over UDP. Before, such a host failed logs.forwarding with "no
 * forwarding rule, journal upload or agent found".
 */
class BusyboxSyslogdForwardingTest {
  private static final String STOCK_OPTS = Fixtures.read("alpine/conf.d-syslog");

  /** A host whose only logger is BusyBox syslogd started by OpenRC with {@code opts}. */
  private static SnapshotBuilder alpine(String confd, String running) {
    return Hosts.bare()
        .cmd("processes", 0, "init\nsyslogd\nsshd\ncrond\n")
        .file("/etc/conf.d/syslog", confd)
        .cmd(
            "syslogd processes",
            0,
            "exe /bin/busybox\ncmd /sbin/syslogd " + running + " \nsbin /bin/busybox\n");
  }

  private static Verdict logs(SnapshotBuilder b) {
    return new LogsForwardingMatcher().evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  private static Verdict quality(ForwardingQualityMatcher.Quality q, SnapshotBuilder b) {
    return new ForwardingQualityMatcher(q)
        .evaluate(new CheckParams(Map.of("streams", List.of("auth"))), new Facts(b.build()));
  }

  @Test
  void stockAlpineForwardsNothing() {
    Verdict v = logs(alpine(STOCK_OPTS, "-t"));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.evidence().toString().contains("no -R receiver"), v.evidence().toString());
  }

  @Test
  void remoteTargetInConfdAndRunningForwardsOverPlainUdp() {
    String opts = STOCK_OPTS.replace("\"-t\"", "\"-t -L -R 192.0.2.10:514\"");
    SnapshotBuilder b = alpine(opts, "-t -L -R 192.0.2.10:514");
    Verdict v = logs(b);
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("busybox syslogd to 192.0.2.10"), v.reason());
    assertTrue(
        v.evidence().toString().contains("/etc/conf.d/syslog")
            && v.evidence().toString().contains("OpenRC"),
        v.evidence().toString());
    assertEquals(Status.FAIL, quality(ForwardingQualityMatcher.Quality.RELIABLE, b).status());
    assertEquals(Status.FAIL, quality(ForwardingQualityMatcher.Quality.TLS, b).status());
  }

  @Test
  void editedConfdWithoutRestartIsNotForwarding() {
    Verdict v = logs(alpine(STOCK_OPTS.replace("\"-t\"", "\"-t -R logs.example.com\""), "-t"));
    assertEquals(Status.FAIL, v.status(), v.reason());
  }

  @Test
  void loopbackReceiverIsAMiss() {
    Verdict v = logs(alpine(STOCK_OPTS, "-t -R 127.0.0.1:514"));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.evidence().toString().contains("loopback"), v.evidence().toString());
  }

  @Test
  void aSyslogdOfUnknownOriginWithRemoteIsUnknown() {
    Verdict v =
        logs(
            Hosts.bare()
                .cmd("processes", 0, "syslogd\n")
                .fileStatus("/etc/conf.d/syslog", 1)
                .cmd(
                    "syslogd processes", 0, "exe \ncmd /usr/sbin/syslogd -R 192.0.2.10 \nsbin \n"));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
  }

  @Test
  void noSyslogdProcessNeedsNoCommandLine() {
    Verdict v = logs(Hosts.bare());
    assertEquals(Status.FAIL, v.status(), v.reason());
  }

  @Test
  void optionsAsBusyboxParsesThem() {
    BusyboxSyslogd stock = BusyboxSyslogd.parse("/sbin/syslogd -t");
    assertTrue(stock.local());
    assertEquals(BusyboxSyslogd.DEFAULT_FILE, stock.file());
    assertEquals(200, stock.rotateKib());
    assertEquals(1, stock.keep());
    BusyboxSyslogd remoteOnly = BusyboxSyslogd.parse("/sbin/syslogd -t -R10.0.0.5:1514");
    assertEquals(List.of("10.0.0.5:1514"), remoteOnly.remotes());
    assertFalse(remoteOnly.local(), "-R without -L writes nothing locally");
    assertEquals("", remoteOnly.file());
    assertEquals("1514", BusyboxSyslogd.port("10.0.0.5:1514"));
    assertEquals("514", BusyboxSyslogd.port("logs.example.com"));
    assertEquals("fd00::5", BusyboxSyslogd.host("[fd00::5]:514"));
    BusyboxSyslogd ring = BusyboxSyslogd.parse("/sbin/syslogd -t -C64 -s 1024 -b 5");
    assertTrue(ring.ring());
    assertEquals("", ring.file());
    BusyboxSyslogd sized = BusyboxSyslogd.parse("/sbin/syslogd -t -s 1024 -b 5 -O /var/log/all");
    assertEquals(1024, sized.rotateKib());
    assertEquals(5, sized.keep());
    assertEquals("/var/log/all", sized.file());
  }
}
