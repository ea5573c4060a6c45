package io.auditgap.transport;

/**
 * What one remote command returned, bounded.
 *
 * @param stdout bytes read, at most the limit asked for
 * @param stdoutTruncated the command produced more than the limit (reading stopped there)
 * @param stderr the first bytes of stderr, decoded (untrusted; for diagnostics only)
 * @param exitStatus null when the command did not finish (timeout, truncation, disconnect)
 * @param timedOut the deadline ended the command
 * @param disconnected the connection broke before the command finished
 */
public record ExecResult(
    byte[] stdout,
    boolean stdoutTruncated,
    String stderr,
    Integer exitStatus,
    boolean timedOut,
    boolean disconnected) {}
