package io.auditgap.transport;

import io.auditgap.concurrent.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.Channel;

/** Closes sshj objects without letting a silent peer block the caller past a grace period. */
final class Closer {
  private Closer() {}

  /** Closes {@code clients} in order on a daemon thread; waits at most {@code grace}. */
  static boolean closeQuietly(List<SSHClient> clients, Duration grace) {
    if (clients.isEmpty()) {
      return true;
    }
    List<SSHClient> copy = List.copyOf(clients);
    return runBounded(
        () -> {
          for (SSHClient c : copy) {
            try {
              c.close();
            } catch (IOException | RuntimeException ignored) {
              // closing anyway
            }
          }
        },
        grace,
        "auditgap-ssh-close");
  }

  /** Closes a channel (sends CLOSE, waits for the peer's) for at most {@code grace}. */
  static boolean closeQuietly(Channel channel, Duration grace) {
    if (channel == null) {
      return true;
    }
    return runBounded(
        () -> {
          try {
            channel.close();
          } catch (IOException | RuntimeException ignored) {
            // closing anyway
          }
        },
        grace,
        "auditgap-ssh-channel-close");
  }

  /** Runs {@code r} on a daemon thread; true when it finished within {@code grace}. */
  static boolean runBounded(Runnable r, Duration grace, String name) {
    Thread t = DaemonThreads.start(name, r);
    if (grace.isZero() || grace.isNegative()) {
      return false;
    }
    try {
      t.join(Math.max(1, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !t.isAlive();
  }
}
