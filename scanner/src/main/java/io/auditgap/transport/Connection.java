package io.auditgap.transport;

import java.time.Duration;

/** An open session to one host (SSH or the local machine). Owned by one thread. */
public interface Connection extends AutoCloseable {

  /**
   * Runs {@code command}, feeds it {@code stdin}, and returns at most {@code maxStdout} bytes of
   * output. Never blocks past {@code timeout}: on expiry it returns what was read so far with
   * {@code timedOut} set.
   */
  ExecResult exec(String command, byte[] stdin, long maxStdout, Duration timeout)
      throws TransportException;

  /** SHA256 fingerprint of the verified host key ({@code SHA256:...}), or null for local. */
  String hostKeyFingerprint();

  /** How many exec channels this connection has opened (the collector needs exactly one). */
  int execCount();

  @Override
  void close();
}
