package io.auditgap.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/**
 * SSH key fingerprints in the format of {@code ssh-keygen -lf}: {@code SHA256:} followed by the
 * unpadded base64 of the SHA-256 of the key blob.
 */
public final class SshFingerprints {
  private SshFingerprints() {}

  /** Fingerprint of a key blob (the SSH wire encoding, as in the base64 field of a .pub line). */
  public static String sha256(byte[] keyBlob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Fingerprint of a public key (host key or user key). */
  public static String sha256(PublicKey key) {
    return sha256(blob(key));
  }

  /**
   * Fingerprint of an OpenSSH public key line ({@code type base64 [comment]}, as in a {@code .pub}
   * file or the key part of a known_hosts line).
   */
  public static String sha256OfPublicKeyLine(String line) {
    String[] parts = line.trim().split("\\s+");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not an OpenSSH public key line");
    }
    return sha256(Base64.getDecoder().decode(parts[1].getBytes(StandardCharsets.US_ASCII)));
  }

  /** The SSH key type name ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ssh-rsa}). */
  public static String keyType(PublicKey key) {
    return KeyType.fromKey(key).toString();
  }

  /** The SSH wire encoding of a public key. */
  static byte[] blob(PublicKey key) {
    return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
  }

  /** The key as it appears in a known_hosts or .pub line: {@code type base64}. */
  static String openSshLine(PublicKey key) {
    return keyType(key) + " " + Base64.getEncoder().encodeToString(blob(key));
  }
}
