package io.auditgap.checks.matchers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.logging.Fixtures;
import io.auditgap.testing.SnapshotBuilder;
import org.junit.jupiter.api.Test;

class LogsForwardingMatcherTest {
  private final LogsForwardingMatcher m = new LogsForwardingMatcher();

  private Verdict eval(SnapshotBuilder b) {
    return m.evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  private static boolean cites(Verdict v, String file, int line) {
    for (Evidence e : v.evidence()) {
      if (e.source().equals(file) && e.line() == line) {
        return true;
      }
    }
    return false;
  }

  @Test
  void debianJournaldOnlyHostFails() {
    Verdict v = eval(Hosts.bare());
    assertEquals(Status.FAIL, v.status(), v.reason());
  }

  @Test
  void udpForwardOfEverythingPassesWithFileAndLine() {
    Verdict v =
        eval(
            Hosts.rsyslog(
                Hosts.bare("rsyslog"), "90-remote.conf", "# SIEM\n*.* @siem.example.com\n"));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(cites(v, "/etc/rsyslog.d/90-remote.conf", 2), v.evidence().toString());
    assertTrue(v.reason().contains("rsyslog to siem.example.com"), v.reason());
  }

  @Test
  void forwardingRuleWithRsyslogStoppedFails() {
    Verdict v =
        eval(
            Hosts.rsyslog(
                Hosts.bare("rsyslog:stopped"), "90-remote.conf", "*.* @@siem.example.com\n"));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.evidence().stream().anyMatch(e -> e.note().contains("rsyslog is not running")),
        v.evidence().toString());
  }

  @Test
  void selectorExcludingAuthFails() {
    Verdict v =
        eval(
            Hosts.rsyslog(
                Hosts.bare("rsyslog"),
                "90-siem.conf",
                "*.*;auth,authpriv.none @@siem.example.com\n"));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(cites(v, "/etc/rsyslog.d/90-siem.conf", 1));
    assertTrue(
        v.evidence().stream().anyMatch(e -> e.note().contains("does not select")),
        v.evidence().toString());
  }

  @Test
  void forwardingAfterStopFailsAndNamesTheStop() {
    Verdict v =
        eval(
            Hosts.rsyslog(
                Hosts.bare("rsyslog"),
                "10-auth.conf",
                "auth,authpriv.* /var/log/auth.log\n& stop\n",
                "90-siem.conf",
                "*.* @@siem.example.com:514\n"));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(
                e -> e.note().contains("discarded earlier") && e.note().contains("10-auth.conf:2")),
        v.evidence().toString());
  }

  @Test
  void loopbackTargetDoesNotCount() {
    Verdict v = eval(Hosts.rsyslog(Hosts.bare("rsyslog"), "90-x.conf", "*.* @@127.0.0.1:10514\n"));
    assertEquals(Status.FAIL, v.status(), v.reason());
  }

  @Test
  void unreadableDropInDirectoryIsUnknownNotFail() {
    SnapshotBuilder b =
        Hosts.bare("rsyslog").file("/etc/rsyslog.conf", Fixtures.read("debian12/rsyslog.conf"));
    b.dirStatus("/etc/rsyslog.d", SnapshotItem.DENIED);
    Verdict v = eval(b);
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("/etc/rsyslog.d"), v.reason());
  }

  @Test
  void syslogNgDestinationWithoutLogPathFailsAndWithPathPasses() {
    String dest =
        "destination d_siem { network(\"siem.example.com\" transport(\"tcp\") port(514)); };\n";
    SnapshotBuilder unused =
        Hosts.bare("syslog-ng")
            .file("/etc/syslog-ng/syslog-ng.conf", Fixtures.read("debian12/syslog-ng.conf"))
            .dir("/etc/syslog-ng/conf.d", "f\tsiem.conf\n")
            .file("/etc/syslog-ng/conf.d/siem.conf", dest);
    Verdict v = eval(unused);
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(
        v.evidence().stream().anyMatch(e -> e.note().contains("no log { } path uses it")),
        v.evidence().toString());
    SnapshotBuilder used =
        Hosts.bare("syslog-ng")
            .file("/etc/syslog-ng/syslog-ng.conf", Fixtures.read("debian12/syslog-ng.conf"))
            .dir("/etc/syslog-ng/conf.d", "f\tsiem.conf\n")
            .file(
                "/etc/syslog-ng/conf.d/siem.conf",
                dest + "log { source(s_src); filter(f_auth); destination(d_siem); };\n");
    v = eval(used);
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(cites(v, "/etc/syslog-ng/conf.d/siem.conf", 2), v.evidence().toString());
  }

  @Test
  void journalUploadNeedsUrlAndRunningService() {
    Verdict v = eval(Hosts.bare("systemd-journal-upload"));
    assertEquals(Status.FAIL, v.status(), "shipped journal-upload.conf has URL commented out");
    SnapshotBuilder b =
        Hosts.bare("systemd-journal-upload")
            .dir("/etc/systemd/journal-upload.conf.d", "f\t60-upload.conf\n")
            .file(
                "/etc/systemd/journal-upload.conf.d/60-upload.conf",
                "[Upload]\nURL=https://journal.example.com:19532\n");
    v = eval(b);
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(cites(v, "/etc/systemd/journal-upload.conf.d/60-upload.conf", 2));
  }

  @Test
  void wazuhAgentRunningWithManagerPassesAndUnreadableConfigIsUnknown() {
    String conf =
        Fixtures.read("wazuh/ossec-agent.conf")
            .replace("<address>IP</address>", "<address>wazuh.example.com</address>");
    Verdict v = eval(Hosts.bare("wazuh-agent").file("/var/ossec/etc/ossec.conf", conf));
    assertEquals(Status.PASS, v.status(), v.reason());
    v =
        eval(
            Hosts.bare("wazuh-agent").fileStatus("/var/ossec/etc/ossec.conf", SnapshotItem.DENIED));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    v = eval(Hosts.bare().file("/var/ossec/etc/ossec.conf", conf));
    assertEquals(Status.FAIL, v.status(), "configured but the agent is not running");
  }

  @Test
  void unknownServiceStateIsUnknownNotPass() {
    SnapshotBuilder b =
        Hosts.rsyslog(Hosts.bare(), "90-remote.conf", "*.* @@siem.example.com\n")
            .cmd("systemctl show logging services", 127, "sh: systemctl: not found\n")
            .cmd("processes", 124, "");
    Verdict v = eval(b);
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
  }

  @Test
  void withoutSystemdTheProcessListDecides() {
    SnapshotBuilder b =
        Hosts.rsyslog(Hosts.bare(), "90-remote.conf", "auth,authpriv.* @@siem.example.com\n")
            .cmd("systemctl show logging services", 1, "System has not been booted with systemd\n")
            .cmd("processes", 0, "init\nrsyslogd\nsshd\n");
    assertEquals(Status.PASS, eval(b).status());
  }
}
