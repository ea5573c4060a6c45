package io.auditgap.checks.matchers.forwarding;

import io.auditgap.facts.logging.Fixtures;
import io.auditgap.testing.SnapshotBuilder;

/** Debian 12 with syslog-ng running: the shipped syslog-ng.conf plus one conf.d file. */
final class SyslogNgHosts {
  private SyslogNgHosts() {}

  static SnapshotBuilder host(String confD) {
    return Hosts.bare("syslog-ng")
        .file("/etc/syslog-ng/syslog-ng.conf", Fixtures.read("debian12/syslog-ng.conf"))
        .dir("/etc/syslog-ng/conf.d", "f\tsiem.conf\n")
        .file("/etc/syslog-ng/conf.d/siem.conf", confD);
  }
}
