package io.auditgap.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real sockets on 127.0.0.1 only, no root needed: listeners that stay silent, speak HTTP or fake an
 * SSH identification, a closed port, an unresolvable name, and an embedded Apache MINA SSHD server
 * (password + public key, forwarding on) for authentication methods and the SSH vantage.
 */
class LoopbackProbeTest {
  static final InetAddress LO = InetAddress.getLoopbackAddress();
  static final List<ServerSocket> servers = new ArrayList<>();
  static final List<Thread> threads = new ArrayList<>();
  static SshServer sshd;
  static int silent;
  static int http;
  static int fakeSsh;
  static int closed;
  static String sshdFingerprint;

  @BeforeAll
  static void up() throws Exception {
    silent = listen(null);
    http = listen("HTTP/1.0 400 Bad Request\r\nServer: test\r\n\r\n");
    fakeSsh = listen("SSH-2.0-Fake_1.0 \u001b[2Jhi\r\n");
    try (ServerSocket s = new ServerSocket(0, 1, LO)) {
      closed = s.getLocalPort(); // nothing listens there any more
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair hostKey = g.generateKeyPair();
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPasswordAuthenticator((u, p, s) -> "probe-test".equals(u) && "secret".equals(p));
    sshd.setPublickeyAuthenticator((u, k, s) -> false);
    sshd.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
    sshd.start();
    sshdFingerprint = AuthMethodsProbe.fingerprint(hostKey.getPublic());
  }

  /** A listener answering every connection with {@code greeting} (null: stays silent). */
  static int listen(String greeting) throws IOException {
    ServerSocket ss = new ServerSocket(0, 50, LO);
    servers.add(ss);
    Thread t =
        new Thread(
            () -> {
              List<Socket> keep = new ArrayList<>();
              while (!ss.isClosed()) {
                try {
                  Socket s = ss.accept();
                  keep.add(s);
                  if (greeting != null) {
                    OutputStream o = s.getOutputStream();
                    o.write(greeting.getBytes(StandardCharsets.ISO_8859_1));
                    o.flush();
                  }
                } catch (IOException e) {
                  break;
                }
              }
              keep.forEach(
                  s -> {
                    try {
                      s.close();
                    } catch (IOException e) {
                      // ignore
                    }
                  });
            });
    t.setDaemon(true);
    t.start();
    threads.add(t);
    return ss.getLocalPort();
  }

  @AfterAll
  static void down() throws Exception {
    for (ServerSocket s : servers) {
      s.close();
    }
    if (sshd != null) {
      sshd.stop(true);
    }
  }

  static ProbeEngine engine() {
    return new ProbeEngine(
        new ProbeOptions(
            Duration.ofSeconds(2),
            Duration.ofMillis(700),
            // Generous: key exchange with a fresh JVM on a loaded 2-core machine can take seconds.
            Duration.ofSeconds(20),
            true,
            4,
            ProbeOptions.DEFAULT_USER),
        Clock.systemUTC(),
        "test");
  }

  static ProbeTarget target(String address, int port, String vantage) {
    return new ProbeTarget("h", address, port, null, vantage);
  }

  static Map<Integer, PortResult> byPort(ProbeReport r) {
    Map<Integer, PortResult> m = new java.util.HashMap<>();
    r.targets().forEach(p -> m.put(p.port(), p));
    return m;
  }

  @Test
  void classifiesLoopbackServicesFromTheLocalVantage() {
    List<ProbeTarget> targets = new ArrayList<>();
    for (int p : new int[] {silent, http, fakeSsh, closed, sshd.getPort()}) {
      targets.add(target("127.0.0.1", p, "local"));
    }
    targets.add(target("no-such-host.invalid", 22, "local"));
    ProbeReport r;
    try (LocalDialer d = new LocalDialer(Vantage.local(true))) {
      r = engine().probe(targets, d);
    }
    assertEquals(6, r.targets().size());
    Map<Integer, PortResult> m = byPort(r);
    assertEquals(PortVerdict.OPEN_NOT_SSH, m.get(silent).verdict());
    assertNull(m.get(silent).banner());
    assertTrue(m.get(silent).reason().contains("no SSH identification"), m.get(silent).reason());
    assertEquals(PortVerdict.OPEN_NOT_SSH, m.get(http).verdict());
    assertEquals("HTTP/1.0 400 Bad Request", m.get(http).banner());
    assertEquals(PortVerdict.OPEN, m.get(fakeSsh).verdict());
    assertEquals("SSH-2.0-Fake_1.0 ?[2Jhi", m.get(fakeSsh).banner());
    assertNull(m.get(fakeSsh).authMethods()); // it never answers the key exchange
    assertNotNull(m.get(fakeSsh).reason());
    assertEquals(PortVerdict.CLOSED, m.get(closed).verdict());
    PortResult ssh = m.get(sshd.getPort());
    assertEquals(PortVerdict.OPEN, ssh.verdict(), ssh.toString());
    assertTrue(ssh.banner().startsWith("SSH-2.0-APACHE-SSHD"), ssh.banner());
    assertTrue(ssh.authMethods().contains("password"), ssh.authMethods().toString());
    assertTrue(ssh.authMethods().contains("publickey"), ssh.authMethods().toString());
    assertEquals(sshdFingerprint, ssh.hostKeyFingerprint());
    assertEquals("ecdsa-sha2-nistp256", ssh.hostKeyType());
    assertEquals(PortVerdict.UNRESOLVABLE, r.targets().get(5).verdict());
  }

  @Test
  void manySilentTargetsShareOneBannerTimeoutAndStayWithinTheSocketBound() {
    // 300 connections to a silent listener with only 100 sockets allowed: three waves of the
    // banner timeout, never more than 100 sockets. (Counted, not timed.)
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<ProbeTarget> targets = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      targets.add(target("127.0.0.1", silent, "local"));
    }
    ProbeReport r;
    try (LocalDialer local = new LocalDialer(Vantage.local(true), 100)) {
      Dialer counting = new CountingDialer(local, inFlight, peak);
      r = engine().probe(targets, counting);
    }
    assertTrue(r.targets().stream().allMatch(p -> p.verdict() == PortVerdict.OPEN_NOT_SSH));
    assertTrue(peak.get() <= 100, "peak " + peak.get());
    assertTrue(peak.get() > 1, "dials overlapped: peak " + peak.get());
  }

  @Test
  void probesThroughAnSshVantageWithDirectTcpipChannels() throws Exception {
    try (SSHClient c = new SSHClient()) {
      c.addHostKeyVerifier(new PromiscuousVerifier());
      c.connect("127.0.0.1", sshd.getPort());
      c.authPassword("probe-test", "secret");
      List<ProbeTarget> targets = new ArrayList<>();
      for (int p : new int[] {silent, http, closed, sshd.getPort()}) {
        targets.add(target("127.0.0.1", p, "jump"));
      }
      ProbeReport r;
      try (SshDialer d = new SshDialer(new Vantage("jump", true), c)) {
        r = engine().probe(targets, d);
      }
      Map<Integer, PortResult> m = byPort(r);
      assertEquals(PortVerdict.OPEN_NOT_SSH, m.get(silent).verdict(), m.get(silent).toString());
      assertEquals(PortVerdict.OPEN_NOT_SSH, m.get(http).verdict());
      assertEquals("HTTP/1.0 400 Bad Request", m.get(http).banner());
      assertEquals(PortVerdict.CLOSED, m.get(closed).verdict(), m.get(closed).toString());
      PortResult ssh = m.get(sshd.getPort());
      assertEquals(PortVerdict.OPEN, ssh.verdict());
      assertTrue(ssh.authMethods().contains("password"), ssh.toString());
      assertEquals(sshdFingerprint, ssh.hostKeyFingerprint());
      assertTrue(c.isConnected(), "the vantage's connection survives the probe");
    }
  }

  /** Counts the dialer's open links. */
  static final class CountingDialer implements Dialer {
    final Dialer d;
    final AtomicInteger inFlight;
    final AtomicInteger peak;

    CountingDialer(Dialer d, AtomicInteger inFlight, AtomicInteger peak) {
      this.d = d;
      this.inFlight = inFlight;
      this.peak = peak;
    }

    @Override
    public Vantage vantage() {
      return d.vantage();
    }

    @Override
    public int maxInFlight() {
      return d.maxInFlight();
    }

    @Override
    public java.util.concurrent.CompletableFuture<DialOutcome> dial(
        String address, int port, Duration timeout) {
      int now = inFlight.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      return d.dial(address, port, timeout)
          .thenApply(
              o -> {
                if (!o.isConnected()) {
                  inFlight.decrementAndGet();
                  return o;
                }
                Link l = o.link();
                Link counted =
                    new Link() {
                      final java.util.concurrent.atomic.AtomicBoolean closed =
                          new java.util.concurrent.atomic.AtomicBoolean();

                      @Override
                      public java.util.concurrent.CompletableFuture<Greeting> readGreeting(
                          Duration t) {
                        return l.readGreeting(t);
                      }

                      @Override
                      public java.io.InputStream input() throws IOException {
                        return l.input();
                      }

                      @Override
                      public OutputStream output() throws IOException {
                        return l.output();
                      }

                      @Override
                      public void close() {
                        if (closed.compareAndSet(false, true)) {
                          inFlight.decrementAndGet();
                        }
                        l.close();
                      }
                    };
                return DialOutcome.connected(counted, o.latencyNanos());
              });
    }

    @Override
    public void close() {
      d.close();
    }
  }
}
