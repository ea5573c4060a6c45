package io.auditgap.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshFingerprintsTest {
  @TempDir Path tmp;

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    return out;
  }

  @Test
  void matchesSshKeygenForEd25519EcdsaAndRsa() throws Exception {
    for (String type : new String[] {"ed25519", "ecdsa", "rsa"}) {
      Path key = tmp.resolve("k_" + type);
      run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "t", "-f", key.toString());
      // "256 SHA256:abc... t (ED25519)"
      String expected = run("ssh-keygen", "-lf", key + ".pub").trim().split("\\s+")[1];
      assertTrue(expected.startsWith("SHA256:"), expected);

      String pubLine = Files.readString(Path.of(key + ".pub"));
      assertEquals(expected, SshFingerprints.sha256OfPublicKeyLine(pubLine), type);

      try (SSHClient client = new SSHClient()) {
        KeyProvider kp = client.loadKeys(key.toString());
        assertEquals(expected, SshFingerprints.sha256(kp.getPublic()), type);
        assertEquals(pubLine.split(" ")[0], SshFingerprints.keyType(kp.getPublic()), type);
      }
    }
  }

  @Test
  void noPaddingAndFixedLength() {
    String fp = SshFingerprints.sha256(new byte[] {1, 2, 3});
    assertTrue(fp.startsWith("SHA256:"));
    assertEquals(7 + 43, fp.length(), fp);
    assertTrue(!fp.endsWith("="));
  }
}
