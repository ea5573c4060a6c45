package io.auditgap.facts.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonLogParserTest {
  /** The collector item's output around one syslog file. */
  static String output(long now, String file, String lines) {
    return "now "
        + now
        + " +0000\n== journal\n-- absent\n== "
        + file
        + "\n"
        + lines
        + (lines.endsWith("\n") || lines.isEmpty() ? "" : "\n")
        + "-- read\n== /var/log/messages\n-- absent\n";
  }

  static long at(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  private static List<DeliveryEvent> kinds(DaemonLog l, DeliveryEvent.Kind k) {
    return l.events().stream().filter(e -> e.kind() == k).toList();
  }

  @Test
  void rsyslogReasonsAndSuspensionsFromDebian12() {
    DaemonLog l =
        DaemonLogParser.parse(
            output(
                at("2026-12-06T06:00:00Z"),
                "/var/log/syslog",
                Fixtures.read("daemon-messages/rsyslog-suspended.log")));
    assertTrue(l.anyRead());
    assertEquals("/var/log/syslog", l.readNames());
    List<DeliveryEvent> unresolvable = kinds(l, DeliveryEvent.Kind.UNRESOLVABLE);
    assertEquals(
        List.of("logs.invalid", "logs-udp.invalid", "siem.invalid"),
        unresolvable.stream().map(DeliveryEvent::target).distinct().toList());
    assertEquals(
        "514",
        unresolvable.stream()
            .filter(e -> e.target().equals("logs-udp.invalid"))
            .findFirst()
            .get()
            .port(),
        "omfwd (UDP) names the port");
    DeliveryEvent refused = kinds(l, DeliveryEvent.Kind.CONNECT_FAILED).get(0);
    assertEquals("127.0.0.1", refused.target());
    assertEquals("1", refused.port());
    assertTrue(refused.text().contains("Connection refused"), refused.text());
    assertEquals(
        List.of(
            "action-1-builtin:omfwd",
            "action-2-builtin:omfwd",
            "action-3-builtin:omfwd",
            "fwd-siem"),
        kinds(l, DeliveryEvent.Kind.SUSPENDED).stream()
            .map(DeliveryEvent::action)
            .distinct()
            .toList());
    assertEquals(1, kinds(l, DeliveryEvent.Kind.STARTED).size(), "the start line, not exiting");
    assertTrue(
        l.events().stream().noneMatch(e -> e.text().contains("Accepted publickey")),
        "sshd's lines are not the daemon's");
    assertEquals(
        at("2026-12-06T05:52:50Z"), unresolvable.get(0).epochSecond(), "RFC 3339 time with zone");
  }

  @Test
  void rsyslogResumedIsARecovery() {
    DaemonLog l =
        DaemonLogParser.parse(
            output(
                at("2026-12-06T06:00:00Z"),
                "/var/log/syslog",
                Fixtures.read("daemon-messages/rsyslog-resumed.log")));
    DeliveryEvent last = l.events().get(l.events().size() - 1);
    assertEquals(DeliveryEvent.Kind.RESUMED, last.kind());
    assertEquals("action-1-builtin:omfwd", last.action());
  }

  @Test
  void syslogNgMessagesInItsYearlessFormat() {
    DaemonLog l =
        DaemonLogParser.parse(
            output(
                at("2026-12-06T06:00:00Z"),
                "/var/log/syslog",
                Fixtures.read("daemon-messages/syslog-ng.log")));
    assertEquals(
        List.of("logs.invalid", "udp-logs.invalid"),
        kinds(l, DeliveryEvent.Kind.UNRESOLVABLE).stream()
            .map(DeliveryEvent::target)
            .distinct()
            .toList());
    DeliveryEvent failed = kinds(l, DeliveryEvent.Kind.CONNECT_FAILED).get(0);
    assertEquals("127.0.0.1", failed.target(), "the address from AF_INET(a:p)");
    assertEquals("47515", failed.port());
    assertEquals(at("2026-12-06T05:52:20Z"), failed.epochSecond(), "year from the host clock");
    assertEquals("Dec 6 05:52:20", failed.stamp());
    assertEquals(1, kinds(l, DeliveryEvent.Kind.CONNECTED).size());
    assertEquals(1, kinds(l, DeliveryEvent.Kind.CLOSED).size(), "Syslog connection closed");
    assertEquals(1, kinds(l, DeliveryEvent.Kind.STARTED).size());
  }

  @Test
  void yearlessLinesFromLastDecemberAreLastYear() {
    long now = at("2027-01-01T00:30:00Z");
    DaemonLog l =
        DaemonLogParser.parse(
            output(
                now,
                "/var/log/messages",
                "Dec 31 23:59:58 h syslog-ng[1]: Error resolving hostname with getaddrinfo();"
                    + " host='siem.example.com', error='-2', error_str='Name or service not known'"));
    assertEquals(at("2026-12-31T23:59:58Z"), l.events().get(0).epochSecond());
  }

  @Test
  void onlyTheLast24HoursCount() {
    long now = at("2026-12-06T06:00:00Z");
    DaemonLog l =
        DaemonLogParser.parse(
            output(
                now,
                "/var/log/syslog",
                "2026-12-05T05:59:00.000000+00:00 h rsyslogd: cannot resolve hostname 'old.example'\n"
                    + "2026-12-05T06:01:00.000000+00:00 h rsyslogd: cannot resolve hostname"
                    + " 'new.example'\n"));
    assertEquals(List.of("new.example"), l.events().stream().map(DeliveryEvent::target).toList());
  }

  @Test
  void journalShortIsoAndDuplicatesFromTheFile() {
    long now = at("2026-12-06T06:00:00Z");
    String out =
        "now "
            + now
            + " +0100\n== journal\n"
            // journalctl -o short-iso (systemd 252): zone without a colon, PID in brackets
            + "2026-12-06T06:51:36+0100 h rsyslogd[612]: cannot resolve hostname 'logs.example.com':"
            + " No such device or address [v8.2302.0 try https://www.rsyslog.com/e/2027 ]\n"
            + "2026-12-06T06:51:36+0100 h systemd[1]: Started rsyslog.service - System Logging"
            + " Service.\n"
            + "-- read\n== /var/log/syslog\n"
            + "2026-12-06T06:51:36.195933+01:00 h rsyslogd[612]: cannot resolve hostname"
            + " 'logs.example.com': No such device or address [v8.2302.0 try"
            + " https://www.rsyslog.com/e/2027 ]\n"
            + "-- read\n== /var/log/messages\n-- absent\n";
    DaemonLog l = DaemonLogParser.parse(out);
    assertEquals(1, l.events().size(), "the same message once: " + l.events());
    assertEquals("journal", l.events().get(0).source());
    assertEquals(at("2026-12-06T05:51:36Z"), l.events().get(0).epochSecond());
    assertEquals("journal, /var/log/syslog", l.readNames());
  }

  @Test
  void unreadSourcesSayWhy() {
    DaemonLog l =
        DaemonLogParser.parse(
            "now 1765000000 +0000\n== journal\n-- denied\n== /var/log/syslog\n-- denied\n"
                + "== /var/log/messages\n-- absent\n");
    assertFalse(l.anyRead());
    assertTrue(l.unreadReasons().contains("journal: not readable"), l.unreadReasons());
    assertTrue(l.unreadReasons().contains("/var/log/messages: does not exist"), l.unreadReasons());
    DaemonLog none = DaemonLogParser.parse("now 1765000000 +0000\n== journal\n-- no-journalctl\n");
    assertTrue(none.unreadReasons().contains("journalctl not installed"), none.unreadReasons());
  }

  @Test
  void journalUploadAndAudispRemoteFromTheirFormatStrings() {
    long now = at("2026-12-06T06:00:00Z");
    DaemonLog l =
        DaemonLogParser.parse(
            output(
                now,
                "/var/log/syslog",
                // journal-upload.c: "Upload to %s failed: %.*s" with curl's error buffer
                "2026-12-06T05:40:00.1+00:00 h systemd-journal-upload[901]: Upload to"
                    + " https://logs.example.com:19532/upload failed: Failed to connect to"
                    + " logs.example.com port 19532 after 3 ms: Couldn't connect to server\n"
                    // audisp-remote.c: "Error connecting to %s: %s", "suspending ... due to %s"
                    + "2026-12-06T05:41:00.1+00:00 h audisp-remote[77]: Error connecting to"
                    + " audit.example.com: Connection refused\n"
                    + "2026-12-06T05:41:01.1+00:00 h audisp-remote[77]: suspending remote logging"
                    + " due to network failure\n"
                    + "2026-12-06T05:42:00.1+00:00 h audisp-remote[77]: Connected to"
                    + " audit.example.com\n"));
    assertEquals(4, l.events().size(), l.events().toString());
    DeliveryEvent up = l.events().get(0);
    assertEquals(DeliveryEvent.Kind.FAILED, up.kind());
    assertEquals("logs.example.com", up.target());
    assertEquals("19532", up.port());
    assertEquals("audit.example.com", l.events().get(1).target());
    assertEquals(DeliveryEvent.Kind.SUSPENDED, l.events().get(2).kind());
    assertEquals(DeliveryEvent.Kind.CONNECTED, l.events().get(3).kind());
  }

  @Test
  void hostileTextIsSanitisedAndCapped() {
    Optional<DeliveryEvent> e =
        DaemonLogParser.classify(
            "rsyslogd",
            "cannot resolve hostname 'x\u001b[31m': " + "A".repeat(1000),
            1,
            "t\u0007",
            "journal");
    assertTrue(e.isPresent());
    assertFalse(e.get().text().contains("\u001b"));
    assertFalse(e.get().stamp().contains("\u0007"));
    assertTrue(e.get().text().length() <= DeliveryEvent.MAX_TEXT + 1, "" + e.get().text().length());
  }

  @Test
  void garbageNeverThrows() {
    for (String s :
        List.of(
            "",
            "now x",
            "== journal\n2026-13-45T99:99:99+0000 h rsyslogd: cannot resolve hostname 'a'\n-- read",
            "now 1 +9999\n== /var/log/syslog\nFeb 30 10:00:00 h syslog-ng[1]: Connection failed;"
                + " server='AF_INET('\n-- read\n",
            "== x\n-- read\n-- read\n== y")) {
      DaemonLog l = DaemonLogParser.parse(s);
      assertTrue(l.events().size() <= 1, s);
    }
  }
}
