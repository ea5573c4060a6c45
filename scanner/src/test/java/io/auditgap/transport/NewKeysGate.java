package io.auditgap.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay for one SSH connection that shows whether the client sends its requests after the key
 * exchange without waiting for the server's answers. It reads both sides' identification lines and
 * cleartext packets up to each side's NEWKEYS; from then on it holds everything the server sends
 * until the client has sent at least {@code clientBytes} more bytes (then it lets all through), or
 * until {@code patienceMs} have passed (then it lets all through too, and records that the client
 * waited). So a client that waits for the service accept before authenticating still connects,
 * slowly, and the test can tell.
 */
final class NewKeysGate implements AutoCloseable {
  private static final int NEWKEYS = 21;
  private final ServerSocket listener;
  private final int targetPort;
  private final int clientBytes;
  private final long patienceMs;
  private final Object lock = new Object();
  private boolean serverKeysSeen;
  private boolean clientKeysSeen;
  private long clientAfterKeys;
  private boolean open;
  private Boolean clientWentAhead;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private OutputStream toClient;
  private Socket client;
  private Socket server;

  NewKeysGate(int targetPort, int clientBytes, long patienceMs) throws IOException {
    this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.clientBytes = clientBytes;
    this.patienceMs = patienceMs;
    Thread t = new Thread(this::accept, "newkeys-gate");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /**
   * True when the client sent its {@code clientBytes} while the server's post-NEWKEYS bytes were
   * held; false when the gate opened on patience; null when the key exchange never ended.
   */
  Boolean clientWentAhead() {
    synchronized (lock) {
      return clientWentAhead;
    }
  }

  /** Whether the server's post-NEWKEYS bytes have been let through. */
  boolean released() {
    synchronized (lock) {
      return open;
    }
  }

  private void accept() {
    try {
      client = listener.accept();
      server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      toClient = client.getOutputStream();
      Thread up = new Thread(this::clientToServer, "newkeys-gate-up");
      up.setDaemon(true);
      up.start();
      serverToClient();
    } catch (IOException e) {
      // the test's connection ends; the test reads what was recorded
    }
  }

  private void clientToServer() {
    PacketScanner scan = new PacketScanner();
    byte[] buf = new byte[8192];
    try (InputStream in = client.getInputStream();
        OutputStream out = server.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        int cleartext = scan.feed(buf, 0, n);
        out.write(buf, 0, n);
        out.flush();
        synchronized (lock) {
          if (scan.newKeysEnd >= 0) {
            clientKeysSeen = true;
          }
          if (clientKeysSeen && !open) {
            clientAfterKeys += n - Math.min(n, cleartext);
            if (serverKeysSeen && clientAfterKeys >= clientBytes) {
              release(true);
            }
          }
        }
      }
    } catch (IOException e) {
      // closed
    }
  }

  private void serverToClient() throws IOException {
    PacketScanner scan = new PacketScanner();
    byte[] buf = new byte[8192];
    InputStream in = server.getInputStream();
    long deadline = Long.MAX_VALUE;
    server.setSoTimeout(50);
    while (true) {
      int n;
      try {
        n = in.read(buf);
      } catch (java.net.SocketTimeoutException e) {
        synchronized (lock) {
          if (!open && System.nanoTime() > deadline) {
            release(false);
          }
        }
        continue;
      }
      if (n < 0) {
        break;
      }
      synchronized (lock) {
        if (open) {
          toClient.write(buf, 0, n);
          toClient.flush();
          continue;
        }
        int cleartext = serverKeysSeen ? 0 : scan.feed(buf, 0, n);
        if (!serverKeysSeen && scan.newKeysEnd >= 0) {
          serverKeysSeen = true;
          deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMs);
        }
        toClient.write(buf, 0, serverKeysSeen ? Math.min(n, cleartext) : n);
        toClient.flush();
        if (serverKeysSeen && cleartext < n) {
          held.write(buf, cleartext, n - cleartext);
        }
        if (serverKeysSeen && clientKeysSeen && clientAfterKeys >= clientBytes) {
          release(true);
        }
      }
    }
    client.close();
  }

  private void release(boolean ahead) throws IOException {
    open = true;
    if (clientWentAhead == null) {
      clientWentAhead = ahead;
    }
    toClient.write(held.toByteArray());
    toClient.flush();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * Follows one direction's identification line and cleartext binary packets (RFC 4253 sections 4.2
   * and 6: before NEWKEYS, a packet is its 4-byte length, then that many bytes, no MAC).
   */
  private static final class PacketScanner {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean identified;
    private long consumed;

    /** Offset, in the bytes fed so far, just past this side's NEWKEYS packet; -1 until seen. */
    long newKeysEnd = -1;

    /** Returns how many of these {@code n} bytes are cleartext (up to the end of NEWKEYS). */
    int feed(byte[] b, int off, int n) {
      long before = consumed;
      if (newKeysEnd >= 0) {
        consumed += n;
        return 0;
      }
      pending.write(b, off, n);
      consumed += n;
      byte[] p = pending.toByteArray();
      int i = 0;
      while (true) {
        if (!identified) {
          int eol = indexOf(p, i, (byte) '\n');
          if (eol < 0) {
            break;
          }
          identified = p[i] == 'S' && p[i + 1] == 'S' && p[i + 2] == 'H' && p[i + 3] == '-';
          i = eol + 1;
          continue;
        }
        if (p.length - i < 6) {
          break;
        }
        int len =
            ((p[i] & 0xff) << 24)
                | ((p[i + 1] & 0xff) << 16)
                | ((p[i + 2] & 0xff) << 8)
                | (p[i + 3] & 0xff);
        if (p.length - i < 4 + len) {
          break;
        }
        int type = p[i + 5] & 0xff;
        i += 4 + len;
        if (type == NEWKEYS) {
          newKeysEnd = before - (p.length - n) + i;
          pending.reset();
          return (int) Math.min(n, newKeysEnd - before);
        }
      }
      pending.reset();
      pending.write(p, i, p.length - i);
      return n;
    }

    private static int indexOf(byte[] p, int from, byte c) {
      for (int k = from; k < p.length; k++) {
        if (p[k] == c) {
          return k;
        }
      }
      return -1;
    }
  }
}
