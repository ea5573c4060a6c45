package io.auditgap.probe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Opens TCP connections from one vantage. Implementations: {@link LocalDialer} (this machine, NIO)
 * and {@link SshDialer} (an SSH server's {@code direct-tcpip} channels). Dials never block the
 * caller: many run at once, so their timeouts overlap.
 */
public interface Dialer extends AutoCloseable {

  /** Where the connections start from. */
  Vantage vantage();

  /** How many connections this dialer should have open at once (file descriptors, channels). */
  int maxInFlight();

  /**
   * Starts a TCP connect to {@code address:port} (a name is resolved where the vantage is). The
   * future completes, never exceptionally, with a {@link Link} once the handshake completed, or
   * with the classified failure ({@code closed}, {@code filtered}, {@code unresolvable}) — at the
   * latest when {@code timeout} has passed.
   */
  CompletableFuture<DialOutcome> dial(String address, int port, Duration timeout);

  /**
   * Closes every connection this dialer still holds (the SSH client of a vantage is not closed).
   */
  @Override
  void close();
}
