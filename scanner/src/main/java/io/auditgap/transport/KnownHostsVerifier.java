package io.auditgap.transport;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Strict known_hosts verification that remembers why a key was refused (unknown or changed) and,
 * when asked, appends keys of unknown hosts (accept-new). It never rewrites the file and never
 * replaces a changed key. One instance per connection attempt; appends are serialized per file.
 *
 * <p>The file is read once per change (size or modification time) and each attempt considers only
 * the lines that can apply to its host: parsing every line for every host made a scan quadratic in
 * the number of hosts. Of those lines, a key is decoded only when the offered key's type (or a
 * marker) makes it relevant: decoding an RSA key validates its modulus with primality tests, which
 * cost more than the rest of the handshake in a fresh JVM, while hosts usually offer Ed25519.
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {

  enum Outcome {
    NOT_CALLED,
    VERIFIED,
    ADDED,
    UNKNOWN,
    CHANGED,
    /** The host is known, but only with keys of other types than the one offered. */
    OTHER_TYPES_KNOWN,
    APPEND_FAILED,
    /** The key, its plain key or its CA is marked @revoked for the host. */
    REVOKED
  }

  private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Path, Lines> LINES = new ConcurrentHashMap<>();

  /** The lines of one known_hosts file as it was when read. */
  private record Lines(long size, FileTime modified, KnownHostsIndex index) {}

  private final Path file;
  private final boolean acceptNew;
  private final String alias;

  /** While a host certificate is checked against @cert-authority lines: never record or add. */
  private volatile boolean certificatePass;

  private volatile String revokedWhat;
  private volatile Outcome outcome = Outcome.NOT_CALLED;
  private volatile PublicKey offered;
  private volatile String lookupName;
  private volatile String appendError;
  private volatile String knownTypes = "";

  private KnownHostsVerifier(Path file, boolean acceptNew, String alias, String host)
      throws IOException {
    super(new java.io.StringReader(""));
    for (String line : linesFor(file, alias != null ? alias : host)) {
      entries.add(new LazyEntry(line));
    }
    this.file = file;
    this.acceptNew = acceptNew;
    this.alias = alias;
  }

  /** Loads {@code file} (a missing file means no host is known). */
  static KnownHostsVerifier load(Path file, boolean acceptNew) throws IOException {
    return load(file, acceptNew, null, null);
  }

  /**
   * @param alias name to look up instead of the address (OpenSSH HostKeyAlias, used without a
   *     port), or null
   * @param host the address the connection goes to: only lines that can apply to it (or to the
   *     alias) are parsed; null parses every line
   */
  static KnownHostsVerifier load(Path file, boolean acceptNew, String alias, String host)
      throws IOException {
    synchronized (lockFor(file)) {
      return new KnownHostsVerifier(file, acceptNew, alias, host);
    }
  }

  /**
   * The lines of {@code file} that can apply to {@code host} ({@link KnownHostsIndex}): comments
   * and lines for other hosts are left out.
   */
  private static List<String> linesFor(Path file, String host) throws IOException {
    if (!Files.exists(file)) {
      return List.of(); // a missing file means no host is known
    }
    Path key = file.toAbsolutePath().normalize();
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Lines cached = LINES.get(key);
    if (cached == null
        || cached.size() != a.size()
        || !cached.modified().equals(a.lastModifiedTime())) {
      cached =
          new Lines(
              a.size(),
              a.lastModifiedTime(),
              new KnownHostsIndex(Files.readAllLines(file, StandardCharsets.UTF_8)));
      LINES.put(key, cached);
    }
    return host == null ? cached.index().all() : cached.index().linesFor(host);
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    if (alias != null) {
      hostname = alias;
      port = 22;
    }
    offered = key;
    lookupName = port != 22 ? "[" + hostname.toLowerCase() + "]:" + port : hostname.toLowerCase();
    String revoked = revoked(lookupName, key);
    if (revoked != null) {
      revokedWhat = revoked;
      outcome = Outcome.REVOKED;
      return false;
    }
    outcome = Outcome.VERIFIED;
    if (key instanceof Certificate) {
      // A host certificate is trusted through an @cert-authority line for the host; without one,
      // OpenSSH falls back to the certificate's plain key, and so do we.
      certificatePass = true;
      try {
        if (super.verify(hostname, port, key)) {
          return true;
        }
      } finally {
        certificatePass = false;
      }
      outcome = Outcome.VERIFIED;
      return super.verify(hostname, port, ((Certificate<?>) key).getKey());
    }
    return super.verify(hostname, port, key);
  }

  /**
   * What an {@code @revoked} line for this host revokes among the offered key, its plain key and
   * its signing CA; null when nothing is revoked.
   */
  private String revoked(String host, PublicKey key) {
    java.util.Map<String, String> candidates = new java.util.LinkedHashMap<>();
    candidates.put(Identities.blob(key), "the offered key");
    if (key instanceof Certificate) {
      Certificate<?> c = (Certificate<?>) key;
      candidates.put(Identities.blob(c.getKey()), "the certificate's key");
      candidates.put(
          java.util.Base64.getEncoder().encodeToString(c.getSignatureKey()),
          "the certificate authority that signed it");
    }
    for (KnownHostEntry e : entries) {
      try {
        if (e instanceof LazyEntry lazy && !lazy.marked(Marker.REVOKED)) {
          continue; // not decoded: only @revoked lines can revoke
        }
        String line = e.getLine();
        if (line == null || !line.startsWith("@revoked") || !e.appliesTo(host)) {
          continue;
        }
        String[] f = line.split("\\s+");
        if (f.length >= 4 && candidates.containsKey(f[3])) {
          return candidates.get(f[3]);
        }
      } catch (IOException | RuntimeException ignored) {
        // an unreadable entry revokes nothing
      }
    }
    return null;
  }

  @Override
  protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
    if (certificatePass) {
      return false;
    }
    outcome = Outcome.CHANGED;
    return false;
  }

  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
    if (certificatePass) {
      return false;
    }
    // ssh prefers the key types it knows for a host, so a host that offers only a new type is
    // suspect: never treat it as a new host (and never add the key automatically).
    String others = otherTypes(entries, hostname);
    if (!others.isEmpty()) {
      knownTypes = others;
      outcome = Outcome.OTHER_TYPES_KNOWN;
      return false;
    }
    if (!acceptNew) {
      outcome = Outcome.UNKNOWN;
      return false;
    }
    synchronized (lockFor(file)) {
      try {
        // Another worker may have added this host since we loaded the file.
        if (Files.exists(file)) {
          OpenSSHKnownHosts fresh = new OpenSSHKnownHosts(file.toFile());
          KeyType type = KeyType.fromKey(key);
          boolean applicable = false;
          for (KnownHostEntry e : fresh.entries()) {
            if (e.appliesTo(type, hostname)) {
              applicable = true;
              if (e.verify(key)) {
                outcome = Outcome.VERIFIED;
                return true;
              }
            }
          }
          if (applicable) {
            outcome = Outcome.CHANGED;
            return false;
          }
          String freshOthers = otherTypes(fresh.entries(), hostname);
          if (!freshOthers.isEmpty()) {
            knownTypes = freshOthers;
            outcome = Outcome.OTHER_TYPES_KNOWN;
            return false;
          }
        }
        append(hostname + " " + SshFingerprints.openSshLine(key));
        outcome = Outcome.ADDED;
        return true;
      } catch (IOException | RuntimeException e) {
        appendError = Failures.oneLine(e);
        outcome = Outcome.APPEND_FAILED;
        return false;
      }
    }
  }

  /** Appends one line; existing bytes are never rewritten. */
  private void append(String line) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (FileChannel ch =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      long size = ch.size();
      String prefix = "";
      if (size > 0) {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        if (last.get(0) != '\n') {
          prefix = "\n";
        }
      }
      ByteBuffer data = ByteBuffer.wrap((prefix + line + "\n").getBytes(StandardCharsets.UTF_8));
      long pos = size;
      while (data.hasRemaining()) {
        pos += ch.write(data, pos);
      }
      ch.force(false);
    }
  }

  /** Key types of plain entries (not @revoked / @cert-authority) that apply to the host. */
  private static String otherTypes(Iterable<KnownHostEntry> entries, String hostname) {
    java.util.Set<String> types = new java.util.TreeSet<>();
    for (KnownHostEntry e : entries) {
      try {
        String line = e.getLine();
        if (line != null && !line.startsWith("@") && e.appliesTo(hostname)) {
          types.add(e.getType().toString());
        }
      } catch (IOException | RuntimeException ignored) {
        // an unreadable entry applies to nothing
      }
    }
    return String.join(", ", types);
  }

  /**
   * The key types known for the host, which sshj asks for first to prefer them in the key exchange,
   * as {@link OpenSSHKnownHosts} answers it but from each line's declared type: lines whose key is
   * not valid Base64 are left out as sshj leaves them out, without decoding the keys.
   */
  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    String lower = hostname.toLowerCase();
    String adjusted = port != 22 ? "[" + lower + "]:" + port : lower;
    List<String> known = new ArrayList<>();
    for (KnownHostEntry e : entries) {
      LazyEntry lazy = (LazyEntry) e; // every entry: the constructor adds only these
      HostEntry shape = lazy.shape;
      try {
        if (shape == null || !lazy.keyIsBase64() || !shape.appliesTo(adjusted)) {
          continue;
        }
      } catch (IOException ex) {
        continue;
      }
      if (lazy.marked(Marker.CA_CERT)) {
        // Only the CA's key type is known: every certificate type may be offered.
        for (KeyType candidate : KeyType.values()) {
          if (candidate.getParent() != null) {
            known.add(candidate.toString());
          }
        }
      } else {
        known.add(shape.getType().toString());
      }
    }
    return known;
  }

  /**
   * One known_hosts line, decoded by sshj's own parser only when a question needs its key: its
   * marker, host patterns and key type are read without decoding, and a line whose patterns or type
   * cannot apply is never decoded. Answers are those of the decoded entry (a line sshj cannot parse
   * applies to nothing).
   */
  private final class LazyEntry implements KnownHostEntry {
    private final String line;
    private final String[] fields;

    /** Marker, patterns and type without the key; null when the line is not of that shape. */
    final HostEntry shape;

    private final Marker marker;

    private KnownHostEntry decoded;

    LazyEntry(String line) {
      this.line = line;
      String trimmed = line.trim();
      int min = trimmed.startsWith("@") ? 4 : 3;
      this.fields = trimmed.split("\\s+", min + 1);
      HostEntry s = null;
      Marker m = null;
      if (!trimmed.isEmpty() && !line.startsWith("#") && fields.length >= min) {
        int i = 0;
        m = Marker.fromString(fields[i]);
        if (m != null) {
          i++;
        }
        String hosts = fields[i++];
        KeyType type = KeyType.fromString(fields[i]);
        if (type == KeyType.UNKNOWN && fields[i].matches("[0-9]+")) {
          type = KeyType.RSA; // the old "bits exponent modulus" form
        }
        if (type != KeyType.UNKNOWN) {
          try {
            s = new HostEntry(m, hosts, type, null);
          } catch (IOException | RuntimeException e) {
            s = null; // sshj refuses the patterns too
          }
        }
      }
      this.shape = s;
      this.marker = s == null ? null : m;
    }

    boolean marked(Marker m) {
      return marker == m && m != null;
    }

    boolean keyIsBase64() {
      int k = marker != null ? 3 : 2;
      if (KeyType.fromString(fields[k - 1]) == KeyType.UNKNOWN) {
        return true; // the "bits exponent modulus" form has no Base64
      }
      try {
        Base64.getDecoder().decode(fields[k]);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    private synchronized KnownHostEntry decoded() {
      if (decoded == null) {
        try {
          decoded = new EntryFactory().parseEntry(line);
        } catch (IOException | RuntimeException e) {
          decoded = null;
        }
        if (decoded == null) {
          decoded = new BadHostEntry(line); // applies to nothing, like a line sshj skips
        }
      }
      return decoded;
    }

    @Override
    public KeyType getType() {
      return decoded().getType();
    }

    @Override
    public String getFingerprint() {
      return decoded().getFingerprint();
    }

    @Override
    public boolean appliesTo(String host) throws IOException {
      return shape != null && shape.appliesTo(host) && decoded().appliesTo(host);
    }

    @Override
    public boolean appliesTo(KeyType type, String host) throws IOException {
      return shape != null && shape.appliesTo(type, host) && decoded().appliesTo(type, host);
    }

    @Override
    public boolean verify(PublicKey key) throws IOException {
      return decoded().verify(key);
    }

    @Override
    public String getLine() {
      return decoded().getLine();
    }
  }

  /** Key types known for the host when the outcome is OTHER_TYPES_KNOWN. */
  String knownTypes() {
    return knownTypes;
  }

  private static Object lockFor(Path file) {
    return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object());
  }

  Outcome outcome() {
    return outcome;
  }

  /** The key the server offered, or null before key exchange. */
  PublicKey offered() {
    return offered;
  }

  String offeredFingerprint() {
    PublicKey k = offered;
    return k == null ? null : SshFingerprints.sha256(k);
  }

  String offeredType() {
    PublicKey k = offered;
    return k == null ? "?" : SshFingerprints.keyType(k);
  }

  /** The name looked up in known_hosts ({@code addr} or {@code [addr]:port}). */
  String lookupName() {
    return lookupName;
  }

  /** Which key an @revoked line matched, when the outcome is REVOKED. */
  String revokedWhat() {
    return revokedWhat;
  }

  String appendError() {
    return appendError;
  }

  Path file() {
    return file;
  }
}
