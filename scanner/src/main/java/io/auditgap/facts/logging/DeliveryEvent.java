package io.auditgap.facts.logging;

/**
 * What one message of a forwarding daemon says about delivery to its receiver.
 *
 * @param daemon {@code rsyslogd}, {@code syslog-ng}, {@code systemd-journal-upload} or {@code
 *     audisp-remote}
 * @param kind what happened
 * @param target the receiver the message names (host name or address as the daemon printed it), or
 *     "" when the message names none
 * @param port the port it names, or ""
 * @param action rsyslog's action name ({@code action-0-builtin:omfwd} or the configured {@code
 *     name=}), or ""
 * @param epochSecond when it was logged (host clock)
 * @param stamp the time as the log printed it
 * @param text the message, sanitised: printable characters only, at most {@link #MAX_TEXT}
 * @param source where it was read: {@code journal} or a log file path
 */
public record DeliveryEvent(
    String daemon,
    Kind kind,
    String target,
    String port,
    String action,
    long epochSecond,
    String stamp,
    String text,
    String source) {
  public static final int MAX_TEXT = 300;

  public enum Kind {
    /** rsyslog suspended the action / audisp-remote suspended remote logging */
    SUSPENDED(true),
    /** the receiver's name could not be resolved */
    UNRESOLVABLE(true),
    /** connecting failed (refused, unreachable, timed out) */
    CONNECT_FAILED(true),
    /** an established connection was closed or broken */
    CLOSED(true),
    /** sending or uploading failed */
    FAILED(true),
    /** rsyslog resumed the action */
    RESUMED(false),
    /** a connection was established */
    CONNECTED(false),
    /** the daemon (re)started: earlier failures say nothing about the new process */
    STARTED(false);

    private final boolean failure;

    Kind(boolean failure) {
      this.failure = failure;
    }

    public boolean failure() {
      return failure;
    }
  }

  public DeliveryEvent {
    target = target == null ? "" : target;
    port = port == null ? "" : port;
    action = action == null ? "" : action;
  }

  /** The time and text as the host printed them, for evidence. */
  public String line() {
    return stamp + " " + daemon + ": " + text;
  }
}
