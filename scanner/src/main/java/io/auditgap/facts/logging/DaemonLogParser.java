package io.auditgap.facts.logging;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the forwarding daemons' own messages (the collector's {@code forwarding daemon messages}
 * item: journal entries of their units, and their lines in /var/log/syslog or /var/log/messages)
 * into {@link DeliveryEvent}s. Pure and total.
 *
 * <p>The message texts are the daemons' own (each pattern names its source file):
 *
 * <ul>
 *   <li>rsyslog 8.2302 {@code action.c}: {@code action '%s' suspended (module '%s'), retry %d. ...}
 *       and {@code action '%s' resumed (module '%s')}; {@code runtime/nsd_ptcp.c}: {@code cannot
 *       resolve hostname '%s'}, {@code cannot connect to %s:%s}; {@code tools/omfwd.c}: {@code
 *       omfwd: could not get addrinfo for hostname '%s':'%s': %s}, {@code omfwd: remote server at
 *       %s:%s seems to have closed connection. ...}, {@code omfwd: socket %d: error %d sending via
 *       udp}, {@code omfwd: TCPSendBuf error %d, destruct TCP Connection to %s:%s}
 *       (github.com/rsyslog/rsyslog, tag v8.2302.0);
 *   <li>syslog-ng 3.38 {@code lib/host-resolve.c}: {@code Error resolving hostname with
 *       getaddrinfo(); host='...'}; {@code modules/afsocket/afsocket-dest.c}: {@code Connection
 *       failed; ... server='AF_INET(a:p)'}, {@code Syslog connection failed; ...}, {@code Syslog
 *       connection broken|closed; ...}, {@code Syslog connection established; ...}
 *       (github.com/syslog-ng/syslog-ng, tag syslog-ng-3.38.1);
 *   <li>systemd {@code src/journal-remote/journal-upload.c}: {@code Upload to %s failed: %s},
 *       {@code Upload to %s failed with code %ld: %s} (github.com/systemd/systemd);
 *   <li>audit 3.0.9 {@code audisp/plugins/remote/audisp-remote.c}: {@code Error looking up remote
 *       host: %s - exiting}, {@code Error connecting to %s: %s}, {@code Connected to %s}, {@code
 *       suspending remote logging due to %s}, {@code remote logging disconnected|stopping ... due
 *       to %s}, {@code send to %s failed}, {@code Connection to %s closed unexpectedly}
 *       (github.com/linux-audit/audit-userspace, tag v3.0.9).
 * </ul>
 */
public final class DaemonLogParser {
  /** The daemons whose messages are read, as their syslog tag. */
  public static final List<String> DAEMONS =
      List.of("rsyslogd", "syslog-ng", "systemd-journal-upload", "audisp-remote");

  static final long WINDOW_SECONDS = 86_400;

  private static final Pattern NOW = Pattern.compile("^now (\\d{1,12}) ([+-]\\d{4})$");
  private static final Pattern SECTION = Pattern.compile("^== (\\S+)$");
  private static final Pattern END =
      Pattern.compile("^-- (read|denied|absent|no-journalctl|error \\d+)$");
  private static final Pattern ISO =
      Pattern.compile(
          "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?\\s+\\S+\\s+(.*)$");
  private static final Pattern BSD =
      Pattern.compile("^([A-Z][a-z]{2})\\s+(\\d{1,2})\\s+(\\d{2}:\\d{2}:\\d{2})\\s+\\S+\\s+(.*)$");
  private static final Pattern TAG =
      Pattern.compile(
          "^(rsyslogd|syslog-ng|systemd-journal-upload|audisp-remote)(?:-\\d+)?(?:\\[\\d+\\])?:\\s?(.*)$");

  private record Rule(String daemon, Pattern p, DeliveryEvent.Kind kind, String groups) {}

  // groups: which capture groups hold what: t = target, p = port, a = action name, m = module,
  // s = syslog-ng socket address "AF_INET(addr:port)", u = URL
  private static final List<Rule> RULES =
      List.of(
          rule("rsyslogd", "^action '([^']*)' suspended \\(module '([^']*)'\\)", "SUSPENDED", "am"),
          rule("rsyslogd", "^action '([^']*)' resumed \\(module '([^']*)'\\)", "RESUMED", "am"),
          rule("rsyslogd", "^cannot resolve hostname '([^']*)'", "UNRESOLVABLE", "t"),
          rule(
              "rsyslogd",
              "^omfwd: could not get addrinfo for hostname '([^']*)':'([^']*)'",
              "UNRESOLVABLE",
              "tp"),
          rule("rsyslogd", "^cannot connect to (\\S+):(\\d+)(?:[: ]|$)", "CONNECT_FAILED", "tp"),
          rule(
              "rsyslogd",
              "^omfwd: remote server at (\\S+):(\\S+) seems to have closed connection",
              "CLOSED",
              "tp"),
          rule("rsyslogd", "^omfwd: socket -?\\d+: error -?\\d+ sending via udp", "FAILED", ""),
          rule(
              "rsyslogd",
              "^omfwd: TCPSendBuf error -?\\d+, destruct TCP Connection to (\\S+):(\\d+)",
              "FAILED",
              "tp"),
          rule("rsyslogd", "^\\[origin software=\"rsyslogd\"[^\\]]*\\] start", "STARTED", ""),
          rule("syslog-ng", "^Error resolving hostname[^;]*; host='([^']*)'", "UNRESOLVABLE", "t"),
          rule(
              "syslog-ng",
              "^(?:Syslog connection|Connection) failed;.*server='([^']*)'",
              "CONNECT_FAILED",
              "s"),
          rule(
              "syslog-ng",
              "^Syslog connection (?:broken|closed);.*server='([^']*)'",
              "CLOSED",
              "s"),
          rule("syslog-ng", "^Syslog connection established;.*server='([^']*)'", "CONNECTED", "s"),
          rule("syslog-ng", "^syslog-ng starting up;", "STARTED", ""),
          rule("systemd-journal-upload", "^Upload to (\\S+) failed", "FAILED", "u"),
          rule(
              "systemd-journal-upload",
              "^Upload to (\\S+) finished with unexpected code",
              "FAILED",
              "u"),
          rule("audisp-remote", "^Error looking up remote host: ", "UNRESOLVABLE", ""),
          rule("audisp-remote", "^Error connecting to (\\S+): ", "CONNECT_FAILED", "t"),
          rule("audisp-remote", "^Connected to (\\S+)$", "CONNECTED", "t"),
          rule("audisp-remote", "^suspending remote logging due to ", "SUSPENDED", ""),
          rule(
              "audisp-remote",
              "^remote logging (?:disconnected|stopping|is switching|halting) .*due to ",
              "FAILED",
              ""),
          rule("audisp-remote", "^(?:send to|ack from|read from) (\\S+) ", "FAILED", "t"),
          rule("audisp-remote", "^Connection to (\\S+) closed unexpectedly", "CLOSED", "t"),
          rule("audisp-remote", "^network failure, ", "FAILED", ""));

  private static final Pattern SOCKADDR = Pattern.compile("^AF_INET6?\\((.*):(\\d+)\\)$");
  private static final DateTimeFormatter BSD_TIME =
      DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ROOT);

  private DaemonLogParser() {}

  private static Rule rule(String daemon, String regex, String kind, String groups) {
    return new Rule(daemon, Pattern.compile(regex), DeliveryEvent.Kind.valueOf(kind), groups);
  }

  /** The collector item's output. Lines outside the 24 h before the host clock are left out. */
  public static DaemonLog parse(String output) {
    long now = -1;
    ZoneOffset offset = ZoneOffset.UTC;
    List<DaemonLog.Source> sources = new ArrayList<>();
    List<DeliveryEvent> events = new ArrayList<>();
    String section = null;
    List<String> lines = new ArrayList<>();
    for (String raw : output.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      Matcher m;
      if (section == null && (m = NOW.matcher(line)).matches()) {
        now = Long.parseLong(m.group(1));
        offset = offset(m.group(2));
        continue;
      }
      if ((m = SECTION.matcher(line)).matches()) {
        section = m.group(1);
        lines.clear();
        continue;
      }
      if (section != null && (m = END.matcher(line)).matches()) {
        String state = m.group(1);
        boolean read = state.equals("read");
        int before = events.size();
        if (read) {
          for (String l : lines) {
            event(l, section, now, offset).ifPresent(events::add);
          }
        }
        sources.add(
            new DaemonLog.Source(
                section,
                read,
                read
                    ? (events.size() - before) + " delivery message(s)"
                    : describe(section, state)));
        section = null;
        continue;
      }
      if (section != null) {
        lines.add(line);
      }
    }
    if (section != null) {
      sources.add(new DaemonLog.Source(section, false, "output ended before the section did"));
    }
    return new DaemonLog(now, sources, ordered(events, now));
  }

  private static String describe(String section, String state) {
    return switch (state) {
      case "denied" -> "not readable by the scan user (root, or group adm/systemd-journal)";
      case "absent" -> section.equals("journal") ? "no system journal files" : "does not exist";
      case "no-journalctl" -> "journalctl not installed";
      default -> "journalctl failed (" + state + ")";
    };
  }

  private static ZoneOffset offset(String z) {
    try {
      return ZoneOffset.of(z.substring(0, 3) + ":" + z.substring(3));
    } catch (RuntimeException e) {
      return ZoneOffset.UTC;
    }
  }

  /** Oldest first, within the window, each message once (the journal and a file repeat it). */
  private static List<DeliveryEvent> ordered(List<DeliveryEvent> events, long now) {
    Set<String> seen = new HashSet<>();
    List<DeliveryEvent> out = new ArrayList<>();
    for (DeliveryEvent e : events) {
      if (now >= 0 && (e.epochSecond() < now - WINDOW_SECONDS || e.epochSecond() > now + 300)) {
        continue;
      }
      if (seen.add(e.daemon() + "\n" + e.epochSecond() + "\n" + e.text())) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparingLong(DeliveryEvent::epochSecond));
    return out;
  }

  /** One journal or syslog line as a delivery event, when it is one. */
  static Optional<DeliveryEvent> event(String line, String source, long now, ZoneOffset offset) {
    String stamp;
    long epoch;
    String rest;
    Matcher m = ISO.matcher(line);
    if (m.matches()) {
      stamp = line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' '));
      try {
        String zone = m.group(3) == null ? offset.getId().replace("Z", "+00:00") : m.group(3);
        if (zone.length() == 5 && !zone.equals("Z")) {
          zone = zone.substring(0, 3) + ":" + zone.substring(3);
        }
        epoch =
            OffsetDateTime.of(LocalDateTime.parse(m.group(1)), ZoneOffset.of(zone)).toEpochSecond();
      } catch (java.time.DateTimeException e) {
        return Optional.empty();
      }
      rest = m.group(4);
    } else if ((m = BSD.matcher(line)).matches()) {
      stamp = m.group(1) + " " + m.group(2) + " " + m.group(3);
      OptionalEpoch e = bsd(m.group(1), m.group(2), m.group(3), now, offset);
      if (e == null) {
        return Optional.empty();
      }
      epoch = e.epoch;
      rest = m.group(4);
    } else {
      return Optional.empty();
    }
    Matcher t = TAG.matcher(rest);
    if (!t.matches()) {
      return Optional.empty();
    }
    return classify(t.group(1), t.group(2), epoch, stamp, source);
  }

  private record OptionalEpoch(long epoch) {}

  /** "Dec 6 05:52:20" has no year and no zone: the host's zone, the latest year not ahead. */
  private static OptionalEpoch bsd(String mon, String day, String time, long now, ZoneOffset off) {
    if (now < 0) {
      return null;
    }
    int year = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(now), off).getYear();
    for (int y = year; y >= year - 1; y--) {
      try {
        LocalDateTime ldt =
            LocalDateTime.parse(mon + " " + Integer.parseInt(day) + " " + time + " " + y, BSD_TIME);
        long e = ldt.toEpochSecond(off);
        if (e <= now + 86_400) {
          return new OptionalEpoch(e);
        }
      } catch (DateTimeParseException | NumberFormatException ex) {
        return null;
      }
    }
    return null;
  }

  /** A message of {@code daemon} as a delivery event, when it says something about delivery. */
  public static Optional<DeliveryEvent> classify(
      String daemon, String message, long epoch, String stamp, String source) {
    String text = sanitise(message);
    for (Rule r : RULES) {
      if (!r.daemon().equals(daemon)) {
        continue;
      }
      Matcher m = r.p().matcher(text);
      if (!m.find()) {
        continue;
      }
      String target = "";
      String port = "";
      String action = "";
      for (int i = 0; i < r.groups().length(); i++) {
        String g = m.group(i + 1);
        switch (r.groups().charAt(i)) {
          case 't' -> target = g;
          case 'p' -> port = g;
          case 'a' -> action = g;
          case 'm' -> {
            // only forwarding modules: a suspended omfile says nothing about forwarding
            if (!g.equals("builtin:omfwd") && !g.equals("omrelp")) {
              return Optional.empty();
            }
          }
          case 's' -> {
            Matcher a = SOCKADDR.matcher(g);
            if (a.matches()) {
              target = a.group(1);
              port = a.group(2);
            }
          }
          case 'u' -> {
            String h = g.replaceAll("^[A-Za-z]+://", "");
            h = h.split("[/?]", 2)[0];
            if (h.startsWith("[")) {
              target = h.substring(1, Math.max(1, h.indexOf(']')));
            } else {
              int c = h.lastIndexOf(':');
              target = c < 0 ? h : h.substring(0, c);
              port = c < 0 ? "" : h.substring(c + 1);
            }
          }
          default -> {}
        }
      }
      if (target.startsWith("[") && target.endsWith("]")) {
        target = target.substring(1, target.length() - 1);
      }
      return Optional.of(
          new DeliveryEvent(
              daemon, r.kind(), target, port, action, epoch, sanitise(stamp), text, source));
    }
    return Optional.empty();
  }

  /** Printable text only (a host's log line must not break a terminal or a report), capped. */
  static String sanitise(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), DeliveryEvent.MAX_TEXT + 1));
    for (int i = 0; i < s.length() && b.length() < DeliveryEvent.MAX_TEXT; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
    }
    if (s.length() > DeliveryEvent.MAX_TEXT) {
      b.append('…');
    }
    return b.toString().strip();
  }
}
