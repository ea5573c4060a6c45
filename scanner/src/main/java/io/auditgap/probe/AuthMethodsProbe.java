package io.auditgap.probe;

import io.auditgap.text.TerminalText;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.connection.channel.Channel;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthNone;

/**
 * Learns which authentication methods an SSH server offers, by asking with the {@code none} method
 * (RFC 4252 §5.2): the server answers with the list of methods that can continue. No credential is
 * ever sent. The host key is recorded, not verified: nothing secret crosses this connection, so a
 * man in the middle learns nothing, and at worst lies about the methods (the report says which key
 * answered).
 *
 * <p>Runs sshj over an existing stream pair (a local socket or a {@code direct-tcpip} channel of a
 * vantage), so the same code serves every vantage.
 */
final class AuthMethodsProbe {
  private static final Config CONFIG = new DefaultConfig();

  /**
   * @param methods offered methods in the server's order; {@code ["none"]} when {@code none} was
   *     accepted; null when not learned
   * @param fingerprint {@code SHA256:...} of the host key, or null when key exchange did not finish
   * @param keyType host key algorithm, or null
   * @param error why {@code methods} is null, or null
   */
  record Outcome(List<String> methods, String fingerprint, String keyType, String error) {}

  private AuthMethodsProbe() {}

  /**
   * Runs key exchange and a {@code none} authentication request over {@code in}/{@code out}, which
   * must start at the server's first byte. Blocks; the caller bounds it by closing the streams.
   */
  static Outcome run(
      InputStream in, OutputStream out, String host, int port, String user, int timeoutMs) {
    AtomicReference<PublicKey> seen = new AtomicReference<>();
    SSHClient client = new SSHClient(CONFIG);
    client.addHostKeyVerifier(recordingVerifier(seen));
    client.getTransport().setTimeoutMs(timeoutMs);
    client.getConnection().setTimeoutMs(timeoutMs);
    try {
      client.connectVia(streamChannel(in, out), host, port);
      try {
        client.auth(user, new AuthNone());
        return outcome(List.of("none"), seen.get(), null);
      } catch (UserAuthException e) {
        List<String> allowed = new ArrayList<>(client.getUserAuth().getAllowedMethods());
        if (allowed.isEmpty()) {
          return outcome(null, seen.get(), "server offered no methods: " + message(e));
        }
        return outcome(allowed, seen.get(), null);
      }
    } catch (Exception | LinkageError e) {
      return outcome(null, seen.get(), "ssh handshake failed: " + message(e));
    } finally {
      try {
        client.disconnect();
      } catch (Exception e) {
        // the link is closed by the caller anyway
      }
    }
  }

  private static Outcome outcome(List<String> methods, PublicKey key, String error) {
    return new Outcome(
        methods == null
            ? null
            : methods.stream().map(m -> TerminalText.ascii(m, 64)).distinct().toList(),
        key == null ? null : fingerprint(key),
        key == null ? null : KeyType.fromKey(key).toString(),
        error == null ? null : TerminalText.ascii(error, 200));
  }

  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** {@code SHA256:} + unpadded base64 of the key blob, as {@code ssh-keygen -l} prints it. */
  static String fingerprint(PublicKey key) {
    byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HostKeyVerifier recordingVerifier(AtomicReference<PublicKey> seen) {
    return new HostKeyVerifier() {
      @Override
      public boolean verify(String hostname, int port, PublicKey key) {
        seen.set(key);
        return true; // recorded, not trusted: only "none" is sent on this connection
      }

      @Override
      public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of();
      }
    };
  }

  /** sshj's {@code connectVia} needs only the channel's two streams. */
  private static Channel streamChannel(InputStream in, OutputStream out) {
    return (Channel)
        Proxy.newProxyInstance(
            Channel.class.getClassLoader(),
            new Class<?>[] {Channel.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getInputStream":
                  return in;
                case "getOutputStream":
                  return out;
                case "toString":
                  return "probe-stream";
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }
}
