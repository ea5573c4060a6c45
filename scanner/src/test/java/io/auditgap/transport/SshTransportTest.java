package io.auditgap.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.inventory.HostSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshTransportTest {
  private static final String USER = "auditor";
  private static final Duration OPEN = Duration.ofSeconds(5);
  private static final Duration GATE_OPEN = Duration.ofSeconds(30);
  // An upper bound only (commands end long before): generous, so a loaded machine cannot fail it.
  private static final Duration EXEC = Duration.ofSeconds(30);

  @TempDir static Path keys;
  @TempDir Path tmp;

  static TestSshServer server;
  static TestSshServer bastion;
  static TestSshServer noForwardBastion;

  @BeforeAll
  static void start() throws Exception {
    keygen("ed25519", "id_ed25519", "", false);
    keygen("ecdsa", "id_ecdsa", "", false);
    keygen("rsa", "id_rsa", "", false);
    keygen("rsa", "id_rsa_pem", "", true);
    keygen("ed25519", "id_enc", "s3cret-pass", false);
    keygen("ecdsa", "id_stranger", "", false);
    server = new TestSshServer(USER, false);
    bastion = new TestSshServer("jumper", true);
    noForwardBastion = new TestSshServer("jumper", false);
    for (String k : List.of("id_ed25519", "id_ecdsa", "id_rsa", "id_rsa_pem", "id_enc")) {
      server.authorize(pub(k));
    }
    bastion.authorize(pub("id_ed25519"));
    noForwardBastion.authorize(pub("id_ed25519"));
  }

  @AfterAll
  static void stop() throws IOException {
    for (TestSshServer s : new TestSshServer[] {server, bastion, noForwardBastion}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private static void keygen(String type, String name, String pass, boolean pem) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("ssh-keygen", "-q", "-t", type, "-N", pass, "-C", name, "-f", keyPath(name)));
    if (type.equals("rsa")) {
      cmd.addAll(List.of("-b", "2048"));
    }
    if (!pass.isEmpty()) {
      cmd.addAll(List.of("-a", "2")); // few KDF rounds: fast tests
    }
    if (pem) {
      cmd.addAll(List.of("-m", "PEM"));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "ssh-keygen: " + out);
  }

  private static String keyPath(String name) {
    return keys.resolve(name).toString();
  }

  private static String pub(String name) throws IOException {
    return Files.readString(keys.resolve(name + ".pub")).trim();
  }

  // ------------------------------------------------------------------ helpers

  private Path knownHosts(TestSshServer... servers) throws IOException {
    Path kh = tmp.resolve("known_hosts");
    StringBuilder b = new StringBuilder();
    for (TestSshServer s : servers) {
      b.append(s.knownHostsLine()).append('\n');
    }
    Files.writeString(kh, b);
    return kh;
  }

  private static HostSpec spec(
      String name, TestSshServer s, String user, String key, Path knownHosts, String jump) {
    return spec(name, "127.0.0.1", s.port(), user, key, null, knownHosts, jump);
  }

  private static HostSpec spec(
      String name,
      String address,
      int port,
      String user,
      String key,
      String passEnv,
      Path knownHosts,
      String jump) {
    return new HostSpec(
        name,
        address,
        port,
        user,
        key == null ? null : keys.resolve(key),
        passEnv,
        knownHosts,
        false,
        jump,
        List.of(),
        List.of(),
        Map.of(),
        null);
  }

  private SshOptions options() {
    return SshOptions.defaults()
        .withUserHome(tmp.resolve("home"))
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  private SshTransport transport(SshOptions o, HostSpec... inventory) {
    return transport(o, name -> null, inventory);
  }

  private SshTransport transport(
      SshOptions o, Function<String, String> env, HostSpec... inventory) {
    Function<String, Optional<HostSpec>> resolver =
        name -> {
          for (HostSpec h : inventory) {
            if (h.name().equals(name)) {
              return Optional.of(h);
            }
          }
          return Optional.empty();
        };
    return new SshTransport(o, resolver, env);
  }

  private static String text(ExecResult r) {
    return new String(r.stdout(), StandardCharsets.UTF_8);
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  // ------------------------------------------------------------------ auth and exec

  @Test
  void ed25519EcdsaRsaAndPemKeysAuthenticateAndRunACommand() throws Exception {
    Path kh = knownHosts(server);
    SshTransport t = transport(options());
    for (String key : List.of("id_ed25519", "id_ecdsa", "id_rsa", "id_rsa_pem")) {
      try (Connection c = t.open(spec("h", server, USER, key, kh, null), OPEN)) {
        assertEquals(server.hostKeyFingerprint(), c.hostKeyFingerprint(), key);
        ExecResult r = c.exec("outerr", new byte[0], 1024, EXEC);
        assertEquals("out\n", text(r), key);
        assertEquals("err\n", r.stderr(), key);
        assertEquals(3, r.exitStatus(), key);
        assertFalse(r.timedOut() || r.disconnected() || r.stdoutTruncated(), key);
      }
    }
  }

  @Test
  void stdinIsDeliveredAndClosedAndExecsAreCounted() throws Exception {
    SshTransport t = transport(options());
    byte[] script = "echo hello\n".repeat(20_000).getBytes(StandardCharsets.UTF_8); // 220 KB
    try (Connection c =
        t.open(spec("h", server, USER, "id_ed25519", knownHosts(server), null), OPEN)) {
      assertEquals(0, c.execCount());
      ExecResult r = c.exec("cat", script, 1 << 20, EXEC);
      assertArrayEquals(script, r.stdout());
      assertEquals(0, r.exitStatus(), "cat saw EOF and exited");
      c.exec("print 10", new byte[0], 100, EXEC);
      c.exec("cat", "x".getBytes(StandardCharsets.UTF_8), 100, EXEC);
      assertEquals(3, c.execCount());
    }
  }

  @Test
  void aRefusedExecIsReportedAsACommandThatCouldNotStart() throws Exception {
    SshTransport t = transport(options());
    try (Connection c =
        t.open(spec("h", server, USER, "id_ed25519", knownHosts(server), null), OPEN)) {
      TransportException e =
          assertThrows(
              TransportException.class,
              () -> c.exec("refuse", "input".getBytes(StandardCharsets.UTF_8), 100, EXEC));
      assertEquals(TransportFailure.ERROR, e.failure(), e.getMessage());
      assertTrue(e.getMessage().startsWith("cannot start a command on "), e.getMessage());
      // the connection stays usable for the next command
      ExecResult r = c.exec("print 3", new byte[0], 100, EXEC);
      assertEquals("xxx", text(r));
    }
  }

  @Test
  void theAuthenticationRequestFollowsTheServiceRequestWithoutWaitingForTheAccept()
      throws Exception {
    // The relay holds what the server sends after its NEWKEYS (the service accept among it) until
    // the client has sent more than a service request alone (about 50-70 bytes); a client that
    // waits for the accept before authenticating gets through only once the relay's patience ends.
    // Generous patience and deadlines: a slow machine must not pass for a client that waits.
    try (NewKeysGate gate = new NewKeysGate(server.port(), 150, 5_000)) {
      HostSpec h = gateSpec(gate);
      try (Connection c = gateTransport().open(h, GATE_OPEN)) {
        assertEquals("xxx", text(c.exec("print 3", new byte[0], 100, EXEC)));
      }
      assertEquals(Boolean.TRUE, gate.clientWentAhead());
    }
  }

  @Test
  void theFirstSessionChannelIsOpenedBehindTheAuthenticationRequest() throws Exception {
    // Nothing the server sends after its NEWKEYS reaches the client until the relay's patience
    // ends: a session channel the server opens before that was asked for without waiting for the
    // authentication's answer.
    try (NewKeysGate gate = new NewKeysGate(server.port(), Integer.MAX_VALUE, 4_000)) {
      AtomicReference<Boolean> heldAtOpen = new AtomicReference<>();
      ChannelListener listener =
          new ChannelListener() {
            @Override
            public void channelOpenSuccess(org.apache.sshd.common.channel.Channel channel) {
              heldAtOpen.compareAndSet(null, !gate.released());
            }
          };
      server.sshd.addChannelListener(listener);
      try (Connection c = gateTransport().open(gateSpec(gate), GATE_OPEN)) {
        assertEquals("xxx", text(c.exec("print 3", new byte[0], 100, EXEC)));
        assertEquals(1, c.execCount());
        // a second command opens its own channel the usual way
        assertEquals("xx", text(c.exec("print 2", new byte[0], 100, EXEC)));
        assertEquals(2, c.execCount());
      } finally {
        server.sshd.removeChannelListener(listener);
      }
      assertEquals(Boolean.TRUE, heldAtOpen.get());
    }
  }

  private SshTransport gateTransport() {
    return transport(options().withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20)));
  }

  private HostSpec gateSpec(NewKeysGate gate) throws IOException {
    return gateSpec(gate, "id_ed25519");
  }

  private HostSpec gateSpec(NewKeysGate gate, String key) throws IOException {
    Path kh = tmp.resolve("known_hosts_gate");
    String line = server.knownHostsLine();
    Files.writeString(
        kh, "[127.0.0.1]:" + gate.port() + " " + line.substring(line.indexOf(' ') + 1) + "\n");
    return spec("h", "127.0.0.1", gate.port(), USER, key, null, kh, null);
  }

  /** A bundle's frame and end line, echoed back by "gated" and "held". */
  private static final byte[] FRAMED = "frame\n@@n end 1 6\n".getBytes(StandardCharsets.UTF_8);

  private static ExecResult execWatched(Connection c, String command, Predicate<byte[]> watched)
      throws TransportException {
    return c.exec(
        command, FRAMED, "@@n end ".getBytes(StandardCharsets.US_ASCII), watched, 1024, EXEC);
  }

  @Test
  void theOutputUpToTheWatchedLineIsHandedOverBeforeTheCommandEnds() throws Exception {
    SshTransport t = transport(options());
    AtomicReference<byte[]> handed = new AtomicReference<>();
    try (Connection c =
        t.open(spec("h", server, USER, "id_ed25519", knownHosts(server), null), OPEN)) {
      // "gated" exits only once the hand-over has opened the gate: an exit status proves the
      // hand-over came while the command (and its exit status) had still to end.
      ExecResult r =
          execWatched(
              c,
              "gated",
              out -> {
                handed.set(out);
                server.gate.countDown();
                return false;
              });
      assertEquals(0, r.exitStatus(), r.toString());
      assertFalse(r.timedOut() || r.disconnected(), r.toString());
      assertArrayEquals(FRAMED, handed.get());
      assertArrayEquals(FRAMED, r.stdout());
    }
  }

  @Test
  void whenTheOutputUpToTheWatchedLineIsEnoughTheCommandsEndIsNotWaitedFor() throws Exception {
    SshTransport t = transport(options());
    try (Connection c =
        t.open(spec("h", server, USER, "id_ed25519", knownHosts(server), null), OPEN)) {
      // "held" never exits: only the answer "enough" ends this exec before its deadline
      ExecResult r = execWatched(c, "held", out -> true);
      assertFalse(r.timedOut() || r.disconnected(), r.toString());
      assertNull(r.exitStatus(), "the command's end was not waited for");
      assertArrayEquals(FRAMED, r.stdout());
      // the connection goes on serving commands
      assertEquals("xx", text(c.exec("print 2", new byte[0], 100, EXEC)));
    }
  }

  @Test
  void encryptedKeyUsesThePassphraseFromTheNamedVariable() throws Exception {
    Path kh = knownHosts(server);
    HostSpec h = spec("h", "127.0.0.1", server.port(), USER, "id_enc", "AG_PASS", kh, null);
    SshTransport good = transport(options(), Map.of("AG_PASS", "s3cret-pass")::get);
    try (Connection c = good.open(h, OPEN)) {
      assertEquals(0, c.exec("print 3", new byte[0], 10, EXEC).exitStatus());
    }

    SshTransport wrong = transport(options(), Map.of("AG_PASS", "not-the-pass")::get);
    TransportException e = assertThrows(TransportException.class, () -> wrong.open(h, OPEN));
    assertEquals(TransportFailure.KEY_UNREADABLE, e.failure());
    assertTrue(e.getMessage().contains("wrong passphrase"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-pass"), "never print the passphrase");

    SshTransport unset = transport(options(), Map.<String, String>of()::get);
    e = assertThrows(TransportException.class, () -> unset.open(h, OPEN));
    assertEquals(TransportFailure.KEY_UNREADABLE, e.failure());
    assertTrue(
        e.getMessage().contains("AG_PASS") && e.getMessage().contains("not set"), e.getMessage());

    HostSpec noEnv = spec("h", "127.0.0.1", server.port(), USER, "id_enc", null, kh, null);
    e = assertThrows(TransportException.class, () -> good.open(noEnv, OPEN));
    assertEquals(TransportFailure.KEY_UNREADABLE, e.failure());
    assertTrue(e.getMessage().contains("passphrase_env"), e.getMessage());
  }

  @Test
  void missingIdentityFileIsKeyUnreadable() throws Exception {
    HostSpec h = spec("h", server, USER, "no_such_key", knownHosts(server), null);
    TransportException e =
        assertThrows(TransportException.class, () -> transport(options()).open(h, OPEN));
    assertEquals(TransportFailure.KEY_UNREADABLE, e.failure());
    assertTrue(e.getMessage().contains("no_such_key"), e.getMessage());
  }

  @Test
  void identityFileThatIsADirectorySaysSo() throws Exception {
    Files.createDirectories(keys.resolve("a-directory"));
    HostSpec h = spec("h", server, USER, "a-directory", knownHosts(server), null);
    TransportException e =
        assertThrows(TransportException.class, () -> transport(options()).open(h, OPEN));
    assertEquals(TransportFailure.KEY_UNREADABLE, e.failure());
    assertTrue(
        e.getMessage().endsWith("a-directory is a directory, not a key file"), e.getMessage());
  }

  @Test
  void unreadableIdentityFileSaysPermissionDenied() throws Exception {
    Path key = keys.resolve("id_unreadable");
    Files.copy(keys.resolve("id_ed25519"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(key, java.util.Set.of());
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.isReadable(key), "this user (root) reads every file: nothing to refuse");
    HostSpec h = spec("h", server, USER, "id_unreadable", knownHosts(server), null);
    TransportException e =
        assertThrows(TransportException.class, () -> transport(options()).open(h, OPEN));
    assertEquals(TransportFailure.KEY_UNREADABLE, e.failure());
    assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
  }

  @Test
  void defaultKeysInHomeAreUsedWhenNoIdentityFileIsSet() throws Exception {
    Path ssh = Files.createDirectories(tmp.resolve("home/.ssh"));
    Files.copy(keys.resolve("id_ecdsa"), ssh.resolve("id_ecdsa"));
    SshTransport t = transport(options());
    try (Connection c = t.open(spec("h", server, USER, null, knownHosts(server), null), OPEN)) {
      assertEquals(0, c.exec("print 1", new byte[0], 10, EXEC).exitStatus());
    }
    Files.delete(ssh.resolve("id_ecdsa"));
    TransportException e =
        assertThrows(
            TransportException.class,
            () -> t.open(spec("h", server, USER, null, knownHosts(server), null), OPEN));
    assertEquals(TransportFailure.KEY_UNREADABLE, e.failure());
  }

  @Test
  void refusedKeyIsAuthFailed() throws Exception {
    // with one key, the session channel is asked for behind the refused request (SessionAhead):
    // the refusal is still what is reported
    HostSpec h = spec("h", server, USER, "id_stranger", knownHosts(server), null);
    TransportException e =
        assertThrows(TransportException.class, () -> transport(options()).open(h, OPEN));
    assertEquals(TransportFailure.AUTH_FAILED, e.failure());
    assertTrue(
        e.getMessage()
            .startsWith(
                "user auditor was refused by 127.0.0.1:"
                    + server.port()
                    + " (publickey); check authorized_keys"),
        e.getMessage());
  }

  // ------------------------------------------------------------------ host keys

  @Test
  void unknownHostKeyIsRefusedWithItsFingerprintAndAdvice() throws Exception {
    Path kh = tmp.resolve("empty_known_hosts");
    Files.writeString(kh, "# nothing yet\n");
    HostSpec h = spec("h", server, USER, "id_ed25519", kh, null);
    TransportException e =
        assertThrows(TransportException.class, () -> transport(options()).open(h, OPEN));
    assertEquals(TransportFailure.HOST_KEY_UNKNOWN, e.failure());
    String m = e.getMessage();
    assertTrue(m.contains("ecdsa-sha2-nistp256 " + server.hostKeyFingerprint()), m);
    assertTrue(m.contains(kh.toString()), m);
    assertTrue(m.contains("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + kh), m);
    assertTrue(m.contains("--accept-new-host-keys"), m);
    assertFalse(m.contains("\n"));
    assertEquals(server.hostKeyFingerprint(), e.hostKeyFingerprint());
    assertEquals("# nothing yet\n", Files.readString(kh), "strict mode never writes");
  }

  @Test
  void changedHostKeyIsRefusedDistinctlyAndNeverReplacedEvenWithAcceptNew() throws Exception {
    Path kh = tmp.resolve("kh_changed");
    String other =
        "[127.0.0.1]:"
            + server.port()
            + " "
            + PublicKeyEntry.toString(TestSshServer.newEcKey().getPublic())
            + "\n";
    Files.writeString(kh, other);
    HostSpec h = spec("h", server, USER, "id_ed25519", kh, null);
    for (boolean acceptNew : new boolean[] {false, true}) {
      SshTransport t = transport(options().withAcceptNewHostKeys(acceptNew));
      TransportException e = assertThrows(TransportException.class, () -> t.open(h, OPEN));
      assertEquals(TransportFailure.HOST_KEY_CHANGED, e.failure());
      assertTrue(e.getMessage().contains(server.hostKeyFingerprint()), e.getMessage());
      assertTrue(e.getMessage().contains("man-in-the-middle"), e.getMessage());
      assertEquals(server.hostKeyFingerprint(), e.hostKeyFingerprint());
      assertEquals(
          other, Files.readString(kh), "known_hosts untouched (acceptNew=" + acceptNew + ")");
    }
  }

  @Test
  void hostKnownOnlyWithAnotherKeyTypeIsNeverAcceptedAsNew() throws Exception {
    Path kh = tmp.resolve("kh_other_type");
    String ed25519 =
        "[127.0.0.1]:"
            + server.port()
            + " "
            + pub("id_ed25519").split(" ")[0]
            + " "
            + pub("id_ed25519").split(" ")[1]
            + "\n";
    Files.writeString(kh, ed25519);
    HostSpec h = spec("h", server, USER, "id_ed25519", kh, null);
    for (boolean acceptNew : new boolean[] {false, true}) {
      SshTransport t = transport(options().withAcceptNewHostKeys(acceptNew));
      TransportException e = assertThrows(TransportException.class, () -> t.open(h, OPEN));
      assertEquals(TransportFailure.HOST_KEY_CHANGED, e.failure(), e.getMessage());
      assertTrue(
          e.getMessage().contains("only with other key types (ssh-ed25519)"), e.getMessage());
      assertEquals(ed25519, Files.readString(kh));
    }
  }

  @Test
  void acceptNewAppendsExactlyOneLineThenStrictModeVerifiesIt() throws Exception {
    Path kh = tmp.resolve("new/dir/known_hosts"); // missing file and directories
    HostSpec h = spec("h", server, USER, "id_ed25519", kh, null);
    try (Connection c = transport(options().withAcceptNewHostKeys(true)).open(h, OPEN)) {
      assertEquals(server.hostKeyFingerprint(), c.hostKeyFingerprint());
    }
    List<String> lines = Files.readAllLines(kh);
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 "));
    try (Connection c = transport(options()).open(h, OPEN)) {
      assertEquals(server.hostKeyFingerprint(), c.hostKeyFingerprint());
    }
    assertEquals(1, Files.readAllLines(kh).size());
  }

  @Test
  void acceptNewFromParallelConnectsAppendsOnceAndKeepsExistingLines() throws Exception {
    Path kh = tmp.resolve("kh_parallel");
    Files.writeString(
        kh,
        "other.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBr+u2gR0aR3yPZXbq6UfgHYV4f2XXrP7ZgcyU41U9m7"); // no final newline
    HostSpec h = spec("h", server, USER, "id_ed25519", kh, null);
    SshTransport t = transport(options().withAcceptNewHostKeys(true));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> fs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        fs.add(
            pool.submit(
                () -> {
                  try (Connection c = t.open(h, OPEN)) {
                    return c.hostKeyFingerprint();
                  }
                }));
      }
      for (Future<String> f : fs) {
        assertEquals(server.hostKeyFingerprint(), f.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> lines = Files.readAllLines(kh);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("other.example ssh-ed25519 "));
  }

  @Test
  void hashedKnownHostsEntriesVerify() throws Exception {
    byte[] salt = new byte[20];
    new java.security.SecureRandom().nextBytes(salt);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(salt, "HmacSHA1"));
    byte[] hash = mac.doFinal(("[127.0.0.1]:" + server.port()).getBytes(StandardCharsets.US_ASCII));
    Base64.Encoder b64 = Base64.getEncoder();
    Path kh = tmp.resolve("kh_hashed");
    Files.writeString(
        kh,
        "|1|"
            + b64.encodeToString(salt)
            + "|"
            + b64.encodeToString(hash)
            + " "
            + PublicKeyEntry.toString(server.hostKey.getPublic())
            + "\n");
    try (Connection c =
        transport(options()).open(spec("h", server, USER, "id_ed25519", kh, null), OPEN)) {
      assertEquals(server.hostKeyFingerprint(), c.hostKeyFingerprint());
    }
  }

  // ------------------------------------------------------------------ network failures and
  // deadlines

  @Test
  void refusedPort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HostSpec h = spec("h", "127.0.0.1", port, USER, "id_ed25519", null, knownHosts(server), null);
    TransportException e =
        assertThrows(TransportException.class, () -> transport(options()).open(h, OPEN));
    assertEquals(TransportFailure.REFUSED, e.failure());
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
  }

  @Test
  void unresolvableName() throws Exception {
    HostSpec h =
        spec("h", "no-such-host.invalid", 22, USER, "id_ed25519", null, knownHosts(server), null);
    TransportException e =
        assertThrows(TransportException.class, () -> transport(options()).open(h, OPEN));
    assertEquals(TransportFailure.UNRESOLVABLE, e.failure(), e.getMessage());
  }

  /** Accepts TCP, optionally sends {@code greeting}, then never says anything else. */
  private static final class SilentServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final Thread acceptor;

    SilentServer(String greeting) throws IOException {
      acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket s = socket.accept();
                    accepted.add(s);
                    if (greeting != null) {
                      OutputStream o = s.getOutputStream();
                      o.write(greeting.getBytes(StandardCharsets.US_ASCII));
                      o.flush();
                    }
                  }
                } catch (IOException ignored) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void serverThatAcceptsTcpAndNeverSpeaksIsNotSshWithinTheDeadline() throws Exception {
    try (SilentServer silent = new SilentServer(null)) {
      HostSpec h =
          spec("h", "127.0.0.1", silent.port(), USER, "id_ed25519", null, knownHosts(server), null);
      SshOptions slowHandshake =
          options().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30));
      long t0 = System.nanoTime();
      TransportException e =
          assertThrows(
              TransportException.class,
              () -> transport(slowHandshake).open(h, Duration.ofMillis(800)));
      long ms = millisSince(t0);
      assertTrue(ms < 1500, "open took " + ms + " ms");
      assertEquals(TransportFailure.NOT_SSH, e.failure(), e.getMessage());
      assertTrue(e.getMessage().contains("no SSH banner"), e.getMessage());
    }
  }

  @Test
  void silentServerHitsTheHandshakeTimeoutBeforeTheDeadline() throws Exception {
    try (SilentServer silent = new SilentServer(null)) {
      HostSpec h =
          spec("h", "127.0.0.1", silent.port(), USER, "id_ed25519", null, knownHosts(server), null);
      SshOptions quick = options().withTimeouts(Duration.ofSeconds(3), Duration.ofMillis(300));
      long t0 = System.nanoTime();
      TransportException e =
          assertThrows(
              TransportException.class, () -> transport(quick).open(h, Duration.ofSeconds(5)));
      assertTrue(millisSince(t0) < 2000, "open took " + millisSince(t0) + " ms");
      assertEquals(TransportFailure.NOT_SSH, e.failure(), e.getMessage());
    }
  }

  @Test
  void bannerThenSilenceEndsAtTheHandshakeTimeout() throws Exception {
    try (SilentServer stuck = new SilentServer("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")) {
      HostSpec h =
          spec("h", "127.0.0.1", stuck.port(), USER, "id_ed25519", null, knownHosts(server), null);
      SshOptions quick = options().withTimeouts(Duration.ofSeconds(3), Duration.ofMillis(800));
      long t0 = System.nanoTime();
      TransportException e =
          assertThrows(
              TransportException.class, () -> transport(quick).open(h, Duration.ofSeconds(10)));
      long ms = millisSince(t0);
      assertTrue(ms < 5000, "open took " + ms + " ms");
      assertEquals(TransportFailure.DEADLINE, e.failure(), e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1:" + stuck.port()), e.getMessage());
    }
  }

  @Test
  void blackHoledPortEndsAtTheConnectTimeout() throws Exception {
    // A listener whose accept queue is full: the kernel drops further SYNs, as a firewall's DROP.
    try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket s = new Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 300);
            fillers.add(s);
          } catch (java.net.SocketTimeoutException filled) {
            s.close();
            break;
          }
        }
        HostSpec h =
            spec(
                "h",
                "127.0.0.1",
                full.getLocalPort(),
                USER,
                "id_ed25519",
                null,
                knownHosts(server),
                null);
        SshOptions quick = options().withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(3));
        long t0 = System.nanoTime();
        TransportException e =
            assertThrows(
                TransportException.class, () -> transport(quick).open(h, Duration.ofSeconds(10)));
        long ms = millisSince(t0);
        assertTrue(ms < 5000, "open took " + ms + " ms");
        assertEquals(TransportFailure.CONNECT_TIMEOUT, e.failure(), e.getMessage());
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void garbageBannerIsNotSsh() throws Exception {
    try (SilentServer http = new SilentServer("HTTP/1.1 400 Bad Request\r\n\r\n")) {
      HostSpec h =
          spec("h", "127.0.0.1", http.port(), USER, "id_ed25519", null, knownHosts(server), null);
      TransportException e =
          assertThrows(
              TransportException.class, () -> transport(options()).open(h, Duration.ofMillis(600)));
      assertEquals(TransportFailure.NOT_SSH, e.failure(), e.getMessage());
      assertTrue(e.getMessage().contains("HTTP/1.1 400"), e.getMessage());
    }
  }

  @Test
  void commandThatNeverEndsTimesOutWithPartialOutput() throws Exception {
    SshTransport t = transport(options());
    try (Connection c =
        t.open(spec("h", server, USER, "id_ed25519", knownHosts(server), null), OPEN)) {
      long t0 = System.nanoTime();
      ExecResult r = c.exec("hang", new byte[0], 1024, Duration.ofMillis(500));
      long ms = millisSince(t0);
      assertTrue(ms < 1600, "exec took " + ms + " ms");
      assertTrue(r.timedOut());
      assertNull(r.exitStatus());
      assertEquals("partial\n", text(r));
      assertFalse(r.disconnected());
      ExecResult next = c.exec("print 5", new byte[0], 100, EXEC);
      assertEquals(0, next.exitStatus(), "the connection is still usable");
    }
  }

  @Test
  void disconnectMidOutputIsReported() throws Exception {
    SshTransport t = transport(options());
    try (Connection c =
        t.open(spec("h", server, USER, "id_ed25519", knownHosts(server), null), OPEN)) {
      long t0 = System.nanoTime();
      ExecResult r = c.exec("die 5000", new byte[0], 1 << 20, EXEC);
      assertTrue(millisSince(t0) < 3000, "exec took " + millisSince(t0) + " ms");
      assertTrue(r.disconnected(), r.toString());
      assertFalse(r.timedOut());
      assertNull(r.exitStatus());
      assertTrue(r.stdout().length <= 5000);
      TransportException e =
          assertThrows(TransportException.class, () -> c.exec("print 1", new byte[0], 10, EXEC));
      assertEquals(TransportFailure.DISCONNECTED, e.failure());
    }
  }

  @Test
  void floodIsTruncatedQuicklyAndTheConnectionStaysUsable() throws Exception {
    SshTransport t = transport(options());
    try (Connection c =
        t.open(spec("h", server, USER, "id_ed25519", knownHosts(server), null), OPEN)) {
      long t0 = System.nanoTime();
      ExecResult r = c.exec("flood", new byte[0], 64 * 1024, EXEC);
      long ms = millisSince(t0);
      assertTrue(ms < 2500, "exec took " + ms + " ms");
      assertTrue(r.stdoutTruncated());
      assertEquals(64 * 1024, r.stdout().length);
      assertNull(r.exitStatus());
      assertFalse(r.timedOut());
      ExecResult next = c.exec("cat", "still here".getBytes(StandardCharsets.UTF_8), 100, EXEC);
      assertEquals("still here", text(next));
      assertEquals(2, c.execCount());
    }
  }

  @Test
  void stderrFloodIsCappedAndDoesNotStallStdout() throws Exception {
    SshTransport t = transport(options());
    try (Connection c =
        t.open(spec("h", server, USER, "id_ed25519", knownHosts(server), null), OPEN)) {
      ExecResult r = c.exec("errflood 6000000", new byte[0], 100, EXEC);
      assertEquals("done\n", text(r));
      assertEquals(0, r.exitStatus());
      assertEquals(8192, r.stderr().length());
    }
  }

  @Test
  void exactLimitIsNotTruncated() throws Exception {
    SshTransport t = transport(options());
    try (Connection c =
        t.open(spec("h", server, USER, "id_ed25519", knownHosts(server), null), OPEN)) {
      ExecResult r = c.exec("print 100000", new byte[0], 100_000, EXEC);
      assertFalse(r.stdoutTruncated());
      assertEquals(100_000, r.stdout().length);
      assertEquals(0, r.exitStatus());
    }
  }

  // ------------------------------------------------------------------ jump hosts

  @Test
  void jumpHostTunnelsToTheTargetWithSeparateHostKeyChecks() throws Exception {
    Path kh = knownHosts(server, bastion);
    HostSpec jump = spec("bastion", bastion, "jumper", "id_ed25519", kh, null);
    HostSpec target = spec("target", server, USER, "id_ecdsa", kh, "bastion");
    try (Connection c = transport(options(), jump, target).open(target, OPEN)) {
      assertEquals(server.hostKeyFingerprint(), c.hostKeyFingerprint());
      ExecResult r = c.exec("cat", "via bastion".getBytes(StandardCharsets.UTF_8), 100, EXEC);
      assertEquals("via bastion", text(r));
      assertEquals(0, r.exitStatus());
    }
  }

  @Test
  void bastionProblemsAreJumpFailedWithTheBastionsReason() throws Exception {
    Path onlyTarget = knownHosts(server); // the bastion's key is unknown
    HostSpec jump = spec("bastion", bastion, "jumper", "id_ed25519", onlyTarget, null);
    HostSpec target = spec("target", server, USER, "id_ecdsa", onlyTarget, "bastion");
    TransportException e =
        assertThrows(
            TransportException.class, () -> transport(options(), jump, target).open(target, OPEN));
    assertEquals(TransportFailure.JUMP_FAILED, e.failure());
    assertTrue(
        e.getMessage().startsWith("jump host bastion (127.0.0.1:" + bastion.port() + "): host key"),
        e.getMessage());
    assertEquals(bastion.hostKeyFingerprint(), e.hostKeyFingerprint());
    assertEquals(TransportFailure.HOST_KEY_UNKNOWN, ((TransportException) e.getCause()).failure());

    Path kh = knownHosts(server, noForwardBastion);
    HostSpec closed = spec("bastion", noForwardBastion, "jumper", "id_ed25519", kh, null);
    HostSpec target2 = spec("target", server, USER, "id_ecdsa", kh, "bastion");
    e =
        assertThrows(
            TransportException.class,
            () -> transport(options(), closed, target2).open(target2, OPEN));
    assertEquals(TransportFailure.JUMP_FAILED, e.failure(), e.getMessage());
  }

  @Test
  void jumpCyclesAndMissingBastionsAreRefused() throws Exception {
    Path kh = knownHosts(server, bastion);
    HostSpec a = spec("a", bastion, "jumper", "id_ed25519", kh, "b");
    HostSpec b = spec("b", bastion, "jumper", "id_ed25519", kh, "a");
    TransportException e =
        assertThrows(TransportException.class, () -> transport(options(), a, b).open(a, OPEN));
    assertEquals(TransportFailure.JUMP_FAILED, e.failure());
    assertTrue(e.getMessage().contains("jump cycle: a -> b -> a"), e.getMessage());

    HostSpec lonely = spec("t", server, USER, "id_ecdsa", kh, "nowhere");
    e = assertThrows(TransportException.class, () -> transport(options()).open(lonely, OPEN));
    assertEquals(TransportFailure.JUMP_FAILED, e.failure());
    assertTrue(e.getMessage().contains("'nowhere'"), e.getMessage());
  }

  @Test
  void stalledTunnelIsBoundedByTheDeadline() throws Exception {
    try (SilentServer silent = new SilentServer(null)) {
      Path kh = knownHosts(server, bastion);
      HostSpec jump = spec("bastion", bastion, "jumper", "id_ed25519", kh, null);
      HostSpec target =
          spec("target", "127.0.0.1", silent.port(), USER, "id_ecdsa", null, kh, "bastion");
      long t0 = System.nanoTime();
      TransportException e =
          assertThrows(
              TransportException.class,
              () -> transport(options(), jump, target).open(target, Duration.ofMillis(1500)));
      long ms = millisSince(t0);
      assertTrue(ms < 2300, "open took " + ms + " ms");
      assertEquals(TransportFailure.DEADLINE, e.failure(), e.getMessage());
      assertNotNull(e.getMessage());
    }
  }

  @Test
  void tunnelToARefusedTargetPort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path kh = knownHosts(server, bastion);
    HostSpec jump = spec("bastion", bastion, "jumper", "id_ed25519", kh, null);
    HostSpec target = spec("target", "127.0.0.1", port, USER, "id_ecdsa", null, kh, "bastion");
    TransportException e =
        assertThrows(
            TransportException.class, () -> transport(options(), jump, target).open(target, OPEN));
    assertTrue(
        e.failure() == TransportFailure.REFUSED || e.failure() == TransportFailure.JUMP_FAILED,
        e.failure() + ": " + e.getMessage());
  }

  static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
