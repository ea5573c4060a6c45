package io.auditgap.checks.matchers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.logging.Fixtures;
import io.auditgap.testing.SnapshotBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotAReceiverMatcherTest {
  private final NotAReceiverMatcher m = new NotAReceiverMatcher();

  private Verdict eval(SnapshotBuilder b) {
    return m.evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  @Test
  void stockRsyslogWithCommentedListenersPasses() {
    Verdict v = eval(Hosts.rsyslog(Hosts.bare("rsyslog")));
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void uncommentedImudpFailsWithFileAndLine() {
    String conf =
        Fixtures.read("rhel9/rsyslog.conf")
            .replace("#module(load=\"imudp\")", "module(load=\"imudp\")")
            .replace("#input(type=\"imudp\" port=\"514\")", "input(type=\"imudp\" port=\"514\")");
    SnapshotBuilder b =
        Hosts.bare("rsyslog").file("/etc/rsyslog.conf", conf).dir("/etc/rsyslog.d", "");
    Verdict v = eval(b);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertEquals("/etc/rsyslog.conf", v.evidence().get(0).source());
    assertEquals(32, v.evidence().get(0).line(), "the input() line listens, not the module load");
  }

  @Test
  void legacyUdpServerRunAndAuditdListenerFail() {
    SnapshotBuilder b =
        Hosts.rsyslog(Hosts.bare("rsyslog"), "10-in.conf", "$ModLoad imudp\n$UDPServerRun 514\n");
    assertEquals(Status.FAIL, eval(b).status());
    SnapshotBuilder a =
        Hosts.bare()
            .file(
                "/etc/audit/auditd.conf",
                "log_file = /var/log/audit/audit.log\ntcp_listen_port = 60\n");
    Verdict v = eval(a);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertEquals(2, v.evidence().get(0).line());
  }

  @Test
  void unreadableAuditdConfIsUnknownAndLogServerIsNotApplicable() {
    SnapshotBuilder b = Hosts.bare().fileStatus("/etc/audit/auditd.conf", SnapshotItem.DENIED);
    assertEquals(Status.UNKNOWN, eval(b).status());
    Verdict v =
        m.evaluate(new CheckParams(Map.of("log_server", true)), new Facts(Hosts.bare().build()));
    assertEquals(Status.NOT_APPLICABLE, v.status());
    assertTrue(v.reason().contains("log server"));
  }
}
