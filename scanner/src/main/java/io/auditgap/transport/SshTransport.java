package io.auditgap.transport;

import io.auditgap.inventory.HostSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * SSH transport on sshj: strict known_hosts verification (optionally accept-new), public-key
 * authentication, jump hosts, and deadlines that hold even against servers that stop talking.
 *
 * <p>Thread-safe: one instance serves a whole scan; each {@link #open} makes its own clients, all
 * sharing one sshj configuration.
 */
public final class SshTransport implements Transport {
  private static final int MAX_JUMPS = 8;
  private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

  private final SshOptions options;
  private final Function<String, Optional<HostSpec>> jumpResolver;
  private final Function<String, String> env;
  // Built by the first connection, once its TCP connect has begun (see connectHop): sshj's first
  // configuration registers BouncyCastle, 0.15-0.2 s of a fresh JVM's CPU that the key exchange
  // needs and the TCP connect and the server's banner do not.
  private volatile DefaultConfig config;

  /**
   * @param options transport settings
   * @param jumpResolver finds the inventory host a {@code HostSpec.jump} names
   */
  public SshTransport(SshOptions options, Function<String, Optional<HostSpec>> jumpResolver) {
    this(options, jumpResolver, System::getenv);
  }

  /**
   * @param env looks up environment variables (key passphrases); {@code System::getenv} in
   *     production
   */
  public SshTransport(
      SshOptions options,
      Function<String, Optional<HostSpec>> jumpResolver,
      Function<String, String> env) {
    this.options = Objects.requireNonNull(options, "options");
    this.jumpResolver = Objects.requireNonNull(jumpResolver, "jumpResolver");
    this.env = Objects.requireNonNull(env, "env");
  }

  private DefaultConfig config() {
    DefaultConfig c = config;
    if (c == null) {
      synchronized (this) {
        c = config;
        if (c == null) {
          c = new DefaultConfig();
          // HEARTBEAT (the default) sends SSH_MSG_IGNORE and never notices a dead peer.
          c.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
          config = c;
        }
      }
    }
    return c;
  }

  public SshOptions options() {
    return options;
  }

  @Override
  public Connection open(HostSpec host, Duration timeout) throws TransportException {
    Objects.requireNonNull(host, "host");
    if (host.isLocal()) {
      throw new TransportException(
          TransportFailure.ERROR, "host " + host.name() + " has no address (local host)");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Attempt attempt = new Attempt(timeout);
    FutureTask<SshConnection> task = new FutureTask<>(() -> connectChain(host, attempt, deadline));
    Thread worker = new Thread(task, "auditgap-ssh-open-" + host.name());
    worker.setDaemon(true);
    worker.start();
    try {
      return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      TransportException failure = attempt.deadlineFailure();
      attempt.abandon();
      worker.interrupt();
      throw failure;
    } catch (ExecutionException e) {
      attempt.abandon();
      Throwable c = e.getCause();
      if (c instanceof TransportException) {
        throw (TransportException) c;
      }
      throw new TransportException(
          TransportFailure.ERROR,
          "connecting to " + where(host) + " failed: " + Failures.oneLine(c),
          c);
    } catch (InterruptedException e) {
      attempt.abandon();
      worker.interrupt();
      Thread.currentThread().interrupt();
      throw new TransportException(
          TransportFailure.DEADLINE, "interrupted while connecting to " + where(host));
    }
  }

  private SshConnection connectChain(HostSpec host, Attempt attempt, long deadline)
      throws TransportException {
    Link link = connectHop(host, List.of(), attempt, deadline, false);
    return new SshConnection(
        where(host),
        link.verifier.offeredFingerprint(),
        link.verifier.offeredType(),
        link.clients,
        attempt.sniffers(),
        link.session,
        options);
  }

  /** A connected, authenticated client and the clients it runs through (target first). */
  private static final class Link {
    final SSHClient client;
    final KnownHostsVerifier verifier;
    final List<SSHClient> clients;
    final SessionAhead session;

    Link(
        SSHClient client,
        KnownHostsVerifier verifier,
        List<SSHClient> clients,
        SessionAhead session) {
      this.client = client;
      this.verifier = verifier;
      this.clients = clients;
      this.session = session;
    }
  }

  private Link connectHop(
      HostSpec spec, List<String> path, Attempt attempt, long deadline, boolean bastion)
      throws TransportException {
    List<String> here = new ArrayList<>(path);
    here.add(spec.name());
    Link below = null;
    if (spec.jump() != null) {
      below = connectBastion(spec, here, attempt, deadline);
    }
    Hop hop = attempt.begin(spec, bastion, below == null);
    int connectMs = budgetMs(connectTimeoutOf(spec), deadline);
    if (below == null) {
      // The TCP connect, and the server's start and banner, overlap setting up the SSH library and
      // loading the keys; sshj takes the socket over as it is, connected or still connecting.
      hop.sniffer.connectEarly(spec.address(), spec.port(), connectMs);
    }
    SSHClient client = null;
    Identities identities = null;
    try {
      client = new SSHClient(config());
      attempt.register(client);
      identities = loadKeys(spec, client);
      hop.keyPrints = identities.offered();
      hop.keyNotes = identities.notes();
      Path knownHosts = knownHostsOf(spec);
      try {
        hop.verifier =
            KnownHostsVerifier.load(
                knownHosts, acceptNew(spec), spec.ssh().hostKeyAlias(), spec.address());
      } catch (IOException e) {
        throw new TransportException(
            TransportFailure.ERROR,
            "cannot read known_hosts " + knownHosts + ": " + Failures.oneLine(e),
            e);
      }
      client.addHostKeyVerifier(hop.verifier);
      int handshakeMs = budgetMs(options.handshakeTimeout(), deadline);
      client.setConnectTimeout(connectMs);
      client.setTimeout(handshakeMs);
      client.getTransport().setTimeoutMs(handshakeMs);
      KeepAlive keepAlive = client.getConnection().getKeepAlive();
      keepAlive.setKeepAliveInterval((int) options.keepAliveInterval().toSeconds());
      if (keepAlive instanceof KeepAliveRunner) {
        ((KeepAliveRunner) keepAlive).setMaxAliveCount(options.keepAliveMaxCount());
      }
      if (below == null) {
        hop.stage = Stage.TCP;
        client.setSocketFactory(hop.sniffer);
        client.connect(spec.address(), spec.port());
      } else {
        hop.stage = Stage.TUNNEL;
        DirectConnection tunnel = below.client.newDirectConnection(spec.address(), spec.port());
        hop.stage = Stage.HANDSHAKE;
        client.connectVia(tunnel);
      }
      hop.stage = Stage.AUTH;
      if (below == null) {
        ServiceRequestAhead.begin(client, hop.sniffer, handshakeMs);
      }
      SessionAhead session = new SessionAhead();
      List<AuthMethod> methods = identities.methods();
      if (!bastion && methods.size() == 1 && methods.get(0) instanceof SignedPublickey key) {
        SSHClient target = client;
        key.afterRequest(() -> session.begin(target));
      }
      client.auth(userOf(spec), methods);
      hop.stage = Stage.DONE;
      List<SSHClient> clients = new ArrayList<>();
      clients.add(client);
      if (below != null) {
        clients.addAll(below.clients);
      }
      return new Link(client, hop.verifier, clients, session);
    } catch (TransportException e) {
      closeAfterFailure(client, below, hop);
      throw e;
    } catch (Exception e) {
      closeAfterFailure(client, below, hop);
      throw classify(e, hop);
    } finally {
      if (identities != null) {
        identities.close();
      }
    }
  }

  private Link connectBastion(HostSpec spec, List<String> here, Attempt attempt, long deadline)
      throws TransportException {
    String jump = spec.jump();
    if (here.contains(jump)) {
      throw new TransportException(
          TransportFailure.JUMP_FAILED, "jump cycle: " + String.join(" -> ", here) + " -> " + jump);
    }
    if (here.size() > MAX_JUMPS) {
      throw new TransportException(
          TransportFailure.JUMP_FAILED,
          "more than " + MAX_JUMPS + " jump hosts for " + here.get(0));
    }
    Optional<HostSpec> found = jumpResolver.apply(jump);
    if (found.isEmpty() || found.get().isLocal()) {
      throw new TransportException(
          TransportFailure.JUMP_FAILED,
          "jump host '"
              + jump
              + "' of host '"
              + spec.name()
              + "' is "
              + (found.isEmpty() ? "not in the inventory" : "local (it has no address)"));
    }
    HostSpec b = found.get();
    try {
      return connectHop(b, here, attempt, deadline, true);
    } catch (TransportException e) {
      if (e.failure() == TransportFailure.JUMP_FAILED) {
        throw e;
      }
      throw new TransportException(
          TransportFailure.JUMP_FAILED,
          "jump host " + b.name() + " (" + where(b) + "): " + e.getMessage(),
          e.hostKeyFingerprint(),
          e);
    }
  }

  private void closeAfterFailure(SSHClient client, Link below, Hop hop) {
    if (hop.sniffer != null) {
      hop.sniffer.closeAll(); // also a socket begun early that sshj never took over
    }
    List<SSHClient> all = new ArrayList<>();
    if (client != null) {
      all.add(client);
    }
    if (below != null) {
      all.addAll(below.clients);
    }
    Closer.closeQuietly(all, options.closeGrace());
  }

  // ---------------------------------------------------------------- keys

  private Identities loadKeys(HostSpec spec, SSHClient client) throws TransportException {
    Path dir = options.userHome().resolve(".ssh");
    List<Path> defaults = new ArrayList<>();
    for (String name : DEFAULT_KEYS) {
      defaults.add(dir.resolve(name));
    }
    return Identities.of(spec, env, defaults, f -> loadKey(f, spec.passphraseEnv(), client));
  }

  private KeyProvider loadKey(Path file, String passphraseEnv, SSHClient client)
      throws TransportException {
    if (Files.isDirectory(file)) {
      throw new TransportException(
          TransportFailure.KEY_UNREADABLE,
          "identity file " + file + " is a directory, not a key file");
    }
    if (!Files.isRegularFile(file)) {
      throw new TransportException(
          TransportFailure.KEY_UNREADABLE, "identity file " + file + " does not exist");
    }
    if (!Files.isReadable(file)) {
      throw new TransportException(
          TransportFailure.KEY_UNREADABLE,
          "cannot read identity file " + file + ": permission denied for this user");
    }
    EnvPassphrase finder = new EnvPassphrase(passphraseEnv, env);
    try {
      KeyProvider kp = client.loadKeys(file.toString(), finder);
      // A wrong passphrase only shows when the private key is decoded.
      kp.getPrivate();
      kp.getPublic();
      return kp;
    } catch (IOException | RuntimeException e) {
      String msg;
      if (finder.asked && passphraseEnv == null) {
        msg =
            "identity file "
                + file
                + " is encrypted; set identity_passphrase_env to the name of an environment variable"
                + " holding its passphrase";
      } else if (finder.asked && finder.missing) {
        msg =
            "identity file "
                + file
                + " is encrypted and environment variable "
                + passphraseEnv
                + " (identity_passphrase_env) is not set";
      } else if (finder.asked) {
        msg =
            "cannot decrypt identity file "
                + file
                + ": wrong passphrase in environment variable "
                + passphraseEnv;
      } else {
        msg = "cannot read identity file " + file + ": " + Failures.oneLine(e);
      }
      throw new TransportException(TransportFailure.KEY_UNREADABLE, msg, e);
    }
  }

  /** Reads the passphrase from the environment; never logs or keeps it. */
  private static final class EnvPassphrase implements PasswordFinder {
    private final String variable;
    private final Function<String, String> env;
    volatile boolean asked;
    volatile boolean missing;

    EnvPassphrase(String variable, Function<String, String> env) {
      this.variable = variable;
      this.env = env;
    }

    @Override
    public char[] reqPassword(Resource<?> resource) {
      asked = true;
      if (variable == null) {
        return new char[0];
      }
      String value = env.apply(variable);
      if (value == null || value.isEmpty()) {
        missing = true;
        return new char[0];
      }
      return value.toCharArray();
    }

    @Override
    public boolean shouldRetry(Resource<?> resource) {
      return false;
    }
  }

  // ---------------------------------------------------------------- classification

  private TransportException classify(Exception e, Hop hop) {
    String where = where(hop.spec);
    TransportException hostKey = hostKeyFailure(hop);
    if (hostKey != null) {
      return hostKey;
    }
    if (Failures.has(e, UnknownHostException.class)) {
      return new TransportException(
          TransportFailure.UNRESOLVABLE, "cannot resolve host name " + hop.spec.address(), e);
    }
    if (Failures.has(e, ConnectException.class)) {
      return new TransportException(
          TransportFailure.REFUSED,
          where + " refused the connection (no sshd on port " + hop.spec.port() + "?)",
          e);
    }
    if (Failures.has(e, NoRouteToHostException.class)) {
      return new TransportException(TransportFailure.REFUSED, "no route to " + where, e);
    }
    Stage stage = hop.effectiveStage();
    switch (stage) {
      case TCP:
        if (Failures.has(e, SocketTimeoutException.class)) {
          return connectTimeout(hop, e);
        }
        break;
      case TUNNEL:
        return tunnelFailure(e, hop);
      case HANDSHAKE:
        TransportException notSsh = notSsh(hop, e);
        if (notSsh != null) {
          return notSsh;
        }
        if (Failures.has(e, TimeoutException.class)) {
          return new TransportException(
              TransportFailure.DEADLINE,
              "SSH key exchange with " + where + " did not complete in time",
              e);
        }
        break;
      case AUTH:
        if (e instanceof UserAuthException && !Failures.has(e, TimeoutException.class)) {
          return new TransportException(
              TransportFailure.AUTH_FAILED,
              "user "
                  + userOf(hop.spec)
                  + " was refused by "
                  + where
                  + " (publickey); check authorized_keys for "
                  + hop.keyPrints
                  + (hop.keyNotes.isEmpty() ? "" : " (" + String.join("; ", hop.keyNotes) + ")"),
              e);
        }
        if (Failures.has(e, TimeoutException.class)) {
          return new TransportException(
              TransportFailure.DEADLINE,
              "authentication on " + where + " did not complete in time",
              e);
        }
        break;
      default:
        break;
    }
    if (Failures.connectionLost(e)) {
      return new TransportException(
          TransportFailure.DISCONNECTED,
          where + " closed the connection during " + stage.text + ": " + Failures.oneLine(e),
          e);
    }
    return new TransportException(
        TransportFailure.ERROR,
        "SSH " + stage.text + " with " + where + " failed: " + Failures.oneLine(e),
        e);
  }

  private TransportException connectTimeout(Hop hop, Throwable cause) {
    return new TransportException(
        TransportFailure.CONNECT_TIMEOUT,
        "no TCP connection to "
            + where(hop.spec)
            + " within "
            + Failures.seconds(options.connectTimeout())
            + " (host down or port filtered)",
        cause);
  }

  /** NOT_SSH / DISCONNECTED when the server never sent an SSH banner; null when it did. */
  private TransportException notSsh(Hop hop, Throwable cause) {
    BannerSniffer s = hop.sniffer;
    if (s == null || s.sawSshBanner()) {
      return null;
    }
    String where = where(hop.spec);
    if (s.bytesReceived() == 0) {
      if (cause == null || Failures.has(cause, SocketTimeoutException.class)) {
        return new TransportException(
            TransportFailure.NOT_SSH,
            where + " accepted TCP but sent no SSH banner (not an SSH server, or it is stuck)",
            cause);
      }
      return new TransportException(
          TransportFailure.DISCONNECTED,
          where
              + " closed the connection before sending an SSH banner"
              + " (sshd MaxStartups, TCP wrappers, or not an SSH service)",
          cause);
    }
    return new TransportException(
        TransportFailure.NOT_SSH,
        where + " is not an SSH server: it sent \"" + s.headExcerpt() + "\" instead of a banner",
        cause);
  }

  private TransportException tunnelFailure(Throwable e, Hop hop) {
    String target = where(hop.spec);
    String bastion = hop.spec.jump();
    OpenFailException ofe = Failures.find(e, OpenFailException.class);
    if (ofe != null && ofe.getReason() == OpenFailException.Reason.CONNECT_FAILED) {
      return new TransportException(
          TransportFailure.REFUSED,
          "jump host " + bastion + " could not connect to " + target + ": " + ofe.getMessage(),
          e);
    }
    if (ofe != null && ofe.getReason() == OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED) {
      return new TransportException(
          TransportFailure.JUMP_FAILED,
          "jump host "
              + bastion
              + " refused to forward to "
              + target
              + " (AllowTcpForwarding / PermitOpen?): "
              + Failures.oneLine(ofe),
          e);
    }
    return new TransportException(
        TransportFailure.JUMP_FAILED,
        "jump host "
            + bastion
            + " could not open a tunnel to "
            + target
            + ": "
            + Failures.oneLine(e),
        e);
  }

  private static TransportException hostKeyFailure(Hop hop) {
    KnownHostsVerifier v = hop.verifier;
    if (v == null) {
      return null;
    }
    String fp = v.offeredFingerprint();
    String kh = v.file().toString();
    switch (v.outcome()) {
      case UNKNOWN:
        String keyscan =
            "ssh-keyscan "
                + (hop.spec.port() != 22 ? "-p " + hop.spec.port() + " " : "")
                + hop.spec.address()
                + " >> "
                + kh;
        return new TransportException(
            TransportFailure.HOST_KEY_UNKNOWN,
            "host key of "
                + v.lookupName()
                + " is not in "
                + kh
                + (Files.exists(v.file()) ? "" : " (file missing)")
                + ": the server offered "
                + v.offeredType()
                + " "
                + fp
                + "; verify this fingerprint with the host's owner, then add it ("
                + keyscan
                + ") or rerun with --accept-new-host-keys",
            fp,
            null);
      case CHANGED:
        return new TransportException(
            TransportFailure.HOST_KEY_CHANGED,
            "HOST KEY CHANGED for "
                + v.lookupName()
                + ": the server offered "
                + v.offeredType()
                + " "
                + fp
                + ", which does not match "
                + kh
                + "; possible man-in-the-middle attack, auditgap will not connect; only if the"
                + " change is expected, remove the old line (ssh-keygen -R '"
                + v.lookupName()
                + "' -f "
                + kh
                + ") and verify the new fingerprint",
            fp,
            null);
      case OTHER_TYPES_KNOWN:
        return new TransportException(
            TransportFailure.HOST_KEY_CHANGED,
            "HOST KEY CHANGED for "
                + v.lookupName()
                + ": the server offered "
                + v.offeredType()
                + " "
                + fp
                + ", but "
                + kh
                + " knows this host only with other key types ("
                + v.knownTypes()
                + "); possible man-in-the-middle attack, auditgap will not connect or add the key;"
                + " verify the new fingerprint with the host's owner",
            fp,
            null);
      case REVOKED:
        return new TransportException(
            TransportFailure.HOST_KEY_CHANGED,
            "host key of "
                + v.lookupName()
                + " is REVOKED: "
                + v.revokedWhat()
                + " ("
                + v.offeredType()
                + " "
                + fp
                + ") matches an @revoked line in "
                + kh
                + "; auditgap will not connect",
            fp,
            null);
      case APPEND_FAILED:
        return new TransportException(
            TransportFailure.HOST_KEY_UNKNOWN,
            "host key of "
                + v.lookupName()
                + " ("
                + v.offeredType()
                + " "
                + fp
                + ") is unknown and could not be added to "
                + kh
                + ": "
                + v.appendError(),
            fp,
            null);
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------- helpers

  private boolean acceptNew(HostSpec spec) {
    String strict = spec.ssh().strictHostKeyChecking();
    // "no" accepts unknown keys like accept-new; a changed key is refused either way.
    return options.acceptNewHostKeys()
        || (strict != null && (strict.equals("accept-new") || strict.equals("no")));
  }

  private Duration connectTimeoutOf(HostSpec spec) {
    Duration d = spec.ssh().connectTimeout();
    return d != null && d.compareTo(options.connectTimeout()) < 0 ? d : options.connectTimeout();
  }

  private Path knownHostsOf(HostSpec spec) {
    return spec.knownHosts() != null ? spec.knownHosts() : options.defaultKnownHosts();
  }

  private static String userOf(HostSpec spec) {
    return spec.user() != null ? spec.user() : System.getProperty("user.name");
  }

  static String where(HostSpec spec) {
    String a = spec.address();
    return (a != null && a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + spec.port();
  }

  /** The smaller of a configured limit and the time left, in ms, at least 1 (0 means forever). */
  private static int budgetMs(Duration limit, long deadline) throws TransportException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0) {
      throw new TransportException(TransportFailure.DEADLINE, "deadline reached while connecting");
    }
    return (int) Math.max(1, Math.min(Math.min(limit.toMillis(), left), Integer.MAX_VALUE));
  }

  enum Stage {
    KEYS("key loading"),
    TCP("TCP connect"),
    TUNNEL("tunnel setup"),
    HANDSHAKE("handshake"),
    AUTH("authentication"),
    DONE("session");

    final String text;

    Stage(String text) {
      this.text = text;
    }
  }

  /** One host on the way to the target (bastions first, then the target). */
  private static final class Hop {
    final HostSpec spec;
    final boolean bastion;
    final BannerSniffer sniffer;
    volatile Stage stage = Stage.KEYS;
    volatile KnownHostsVerifier verifier;
    volatile String keyPrints = "";
    volatile List<String> keyNotes = List.of();

    Hop(HostSpec spec, boolean bastion, boolean direct) {
      this.spec = spec;
      this.bastion = bastion;
      this.sniffer = direct ? new BannerSniffer() : null;
    }

    /** TCP becomes HANDSHAKE once a socket is connected. */
    Stage effectiveStage() {
      Stage s = stage;
      if (s == Stage.TCP && sniffer != null && sniffer.connected()) {
        return Stage.HANDSHAKE;
      }
      return s;
    }
  }

  /** The state of one open() call, so that its deadline can classify and clean up. */
  private final class Attempt {
    private final Duration timeout;
    private final List<Hop> hops = new ArrayList<>();
    private final List<SSHClient> clients = new ArrayList<>();
    private boolean abandoned;

    Attempt(Duration timeout) {
      this.timeout = timeout;
    }

    synchronized Hop begin(HostSpec spec, boolean bastion, boolean direct) {
      Hop h = new Hop(spec, bastion, direct);
      hops.add(h);
      return h;
    }

    synchronized void register(SSHClient c) throws TransportException {
      if (abandoned) {
        Closer.closeQuietly(List.of(c), Duration.ZERO);
        throw new TransportException(TransportFailure.DEADLINE, "connection attempt abandoned");
      }
      clients.add(c);
    }

    synchronized List<BannerSniffer> sniffers() {
      List<BannerSniffer> out = new ArrayList<>();
      for (Hop h : hops) {
        if (h.sniffer != null) {
          out.add(h.sniffer);
        }
      }
      return out;
    }

    /** Closes everything this attempt opened, without waiting: raw sockets first. */
    void abandon() {
      List<SSHClient> copy;
      synchronized (this) {
        abandoned = true;
        copy = new ArrayList<>(clients);
      }
      for (BannerSniffer s : sniffers()) {
        s.closeAll();
      }
      java.util.Collections.reverse(copy); // target (created last) first
      Closer.closeQuietly(copy, Duration.ZERO);
    }

    /** What the deadline interrupted, as a classified failure. */
    TransportException deadlineFailure() {
      Hop hop;
      synchronized (this) {
        hop = hops.isEmpty() ? null : hops.get(hops.size() - 1);
      }
      String within = " within " + Failures.seconds(timeout);
      if (hop == null) {
        return new TransportException(
            TransportFailure.DEADLINE, "could not start connecting" + within);
      }
      TransportException e = hostKeyFailure(hop);
      if (e == null) {
        String where = where(hop.spec);
        Stage stage = hop.effectiveStage();
        switch (stage) {
          case TCP:
            e =
                new TransportException(
                    TransportFailure.CONNECT_TIMEOUT,
                    "no TCP connection to " + where + within + " (host down or port filtered)");
            break;
          case TUNNEL:
            e =
                new TransportException(
                    TransportFailure.JUMP_FAILED,
                    "jump host " + hop.spec.jump() + " did not open a tunnel to " + where + within);
            break;
          case HANDSHAKE:
            e = notSsh(hop, null);
            if (e == null) {
              e =
                  new TransportException(
                      TransportFailure.DEADLINE,
                      "SSH handshake with "
                          + where
                          + " did not complete"
                          + within
                          + (hop.sniffer == null
                              ? " (through jump host " + hop.spec.jump() + ")"
                              : ""));
            }
            break;
          default:
            e =
                new TransportException(
                    TransportFailure.DEADLINE,
                    "SSH " + stage.text + " with " + where + " did not complete" + within);
        }
      }
      if (hop.bastion) {
        return new TransportException(
            TransportFailure.JUMP_FAILED,
            "jump host " + hop.spec.name() + " (" + where(hop.spec) + "): " + e.getMessage(),
            e.hostKeyFingerprint(),
            e);
      }
      return e;
    }
  }
}
