package io.auditgap.hostile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.HostSnapshot;
import io.auditgap.facts.Observed;
import io.auditgap.facts.logging.RsyslogConfig;
import io.auditgap.facts.logging.RsyslogParser;
import io.auditgap.facts.logging.SyslogIncludes;
import io.auditgap.facts.logging.SyslogNgConfig;
import io.auditgap.facts.logging.SyslogNgParser;
import io.auditgap.facts.pam.PamConfigSource;
import io.auditgap.facts.pam.PamStack;
import io.auditgap.facts.pam.PamStackResolver;
import io.auditgap.facts.retention.LogrotateConfig;
import io.auditgap.facts.retention.LogrotateParser;
import io.auditgap.testing.SnapshotBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Include loops in the configurations a host returns end with a problem, never a hang. */
class IncludeLoopTest {
  @Test
  void pamFilesIncludingEachOtherRepeatedlyStopWithAReason() {
    HostSnapshot s =
        SnapshotBuilder.host("h")
            .dir("/etc/pam.d", "f\tsshd\nf\tcommon-session\n")
            .file("/etc/pam.d/sshd", "@include common-session\n@include common-session\n")
            .file(
                "/etc/pam.d/common-session",
                "@include sshd\n@include sshd\nsession optional pam_tty_audit.so\n")
            .build();
    Observed<PamStack> st = new PamStackResolver(new PamConfigSource(s)).resolve("sshd", "session");
    assertFalse(st.isSeen(), "an exponential stack is not evaluated");
    String reason = ((Observed.Unseen<PamStack>) st).reason();
    assertTrue(reason.contains("expands to more than 10000 lines"), reason);
  }

  @Test
  void sudoersFilesIncludingEachOtherRepeatedlyStopWithAReason() {
    HostSnapshot s =
        SnapshotBuilder.host("h")
            .file("/etc/sudoers", "@includedir /etc/sudoers.d\n@includedir /etc/sudoers.d\n")
            .dir("/etc/sudoers.d", "f\ta\n")
            .file("/etc/sudoers.d/a", "@include /etc/sudoers\n@include /etc/sudoers\n")
            .build();
    var policy = io.auditgap.facts.sudo.SudoersResolver.resolve(s);
    assertFalse(policy.isSeen(), "an exponential policy is not evaluated");
    String reason = ((Observed.Unseen<?>) policy).reason();
    assertTrue(reason.contains("expand to more than 1000 file reads"), reason);
  }

  @Test
  void rsyslogIncludeLoopIsAProblem() {
    HostSnapshot s =
        SnapshotBuilder.host("h")
            .file("/etc/rsyslog.conf", "$IncludeConfig /etc/rsyslog.d/*.conf\n")
            .dir("/etc/rsyslog.d", "f\tloop.conf\n")
            .file(
                "/etc/rsyslog.d/loop.conf",
                "include(file=\"/etc/rsyslog.conf\")\n$IncludeConfig /etc/rsyslog.d/loop.conf\n")
            .build();
    RsyslogConfig c = RsyslogParser.parse(new SyslogIncludes(s), "/etc/rsyslog.conf");
    assertTrue(
        c.problems().stream().anyMatch(p -> p.contains("include loop")), c.problems().toString());
  }

  @Test
  void syslogNgIncludeLoopIsAProblem() {
    HostSnapshot s =
        SnapshotBuilder.host("h")
            .file(
                "/etc/syslog-ng/syslog-ng.conf",
                "@include \"/etc/syslog-ng/syslog-ng.conf\"\n@include \"/etc/syslog-ng/conf.d/\"\n")
            .dir("/etc/syslog-ng/conf.d", "f\tloop.conf\n")
            .file("/etc/syslog-ng/conf.d/loop.conf", "@include \"/etc/syslog-ng/syslog-ng.conf\"\n")
            .build();
    SyslogNgConfig c = SyslogNgParser.parse(new SyslogIncludes(s), "/etc/syslog-ng/syslog-ng.conf");
    assertTrue(
        c.problems().stream().anyMatch(p -> p.contains("include loop")), c.problems().toString());
  }

  @Test
  void logrotateIncludeLoopStopsAtItsNestingLimit() {
    String main =
        "include /etc/logrotate.conf\ninclude /etc/logrotate.d\n/var/log/a {\n rotate 4\n}\n";
    LogrotateConfig c =
        LogrotateParser.parse(
            "/etc/logrotate.conf",
            main,
            LogrotateParser.of(
                Map.of(
                    "/etc/logrotate.conf",
                    main,
                    "/etc/logrotate.d/loop",
                    "include /etc/logrotate.conf\n")));
    assertTrue(
        c.problems().stream()
            .anyMatch(p -> p.message().contains("nested deeper than 4 levels (an include loop?)")),
        c.problems().toString());
  }
}
