package io.auditgap.facts.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.collect.SnapshotItem;
import io.auditgap.testing.SnapshotBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RsyslogParserTest {
  private static final SyslogPriority.Priority AUTHPRIV = new SyslogPriority.Priority(10, 6);
  private static final SyslogPriority.Priority AUTH = new SyslogPriority.Priority(4, 6);

  static RsyslogConfig parse(String main, String... dropins) {
    SnapshotBuilder b = SnapshotBuilder.host("h").file("/etc/rsyslog.conf", main);
    StringBuilder listing = new StringBuilder();
    for (int i = 0; i < dropins.length; i += 2) {
      listing.append("f\t").append(dropins[i]).append('\n');
      b.file("/etc/rsyslog.d/" + dropins[i], dropins[i + 1]);
    }
    b.dir("/etc/rsyslog.d", listing.toString());
    return RsyslogParser.parse(new SyslogIncludes(b.build()), "/etc/rsyslog.conf");
  }

  private static RsyslogAction onlyForwarder(RsyslogConfig c) {
    List<RsyslogAction> f = c.forwardingActions();
    assertEquals(1, f.size(), () -> "forwarding actions: " + f);
    return f.get(0);
  }

  @Test
  void debianStockHasNoForwardingAndFollowsTheEmptyIncludeDir() {
    RsyslogConfig c = parse(Fixtures.read("debian12/rsyslog.conf"));
    assertTrue(c.present());
    assertTrue(c.forwardingActions().isEmpty());
    assertTrue(c.problems().isEmpty(), c.problems().toString());
    assertTrue(c.listeners().isEmpty(), "imudp/imtcp are commented out");
    assertTrue(
        c.notes().stream().anyMatch(n -> n.contains("/etc/rsyslog.d/*.conf matches no file")),
        c.notes().toString());
    // auth.log line is an omfile action with the auth selector
    assertTrue(
        c.actions().stream()
            .anyMatch(
                a ->
                    a.type().equals("omfile")
                        && a.where().line() == 60
                        && a.filterPasses(AUTHPRIV) == Tri.TRUE),
        c.actions().toString());
  }

  @Test
  void rhelCommentedMultiLineSampleIsNotAForwardingRule() {
    RsyslogConfig c = parse(Fixtures.read("rhel9/rsyslog.conf"));
    assertTrue(c.forwardingActions().isEmpty(), c.forwardingActions().toString());
    assertTrue(c.problems().isEmpty(), c.problems().toString());
    assertTrue(c.listeners().isEmpty());
  }

  @Test
  void ubuntuDefaultsAreParsedIncludingCommentedContinuations() {
    RsyslogConfig c =
        parse(
            "module(load=\"imuxsock\")\n$IncludeConfig /etc/rsyslog.d/*.conf\n",
            "50-default.conf",
            Fixtures.read("ubuntu2204/50-default.conf"));
    assertTrue(c.problems().isEmpty(), c.problems().toString());
    assertEquals(List.of("/etc/rsyslog.conf", "/etc/rsyslog.d/50-default.conf"), c.files());
    assertTrue(c.forwardingActions().isEmpty());
    assertEquals(6, c.actions().size(), c.actions().toString());
  }

  @Test
  void selectorThatExcludesAuthDoesNotCarryIt() {
    RsyslogConfig c =
        parse(
            Fixtures.read("debian12/rsyslog.conf"),
            "90-siem.conf",
            "*.*;auth,authpriv.none @@siem.example.com:514\n");
    RsyslogAction a = onlyForwarder(c);
    assertEquals("siem.example.com", a.target());
    assertEquals("tcp", a.protocol());
    assertEquals(Tri.FALSE, c.delivers(a, AUTHPRIV));
    assertEquals(Tri.TRUE, c.delivers(a, new SyslogPriority.Priority(1, 6)));
  }

  @Test
  void forwardingAfterAmpersandStopIsNotReached() {
    RsyslogConfig c =
        parse(
            Fixtures.read("debian12/rsyslog.conf"),
            "10-auth.conf",
            "auth,authpriv.* /var/log/auth.log\n& stop\n*.* @@siem.example.com:514\n");
    RsyslogAction a = onlyForwarder(c);
    assertEquals(Tri.FALSE, c.delivers(a, AUTH));
    RsyslogConfig.Discard d = c.swallowedBy(a, AUTH);
    assertNotNull(d);
    assertEquals("/etc/rsyslog.d/10-auth.conf", d.where().file());
    assertEquals(2, d.where().line());
    assertEquals(
        Tri.TRUE, c.delivers(a, new SyslogPriority.Priority(3, 6)), "daemon still reaches it");
  }

  @Test
  void legacyTildeDiscardAndProgramnameDiscard() {
    RsyslogConfig c = parse(":programname, isequal, \"haproxy\" ~\nauthpriv.* ~\n*.* @siem:514\n");
    RsyslogAction a = onlyForwarder(c);
    assertEquals("udp", a.protocol());
    assertEquals(Tri.FALSE, c.delivers(a, AUTHPRIV), "authpriv discarded on line 2");
    assertEquals(Tri.MAYBE, c.delivers(a, AUTH), "the programname discard might apply");
  }

  @Test
  void rainerScriptMultiLineActionWithQueueAndTls() {
    String conf =
        "global(DefaultNetstreamDriverCAFile=\"/etc/ssl/ca.pem\")\n"
            + "auth,authpriv.*;user.info action(type=\"omfwd\" target=\"logs.example.com\" port=\"6514\"\n"
            + "    protocol=\"tcp\" StreamDriver=\"gtls\" StreamDriverMode=\"1\"  # tls\n"
            + "    StreamDriverAuthMode=\"x509/name\" StreamDriverPermittedPeers=\"logs.example.com\"\n"
            + "    queue.type=\"LinkedList\" queue.filename=\"fwd_auth\" queue.saveOnShutdown=\"on\"\n"
            + "    action.resumeRetryCount=\"-1\")\n";
    RsyslogConfig c = parse(conf);
    RsyslogAction a = onlyForwarder(c);
    assertEquals(2, a.where().line());
    assertEquals("6514", a.port());
    assertEquals("gtls", a.param("StreamDriver"));
    assertEquals("x509/name", a.param("streamdriverauthmode"));
    assertEquals("LinkedList", a.param("queue.type"));
    assertEquals("-1", a.param("action.resumeretrycount"));
    assertEquals(Tri.TRUE, c.delivers(a, AUTHPRIV));
    assertEquals("/etc/ssl/ca.pem", c.globals().get("defaultnetstreamdrivercafile").value());
  }

  @Test
  void legacyQueueDirectivesApplyToTheNextActionOnlyButStreamDriverSticks() {
    String conf =
        "$DefaultNetstreamDriver gtls\n"
            + "$ActionSendStreamDriverMode 1\n"
            + "$ActionSendStreamDriverAuthMode x509/name\n"
            + "$ActionQueueType LinkedList\n"
            + "$ActionQueueFileName fwd1\n"
            + "$ActionResumeRetryCount -1\n"
            + "auth,authpriv.* @@logs1.example.com:6514\n"
            + "auth,authpriv.* @@logs2.example.com:6514\n";
    RsyslogConfig c = parse(conf);
    List<RsyslogAction> f = c.forwardingActions();
    assertEquals(2, f.size());
    assertEquals("LinkedList", f.get(0).param("queue.type"));
    assertEquals(
        "", f.get(1).param("queue.type"), "action.c resets queue params after each action");
    assertEquals("", f.get(1).param("action.resumeretrycount"));
    assertEquals("1", f.get(1).param("streamdrivermode"), "omfwd keeps stream driver settings");
    assertEquals("gtls", c.globals().get("defaultnetstreamdriver").value());
  }

  @Test
  void includeGlobThatMissesTheForwardingFileIsNoted() {
    RsyslogConfig c =
        parse(
            "$IncludeConfig /etc/rsyslog.d/*.conf\n",
            "50-default.conf",
            "auth,authpriv.* /var/log/auth.log\n",
            "60-forward.cfg",
            "*.* @@siem.example.com\n");
    assertTrue(c.forwardingActions().isEmpty());
    assertTrue(
        c.notes().stream().anyMatch(n -> n.startsWith("/etc/rsyslog.d/60-forward.cfg is not read")),
        c.notes().toString());
  }

  @Test
  void includesAreProcessedInPlaceAndSorted() {
    RsyslogConfig c =
        parse(
            "include(file=\"/etc/rsyslog.d/*.conf\" mode=\"optional\")\n*.* stop\n",
            "20-b.conf",
            "*.* @@b.example.com\n",
            "10-a.conf",
            "*.* @@a.example.com\n");
    List<RsyslogAction> f = c.forwardingActions();
    assertEquals("a.example.com", f.get(0).target());
    assertEquals("b.example.com", f.get(1).target());
    assertEquals(Tri.TRUE, c.delivers(f.get(1), AUTH), "the stop comes after the include");
  }

  @Test
  void rulesetBoundOnlyToImtcpDoesNotForwardLocalLogs() {
    String conf =
        "module(load=\"imtcp\")\n"
            + "input(type=\"imtcp\" port=\"514\" ruleset=\"remote\")\n"
            + "ruleset(name=\"remote\") {\n"
            + "  action(type=\"omfwd\" target=\"siem.example.com\" protocol=\"tcp\")\n"
            + "}\n";
    RsyslogConfig c = parse(conf);
    RsyslogAction a = onlyForwarder(c);
    assertEquals("remote", a.ruleset());
    assertEquals(Tri.FALSE, c.delivers(a, AUTH));
    assertEquals(1, c.listeners().size());
    assertEquals("514", c.listeners().get(0).port());
  }

  @Test
  void rulesetCalledFromTheDefaultRulesetForwards() {
    String conf =
        "ruleset(name=\"fwd\") { action(type=\"omrelp\" target=\"relp.example.com\" port=\"2514\") }\n"
            + "if $syslogfacility-text == 'auth' or $syslogfacility-text == 'authpriv' then {\n"
            + "  call fwd\n"
            + "}\n";
    RsyslogConfig c = parse(conf);
    RsyslogAction a = onlyForwarder(c);
    assertEquals("relp", a.protocol());
    assertEquals(Tri.TRUE, c.delivers(a, AUTHPRIV));
    assertEquals(Tri.FALSE, c.delivers(a, new SyslogPriority.Priority(1, 6)));
  }

  @Test
  void ifProgramnameFilterIsMaybeAndElseIsNegated() {
    String conf =
        "if $programname == 'sshd' then {\n  action(type=\"omfwd\" target=\"a.example.com\")\n}"
            + " else {\n  action(type=\"omfwd\" target=\"b.example.com\")\n}\n"
            + "if $syslogfacility-text == 'authpriv' then /var/log/secure\n";
    RsyslogConfig c = parse(conf);
    List<RsyslogAction> f = c.forwardingActions();
    assertEquals(2, f.size(), c.problems().toString());
    assertEquals(Tri.MAYBE, c.delivers(f.get(0), AUTH));
    assertEquals(Tri.MAYBE, c.delivers(f.get(1), AUTH));
    assertTrue(f.get(1).filterText().contains("else"), f.get(1).filterText());
    assertTrue(c.problems().isEmpty(), c.problems().toString());
  }

  @Test
  void legacyForwardingForms() {
    RsyslogConfig c =
        parse(
            "authpriv.* @@(o)[2001:db8::1]:10514;RSYSLOG_ForwardFormat\n"
                + "auth.* :omrelp:relp.example.com:2514\n"
                + "& @127.0.0.1\n");
    List<RsyslogAction> f = c.forwardingActions();
    assertEquals(3, f.size());
    assertEquals("2001:db8::1", f.get(0).target());
    assertEquals("10514", f.get(0).port());
    assertEquals("omrelp", f.get(1).type());
    assertEquals("2514", f.get(1).port());
    assertEquals("127.0.0.1", f.get(2).target());
    assertEquals(Tri.TRUE, f.get(2).filterPasses(AUTH), "& repeats the auth.* selector");
  }

  @Test
  void unreadableMainFileIsAProblemNotAnEmptyConfig() {
    RsyslogConfig c =
        RsyslogParser.parse(
            new SyslogIncludes(
                SnapshotBuilder.host("h")
                    .fileStatus("/etc/rsyslog.conf", SnapshotItem.DENIED)
                    .build()),
            "/etc/rsyslog.conf");
    assertFalse(c.problems().isEmpty());
    RsyslogConfig absent =
        RsyslogParser.parse(
            new SyslogIncludes(
                SnapshotBuilder.host("h")
                    .fileStatus("/etc/rsyslog.conf", SnapshotItem.ABSENT)
                    .build()),
            "/etc/rsyslog.conf");
    assertFalse(absent.present());
    assertTrue(absent.problems().isEmpty());
  }

  @Test
  void hostileInputNeverThrows() {
    for (String s :
        List.of(
            "action(type=\"omfwd\" target=\"x\"",
            "if then",
            "}}}}{{{",
            "\"unterminated",
            "/* never closed",
            ":bad filter",
            "*.* action(",
            "ruleset(name=\"x\") { call x }\ncall x\n")) {
      RsyslogConfig c = parse(s);
      assertNotNull(c);
    }
    RsyslogConfig self = parse("$IncludeConfig /etc/rsyslog.conf\n");
    assertNull(null, self.toString());
  }

  @Test
  void fileActionsExposeTheirFixedPathOrTemplate() {
    RsyslogConfig c =
        parse(
            "auth.* -/var/log/a.log\n"
                + "auth.* /var/log/b.log;RSYSLOG_FileFormat\n"
                + "auth.* ?PerHost\n"
                + "auth.* action(type=\"omfile\" file=\"/var/log/c.log\")\n"
                + "auth.* action(type=\"omfile\" dynaFile=\"PerHost\")\n"
                + "auth.* @@logs.example.net\n");
    List<RsyslogAction> a = c.actions();
    assertEquals(6, a.size(), a.toString());
    assertEquals("/var/log/a.log", a.get(0).filePath().orElseThrow());
    assertEquals("/var/log/b.log", a.get(1).filePath().orElseThrow());
    assertTrue(a.get(2).filePath().isEmpty());
    assertEquals("PerHost", a.get(2).dynamicFile());
    assertEquals("/var/log/c.log", a.get(3).filePath().orElseThrow());
    assertTrue(a.get(4).filePath().isEmpty());
    assertEquals("PerHost", a.get(4).dynamicFile());
    assertTrue(a.get(5).filePath().isEmpty());
  }
}
