package io.auditgap.checks.matchers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.Facts;
import io.auditgap.facts.logging.Fixtures;
import io.auditgap.testing.SnapshotBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardingQualityMatcherTest {
  private static final String FULL =
      "global(DefaultNetstreamDriverCAFile=\"/etc/ssl/certs/log-ca.pem\")\n"
          + "auth,authpriv.*;local6.* action(type=\"omfwd\" target=\"logs.example.com\" port=\"6514\" protocol=\"tcp\"\n"
          + "  StreamDriver=\"gtls\" StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/name\"\n"
          + "  StreamDriverPermittedPeers=\"logs.example.com\"\n"
          + "  queue.type=\"LinkedList\" queue.filename=\"fwd_sec\" queue.saveOnShutdown=\"on\"\n"
          + "  action.resumeRetryCount=\"-1\")\n";

  private final ForwardingQualityMatcher reliable =
      new ForwardingQualityMatcher(ForwardingQualityMatcher.Quality.RELIABLE);
  private final ForwardingQualityMatcher tls =
      new ForwardingQualityMatcher(ForwardingQualityMatcher.Quality.TLS);
  private static final CheckParams AUTH = new CheckParams(Map.of("streams", List.of("auth")));

  private static Verdict eval(ForwardingQualityMatcher m, SnapshotBuilder b) {
    return m.evaluate(AUTH, new Facts(b.build()));
  }

  @Test
  void udpWithoutQueueOrTlsFailsBoth() {
    SnapshotBuilder b =
        Hosts.rsyslog(Hosts.bare("rsyslog"), "90-remote.conf", "*.* @siem.example.com\n");
    Verdict r = eval(reliable, b);
    assertEquals(Status.FAIL, r.status(), r.reason());
    assertTrue(r.evidence().get(0).note().contains("protocol udp"), r.evidence().toString());
    Verdict t = eval(tls, b);
    assertEquals(Status.FAIL, t.status(), t.reason());
  }

  @Test
  void remediationSnippetPassesBoth() {
    SnapshotBuilder b = Hosts.rsyslog(Hosts.bare("rsyslog"), "60-forward.conf", FULL);
    assertEquals(Status.PASS, eval(reliable, b).status(), eval(reliable, b).reason());
    assertEquals(Status.PASS, eval(tls, b).status(), eval(tls, b).reason());
  }

  @Test
  void anonAuthModeAndCertvalidFailTls() {
    for (String mode : List.of("anon", "x509/certvalid")) {
      SnapshotBuilder b =
          Hosts.rsyslog(Hosts.bare("rsyslog"), "60-forward.conf", FULL.replace("x509/name", mode));
      Verdict v = eval(tls, b);
      assertEquals(Status.FAIL, v.status(), mode);
      assertTrue(v.evidence().get(0).note().contains(mode), v.evidence().toString());
    }
  }

  @Test
  void legacyTlsDirectivesBeforeTheActionPass() {
    String legacy =
        "$DefaultNetstreamDriver gtls\n$DefaultNetstreamDriverCAFile /etc/pki/tls/certs/log-ca.pem\n"
            + "$ActionSendStreamDriverMode 1\n$ActionSendStreamDriverAuthMode x509/name\n"
            + "$ActionSendStreamDriverPermittedPeer logs.example.com\n"
            + "auth,authpriv.* @@logs.example.com:6514\n";
    SnapshotBuilder b = Hosts.rsyslog(Hosts.bare("rsyslog"), "60-forward.conf", legacy);
    assertEquals(Status.PASS, eval(tls, b).status(), eval(tls, b).reason());
    Verdict r = eval(reliable, b);
    assertEquals(Status.FAIL, r.status(), "TCP but no queue");
  }

  @Test
  void legacyQueueDirectivesAfterTheActionDoNotCount() {
    String late =
        "auth,authpriv.* @@logs.example.com\n$ActionQueueType LinkedList\n"
            + "$ActionQueueFileName fwd\n$ActionResumeRetryCount -1\n";
    SnapshotBuilder b = Hosts.rsyslog(Hosts.bare("rsyslog"), "60-forward.conf", late);
    assertEquals(Status.FAIL, eval(reliable, b).status());
    String early =
        "$ActionQueueType LinkedList\n$ActionQueueFileName fwd\n$ActionResumeRetryCount -1\n"
            + "auth,authpriv.* @@logs.example.com\n";
    b = Hosts.rsyslog(Hosts.bare("rsyslog"), "60-forward.conf", early);
    assertEquals(Status.PASS, eval(reliable, b).status(), eval(reliable, b).reason());
  }

  @Test
  void nothingForwardsIsNotApplicable() {
    assertEquals(Status.NOT_APPLICABLE, eval(reliable, Hosts.bare()).status());
    assertEquals(
        Status.NOT_APPLICABLE,
        tls.evaluate(CheckParams.empty(), new Facts(Hosts.bare().build())).status());
  }

  @Test
  void audispRemoteImmediateTcpFailsBothForAudit() {
    String conf =
        Fixtures.read("debian12/audisp-remote.conf")
            .replace("remote_server = ", "remote_server = audit.example.com");
    SnapshotBuilder b =
        Hosts.auditd(
            Hosts.bare(),
            conf,
            "au-remote.conf",
            Fixtures.read("debian12/au-remote.conf").replace("active = no", "active = yes"));
    CheckParams audit = new CheckParams(Map.of("streams", List.of("audit")));
    Verdict r = reliable.evaluate(audit, new Facts(b.build()));
    assertEquals(Status.FAIL, r.status(), r.reason());
    assertTrue(r.evidence().get(0).note().contains("mode = immediate"), r.evidence().toString());
    assertEquals(Status.FAIL, tls.evaluate(audit, new Facts(b.build())).status());
    SnapshotBuilder krb =
        Hosts.auditd(
            Hosts.bare(),
            conf.replace("transport = tcp", "transport = KRB5")
                .replace("mode = immediate", "mode = forward"),
            "au-remote.conf",
            Fixtures.read("debian12/au-remote.conf").replace("active = no", "active = yes"));
    assertEquals(Status.PASS, reliable.evaluate(audit, new Facts(krb.build())).status());
    assertEquals(Status.PASS, tls.evaluate(audit, new Facts(krb.build())).status());
  }
}
