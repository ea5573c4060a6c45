package io.auditgap.transport;

import io.auditgap.concurrent.DaemonThreads;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.KeyAgreement;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.signature.Signature;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * sshj's start-up work, done on a daemon thread while the command loads its catalog and inventory:
 * registering BouncyCastle (a few hundred classes and algorithm tables), building the algorithm
 * lists, and running once, on throwaway keys, the code a handshake needs (Curve25519 key agreement,
 * an Ed25519 host key signature, the AEAD and CTR ciphers, SHA-256). In a fresh JVM that work costs
 * about as much CPU as the rest of the handshake; done here it overlaps, and the connection finds
 * it done (sshj's provider registration is synchronized, so nothing runs twice). Nothing here
 * touches the network, the file system or a real key.
 *
 * <p>The same run, done in the launcher's class-data-sharing training run (a local scan), puts
 * these classes in the archive, although that run connects nowhere.
 */
public final class SshWarmup {
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final int PACKET = 32_768;

  private SshWarmup() {}

  /** Starts the warm-up once per JVM; returns at once. */
  public static void start() {
    if (STARTED.compareAndSet(false, true)) {
      DaemonThreads.start("ssh-warmup", SshWarmup::run);
    }
  }

  /** Runs the warm-up on the calling thread (the archive's training run waits for it). */
  public static void runNow() {
    if (STARTED.compareAndSet(false, true)) {
      run();
    }
  }

  private static void run() {
    try {
      DefaultConfig config = new DefaultConfig();
      byte[] data = new byte[64];
      keyAgreement();
      hostKeySignature(config, data);
      ciphers(config.getCipherFactories(), data);
      SecurityUtils.getMessageDigest("SHA-256").digest(data);
    } catch (Exception | LinkageError e) {
      // Only a warm-up: the connection itself reports any real problem.
    }
  }

  /** What {@code Curve25519DH} does for the key exchange. */
  private static void keyAgreement() throws Exception {
    KeyPairGenerator g = SecurityUtils.getKeyPairGenerator("X25519");
    KeyPair ours = g.generateKeyPair();
    KeyPair theirs = g.generateKeyPair();
    PublicKey peer =
        SecurityUtils.getKeyFactory("X25519")
            .generatePublic(new X509EncodedKeySpec(theirs.getPublic().getEncoded()));
    KeyAgreement a = SecurityUtils.getKeyAgreement("X25519");
    a.init(ours.getPrivate());
    a.doPhase(peer, true);
    a.generateSecret();
  }

  /** An Ed25519 host key read from its wire form and a signature made and checked with it. */
  private static void hostKeySignature(DefaultConfig config, byte[] data) throws Exception {
    KeyPair k = SecurityUtils.getKeyPairGenerator("Ed25519").generateKeyPair();
    byte[] blob = new Buffer.PlainBuffer().putPublicKey(k.getPublic()).getCompactData();
    PublicKey key = new Buffer.PlainBuffer(blob).readPublicKey();
    for (Factory.Named<com.hierynomus.sshj.key.KeyAlgorithm> f : config.getKeyAlgorithms()) {
      if (f.getName().equals("ssh-ed25519")) {
        Signature s = f.create().newSignature();
        s.initSign(k.getPrivate());
        s.update(data);
        byte[] sig = s.encode(s.sign());
        s.initVerify(key);
        s.update(data);
        s.verify(sig);
      }
    }
  }

  /** The ciphers OpenSSH servers pick first: ChaCha20-Poly1305, AES-GCM and AES-CTR. */
  private static void ciphers(List<Factory.Named<Cipher>> factories, byte[] data) {
    for (Factory.Named<Cipher> f : factories) {
      String name = f.getName();
      if (!name.startsWith("chacha20") && !name.contains("gcm") && !name.endsWith("-ctr")) {
        continue;
      }
      try {
        Cipher c = f.create();
        c.init(Cipher.Mode.Encrypt, new byte[c.getBlockSize()], new byte[c.getIVSize()]);
        // Packets of the script's and the bundle's size: their block loops get compiled here
        // instead of running interpreted while the collector's script goes out and its bundle
        // comes in (about 20 ms for the first 31 KB packet otherwise).
        int len = name.startsWith("chacha20") ? PACKET : data.length;
        for (int round = 0; round < 2; round++) {
          if (c.getAuthenticationTagSize() > 0) {
            byte[] buf = new byte[len + c.getAuthenticationTagSize()];
            c.setSequenceNumber(3 + round);
            c.updateWithAAD(buf, 0, 4, len - 4);
          } else {
            c.update(new byte[len], 0, len);
          }
        }
      } catch (RuntimeException e) {
        // a cipher this JVM cannot run is left out by sshj as well
      }
    }
  }
}
