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
import org.junit.jupiter.api.Test;

class AuditForwardingMatcherTest {
  private static final String AU_REMOTE = Fixtures.read("debian12/au-remote.conf");
  private static final String REMOTE_CONF = Fixtures.read("debian12/audisp-remote.conf");
  private static final String SYSLOG = Fixtures.read("debian12/syslog.conf");

  private final AuditForwardingMatcher m = new AuditForwardingMatcher();

  private Verdict eval(SnapshotBuilder b) {
    return m.evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  private static String activate(String plugin) {
    return plugin.replace("active = no", "active = yes");
  }

  @Test
  void shippedAuRemoteIsInactive() {
    Verdict v = eval(Hosts.auditd(Hosts.bare(), REMOTE_CONF, "au-remote.conf", AU_REMOTE));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(
                e -> e.source().equals("/etc/audit/plugins.d/au-remote.conf") && e.line() == 6),
        v.evidence().toString());
  }

  @Test
  void activeButEmptyRemoteServerFails() {
    Verdict v =
        eval(Hosts.auditd(Hosts.bare(), REMOTE_CONF, "au-remote.conf", activate(AU_REMOTE)));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(e -> e.note().contains("remote_server is empty") && e.line() == 6),
        v.evidence().toString());
  }

  @Test
  void activeWithServerPasses() {
    String conf = REMOTE_CONF.replace("remote_server = ", "remote_server = audit.example.com");
    Verdict v = eval(Hosts.auditd(Hosts.bare(), conf, "au-remote.conf", activate(AU_REMOTE)));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("audisp-remote to audit.example.com"), v.reason());
  }

  @Test
  void auditdStoppedMeansNothingIsDispatched() {
    String conf = REMOTE_CONF.replace("remote_server = ", "remote_server = audit.example.com");
    SnapshotBuilder b =
        Hosts.auditd(Hosts.bare(), conf, "au-remote.conf", activate(AU_REMOTE))
            .cmd(
                "systemctl show auditd",
                0,
                "Id=auditd.service\nLoadState=loaded\nActiveState=inactive\nSubState=dead\n"
                    + "UnitFileState=enabled\n");
    assertEquals(Status.FAIL, eval(b).status());
  }

  @Test
  void unreadablePluginDirectoryIsUnknown() {
    SnapshotBuilder b =
        Hosts.bare()
            .cmd("packages", 0, "auditd\t1:3.0.9-1\tii \n#dpkg\n")
            .dirStatus("/etc/audit/plugins.d", SnapshotItem.DENIED)
            .fileStatus("/etc/audit/auditd.conf", SnapshotItem.DENIED);
    Verdict v = eval(b);
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("without root"), v.reason());
  }

  @Test
  void syslogPluginDefaultFacilityIsNotCarriedByAnAuthOnlyRule() {
    SnapshotBuilder b =
        Hosts.auditd(
            Hosts.rsyslog(
                Hosts.bare("rsyslog"), "90-siem.conf", "auth,authpriv.* @@siem.example.com\n"),
            null,
            "syslog.conf",
            activate(SYSLOG));
    Verdict v = eval(b);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.evidence().stream().anyMatch(e -> e.note().contains("user.info")),
        v.evidence().toString());
  }

  @Test
  void syslogPluginWithLocal6AndAForwardedLocal6Passes() {
    SnapshotBuilder b =
        Hosts.auditd(
            Hosts.rsyslog(
                Hosts.bare("rsyslog"),
                "90-siem.conf",
                "auth,authpriv.*;local6.* @@siem.example.com\n"),
            null,
            "syslog.conf",
            activate(SYSLOG).replace("args = LOG_INFO", "args = LOG_INFO LOG_LOCAL6"));
    Verdict v = eval(b);
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("audisp-syslog via rsyslog"), v.reason());
  }

  @Test
  void leftoverAudit2PluginIsIgnoredByAudit3() {
    String conf = REMOTE_CONF.replace("remote_server = ", "remote_server = audit.example.com");
    SnapshotBuilder b =
        Hosts.auditd(Hosts.bare(), null, "au-remote.conf", AU_REMOTE)
            .dir("/etc/audisp/plugins.d", "f\tau-remote.conf\n")
            .file("/etc/audisp/plugins.d/au-remote.conf", activate(AU_REMOTE))
            .file("/etc/audisp/audisp-remote.conf", conf);
    Verdict v = eval(b);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.evidence().stream().anyMatch(e -> e.note().contains("does not read it")),
        v.evidence().toString());
  }

  @Test
  void agentShippingAuditLogPassesEvenWithoutRoot() {
    SnapshotBuilder b =
        Hosts.bare("SplunkForwarder")
            .dirStatus("/etc/audit/plugins.d", SnapshotItem.DENIED)
            .file(
                "/opt/splunkforwarder/etc/system/local/inputs.conf",
                "[monitor:///var/log/audit/audit.log]\nsourcetype = linux_audit\n")
            .file(
                "/opt/splunkforwarder/etc/system/local/outputs.conf",
                "[tcpout:idx]\nserver = idx.example.com:9997\n");
    Verdict v = eval(b);
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void containerIsNotApplicable() {
    Verdict v = eval(Hosts.bare().cmd("container", 0, "docker\n"));
    assertEquals(Status.NOT_APPLICABLE, v.status());
  }
}
