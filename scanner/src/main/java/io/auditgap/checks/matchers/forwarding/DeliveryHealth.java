package io.auditgap.checks.matchers.forwarding;

import io.auditgap.facts.Observed;
import io.auditgap.facts.logging.DaemonLog;
import io.auditgap.facts.logging.DeliveryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a configured path actually delivers, from what its daemon logged in the last 24 h: the
 * latest message about that receiver decides. Messages that name no receiver are tied to one when
 * they can be (rsyslog's {@code action 'NAME' suspended} follows the message giving the reason,
 * which names the target; a daemon with one receiver); otherwise they make the path uncertain,
 * never down.
 */
final class DeliveryHealth {
  /** journal-upload logs no success: a failure older than this may have been followed by uploads */
  static final long UPLOAD_SILENCE_SECONDS = 3600;

  enum State {
    /** the daemon's messages could not be read */
    UNREAD,
    /** the delivering program's own log is not read (agents) */
    NOT_LOGGED,
    /** read, and no failure about this receiver */
    OK,
    /** failures, then a later resumption or connection */
    RECOVERED,
    /** the latest message about this receiver is a failure */
    DOWN,
    /** the daemon reports failures that cannot be tied to this receiver or to another */
    UNCERTAIN
  }

  /** A receiver the configuration sends to: what the daemon's messages are matched against. */
  record Endpoint(String daemon, String target, String port, String action) {}

  /**
   * @param lines the messages that decided, oldest first
   * @param why one sentence for the finding's reason
   */
  record Result(State state, List<DeliveryEvent> lines, String why) {
    boolean delivering() {
      return state == State.OK
          || state == State.RECOVERED
          || state == State.UNREAD
          || state == State.NOT_LOGGED;
    }
  }

  private DeliveryHealth() {}

  static Result of(ForwardingPath p, List<Endpoint> endpoints, Observed<DaemonLog> log) {
    String daemon = p.daemon();
    if (daemon.isEmpty()) {
      return new Result(State.NOT_LOGGED, List.of(), p.mechanism() + "'s own log is not read");
    }
    if (!log.isSeen()) {
      return new Result(
          State.UNREAD, List.of(), "the daemons' own messages were not collected: " + log.reason());
    }
    DaemonLog dl = log.value();
    if (!dl.anyRead()) {
      return new Result(
          State.UNREAD,
          List.of(),
          "the daemons' own messages could not be read: " + dl.unreadReasons());
    }
    Endpoint self = new Endpoint(daemon, p.target(), p.port(), p.action());
    List<Endpoint> mine = new ArrayList<>();
    for (Endpoint e : endpoints) {
      if (e.daemon().equals(daemon)) {
        mine.add(e);
      }
    }
    if (mine.stream().noneMatch(e -> same(e, self))) {
      mine.add(self);
    }
    List<DeliveryEvent> events = dl.of(daemon);
    List<List<Endpoint>> resolved = resolve(events, mine);
    DeliveryEvent last = null;
    DeliveryEvent lastFailure = null;
    DeliveryEvent lastUnresolved = null;
    List<DeliveryEvent> burst = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      DeliveryEvent e = events.get(i);
      List<Endpoint> to = resolved.get(i);
      boolean reset = e.kind() == DeliveryEvent.Kind.STARTED;
      if (reset) {
        last = e;
        lastUnresolved = null;
        continue;
      }
      if (to.isEmpty()) {
        lastUnresolved = e;
        continue;
      }
      if (to.stream().noneMatch(t -> same(t, self))) {
        continue;
      }
      if (e.kind().failure()) {
        if (last == null || !last.kind().failure()) {
          burst.clear();
        }
        burst.add(e);
        lastFailure = e;
      }
      last = e;
    }
    String read = "read: " + dl.readNames();
    if (last != null && last.kind().failure()) {
      List<DeliveryEvent> lines = tail(burst, 3);
      if (daemon.equals("systemd-journal-upload")
          && dl.collectedAt() - last.epochSecond() > UPLOAD_SILENCE_SECONDS) {
        return new Result(
            State.UNCERTAIN,
            lines,
            "systemd-journal-upload failed at "
                + last.stamp()
                + " and logs no success, so whether it has uploaded since is unknown");
      }
      return new Result(
          State.DOWN,
          lines,
          p.describe()
              + " is not delivering: "
              + daemon
              + " reported "
              + describe(last)
              + " at "
              + last.stamp()
              + " and nothing since says it recovered");
    }
    if (lastFailure != null) {
      return new Result(
          State.RECOVERED,
          last == null ? List.of(lastFailure) : List.of(lastFailure, last),
          daemon
              + " reported "
              + describe(lastFailure)
              + " at "
              + lastFailure.stamp()
              + ", then "
              + (last == null ? "restarted" : describe(last))
              + " at "
              + (last == null ? "?" : last.stamp()));
    }
    if (lastUnresolved != null && lastUnresolved.kind().failure()) {
      return new Result(
          State.UNCERTAIN,
          List.of(lastUnresolved),
          daemon
              + " reported "
              + describe(lastUnresolved)
              + " at "
              + lastUnresolved.stamp()
              + " for a receiver that cannot be told apart from "
              + p.target());
    }
    return new Result(
        State.OK,
        List.of(),
        "no delivery errors from " + daemon + " in the last 24 h (" + read + ")");
  }

  private static List<DeliveryEvent> tail(List<DeliveryEvent> l, int n) {
    return List.copyOf(l.subList(Math.max(0, l.size() - n), l.size()));
  }

  static String describe(DeliveryEvent e) {
    return switch (e.kind()) {
      case SUSPENDED -> "the action suspended";
      case UNRESOLVABLE -> "the receiver's name cannot be resolved";
      case CONNECT_FAILED -> "the connection failed";
      case CLOSED -> "the connection closed";
      case FAILED -> "sending failed";
      case RESUMED -> "the action resumed";
      case CONNECTED -> "a connection established";
      case STARTED -> "a restart";
    };
  }

  private static boolean same(Endpoint a, Endpoint b) {
    return a.target().equalsIgnoreCase(b.target())
        && (a.port().isEmpty() || b.port().isEmpty() || a.port().equals(b.port()))
        && a.action().equals(b.action());
  }

  /** For each event, the endpoints it is about (empty: cannot be told). */
  private static List<List<Endpoint>> resolve(List<DeliveryEvent> events, List<Endpoint> mine) {
    Map<String, List<Endpoint>> learned = new HashMap<>();
    for (Endpoint e : mine) {
      if (!e.action().isEmpty()) {
        learned.put(e.action(), List.of(e));
      }
    }
    List<List<Endpoint>> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      DeliveryEvent e = events.get(i);
      List<Endpoint> to;
      if (!e.target().isEmpty()) {
        to = byTarget(e, mine);
      } else if (!e.action().isEmpty()) {
        to = learned.get(e.action());
        if (to == null && e.kind() == DeliveryEvent.Kind.SUSPENDED && i > 0) {
          // rsyslog logs the reason (naming the target) just before "action ... suspended"
          DeliveryEvent prev = events.get(i - 1);
          if (prev.kind().failure()
              && !prev.target().isEmpty()
              && e.epochSecond() - prev.epochSecond() <= 2) {
            to = out.get(i - 1);
            if (!to.isEmpty()) {
              learned.put(e.action(), to);
            }
          }
        }
        if (to == null) {
          to = mine.size() == 1 ? List.copyOf(mine) : List.of();
        }
      } else {
        to = mine.size() == 1 ? List.copyOf(mine) : List.of();
      }
      out.add(to);
    }
    return out;
  }

  private static List<Endpoint> byTarget(DeliveryEvent e, List<Endpoint> mine) {
    List<Endpoint> to = new ArrayList<>();
    String t = e.target().toLowerCase(Locale.ROOT);
    for (Endpoint m : mine) {
      if (m.target().toLowerCase(Locale.ROOT).equals(t)
          && (e.port().isEmpty() || m.port().isEmpty() || e.port().equals(m.port()))) {
        to.add(m);
      }
    }
    // syslog-ng names the resolved address, not the configured name: with one receiver, it is it
    if (to.isEmpty() && e.daemon().equals("syslog-ng") && mine.size() == 1) {
      to.add(mine.get(0));
    }
    return to;
  }
}
