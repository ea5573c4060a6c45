package io.auditgap.probe;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One open TCP connection from a vantage to a target. */
public interface Link extends AutoCloseable {

  /**
   * Reads what the server sends first, until an SSH identification line is complete, the bytes
   * cannot be SSH, the peer closes, or {@code timeout} passes. Completes, never exceptionally, with
   * what was read. Call once.
   */
  CompletableFuture<Greeting> readGreeting(Duration timeout);

  /** Blocking input continuing after the greeting's bytes; only after the greeting completed. */
  InputStream input() throws java.io.IOException;

  /** Blocking output; only after the greeting completed. */
  OutputStream output() throws java.io.IOException;

  /** Closes the connection; unblocks any read or write in progress. Idempotent, never throws. */
  @Override
  void close();

  /**
   * What the server sent first.
   *
   * @param bytes the bytes read, {@code length} of them valid
   * @param eof the peer closed (or reset) the connection
   * @param timedOut the timeout passed before an identification line was complete
   */
  record Greeting(byte[] bytes, int length, boolean eof, boolean timedOut) {}
}
