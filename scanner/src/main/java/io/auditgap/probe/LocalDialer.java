package io.auditgap.probe;

import io.auditgap.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Dials from the machine auditgap runs on. One selector thread runs every non-blocking connect and
 * every greeting read, so their timeouts overlap: a thousand silent targets cost one timeout, not a
 * thousand. Names are resolved on a small pool (the JDK resolver blocks).
 */
public final class LocalDialer implements Dialer {
  private static final Pattern IP_LITERAL =
      Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%a-zA-Z0-9]*)$");

  private final Vantage vantage;
  private final int maxInFlight;
  private final Selector selector;
  private final Thread loop;
  private final ExecutorService resolver;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  // selector thread only
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final List<Runnable> afterDeregister = new ArrayList<>();
  private volatile boolean closed;

  /**
   * A local dialer with at most 1,024 sockets in flight: enough for 1,000 targets to wait out one
   * timeout together (the JVM raises its descriptor limit to the hard limit on Linux).
   */
  public LocalDialer(Vantage vantage) {
    this(vantage, 1024);
  }

  public LocalDialer(Vantage vantage, int maxInFlight) {
    this.vantage = vantage;
    this.maxInFlight = maxInFlight;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a selector: " + e.getMessage(), e);
    }
    this.resolver = Executors.newFixedThreadPool(8, DaemonThreads.named("probe-dns"));
    this.loop = new Thread(this::run, "auditgap-probe-selector");
    loop.setDaemon(true);
    loop.start();
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
    CompletableFuture<DialOutcome> result = new CompletableFuture<>();
    if (closed) {
      result.complete(DialOutcome.failed(PortVerdict.FILTERED, "dialer closed", 0));
      return result;
    }
    if (IP_LITERAL.matcher(address).matches()) {
      InetAddress ip;
      try {
        ip = InetAddress.getByName(address); // a literal: no lookup
      } catch (UnknownHostException e) {
        result.complete(
            DialOutcome.failed(PortVerdict.UNRESOLVABLE, "invalid address: " + address, 0));
        return result;
      }
      submit(() -> startConnect(ip, port, timeout, result));
      return result;
    }
    long start = System.nanoTime();
    resolver.execute(
        () -> {
          InetAddress ip;
          try {
            ip = InetAddress.getByName(address);
          } catch (UnknownHostException | SecurityException e) {
            result.complete(
                DialOutcome.failed(
                    PortVerdict.UNRESOLVABLE,
                    "cannot resolve " + address + ": " + e.getMessage(),
                    System.nanoTime() - start));
            return;
          }
          submit(() -> startConnect(ip, port, timeout, result));
        });
    return result;
  }

  private void submit(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  // ---- selector thread ----

  private void startConnect(
      InetAddress ip, int port, Duration timeout, CompletableFuture<DialOutcome> result) {
    long start = System.nanoTime();
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open();
      open.add(ch);
      ch.configureBlocking(false);
      if (ch.connect(new InetSocketAddress(ip, port))) {
        result.complete(DialOutcome.connected(new LocalLink(ch), System.nanoTime() - start));
        return;
      }
      Connecting c = new Connecting(ch, start, result);
      c.key = ch.register(selector, SelectionKey.OP_CONNECT, c);
      timers.add(new Timer(start + timeout.toNanos(), c));
    } catch (IOException | RuntimeException e) {
      closeQuietly(ch);
      result.complete(failure(e, System.nanoTime() - start));
    }
  }

  private void run() {
    try {
      while (!closed) {
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        if (!afterDeregister.isEmpty()) {
          selector.selectNow(); // deregisters cancelled keys
        } else {
          Timer next = timers.peek();
          long waitMs =
              next == null
                  ? 0
                  : Math.max(1, (next.deadline - System.nanoTime() + 999_999) / 1_000_000);
          selector.select(waitMs);
        }
        if (!afterDeregister.isEmpty()) {
          List<Runnable> ready = new ArrayList<>(afterDeregister);
          afterDeregister.clear();
          ready.forEach(Runnable::run);
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          Object att = key.attachment();
          if (att instanceof Connecting) {
            finishConnect((Connecting) att);
          } else if (att instanceof Reading) {
            read((Reading) att);
          }
        }
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().deadline - now <= 0) {
          timers.poll().state.expire();
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // closing
    } finally {
      shutdown();
    }
  }

  private void finishConnect(Connecting c) {
    if (c.done) {
      return;
    }
    c.done = true;
    try {
      if (c.ch.finishConnect()) {
        c.key.interestOps(0);
        c.key.attach(null);
        LocalLink link = new LocalLink(c.ch);
        link.key = c.key;
        c.result.complete(DialOutcome.connected(link, System.nanoTime() - c.start));
      } else {
        c.done = false;
      }
    } catch (IOException | RuntimeException e) {
      c.key.cancel();
      closeQuietly(c.ch);
      c.result.complete(failure(e, System.nanoTime() - c.start));
    }
  }

  private void read(Reading r) {
    if (r.done) {
      return;
    }
    try {
      int n = r.link.ch.read(ByteBuffer.wrap(r.buf, r.len, r.buf.length - r.len));
      if (n < 0) {
        r.finish(true, false);
        return;
      }
      r.len += n;
      if (SshIdent.scan(r.buf, r.len) != SshIdent.Scan.MORE || r.len >= r.buf.length) {
        r.finish(false, false);
      }
    } catch (IOException e) {
      r.finish(true, false);
    }
  }

  static DialOutcome failure(Throwable e, long latencyNanos) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof ConnectException && msg.toLowerCase().contains("refused")) {
      return DialOutcome.failed(PortVerdict.CLOSED, "connection refused", latencyNanos);
    }
    if (e instanceof NoRouteToHostException) {
      return DialOutcome.failed(
          PortVerdict.FILTERED, "no route to host (ICMP unreachable)", latencyNanos);
    }
    return DialOutcome.failed(PortVerdict.FILTERED, msg, latencyNanos);
  }

  private void shutdown() {
    for (SocketChannel ch : open) {
      closeQuietly(ch);
    }
    try {
      selector.close();
    } catch (IOException e) {
      // ignore
    }
    for (Timer t : timers) {
      t.state.expire();
    }
    timers.clear();
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run(); // completes pending dials against a closed selector: classified as failures
    }
  }

  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    resolver.shutdownNow();
  }

  private void closeQuietly(SocketChannel ch) {
    if (ch != null) {
      open.remove(ch);
      try {
        ch.close();
      } catch (IOException e) {
        // ignore
      }
    }
  }

  /** Something with a deadline in the selector thread. */
  private interface Expiring {
    void expire();
  }

  private static final class Timer implements Comparable<Timer> {
    final long deadline;
    final Expiring state;

    Timer(long deadline, Expiring state) {
      this.deadline = deadline;
      this.state = state;
    }

    @Override
    public int compareTo(Timer o) {
      return Long.compare(deadline - o.deadline, 0);
    }
  }

  private final class Connecting implements Expiring {
    final SocketChannel ch;
    final long start;
    final CompletableFuture<DialOutcome> result;
    SelectionKey key;
    boolean done;

    Connecting(SocketChannel ch, long start, CompletableFuture<DialOutcome> result) {
      this.ch = ch;
      this.start = start;
      this.result = result;
    }

    @Override
    public void expire() {
      if (done) {
        return;
      }
      done = true;
      if (key != null) {
        key.cancel();
      }
      closeQuietly(ch);
      result.complete(
          DialOutcome.failed(
              PortVerdict.FILTERED, "no answer within the timeout", System.nanoTime() - start));
    }
  }

  private final class Reading implements Expiring {
    final LocalLink link;
    final byte[] buf = new byte[SshIdent.MAX_GREETING];
    final CompletableFuture<Link.Greeting> result;
    int len;
    boolean done;

    Reading(LocalLink link, CompletableFuture<Link.Greeting> result) {
      this.link = link;
      this.result = result;
    }

    @Override
    public void expire() {
      finish(false, true);
    }

    /** Leaves the selector, switches the socket to blocking mode, then completes. */
    void finish(boolean eof, boolean timedOut) {
      if (done) {
        return;
      }
      done = true;
      link.key.cancel();
      Link.Greeting g = new Link.Greeting(buf, len, eof, timedOut);
      afterDeregister.add(
          () -> {
            try {
              if (link.ch.isOpen()) {
                link.ch.configureBlocking(true);
              }
            } catch (IOException | RuntimeException e) {
              link.close();
            }
            result.complete(g);
          });
    }
  }

  private final class LocalLink implements Link {
    final SocketChannel ch;
    SelectionKey key;

    LocalLink(SocketChannel ch) {
      this.ch = ch;
    }

    @Override
    public CompletableFuture<Greeting> readGreeting(Duration timeout) {
      CompletableFuture<Greeting> result = new CompletableFuture<>();
      submit(
          () -> {
            Reading r = new Reading(this, result);
            try {
              if (key == null || !key.isValid()) {
                key = ch.register(selector, SelectionKey.OP_READ, r);
              } else {
                key.interestOps(SelectionKey.OP_READ);
                key.attach(r);
              }
              timers.add(new Timer(System.nanoTime() + timeout.toNanos(), r));
            } catch (IOException | RuntimeException e) {
              r.done = true;
              result.complete(new Greeting(new byte[0], 0, true, false));
            }
          });
      return result;
    }

    @Override
    public InputStream input() throws IOException {
      return ch.socket().getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
      return ch.socket().getOutputStream();
    }

    @Override
    public void close() {
      closeQuietly(ch);
    }
  }
}
