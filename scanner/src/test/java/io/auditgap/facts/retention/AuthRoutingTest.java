package io.auditgap.facts.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.facts.Facts;
import io.auditgap.facts.logging.Fixtures;
import io.auditgap.facts.logging.LoggingFacts;
import io.auditgap.testing.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rsyslog's real Debian 12 and RHEL 9 configurations (fixtures/forwarding) and variants. */
class AuthRoutingTest {
  static AuthRouting routing(String processes, String main, String... dropins) {
    SnapshotBuilder b = SnapshotBuilder.host("h").cmd("processes", 0, processes);
    if (main != null) {
      b.file("/etc/rsyslog.conf", main);
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < dropins.length; i += 2) {
      names.append("f\t").append(dropins[i]).append('\n');
      b.file("/etc/rsyslog.d/" + dropins[i], dropins[i + 1]);
    }
    b.dir("/etc/rsyslog.d", names.toString());
    Facts f = new Facts(b.build());
    return AuthRouting.of(
        f.get(LoggingFacts.RSYSLOG), f.get(LoggingFacts.SYSLOG_NG), f.get(LoggingFacts.SERVICES));
  }

  static List<String> paths(AuthRouting r) {
    return r.files().stream().map(AuthRouting.AuthFile::path).toList();
  }

  @Test
  void debianStockRoutesAuthToAuthLogOnly() {
    AuthRouting r = routing("rsyslogd\n", Fixtures.read("debian12/rsyslog.conf"));
    assertEquals(AuthRouting.Kind.FILES, r.kind(), r.reason());
    // *.*;auth,authpriv.none -/var/log/syslog (line 55) excludes auth
    assertEquals(List.of("/var/log/auth.log"), paths(r));
    assertEquals(60, r.files().get(0).where().line());
    assertEquals(
        List.of("auth.info", "auth.notice", "authpriv.info", "authpriv.notice"),
        r.files().get(0).priorities());
  }

  @Test
  void rhelSplitsAuthBetweenMessagesAndSecure() {
    AuthRouting r = routing("rsyslogd\n", Fixtures.read("rhel9/rsyslog.conf"));
    assertEquals(AuthRouting.Kind.FILES, r.kind(), r.reason());
    assertEquals(List.of("/var/log/messages", "/var/log/secure"), paths(r));
    assertEquals(List.of("auth.info", "auth.notice"), r.files().get(0).priorities());
  }

  @Test
  void ubuntuDropInRoutesAuthThroughTheInclude() {
    String main = "$IncludeConfig /etc/rsyslog.d/*.conf\n";
    AuthRouting r =
        routing("rsyslogd\n", main, "50-default.conf", Fixtures.read("ubuntu2204/50-default.conf"));
    assertEquals(AuthRouting.Kind.FILES, r.kind(), r.reason());
    assertEquals(List.of("/var/log/auth.log"), paths(r));
    assertEquals("/etc/rsyslog.d/50-default.conf", r.files().get(0).where().file());
  }

  @Test
  void rsyslogNotRunningOrStateUnknownIsNotSeen() {
    AuthRouting stopped = routing("sshd\n", Fixtures.read("debian12/rsyslog.conf"));
    assertEquals(AuthRouting.Kind.NOT_SEEN, stopped.kind());
    assertTrue(stopped.reason().startsWith("no syslog daemon is running"), stopped.reason());
    SnapshotBuilder b =
        SnapshotBuilder.host("h").file("/etc/rsyslog.conf", Fixtures.read("debian12/rsyslog.conf"));
    Facts f = new Facts(b.dir("/etc/rsyslog.d", "").build());
    AuthRouting unknown =
        AuthRouting.of(
            f.get(LoggingFacts.RSYSLOG),
            f.get(LoggingFacts.SYSLOG_NG),
            f.get(LoggingFacts.SERVICES));
    assertEquals(AuthRouting.Kind.NOT_SEEN, unknown.kind());
    assertTrue(unknown.reason().startsWith("syslog daemon state: "), unknown.reason());
  }

  @Test
  void forwardOnlyConfigStoresNoFileAndContentFiltersAreUndecided() {
    String fwd = "auth,authpriv.* @@logs.example.net:514\n";
    AuthRouting none = routing("rsyslogd\n", fwd);
    assertEquals(AuthRouting.Kind.NO_FILE, none.kind());
    String byProgram = ":programname, isequal, \"sshd\" /var/log/sshd.log\n";
    AuthRouting maybe = routing("rsyslogd\n", byProgram);
    assertEquals(AuthRouting.Kind.UNDECIDABLE, maybe.kind());
    assertTrue(maybe.reason().contains("/etc/rsyslog.conf:1"), maybe.reason());
    AuthRouting dyn =
        routing(
            "rsyslogd\n",
            "$template PerHost,\"/var/log/hosts/%HOSTNAME%/auth.log\"\nauth,authpriv.* ?PerHost\n");
    assertEquals(AuthRouting.Kind.UNDECIDABLE, dyn.kind());
    assertTrue(dyn.reason().contains("dynamic file (template PerHost)"), dyn.reason());
  }

  static AuthRouting syslogNg(String processes, String confD) {
    SnapshotBuilder b =
        SnapshotBuilder.host("h")
            .cmd("processes", 0, processes)
            .fileStatus("/etc/rsyslog.conf", 1)
            .dirStatus("/etc/rsyslog.d", 1)
            .file("/etc/syslog-ng/syslog-ng.conf", Fixtures.read("debian12/syslog-ng.conf"));
    if (confD == null) {
      b.dir("/etc/syslog-ng/conf.d", "");
    } else {
      b.dir("/etc/syslog-ng/conf.d", "f\tlocal.conf\n")
          .file("/etc/syslog-ng/conf.d/local.conf", confD);
    }
    Facts f = new Facts(b.build());
    return AuthRouting.of(
        f.get(LoggingFacts.RSYSLOG), f.get(LoggingFacts.SYSLOG_NG), f.get(LoggingFacts.SERVICES));
  }

  @Test
  void debianSyslogNgRoutesAuthToAuthLogWhetherOrNotItExists() {
    AuthRouting r = syslogNg("syslog-ng\n", null);
    assertEquals(AuthRouting.Kind.FILES, r.kind(), r.reason());
    assertEquals("syslog-ng", r.daemon());
    // f_error (err..emerg) and f_messages (not auth) do not take auth.info/notice
    assertEquals(List.of("/var/log/auth.log"), paths(r));
    AuthRouting.AuthFile f = r.files().get(0);
    assertEquals("/etc/syslog-ng/syslog-ng.conf", f.where().file());
    assertTrue(f.where().text().contains("destination(d_auth)"), f.where().text());
    assertEquals(
        List.of("auth.info", "auth.notice", "authpriv.info", "authpriv.notice"), f.priorities());
  }

  @Test
  void syslogNgFinalPathEarlierInTheIncludeStillCountsItsOwnFile() {
    // conf.d is included at the end of Debian's file, so a final path there comes last: d_auth
    // still gets auth; the included path adds its own file
    AuthRouting r =
        syslogNg(
            "syslog-ng\n",
            "destination d_sec { file(\"/var/log/secure\"); };\n"
                + "log { source(s_src); filter(f_auth); destination(d_sec); flags(final); };\n");
    assertEquals(List.of("/var/log/auth.log", "/var/log/secure"), paths(r));
  }

  @Test
  void syslogNgPerHostFileIsUndecided() {
    String main =
        "@version: 3.38\nsource s { system(); };\n"
            + "destination d { file(\"/var/log/hosts/$HOST/auth.log\"); };\n"
            + "log { source(s); filter { facility(auth, authpriv); }; destination(d); };\n";
    SnapshotBuilder b =
        SnapshotBuilder.host("h")
            .cmd("processes", 0, "syslog-ng\n")
            .fileStatus("/etc/rsyslog.conf", 1)
            .dirStatus("/etc/rsyslog.d", 1)
            .file("/etc/syslog-ng/syslog-ng.conf", main)
            .dir("/etc/syslog-ng/conf.d", "");
    Facts f = new Facts(b.build());
    AuthRouting r =
        AuthRouting.of(
            f.get(LoggingFacts.RSYSLOG),
            f.get(LoggingFacts.SYSLOG_NG),
            f.get(LoggingFacts.SERVICES));
    assertEquals(AuthRouting.Kind.UNDECIDABLE, r.kind(), r.reason());
    assertTrue(r.reason().contains("per message"), r.reason());
  }

  @Test
  void syslogNgForwardingOnlyStoresNoFile() {
    String main =
        "@version: 3.38\nsource s { system(); internal(); };\n"
            + "destination d_net { network(\"logs.example.com\" transport(\"tcp\")); };\n"
            + "log { source(s); destination(d_net); };\n";
    SnapshotBuilder b =
        SnapshotBuilder.host("h")
            .cmd("processes", 0, "syslog-ng\n")
            .fileStatus("/etc/rsyslog.conf", 1)
            .dirStatus("/etc/rsyslog.d", 1)
            .file("/etc/syslog-ng/syslog-ng.conf", main)
            .dir("/etc/syslog-ng/conf.d", "");
    Facts f = new Facts(b.build());
    AuthRouting r =
        AuthRouting.of(
            f.get(LoggingFacts.RSYSLOG),
            f.get(LoggingFacts.SYSLOG_NG),
            f.get(LoggingFacts.SERVICES));
    assertEquals(AuthRouting.Kind.NO_FILE, r.kind(), r.reason());
  }
}
