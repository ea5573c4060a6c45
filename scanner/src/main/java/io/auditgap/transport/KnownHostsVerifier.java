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
    APPEND_FAILED
  }

  private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final boolean acceptNew;
  private volatile Outcome outcome = Outcome.NOT_CALLED;
  private volatile PublicKey offered;
  private volatile String lookupName;
  private volatile String appendError;

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
