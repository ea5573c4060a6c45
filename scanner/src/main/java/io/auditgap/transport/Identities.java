package io.auditgap.transport;

import com.hierynomus.sshj.userauth.agent.AgentIdentity;
import com.hierynomus.sshj.userauth.agent.AgentProxy;
import com.hierynomus.sshj.userauth.agent.AuthAgent;
import com.hierynomus.sshj.userauth.agent.UnixSocketAgentConnection;
import com.hierynomus.sshj.userauth.certificate.Certificate;
import io.auditgap.inventory.HostSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;

/**
 * The keys one hop offers, in the order OpenSSH offers them: keys held by the ssh-agent (in agent
 * order; with IdentitiesOnly only those matching a configured identity file), then the identity
 * files, each preceded by its certificates ({@code <key>-cert.pub}, CertificateFile). Keeps the
 * agent connection open until {@link #close}, because agent keys sign during authentication.
 */
final class Identities implements AutoCloseable {

  /** Loads and decrypts one private key file, or explains why it cannot. */
  interface KeyLoader {
    KeyProvider load(Path file) throws TransportException;
  }

  private final List<AuthMethod> methods = new ArrayList<>();
  private final List<String> offered = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private AgentProxy agent;

  private Identities() {}

  /**
   * @param defaultKeys key files tried when the host names none (only those that exist)
   * @throws TransportException KEY_UNREADABLE when a configured key file cannot be used (and the
   *     agent does not hold it), or when there is no key at all to offer
   */
  static Identities of(
      HostSpec spec, Function<String, String> env, List<Path> defaultKeys, KeyLoader loader)
      throws TransportException {
    Identities ids = new Identities();
    try {
      ids.collect(spec, env, defaultKeys, loader);
    } catch (TransportException | RuntimeException e) {
      ids.close();
      throw e;
    }
    return ids;
  }

  private void collect(
      HostSpec spec, Function<String, String> env, List<Path> defaultKeys, KeyLoader loader)
      throws TransportException {
    List<Path> files = spec.identityFiles();
    boolean explicit = !files.isEmpty();
    boolean only = spec.ssh().identitiesOnly();
    Set<String> filePublics = new HashSet<>();
    for (Path f : files) {
      PublicKey pub = publicKeyBeside(f);
      if (pub != null) {
        filePublics.add(blob(pub));
      }
    }
    Set<String> agentBlobs = new HashSet<>();
    List<AgentIdentity> agentKeys = agentIdentities(spec, env);
    int skipped = 0;
    for (AgentIdentity id : agentKeys) {
      String b = blob(id.getPublicKey());
      if (only && !filePublics.contains(b)) {
        skipped++;
        continue;
      }
      agentBlobs.add(b);
      methods.add(new AuthAgent(agent, id));
      offered.add("agent " + describe(id.getPublicKey()));
    }
    if (skipped > 0) {
      notes.add(
          "IdentitiesOnly: "
              + skipped
              + " agent key(s) not offered because they match no IdentityFile");
    }
    List<Path> candidates = new ArrayList<>();
    if (explicit) {
      candidates.addAll(files);
    } else if (!only || agentKeys.isEmpty()) {
      for (Path p : defaultKeys) {
        if (Files.exists(p)) {
          candidates.add(p);
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (Path f : candidates) {
      KeyProvider kp;
      try {
        kp = loader.load(f);
      } catch (TransportException e) {
        PublicKey beside = publicKeyBeside(f);
        if (beside != null && agentBlobs.contains(blob(beside))) {
          notes.add(f + " not read (" + e.getMessage() + "); the agent holds its key");
          continue;
        }
        if (explicit) {
          throw e;
        }
        problems.add(e.getMessage());
        continue;
      }
      addFileKey(f, kp, spec.ssh().certificateFiles(), agentBlobs);
    }
    if (methods.isEmpty()) {
      List<String> why = new ArrayList<>(notes);
      why.addAll(problems);
      throw new TransportException(
          TransportFailure.KEY_UNREADABLE,
          "no key to offer to "
              + spec.name()
              + ": no identity_file/IdentityFile"
              + (explicit
                  ? " usable"
                  : " set and no usable default key (" + names(defaultKeys) + ")")
              + (why.isEmpty() ? "" : "; " + String.join("; ", why)));
    }
  }

  private void addFileKey(Path f, KeyProvider kp, List<Path> certFiles, Set<String> agentBlobs)
      throws TransportException {
    PublicKey pub;
    try {
      pub = kp.getPublic();
    } catch (IOException e) {
      throw new TransportException(
          TransportFailure.KEY_UNREADABLE, "cannot read public key of " + f, e);
    }
    PublicKey plain = pub instanceof Certificate ? ((Certificate<?>) pub).getKey() : pub;
    String plainBlob = blob(plain);
    if (pub instanceof Certificate) {
      // sshj reads <key>-cert.pub in place of <key>.pub when it exists.
      methods.add(new SignedPublickey(kp));
      offered.add("certificate " + f + "-cert.pub (" + describe(pub) + ")");
    }
    for (Path c : certFiles) {
      PublicKey cert = readPublicKey(c);
      if (cert instanceof Certificate
          && blob(((Certificate<?>) cert).getKey()).equals(plainBlob)
          && !(pub instanceof Certificate && blob(pub).equals(blob(cert)))) {
        methods.add(new SignedPublickey(new WithPublic(kp, cert)));
        offered.add("certificate " + c + " (" + describe(cert) + ")");
      }
    }
    if (agentBlobs.contains(plainBlob)) {
      return; // already offered through the agent
    }
    methods.add(new SignedPublickey(new WithPublic(kp, plain)));
    offered.add("file " + f + " (" + describe(plain) + ")");
  }

  private List<AgentIdentity> agentIdentities(HostSpec spec, Function<String, String> env) {
    String configured = spec.ssh().identityAgent();
    String socket;
    String from;
    if (configured == null || configured.equals("SSH_AUTH_SOCK")) {
      socket = env.apply("SSH_AUTH_SOCK");
      from = "SSH_AUTH_SOCK";
      if (socket == null || socket.isEmpty()) {
        notes.add("no ssh-agent (SSH_AUTH_SOCK is not set)");
        return List.of();
      }
    } else if (configured.equalsIgnoreCase("none")) {
      notes.add("ssh-agent not used (IdentityAgent none)");
      return List.of();
    } else if (configured.startsWith("$")) {
      from = configured;
      socket = env.apply(configured.substring(1));
      if (socket == null || socket.isEmpty()) {
        notes.add("no ssh-agent (" + configured + " is not set)");
        return List.of();
      }
    } else {
      socket = configured;
      from = "IdentityAgent";
    }
    try {
      agent = new AgentProxy(new UnixSocketAgentConnection(socket));
      List<AgentIdentity> keys = agent.getIdentities();
      if (keys.isEmpty()) {
        notes.add("ssh-agent at " + socket + " (" + from + ") holds no keys");
      }
      return keys;
    } catch (IOException | RuntimeException e) {
      notes.add("ssh-agent at " + socket + " (" + from + ") is not usable: " + Failures.oneLine(e));
      closeAgent();
      return List.of();
    }
  }

  List<AuthMethod> methods() {
    return List.copyOf(methods);
  }

  /** What is offered, in order, for messages: {@code agent ED25519 SHA256:...}. */
  String offered() {
    return String.join(", ", offered);
  }

  /** Why fewer keys are offered than one might expect (agent missing, empty, filtered). */
  List<String> notes() {
    return List.copyOf(notes);
  }

  @Override
  public void close() {
    closeAgent();
  }

  private void closeAgent() {
    if (agent != null) {
      try {
        agent.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
      agent = null;
    }
  }

  // ------------------------------------------------------------------ key helpers

  /** The public key in {@code <file>.pub}, or null when absent or unreadable. */
  static PublicKey publicKeyBeside(Path privateKey) {
    Path pub = Path.of(privateKey + ".pub");
    return Files.isRegularFile(pub) ? readPublicKeyQuietly(pub) : null;
  }

  private static PublicKey readPublicKeyQuietly(Path file) {
    try {
      return readPublicKey(file);
    } catch (TransportException e) {
      return null;
    }
  }

  /** Reads an OpenSSH one-line public key or certificate ({@code type base64 [comment]}). */
  static PublicKey readPublicKey(Path file) throws TransportException {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length >= 2 && !parts[0].startsWith("#")) {
          return new Buffer.PlainBuffer(Base64.getDecoder().decode(parts[1])).readPublicKey();
        }
      }
      throw new IOException("no key line");
    } catch (IOException | RuntimeException e) {
      throw new TransportException(
          TransportFailure.KEY_UNREADABLE,
          "cannot read public key or certificate " + file + ": " + Failures.oneLine(e),
          e);
    }
  }

  /** The SSH wire form of a key (a certificate and its plain key differ). */
  static String blob(PublicKey key) {
    return Base64.getEncoder()
        .encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
  }

  private static String describe(PublicKey key) {
    return SshFingerprints.keyType(key) + " " + SshFingerprints.sha256(key);
  }

  private static String names(List<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path p : files) {
      out.add(String.valueOf(p.getFileName()));
    }
    return String.join(", ", out);
  }

  /** A private key offered with a chosen public key (its certificate, or the plain key). */
  private static final class WithPublic implements KeyProvider {
    private final KeyProvider key;
    private final PublicKey pub;

    WithPublic(KeyProvider key, PublicKey pub) {
      this.key = key;
      this.pub = pub;
    }

    @Override
    public PrivateKey getPrivate() throws IOException {
      return key.getPrivate();
    }

    @Override
    public PublicKey getPublic() {
      return pub;
    }

    @Override
    public KeyType getType() {
      return KeyType.fromKey(pub);
    }
  }
}
