package io.auditgap.facts.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.testing.SnapshotBuilder;
import org.junit.jupiter.api.Test;

class SyslogNgParserTest {
  private static final SyslogPriority.Priority AUTHPRIV = new SyslogPriority.Priority(10, 6);
  private static final SyslogPriority.Priority AUTHPRIV_DEBUG = new SyslogPriority.Priority(10, 7);

  static SyslogNgConfig parse(String main, String confD) {
    SnapshotBuilder b = SnapshotBuilder.host("h").file("/etc/syslog-ng/syslog-ng.conf", main);
    if (confD == null) {
      b.dir("/etc/syslog-ng/conf.d", "");
    } else {
      b.dir("/etc/syslog-ng/conf.d", "f\tsiem.conf\n")
          .file("/etc/syslog-ng/conf.d/siem.conf", confD);
    }
    return SyslogNgParser.parse(new SyslogIncludes(b.build()), "/etc/syslog-ng/syslog-ng.conf");
  }

  @Test
  void debianStockRoutesAuthToAFileOnly() {
    SyslogNgConfig c = parse(Fixtures.read("debian12/syslog-ng.conf"), null);
    assertTrue(c.problems().isEmpty(), c.problems().toString());
    assertTrue(c.sources().get("s_src").local());
    assertTrue(c.destinations().values().stream().noneMatch(SyslogNgConfig.Destination::network));
    SyslogNgConfig.LogPath auth = c.pathsTo("d_auth").get(0);
    assertEquals(Tri.TRUE, c.passes(auth, AUTHPRIV));
    assertEquals(Tri.FALSE, c.passes(auth, AUTHPRIV_DEBUG), "f_auth excludes debug via f_dbg");
    assertEquals(
        Tri.FALSE, c.passes(c.pathsTo("d_syslog").get(0), AUTHPRIV), "f_syslog3 excludes auth");
    assertTrue(c.listeners().isEmpty(), "the tcp source is commented out");
  }

  @Test
  void destinationDefinedButUnusedHasNoPath() {
    SyslogNgConfig c =
        parse(
            Fixtures.read("debian12/syslog-ng.conf"),
            "destination d_siem { syslog(\"logs.example.com\" transport(\"tls\") port(6514)\n"
                + "  tls(ca-dir(\"/etc/syslog-ng/ca.d\") peer-verify(required-trusted))); };\n");
    SyslogNgConfig.Destination d = c.destinations().get("d_siem");
    assertTrue(d.network());
    assertEquals("logs.example.com", d.host());
    assertEquals("tls", d.transport());
    assertEquals("required-trusted", d.peerVerify());
    assertEquals("/etc/syslog-ng/conf.d/siem.conf", d.where().file());
    assertTrue(c.pathsTo("d_siem").isEmpty());
  }

  @Test
  void logPathWithSystemSourceAndAuthFilterForwards() {
    SyslogNgConfig c =
        parse(
            Fixtures.read("debian12/syslog-ng.conf"),
            "destination d_net { network(\"10.0.0.5\" transport(\"tcp\") port(514)\n"
                + "  disk-buffer(disk-buf-size(1073741824) reliable(yes))); };\n"
                + "log { source(s_src); filter(f_auth); destination(d_net); };\n");
    SyslogNgConfig.LogPath p = c.pathsTo("d_net").get(0);
    assertEquals(3, p.where().line());
    assertEquals(Tri.TRUE, c.passes(p, AUTHPRIV));
    assertTrue(c.destinations().get("d_net").diskBuffer());
  }

  @Test
  void earlierFinalPathSwallowsAuth() {
    String conf =
        "@version: 3.38\nsource s_src { system(); internal(); };\n"
            + "destination d_auth { file(\"/var/log/auth.log\"); };\n"
            + "destination d_net { tcp(\"siem.example.com\" port(514)); };\n"
            + "filter f_auth { facility(auth, authpriv); };\n"
            + "log { source(s_src); filter(f_auth); destination(d_auth); flags(final); };\n"
            + "log { source(s_src); destination(d_net); };\n";
    SyslogNgConfig c = parse(conf, null);
    SyslogNgConfig.LogPath p = c.pathsTo("d_net").get(0);
    assertEquals(Tri.FALSE, c.passes(p, AUTHPRIV));
    assertEquals(Tri.TRUE, c.passes(p, new SyslogPriority.Priority(3, 6)));
  }

  @Test
  void networkSourceIsAListenerAndInlineObjectsWork() {
    String conf =
        "source s_net { network(ip(0.0.0.0) port(514) transport(\"udp\")); };\n"
            + "log { source { systemd-journal(); }; filter { program(\"sshd\") or facility(authpriv); };"
            + " destination { udp(\"siem.example.com\"); }; };\n";
    SyslogNgConfig c = parse(conf, null);
    assertEquals(1, c.listeners().size());
    SyslogNgConfig.LogPath p = c.paths().get(0);
    assertTrue(c.hasLocalSource(p));
    assertEquals(Tri.TRUE, c.passes(p, AUTHPRIV), "facility(authpriv) decides despite program()");
    assertEquals(Tri.MAYBE, c.passes(p, new SyslogPriority.Priority(4, 6)));
    assertEquals("udp", c.destinations().get(p.destinations().get(0)).transport());
  }

  @Test
  void hostileInputNeverThrows() {
    for (String s : new String[] {"log { source(", "filter f { ( ( facility(", "}}};;{{", "\"x"}) {
      assertFalse(parse(s, null) == null);
    }
  }
}
