package io.auditgap.transport;

import io.auditgap.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.SessionChannel;

/**
 * The session channel of a host's first command, opened right behind the authentication request
 * instead of after its answer: one round trip less per host. The server handles its messages in
 * order, so the channel open is read once the authentication has succeeded (OpenSSH hands what it
 * has already read over to the process that serves the authenticated user).
 *
 * <p>Used only where a refused authentication ends the connection anyway: with a single key whose
 * signed request goes out at once ({@link SignedPublickey}). A server that refuses the key answers
 * the early channel open as an unknown message, after the refusal, so the refusal is still what the
 * scan reports. When the early open fails for any other reason, the command opens its channel the
 * usual way.
 */
final class SessionAhead {
  private final CompletableFuture<Session> opened = new CompletableFuture<>();
  private final AtomicBoolean taken = new AtomicBoolean();
  private volatile boolean begun;

  /** Opens the session channel of {@code client} now, on a thread of its own. */
  void begin(SSHClient client) {
    begun = true;
    DaemonThreads.start(
        "auditgap-session-ahead",
        () -> {
          try {
            SessionChannel s =
                new SessionChannel(client.getConnection(), client.getRemoteCharset());
            s.open();
            opened.complete(s);
          } catch (Exception e) {
            opened.completeExceptionally(e);
          }
        });
  }

  /**
   * The channel opened early, once: null when it was never begun, failed, was taken before, or is
   * not open within {@code wait} (then it is closed when it opens).
   */
  Session take(Duration wait) {
    if (!begun || !taken.compareAndSet(false, true)) {
      return null;
    }
    try {
      return opened.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      opened.thenAccept(s -> Closer.closeQuietly(s, Duration.ZERO));
      return null;
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
