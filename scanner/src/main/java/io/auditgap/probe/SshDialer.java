package io.auditgap.probe;

import io.auditgap.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.connection.channel.direct.DirectTCPIPChannel;
import net.schmizz.sshj.connection.channel.direct.Parameters;
import net.schmizz.sshj.transport.TransportException;

/**
 * Dials from an inventory host through its SSH server: each connect is a {@code direct-tcpip}
 * channel on an already-authenticated {@link SSHClient} (nothing is installed or written on the
 * vantage). An open channel means the vantage's TCP handshake succeeded; an open failure with
 * "connect failed" means refused, unreachable or unresolvable there (told apart by the server's
 * message); no answer within the timeout means filtered.
 *
 * <p>Channel opens are asynchronous: the request is written and the reply completes the future on
 * sshj's reader thread, so many dials overlap on one SSH connection. The client stays owned by the
 * caller and is not closed here.
 */
public final class SshDialer implements Dialer {
  private final Vantage vantage;
  private final SSHClient client;
  private final int maxInFlight;
  private final ExecutorService readers;
  private final Set<ProbeChannel> channels = ConcurrentHashMap.newKeySet();

  /** At most 64 channels in flight (OpenSSH's own per-connection limits are generous). */
  public SshDialer(Vantage vantage, SSHClient client) {
    this(vantage, client, 64);
  }

  public SshDialer(Vantage vantage, SSHClient client, int maxInFlight) {
    if (!client.isConnected() || !client.isAuthenticated()) {
      throw new IllegalArgumentException(
          "the SSH client of vantage " + vantage.name() + " must be connected and authenticated");
    }
    this.vantage = vantage;
    this.client = client;
    this.maxInFlight = maxInFlight;
    this.readers = Executors.newCachedThreadPool(DaemonThreads.named("probe-" + vantage.name()));
  }

  @Override
  public Vantage vantage() {
    return vantage;
  }

  @Override
  public int maxInFlight() {
    return maxInFlight;
  }

  @Override
  public CompletableFuture<DialOutcome> dial(String address, int port, Duration timeout) {
    long start = System.nanoTime();
    CompletableFuture<DialOutcome> result = new CompletableFuture<>();
    ProbeChannel ch;
    try {
      ch = new ProbeChannel(client, address, port);
      channels.add(ch);
      ch.startOpen();
    } catch (IOException | RuntimeException e) {
      result.complete(
          DialOutcome.failed(
              PortVerdict.FILTERED,
              "vantage " + vantage.name() + " unusable: " + e.getMessage(),
              System.nanoTime() - start));
      return result;
    }
    ch.opened
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (ok, err) -> {
              long latency = System.nanoTime() - start;
              if (err == null) {
                result.complete(DialOutcome.connected(new ChannelLink(ch), latency));
                return;
              }
              Throwable cause = err.getCause() != null ? err.getCause() : err;
              if (cause instanceof TimeoutException) {
                ch.abandon();
                result.complete(
                    DialOutcome.failed(
                        PortVerdict.FILTERED, "no answer within the timeout", latency));
              } else {
                channels.remove(ch);
                result.complete(classify(cause, latency));
              }
            });
    return result;
  }

  /** Maps a channel-open failure to a verdict, by the reason code and the server's message. */
  static DialOutcome classify(Throwable e, long latency) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof OpenFailException) {
      OpenFailException f = (OpenFailException) e;
      String m = msg.toLowerCase(Locale.ROOT);
      if (f.getReason() == OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED) {
        return DialOutcome.failed(
            PortVerdict.FILTERED, "vantage refuses port forwarding: " + msg, latency);
      }
      if (m.contains("refused")) {
        return DialOutcome.failed(PortVerdict.CLOSED, "connection refused (at vantage)", latency);
      }
      if (m.contains("name or service not known")
          || m.contains("unknown host")
          || m.contains("nodename nor servname")
          || m.contains("no address associated")
          || m.contains("name resolution")
          || m.contains("unresolved")
          || m.contains("unknownhost")) {
        return DialOutcome.failed(
            PortVerdict.UNRESOLVABLE, "cannot resolve (at vantage): " + msg, latency);
      }
      if (m.contains("unreachable")
          || m.contains("no route")
          || m.contains("timed out")
          || m.contains("timeout")) {
        return DialOutcome.failed(
            PortVerdict.FILTERED, "unreachable (at vantage): " + msg, latency);
      }
      if (f.getReason() == OpenFailException.Reason.CONNECT_FAILED) {
        // An answer without a known reason text (Apache MINA SSHD sends only the code): the
        // vantage got a prompt failure, which is a refusal far more often than anything else.
        return DialOutcome.failed(
            PortVerdict.CLOSED, "connect failed (at vantage): " + msg, latency);
      }
      return DialOutcome.failed(
          PortVerdict.FILTERED, "channel open failed (at vantage): " + msg, latency);
    }
    return DialOutcome.failed(PortVerdict.FILTERED, "vantage connection failed: " + msg, latency);
  }

  @Override
  public void close() {
    for (ProbeChannel ch : channels) {
      ch.abandon();
      ch.closeQuietly(readers);
    }
    readers.shutdown();
  }

  /** A direct-tcpip channel whose open completes a future instead of blocking a thread. */
  private final class ProbeChannel extends DirectTCPIPChannel {
    final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    ProbeChannel(SSHClient client, String host, int port) {
      super(
          client.getConnection(),
          new Parameters(DirectConnection.LOCALHOST, DirectConnection.LOCALPORT, host, port));
    }

    void startOpen() throws TransportException {
      trans.write(buildOpenReq());
    }

    @Override
    protected void gotUnknown(Message msg, SSHPacket buf)
        throws ConnectionException, TransportException {
      super.gotUnknown(msg, buf);
      if (msg == Message.CHANNEL_OPEN_CONFIRMATION) {
        if (!opened.complete(null) || abandoned.get()) {
          closeQuietly(readers); // a late answer after the timeout: give the channel back
        }
      } else if (msg == Message.CHANNEL_OPEN_FAILURE) {
        try {
          openEvent.await(0, TimeUnit.MILLISECONDS);
          opened.completeExceptionally(new ConnectionException("open failed"));
        } catch (ConnectionException e) {
          opened.completeExceptionally(e);
        }
        channels.remove(this);
      }
    }

    void abandon() {
      abandoned.set(true);
    }

    /** Sends CHANNEL_CLOSE off the caller's thread (sshj waits for the peer's reply). */
    void closeQuietly(ExecutorService pool) {
      channels.remove(this);
      if (!closing.compareAndSet(false, true)) {
        return;
      }
      // Never notifyError/finishOff here: sshj would forget the channel while the server still
      // knows it, and the server's next message on it would tear down the whole SSH connection.
      // close() sends CHANNEL_CLOSE; the peer's reply ends the streams and unblocks readers.
      Runnable close =
          () -> {
            try {
              close();
            } catch (IOException | RuntimeException e) {
              // already gone
            }
          };
      try {
        pool.execute(close);
      } catch (RuntimeException rejected) {
        new Thread(close, "auditgap-probe-close").start();
      }
    }
  }

  private final class ChannelLink implements Link {
    private final ProbeChannel ch;

    ChannelLink(ProbeChannel ch) {
      this.ch = ch;
    }

    @Override
    public CompletableFuture<Greeting> readGreeting(Duration timeout) {
      CompletableFuture<Greeting> result = new CompletableFuture<>();
      byte[] buf = new byte[SshIdent.MAX_GREETING];
      int[] len = {0};
      readers.execute(
          () -> {
            boolean eof = false;
            try {
              InputStream in = ch.getInputStream();
              while (len[0] < buf.length && !result.isDone()) {
                int n = in.read(buf, len[0], buf.length - len[0]);
                if (n < 0) {
                  eof = true;
                  break;
                }
                synchronized (buf) {
                  len[0] += n;
                }
                if (SshIdent.scan(buf, len[0]) != SshIdent.Scan.MORE) {
                  break;
                }
              }
            } catch (IOException | RuntimeException e) {
              eof = !result.isDone();
            }
            synchronized (buf) {
              result.complete(new Greeting(buf.clone(), len[0], eof, false));
            }
          });
      CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .execute(
              () -> {
                synchronized (buf) {
                  if (result.complete(new Greeting(buf.clone(), len[0], false, true))) {
                    close(); // nothing more will be read from this link
                  }
                }
              });
      return result;
    }

    @Override
    public InputStream input() {
      return ch.getInputStream();
    }

    @Override
    public OutputStream output() {
      return ch.getOutputStream();
    }

    @Override
    public void close() {
      ch.closeQuietly(readers);
    }
  }
}
