package io.auditgap.facts.logging;

import java.util.List;

/**
 * The forwarding daemons' own recent messages about delivery (last 24 h, bounded), from the journal
 * and the syslog files, in time order.
 *
 * @param collectedAt the host clock when they were read (epoch seconds)
 * @param sources each place looked at and what happened there
 * @param events the delivery messages, oldest first
 */
public record DaemonLog(long collectedAt, List<Source> sources, List<DeliveryEvent> events) {
  public DaemonLog {
    sources = List.copyOf(sources);
    events = List.copyOf(events);
  }

  /**
   * One place the messages are read from.
   *
   * @param name {@code journal} or a file path
   * @param read whether its messages were read
   * @param detail why not, or what was read
   */
  public record Source(String name, boolean read, String detail) {}

  /** Whether any source was read: only then does "no errors" mean something. */
  public boolean anyRead() {
    return sources.stream().anyMatch(Source::read);
  }

  /** "journal, /var/log/syslog" */
  public String readNames() {
    return String.join(", ", sources.stream().filter(Source::read).map(Source::name).toList());
  }

  /** Why nothing could be read: each source and its state. */
  public String unreadReasons() {
    return String.join(
        "; ",
        sources.stream().filter(s -> !s.read()).map(s -> s.name() + ": " + s.detail()).toList());
  }

  public List<DeliveryEvent> of(String daemon) {
    return events.stream().filter(e -> e.daemon().equals(daemon)).toList();
  }
}
