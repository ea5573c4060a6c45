package io.auditgap.checks.matchers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Status;
import io.auditgap.checks.Verdict;
import io.auditgap.facts.Facts;
import io.auditgap.facts.logging.Fixtures;
import io.auditgap.testing.SnapshotBuilder;
import org.junit.jupiter.api.Test;

/** logs.forwarding and audit.forwarding judge what the forwarding daemons say, not only config. */
class ForwardingDeliveryTest {
  private static final long NOW = 1_796_536_800L; // 2026-12-06T06:00:00Z
  private static final String TLS_FORWARD =
      "auth,authpriv.* action(type=\"omfwd\" target=\"logs.example.com\" port=\"6514\""
          + " protocol=\"tcp\")\n";
  private static final String RESOLVE =
      "cannot resolve hostname 'logs.example.com': No such device or address [v8.2302.0 try"
          + " https://www.rsyslog.com/e/2027 ]";
  private static final String SUSPENDED =
      "action 'action-0-builtin:omfwd' suspended (module 'builtin:omfwd'), retry 0. There should"
          + " be messages before this one giving the reason for suspension. [v8.2302.0 try"
          + " https://www.rsyslog.com/e/2007 ]";

  /** A syslog line {@code secondsAgo} before the collection, in Debian 12's file format. */
  static String line(long secondsAgo, String tag, String msg) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000001+00:00'")
            .format(
                java.time.OffsetDateTime.ofInstant(
                    java.time.Instant.ofEpochSecond(NOW - secondsAgo), java.time.ZoneOffset.UTC))
        + " h "
        + tag
        + ": "
        + msg
        + "\n";
  }

  static SnapshotBuilder messages(SnapshotBuilder b, String syslog) {
    return b.cmd(
        "forwarding daemon messages",
        0,
        "now "
            + NOW
            + " +0000\n== journal\n-- absent\n== /var/log/syslog\n"
            + syslog
            + "-- read\n== /var/log/messages\n-- absent\n");
  }

  private static Verdict auth(SnapshotBuilder b) {
    return new LogsForwardingMatcher().evaluate(CheckParams.empty(), new Facts(b.build()));
  }

  private static SnapshotBuilder rsyslogHost(String dropin) {
    return Hosts.rsyslog(Hosts.bare("rsyslog"), "60-forward.conf", dropin);
  }

  private static boolean quotes(Verdict v, String text) {
    return v.evidence().stream().map(Evidence::text).anyMatch(t -> t.contains(text));
  }

  @Test
  void suspendedUnresolvableTargetFailsWithTheDaemonsLines() {
    Verdict v =
        auth(
            messages(
                rsyslogHost(TLS_FORWARD),
                line(600, "rsyslogd[612]", RESOLVE)
                    + line(600, "rsyslogd[612]", SUSPENDED)
                    + line(30, "rsyslogd[612]", RESOLVE)));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("rsyslog to logs.example.com is not delivering"), v.reason());
    assertTrue(v.reason().contains("cannot be resolved"), v.reason());
    assertTrue(quotes(v, "cannot resolve hostname 'logs.example.com'"), v.evidence().toString());
    assertTrue(
        v.evidence().stream().anyMatch(e -> e.source().equals("/var/log/syslog")),
        v.evidence().toString());
  }

  @Test
  void resumedAfterTheFailurePasses() {
    Verdict v =
        auth(
            messages(
                rsyslogHost(TLS_FORWARD),
                line(600, "rsyslogd[612]", RESOLVE)
                    + line(600, "rsyslogd[612]", SUSPENDED)
                    + line(
                        60,
                        "rsyslogd[612]",
                        "action 'action-0-builtin:omfwd' resumed (module 'builtin:omfwd')")));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(
        v.evidence().stream().anyMatch(e -> e.note().contains("then the action resumed")),
        v.evidence().toString());
  }

  @Test
  void restartedDaemonWithoutNewFailuresPasses() {
    Verdict v =
        auth(
            messages(
                rsyslogHost(TLS_FORWARD),
                line(600, "rsyslogd[612]", RESOLVE)
                    + line(
                        60,
                        "rsyslogd[700]",
                        "[origin software=\"rsyslogd\" swVersion=\"8.2302.0\" x-pid=\"700\""
                            + " x-info=\"https://www.rsyslog.com\"] start")));
    assertEquals(Status.PASS, v.status(), v.reason());
  }

  @Test
  void noErrorsReadSaysSo() {
    Verdict v = auth(messages(rsyslogHost(TLS_FORWARD), ""));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(
        v.evidence().stream()
            .anyMatch(e -> e.note().contains("no delivery errors from rsyslogd in the last 24 h")),
        v.evidence().toString());
  }

  @Test
  void unreadMessagesLeaveAConfigurationOnlyPass() {
    Verdict v =
        auth(
            rsyslogHost(TLS_FORWARD)
                .cmd(
                    "forwarding daemon messages",
                    0,
                    "now "
                        + NOW
                        + " +0000\n== journal\n-- denied\n== /var/log/syslog\n-- denied\n"
                        + "== /var/log/messages\n-- absent\n"));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("configuration only, delivery not verified"), v.reason());
    assertTrue(v.reason().contains("/var/log/syslog: not readable"), v.reason());
  }

  @Test
  void oneTargetDownOneWorkingNamesTheDownOne() {
    Verdict v =
        auth(
            messages(
                rsyslogHost(
                    "auth,authpriv.* @@logs-a.example.com:514\n"
                        + "auth,authpriv.* @@logs-b.example.com:514\n"),
                line(
                        100,
                        "rsyslogd[612]",
                        "cannot connect to logs-a.example.com:514: Connection refused [v8.2302.0"
                            + " try https://www.rsyslog.com/e/2027 ]")
                    + line(
                        100,
                        "rsyslogd[612]",
                        "action 'action-0-builtin:omfwd' suspended (module 'builtin:omfwd'),"
                            + " retry 0.")));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(v.reason().contains("via rsyslog to logs-b.example.com"), v.reason());
    assertTrue(
        v.reason().contains("but rsyslog to logs-a.example.com is not delivering"), v.reason());
  }

  @Test
  void bothTargetsDownFails() {
    Verdict v =
        auth(
            messages(
                rsyslogHost(
                    "auth,authpriv.* @@logs-a.example.com:514\n"
                        + "auth,authpriv.* @logs-b.example.com\n"),
                line(
                        100,
                        "rsyslogd[612]",
                        "cannot connect to logs-a.example.com:514: Connection refused")
                    + line(
                        90,
                        "rsyslogd[612]",
                        "omfwd: could not get addrinfo for hostname 'logs-b.example.com':'514':"
                            + " Name or service not known")));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("logs-a.example.com"), v.reason());
    assertTrue(v.reason().contains("logs-b.example.com"), v.reason());
  }

  @Test
  void suspensionThatCannotBeTiedToATargetIsUnknown() {
    Verdict v =
        auth(
            messages(
                rsyslogHost(
                    "auth,authpriv.* @@logs-a.example.com:514\n"
                        + "auth,authpriv.* @@logs-b.example.com:514\n"),
                line(
                    100,
                    "rsyslogd[612]",
                    "action 'action-1-builtin:omfwd' suspended (module"
                        + " 'builtin:omfwd'), next retry is Sun Dec  6 06:00:30 2026, retry nbr 0.")));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
    assertTrue(v.reason().contains("cannot be told apart"), v.reason());
  }

  @Test
  void namedActionIsTiedByItsName() {
    Verdict v =
        auth(
            messages(
                rsyslogHost(
                    "auth,authpriv.* action(type=\"omfwd\" name=\"siem\" target=\"logs-a.example.com\""
                        + " port=\"514\" protocol=\"tcp\")\n"
                        + "auth,authpriv.* @@logs-b.example.com:514\n"),
                line(
                    100,
                    "rsyslogd[612]",
                    "action 'siem' suspended (module 'builtin:omfwd')," + " retry 0.")));
    assertEquals(Status.PASS, v.status(), v.reason());
    assertTrue(
        v.reason().contains("but rsyslog to logs-a.example.com is not delivering"), v.reason());
  }

  @Test
  void syslogNgSingleDestinationRefusedFails() {
    SnapshotBuilder b =
        SyslogNgHosts.host(
            "destination d_siem { network(\"logs.example.com\" transport(\"tcp\") port(514)); };\n"
                + "log { source(s_src); filter(f_auth); destination(d_siem); };\n");
    Verdict v =
        auth(
            messages(
                b,
                line(
                    50,
                    "syslog-ng[300]",
                    "Syslog connection failed; fd='13', server='AF_INET(192.0.2.10:514)',"
                        + " error='Connection refused (111)', time_reopen='60'")));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(quotes(v, "Connection refused (111)"), v.evidence().toString());
  }

  @Test
  void syslogNgAddressWithTwoDestinationsIsUnknown() {
    SnapshotBuilder b =
        SyslogNgHosts.host(
            "destination d_a { network(\"logs-a.example.com\" transport(\"tcp\") port(514)); };\n"
                + "destination d_b { network(\"logs-b.example.com\" transport(\"tcp\") port(514));"
                + " };\n"
                + "log { source(s_src); filter(f_auth); destination(d_a); destination(d_b); };\n");
    Verdict v =
        auth(
            messages(
                b,
                line(
                    50,
                    "syslog-ng[300]",
                    "Syslog connection failed; fd='13', server='AF_INET(192.0.2.10:514)',"
                        + " error='Connection refused (111)', time_reopen='60'")));
    assertEquals(Status.UNKNOWN, v.status(), v.reason());
  }

  @Test
  void audispRemoteThatCannotConnectFailsAuditForwarding() {
    SnapshotBuilder b =
        Hosts.auditd(
            Hosts.bare(),
            "remote_server = audit.example.com\nport = 60\nmode = forward\ntransport = KRB5\n",
            "au-remote.conf",
            Fixtures.read("debian12/au-remote.conf").replace("active = no", "active = yes"));
    Verdict v =
        new AuditForwardingMatcher()
            .evaluate(
                CheckParams.empty(),
                new Facts(
                    messages(
                            b,
                            line(
                                40,
                                "audisp-remote[77]",
                                "Error connecting to audit.example.com: Connection refused"))
                        .build()));
    assertEquals(Status.FAIL, v.status(), v.reason());
    assertTrue(v.reason().contains("audisp-remote to audit.example.com"), v.reason());
  }
}
