package io.auditgap.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;
import org.junit.jupiter.api.Test;

class KnownHostsIndexTest {
  private static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDj40a1TeEnc393JSgk7HQCF0IldxolVfPA/vqZetIrD";

  private static final List<String> FILE =
      List.of(
          "# fleet hosts",
          "host1.example.org,10.0.0.1 " + KEY,
          "[10.0.0.1]:2222 " + KEY,
          "10.0.0.10 " + KEY,
          "*.example.org " + KEY,
          "@revoked 10.0.0.2 " + KEY,
          hashed("10.0.0.3") + " " + KEY,
          "!10.0.0.4,10.0.0.* " + KEY,
          "HOST1.Example.ORG " + KEY,
          "@cert-authority *.corp " + KEY,
          "",
          "   10.0.0.5\t " + KEY);

  @Test
  void aHostGetsTheLinesNamingItAndTheLinesThatNeedTheHostToBeRead() {
    KnownHostsIndex index = new KnownHostsIndex(FILE);
    assertEquals(lines(1, 2, 4, 6, 7, 9), index.linesFor("10.0.0.1"));
    assertEquals(lines(1, 4, 6, 7, 8, 9), index.linesFor("Host1.example.org"));
    assertEquals(lines(3, 4, 6, 7, 9), index.linesFor("10.0.0.10"));
    assertEquals(lines(4, 5, 6, 7, 9), index.linesFor("10.0.0.2"));
    assertEquals(lines(4, 6, 7, 9, 11), index.linesFor("10.0.0.5"));
    assertEquals(FILE, index.all());
  }

  /** Every line sshj would apply to a host (by name, hash, pattern or port) is among its lines. */
  @Test
  void neverLeavesOutALineSshjWouldApply() throws Exception {
    KnownHostsIndex index = new KnownHostsIndex(FILE);
    OpenSSHKnownHosts.EntryFactory parser =
        new OpenSSHKnownHosts(new java.io.StringReader("")).new EntryFactory();
    int applied = 0;
    for (String host :
        List.of(
            "10.0.0.1",
            "10.0.0.2",
            "10.0.0.3",
            "10.0.0.4",
            "10.0.0.5",
            "10.0.0.10",
            "host1.example.org",
            "a.example.org",
            "b.corp",
            "other")) {
      for (String lookup : List.of(host, "[" + host + "]:2222")) {
        for (String line : FILE) {
          KnownHostEntry e =
              line.isBlank() || line.startsWith("#") ? null : parser.parseEntry(line);
          if (e != null && e.appliesTo(KeyType.ED25519, lookup)) {
            applied++;
            assertTrue(index.linesFor(host).contains(line), () -> lookup + " needs line: " + line);
          }
        }
      }
    }
    assertTrue(applied >= 10, "the grid exercises sshj's matching: " + applied);
  }

  private static List<String> lines(int... at) {
    List<String> out = new ArrayList<>();
    for (int i : at) {
      out.add(FILE.get(i));
    }
    return out;
  }

  /** OpenSSH's HashKnownHosts form: |1|salt|HMAC-SHA1(salt, host). */
  private static String hashed(String host) {
    try {
      byte[] salt = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(salt, "HmacSHA1"));
      byte[] h = mac.doFinal(host.getBytes(StandardCharsets.US_ASCII));
      Base64.Encoder b = Base64.getEncoder();
      return "|1|" + b.encodeToString(salt) + "|" + b.encodeToString(h);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
