package io.auditgap.transport;

import io.auditgap.concurrent.DaemonThreads;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.SocketFactory;

/**
 * A socket factory whose sockets remember the first bytes the server sent, so that a server that
 * accepts TCP but never speaks SSH can be told from a slow SSH server, and the sockets can be
 * closed from another thread to unblock any read. Its first socket may begin connecting before the
 * SSH library asks for it ({@link #connectEarly}).
 */
final class BannerSniffer extends SocketFactory {
  private static final int KEEP = 256;
  private final byte[] head = new byte[KEEP];
  private int headLen;
  private long total;
  private final List<Socket> sockets = new ArrayList<>();
  private boolean closed;
  private SniffingSocket early;
  private volatile WriteWatch watch;

  private record WriteWatch(Thread writer, Runnable then) {}

  /**
   * Begins the TCP connect to {@code host:port} now, on a daemon thread; the next {@link
   * #createSocket()} returns that socket, connected or still connecting (its {@code connect} then
   * waits for this one and fails as it failed: refused, unresolvable, timed out after {@code
   * timeoutMs}).
   */
  void connectEarly(String host, int port, int timeoutMs) {
    SniffingSocket s = new SniffingSocket();
    synchronized (this) {
      if (closed || early != null) {
        return;
      }
      sockets.add(s);
      early = s;
    }
    s.begin(host, port, timeoutMs);
  }

  @Override
  public Socket createSocket() throws IOException {
    synchronized (this) {
      if (early != null && !closed) {
        Socket s = early;
        early = null;
        return s;
      }
    }
    Socket s = new SniffingSocket();
    synchronized (this) {
      if (closed) {
        s.close();
        throw new IOException("connection attempt abandoned");
      }
      sockets.add(s);
    }
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
    throw new UnsupportedOperationException();
  }

  /** Closes every socket made so far and refuses new ones; unblocks connect and read. */
  void closeAll() {
    List<Socket> copy;
    synchronized (this) {
      closed = true;
      copy = new ArrayList<>(sockets);
    }
    for (Socket s : copy) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /**
   * Runs {@code then} after {@code writer} has written to a socket of this factory (the bytes are
   * then in the kernel's send buffer, ahead of any later write); {@code null} stops watching.
   */
  void onWriteBy(Thread writer, Runnable then) {
    watch = writer == null ? null : new WriteWatch(writer, then);
  }

  private void wrote() {
    WriteWatch w = watch;
    if (w != null && w.writer() == Thread.currentThread()) {
      w.then().run();
    }
  }

  /** True once some socket has completed its TCP connect. */
  synchronized boolean connected() {
    for (Socket s : sockets) {
      if (s.isConnected()) {
        return true;
      }
    }
    return false;
  }

  synchronized long bytesReceived() {
    return total;
  }

  /** True when some line the server sent starts with {@code SSH-}. */
  synchronized boolean sawSshBanner() {
    String s = new String(head, 0, headLen, StandardCharsets.ISO_8859_1);
    return s.startsWith("SSH-") || s.contains("\nSSH-");
  }

  /** The first printable bytes the server sent, quoted, for messages. */
  synchronized String headExcerpt() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(headLen, 40); i++) {
      int c = head[i] & 0xff;
      if (c >= 0x20 && c < 0x7f) {
        b.append((char) c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else {
        b.append(String.format("\\x%02x", c));
      }
    }
    return b.toString();
  }

  private synchronized void record(byte[] b, int off, int n) {
    total += n;
    int room = KEEP - headLen;
    if (room > 0) {
      int k = Math.min(room, n);
      System.arraycopy(b, off, head, headLen, k);
      headLen += k;
    }
  }

  private final class SniffingSocket extends Socket {
    private InputStream in;
    private OutputStream out;
    private volatile CompletableFuture<Void> pending;

    // Without TCP_NODELAY a small packet written while an earlier one is unacknowledged waits for
    // that acknowledgement, which the server delays by up to 40 ms when it has nothing to send
    // (Nagle and delayed ACK): the NEWKEYS message and the requests that follow it at once paid
    // that wait. SSH packets are written whole, so nothing is gained by letting the kernel merge.
    SniffingSocket() {
      try {
        setTcpNoDelay(true);
      } catch (SocketException e) {
        // an option the platform refuses only costs the wait
      }
    }

    void begin(String host, int port, int timeoutMs) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      pending = f;
      DaemonThreads.start(
          "auditgap-tcp-" + host,
          () -> {
            try {
              super.connect(new InetSocketAddress(host, port), timeoutMs);
              f.complete(null);
            } catch (IOException | RuntimeException e) {
              f.completeExceptionally(e);
            }
          });
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      CompletableFuture<Void> f = pending;
      if (f == null) {
        super.connect(endpoint, timeout);
        return;
      }
      try {
        f.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IOException(e.getCause());
      }
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in =
            new FilterInputStream(super.getInputStream()) {
              @Override
              public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                  record(new byte[] {(byte) c}, 0, 1);
                }
                return c;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                  record(b, off, n);
                }
                return n;
              }
            };
      }
      return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (out == null) {
        out =
            new FilterOutputStream(super.getOutputStream()) {
              @Override
              public void write(int b) throws IOException {
                super.out.write(b);
                wrote();
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                super.out.write(b, off, len);
                wrote();
              }
            };
      }
      return out;
    }
  }
}
