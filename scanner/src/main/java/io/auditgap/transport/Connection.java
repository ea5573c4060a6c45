package io.auditgap.transport;

import java.time.Duration;
import java.util.function.Predicate;

/** An open session to one host (SSH or the local machine). Owned by one thread. */
public interface Connection extends AutoCloseable {

  /**
   * Runs {@code command}, feeds it {@code stdin}, and returns at most {@code maxStdout} bytes of
   * output. Never blocks past {@code timeout}: on expiry it returns what was read so far with
   * {@code timedOut} set.
   */
  default ExecResult exec(String command, byte[] stdin, long maxStdout, Duration timeout)
      throws TransportException {
    return exec(command, stdin, null, maxStdout, timeout);
  }

  /**
   * Like {@link #exec(String, byte[], long, Duration)}, but stdin stays open after {@code stdin}
   * was written until stdout has shown {@code closeStdinAfter} followed by a newline (or the
   * command ended, or the deadline passed). A command that waits for the end of its input before
   * exiting thus outlives its own last line: a relay in between (sudo with {@code log_output})
   * drops what it has not written yet when the command exits.
   *
   * @param closeStdinAfter null to close stdin as soon as {@code stdin} was written
   */
  default ExecResult exec(
      String command, byte[] stdin, byte[] closeStdinAfter, long maxStdout, Duration timeout)
      throws TransportException {
    return exec(command, stdin, closeStdinAfter, null, maxStdout, timeout);
  }

  /**
   * Like {@link #exec(String, byte[], byte[], long, Duration)}, and, once stdout has shown {@code
   * closeStdinAfter} and its newline, may hand what stdout held by then to {@code watchedLine} (on
   * another thread, at most once) while the command's end — stdin's close, the exit status — is
   * still travelling: a caller can start on the output that far. When it answers true, that output
   * is all the caller needs: the exec may return at once with it, its exit status unknown (null),
   * without waiting a round trip for the command's end (the command, its stdin closed, ends on its
   * own). Otherwise the result is returned as without it. A connection may never call it (the local
   * one does not).
   *
   * @param watchedLine null when no caller wants the output early
   */
  ExecResult exec(
      String command,
      byte[] stdin,
      byte[] closeStdinAfter,
      Predicate<byte[]> watchedLine,
      long maxStdout,
      Duration timeout)
      throws TransportException;

  /** SHA256 fingerprint of the verified host key ({@code SHA256:...}), or null for local. */
  String hostKeyFingerprint();

  /** How many exec channels this connection has opened (the collector needs exactly one). */
  int execCount();

  @Override
  void close();
}
