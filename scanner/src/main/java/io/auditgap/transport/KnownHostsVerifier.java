package io.auditgap.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Strict known_hosts verification that remembers why a key was refused (unknown or changed) and,
 * when asked, appends keys of unknown hosts (accept-new). It never rewrites the file and never
 * replaces a changed key. One instance per connection attempt; appends are serialized per file.
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
    APPEND_FAILED
  }

  private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final boolean acceptNew;
  private volatile Outcome outcome = Outcome.NOT_CALLED;
  private volatile PublicKey offered;
  private volatile String lookupName;
  private volatile String appendError;
  private volatile String knownTypes = "";

  private KnownHostsVerifier(Path file, boolean acceptNew) throws IOException {
    super(file.toFile());
    this.file = file;
    this.acceptNew = acceptNew;
  }

  /** Loads {@code file} (a missing file means no host is known). */
  static KnownHostsVerifier load(Path file, boolean acceptNew) throws IOException {
    synchronized (lockFor(file)) {
      return new KnownHostsVerifier(file, acceptNew);
    }
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    offered = key;
    lookupName = port != 22 ? "[" + hostname.toLowerCase() + "]:" + port : hostname.toLowerCase();
    outcome = Outcome.VERIFIED;
    return super.verify(hostname, port, key);
  }

  @Override
  protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
    outcome = Outcome.CHANGED;
    return false;
  }

  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
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

  String appendError() {
    return appendError;
  }

  Path file() {
    return file;
  }
}
