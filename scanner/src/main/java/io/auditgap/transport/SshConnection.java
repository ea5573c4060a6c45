package io.auditgap.transport;

import io.auditgap.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * An authenticated SSH connection (possibly through jump hosts). Each exec runs on its own session
 * channel; every wait is bounded by the exec's deadline, and a channel that does not close in time
 * is abandoned rather than waited for.
 */
public final class SshConnection implements Connection {
  /** How long a failed start waits to learn whether the transport is closing. */
  private static final int SETTLE_MILLIS = 200;

  private final String where;
  private final String fingerprint;
  private final String keyType;
  private final List<SSHClient> clients; // target first, then its jump hosts
  private final List<BannerSniffer> sockets;
  private final SessionAhead firstSession;
  private final SshOptions options;
  private final ExecutorService pool;
  private final AtomicInteger execs = new AtomicInteger();
  private volatile boolean closed;

  SshConnection(
      String where,
      String fingerprint,
      String keyType,
      List<SSHClient> clients,
      List<BannerSniffer> sockets,
      SessionAhead firstSession,
      SshOptions options) {
    this.where = where;
    this.fingerprint = fingerprint;
    this.keyType = keyType;
    this.clients = List.copyOf(clients);
    this.sockets = List.copyOf(sockets);
    this.firstSession = Objects.requireNonNull(firstSession, "firstSession");
    this.options = options;
    this.pool = Executors.newCachedThreadPool(DaemonThreads.named("ssh-exec-" + where));
  }

  @Override
  public String hostKeyFingerprint() {
    return fingerprint;
  }

  /** Type of the verified host key ({@code ssh-ed25519}, ...). */
  public String hostKeyType() {
    return keyType;
  }

  @Override
  public int execCount() {
    return execs.get();
  }

  /**
   * The authenticated client of the target, for uses that need channels other than exec (the
   * exposure probe opens direct-tcpip channels from a vantage host). The connection keeps owning
   * it: callers must not close it.
   */
  public SSHClient client() {
    return clients.get(0);
  }

  /** Whether the transport to the target is still up. */
  public boolean isAlive() {
    SSHClient c = clients.get(0);
    return !closed && c.isConnected() && c.getTransport().isRunning();
  }

  @Override
  public ExecResult exec(
      String command,
      byte[] stdin,
      byte[] closeStdinAfter,
      Predicate<byte[]> watchedLine,
      long maxStdout,
      Duration timeout)
      throws TransportException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] input = stdin == null ? new byte[0] : stdin;
    if (closed) {
      throw new TransportException(
          TransportFailure.DISCONNECTED, "connection to " + where + " is closed");
    }
    if (!isAlive()) {
      throw new TransportException(
          TransportFailure.DISCONNECTED, "connection to " + where + " was lost");
    }
    SSHClient client = clients.get(0);
    SessionHolder holder = new SessionHolder();
    Future<Session.Command> started =
        pool.submit(
            () -> {
              Session s = firstSession.take(timeout);
              if (s == null) {
                s = client.startSession();
              }
              execs.incrementAndGet();
              if (!holder.set(s)) {
                Closer.closeQuietly(s, Duration.ZERO);
                throw new IOException("exec abandoned");
              }
              return s.exec(command);
            });
    Session.Command cmd;
    try {
      cmd = started.get(left(deadline), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      started.cancel(true);
      Closer.closeQuietly(holder.abandon(), Duration.ZERO);
      return new ExecResult(new byte[0], false, "", null, true, !isAlive());
    } catch (ExecutionException e) {
      Closer.closeQuietly(holder.abandon(), Duration.ZERO);
      throw startFailure(e.getCause());
    } catch (InterruptedException e) {
      started.cancel(true);
      Closer.closeQuietly(holder.abandon(), Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new TransportException(TransportFailure.DEADLINE, "interrupted");
    }

    BoundedReader out = new BoundedReader(maxStdout, closeStdinAfter);
    BoundedReader err = new BoundedReader(options.maxStderrBytes());
    CompletableFuture<Void> outF =
        CompletableFuture.runAsync(() -> out.drain(cmd.getInputStream()), pool);
    // done once the caller has all it needs at the watched line (see Connection#exec)
    CompletableFuture<Void> enough = new CompletableFuture<>();
    Future<?> errF = pool.submit(() -> drainCapped(err, cmd.getErrorStream()));
    pool.submit(
        () -> {
          try (OutputStream in = cmd.getOutputStream()) {
            in.write(input);
            in.flush();
            if (closeStdinAfter != null) {
              out.awaitWatched(left(deadline));
            }
          } catch (IOException e) {
            // The command ended without reading all of stdin; its output tells why.
          }
          // stdin's EOF is on its way: the exit status follows a round trip later.
          if (watchedLine != null && out.watchedSeen() && watchedLine.test(out.bytes())) {
            enough.complete(null);
          }
        });

    boolean timedOut = false;
    boolean broken = false;
    Integer exit = null;
    String signal = null;
    try {
      CompletableFuture.anyOf(outF, enough).get(left(deadline), TimeUnit.NANOSECONDS);
      if (enough.isDone()) {
        // The command's end, a round trip away, is not waited for: its channel is closed without
        // waiting for the server's close, and the command, its stdin at EOF, ends on its own.
        Closer.closeQuietly(cmd, Duration.ZERO);
        return new ExecResult(
            out.bytes(),
            false,
            new String(err.bytes(), StandardCharsets.UTF_8),
            null,
            false,
            false);
      }
      outF.get(left(deadline), TimeUnit.NANOSECONDS);
      if (!out.truncated()) {
        errF.get(left(deadline), TimeUnit.NANOSECONDS);
        // stdout and stderr are at EOF; the exit status comes with the channel close.
        cmd.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left(deadline))), TimeUnit.MILLISECONDS);
        exit = cmd.getExitStatus();
        signal = cmd.getExitSignal() == null ? null : cmd.getExitSignal().name();
        // Closed without exit status or signal: the command did not finish normally.
        broken = exit == null && signal == null;
      }
    } catch (TimeoutException e) {
      timedOut = true;
    } catch (ConnectionException e) {
      timedOut = Failures.has(e, TimeoutException.class);
      broken = !timedOut;
    } catch (ExecutionException e) {
      broken = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timedOut = true;
    }
    // Stops the command when it is still running (truncated, timed out); bounded either way.
    Closer.closeQuietly(cmd, options.closeGrace());
    boolean truncated = out.truncated();
    if (truncated || timedOut) {
      exit = null;
      signal = null;
      broken = false;
    } else if (exit == null && !isAlive()) {
      broken = true;
    }
    return new ExecResult(
        out.bytes(),
        truncated,
        new String(err.bytes(), StandardCharsets.UTF_8),
        exit,
        timedOut && !truncated,
        broken,
        signal);
  }

  /** Keeps the first bytes of stderr and discards the rest, so stderr never stalls stdout. */
  private static void drainCapped(BoundedReader keep, InputStream in) {
    keep.drain(in);
    byte[] sink = new byte[8192];
    try {
      while (in.read(sink) >= 0) {
        // discard
      }
    } catch (IOException ignored) {
      // the channel closed
    }
  }

  private TransportException startFailure(Throwable e) {
    OpenFailException ofe = Failures.find(e, OpenFailException.class);
    if (ofe != null) {
      return new TransportException(
          TransportFailure.CHANNEL_REFUSED,
          where + " refused to open a session channel (MaxSessions?): " + Failures.oneLine(ofe),
          e);
    }
    if (lost(e)) {
      return new TransportException(
          TransportFailure.DISCONNECTED,
          "connection to " + where + " was lost: " + Failures.oneLine(e),
          e);
    }
    if (Failures.has(e, TimeoutException.class)) {
      return new TransportException(
          TransportFailure.DEADLINE, where + " did not start the command in time", e);
    }
    return new TransportException(
        TransportFailure.ERROR,
        "cannot start a command on " + where + ": " + Failures.oneLine(e),
        e);
  }

  /**
   * Whether a failure to start a command means the connection is gone. sshj hands the cause of a
   * dying transport to waiting channels and closes the socket before it marks itself closed, so
   * {@link #isAlive()} alone can still say true for a moment (under load, long enough for the next
   * exec to fail on the closed socket): the shape of the failure decides first, then the
   * transport's close event, which sshj completes before it wakes any channel.
   */
  private boolean lost(Throwable e) {
    if (!isAlive() || Failures.connectionLost(e)) {
      return true;
    }
    try {
      clients.get(0).getTransport().join(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
      return true;
    } catch (net.schmizz.sshj.transport.TransportException closing) {
      // join ends with the cause of death when the transport died, a timeout while it lives on.
      return !Failures.has(closing, TimeoutException.class);
    }
  }

  private static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /** Closes the target first, then its jump hosts; never blocks past the close grace. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Closer.closeQuietly(clients, options.closeGrace());
    for (BannerSniffer s : sockets) {
      s.closeAll();
    }
    pool.shutdownNow();
  }

  /** Hands a session from the starter task to the caller, or closes it if the caller left. */
  private static final class SessionHolder {
    private Session session;
    private boolean abandoned;

    synchronized boolean set(Session s) {
      session = s;
      return !abandoned;
    }

    synchronized Session abandon() {
      abandoned = true;
      return session;
    }
  }
}
