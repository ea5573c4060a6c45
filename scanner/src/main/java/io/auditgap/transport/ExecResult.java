package io.auditgap.transport;

/**
 * What one remote command returned, bounded.
 *
 * @param stdout bytes read, at most the limit asked for
 * @param stdoutTruncated the command produced more than the limit (reading stopped there)
 * @param stderr the first bytes of stderr, decoded (untrusted; for diagnostics only)
 * @param exitStatus null when the command did not finish (timeout, truncation, disconnect) or was
 *     ended by a signal
 * @param timedOut the deadline ended the command
 * @param disconnected the connection broke, or the server closed the channel without an exit status
 *     or signal, before the command finished
 * @param exitSignal the signal that ended the command ({@code KILL}, {@code TERM}, ...) as the
 *     server reported it, or null
 */
public record ExecResult(
    byte[] stdout,
    boolean stdoutTruncated,
    String stderr,
    Integer exitStatus,
    boolean timedOut,
    boolean disconnected,
    String exitSignal) {

  public ExecResult(
      byte[] stdout,
      boolean stdoutTruncated,
      String stderr,
      Integer exitStatus,
      boolean timedOut,
      boolean disconnected) {
    this(stdout, stdoutTruncated, stderr, exitStatus, timedOut, disconnected, null);
  }
}
