package io.auditgap.checks.matchers.forwarding;

import io.auditgap.facts.logging.Fixtures;
import io.auditgap.testing.SnapshotBuilder;
import java.util.Arrays;
import java.util.List;

/** Snapshot building blocks shaped like the collector's output for the forwarding items. */
final class Hosts {
  static final List<String> UNITS =
      List.of(
          "rsyslog",
          "syslog-ng",
          "systemd-journal-upload",
          "systemd-journal-remote",
          "wazuh-agent",
          "SplunkForwarder",
          "splunk",
          "fluent-bit",
          "td-agent-bit",
          "vector",
          "filebeat",
          "auditbeat",
          "elastic-agent");

  private Hosts() {}

  /** {@code systemctl show} output for every unit asked about; {@code running} are active. */
  static String systemctl(String... running) {
    List<String> on = Arrays.asList(running);
    StringBuilder sb = new StringBuilder();
    for (String u : UNITS) {
      boolean r = on.contains(u);
      boolean installed = r || on.contains(u + ":stopped");
      sb.append("Id=")
          .append(u)
          .append(".service\n")
          .append("LoadState=")
          .append(installed ? "loaded" : "not-found")
          .append('\n')
          .append("ActiveState=")
          .append(r ? "active" : "inactive")
          .append('\n')
          .append("SubState=")
          .append(r ? "running" : "dead")
          .append('\n')
          .append("UnitFileState=")
          .append(installed ? (r ? "enabled" : "disabled") : "")
          .append("\n\n");
    }
    sb.append(
        "Id=systemd-journal-remote.socket\nLoadState=not-found\nActiveState=inactive\n"
            + "SubState=dead\nUnitFileState=\n");
    return sb.toString();
  }

  /** A host with nothing forwarding-related installed (Debian 12 netinst: journald only). */
  static SnapshotBuilder bare(String... running) {
    SnapshotBuilder b =
        SnapshotBuilder.host("h")
            .cmd("container", 0, "none\n")
            .cmd("processes", 0, "systemd\nsshd\n")
            .cmd("systemctl show logging services", 0, systemctl(running))
            .fileStatus("/etc/rsyslog.conf", 1)
            .dirStatus("/etc/rsyslog.d", 1)
            .fileStatus("/etc/syslog-ng/syslog-ng.conf", 1)
            .dirStatus("/etc/syslog-ng/conf.d", 1)
            .file("/etc/systemd/journal-upload.conf", Fixtures.read("debian12/journal-upload.conf"))
            .dirStatus("/etc/systemd/journal-upload.conf.d", 1)
            .dirStatus("/run/systemd/journal-upload.conf.d", 1)
            .dirStatus("/usr/lib/systemd/journal-upload.conf.d", 1)
            .dirStatus("/usr/local/lib/systemd/journal-upload.conf.d", 1)
            .cmd("elastic-agent fleet", 0, "")
            .fileStatus("/etc/audit/auditd.conf", 1)
            .dirStatus("/etc/audit/plugins.d", 1)
            .dirStatus("/etc/audisp/plugins.d", 1)
            .fileStatus("/etc/audit/audisp-remote.conf", 1)
            .fileStatus("/etc/audisp/audisp-remote.conf", 1)
            .cmd("packages", 0, "#dpkg\n");
    for (String f :
        List.of(
            "/var/ossec/etc/ossec.conf",
            "/opt/splunkforwarder/etc/system/local/inputs.conf",
            "/opt/splunkforwarder/etc/system/local/outputs.conf",
            "/etc/filebeat/filebeat.yml",
            "/etc/auditbeat/auditbeat.yml",
            "/etc/fluent-bit/fluent-bit.conf",
            "/etc/td-agent-bit/td-agent-bit.conf",
            "/etc/vector/vector.yaml",
            "/etc/vector/vector.toml",
            "/opt/Elastic/Agent/elastic-agent.yml")) {
      b.fileStatus(f, 1);
    }
    b.dirStatus("/etc/filebeat/modules.d", 1);
    return b;
  }

  /** Debian 12 with rsyslog installed: the shipped rsyslog.conf plus the given drop-ins. */
  static SnapshotBuilder rsyslog(SnapshotBuilder b, String... dropins) {
    b.file("/etc/rsyslog.conf", Fixtures.read("debian12/rsyslog.conf"));
    StringBuilder listing = new StringBuilder();
    for (int i = 0; i < dropins.length; i += 2) {
      listing.append("f\t").append(dropins[i]).append('\n');
      b.file("/etc/rsyslog.d/" + dropins[i], dropins[i + 1]);
    }
    return b.dir("/etc/rsyslog.d", listing.toString());
  }

  /** audit 3.0.9 installed and running, with the given plugin files in /etc/audit/plugins.d. */
  static SnapshotBuilder auditd(SnapshotBuilder b, String remoteConf, String... plugins) {
    b.cmd("packages", 0, "audispd-plugins\t1:3.0.9-1\tii \nauditd\t1:3.0.9-1\tii \n#dpkg\n")
        .cmd(
            "systemctl show auditd",
            0,
            "Id=auditd.service\nLoadState=loaded\nActiveState=active\nSubState=running\n"
                + "UnitFileState=enabled\n");
    StringBuilder listing = new StringBuilder("f\taf_unix.conf\n");
    b.file(
        "/etc/audit/plugins.d/af_unix.conf",
        "active = no\ndirection = out\npath = builtin_af_unix\n");
    for (int i = 0; i < plugins.length; i += 2) {
      listing.append("f\t").append(plugins[i]).append('\n');
      b.file("/etc/audit/plugins.d/" + plugins[i], plugins[i + 1]);
    }
    b.dir("/etc/audit/plugins.d", listing.toString());
    if (remoteConf != null) {
      b.file("/etc/audit/audisp-remote.conf", remoteConf);
    }
    return b;
  }
}
