package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.report.ReportFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key passphrase never leaves the environment variable that holds it: a real scan (the CLI in its
 * own process, as a user runs it, with AUDITGAP_DEBUG=1 so that exceptions print their traces) over
 * the fleet with an encrypted key, a wrong passphrase and a missing variable; then every byte it
 * produced (stdout, stderr and its logs, every report format, saved snapshots, probe.json, any
 * saved trace) is searched for the secrets, as UTF-8, UTF-16 and Base64.
 */
class SecretsFleetIT {
  private static TestFleet fleet;
  @TempDir Path tmp;

  @BeforeAll
  static void fleet() {
    fleet = TestFleet.get();
  }

  private static String secret(String label) {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return label + "-" + HexFormat.of().formatHex(b);
  }

  record Run(int code, byte[] stdout, byte[] stderr) {}

  private Run cli(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djava.io.tmpdir=" + tmp.resolve("jvm-tmp"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.auditgap.cli.Main");
    cmd.addAll(List.of(args));
    Files.createDirectories(tmp.resolve("jvm-tmp"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.environment().put("AUDITGAP_DEBUG", "1");
    pb.redirectOutput(tmp.resolve("stdout").toFile());
    pb.redirectError(tmp.resolve("stderr").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "scan ended");
    Run r =
        new Run(
            p.exitValue(),
            Files.readAllBytes(tmp.resolve("stdout")),
            Files.readAllBytes(tmp.resolve("stderr")));
    Files.move(tmp.resolve("stdout"), tmp.resolve("out-" + System.nanoTime() + ".stdout"));
    Files.move(tmp.resolve("stderr"), tmp.resolve("out-" + System.nanoTime() + ".stderr"));
    return r;
  }

  private static List<byte[]> forms(String secret) {
    return List.of(
        secret.getBytes(StandardCharsets.UTF_8),
        secret.getBytes(StandardCharsets.UTF_16LE),
        secret.getBytes(StandardCharsets.UTF_16BE),
        Base64.getEncoder().encode(secret.getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void noOutputLogOrExceptionOfAScanHoldsThePassphrase() throws Exception {
    String good = secret("pass");
    String wrong = secret("wrong");
    Path key = tmp.resolve("keys/id_ed25519");
    Files.createDirectories(key.getParent());
    Files.copy(fleet.identityFile(), key);
    Files.setPosixFilePermissions(
        key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Process kg =
        new ProcessBuilder("ssh-keygen", "-q", "-p", "-f", key.toString(), "-N", good, "-P", "")
            .redirectErrorStream(true)
            .start();
    assertEquals(0, kg.waitFor(), new String(kg.getInputStream().readAllBytes()));
    assertFalse(contains(Files.readAllBytes(key), good.getBytes(StandardCharsets.UTF_8)));

    TestFleet.Host a = fleet.host("debian-stock");
    TestFleet.Host b = fleet.host("hardened");
    TestFleet.Host c = fleet.host("nosudo");
    Path inv = tmp.resolve("inventory.yaml");
    Files.writeString(
        inv,
        "defaults:\n"
            + "  user: "
            + fleet.user()
            + "\n  identity_file: "
            + key
            + "\n  known_hosts: "
            + fleet.knownHosts()
            + "\n  sudo: true\n"
            + "hosts:\n"
            + "  right: {address: "
            + a.address()
            + ", identity_passphrase_env: AG_TEST_KEY_PASS}\n"
            + "  wrong: {address: "
            + b.address()
            + ", identity_passphrase_env: AG_TEST_WRONG_PASS}\n"
            + "  unset: {address: "
            + c.address()
            + ", identity_passphrase_env: AG_TEST_UNSET_PASS, sudo: false}\n");
    Map<String, String> env = Map.of("AG_TEST_KEY_PASS", good, "AG_TEST_WRONG_PASS", wrong);

    Path out = tmp.resolve("report");
    Run scan =
        cli(
            env,
            "scan",
            "-i",
            inv.toString(),
            "-o",
            out.toString(),
            "--format",
            "console,json,html,pdf,junit,csv",
            "--save-snapshots",
            tmp.resolve("snapshots").toString(),
            "--no-probe");
    String err = new String(scan.stderr(), StandardCharsets.UTF_8);
    String json = Files.readString(out.resolve("report.json"));
    ReportFiles.readValid(out.resolve("report.json"));
    // the scan really used the key: the right passphrase logged in, the others were refused
    assertTrue(scan.code() == 1 || scan.code() == 3, err);
    assertTrue(json.contains("wrong passphrase in environment variable AG_TEST_WRONG_PASS"), json);
    assertTrue(json.contains("AG_TEST_UNSET_PASS (identity_passphrase_env) is not set"), json);
    assertTrue(Files.exists(tmp.resolve("snapshots/right.snapshot.json")), "right host collected");
    // offline commands on what the scan wrote
    cli(
        env,
        "report",
        out.resolve("report.json").toString(),
        "--format",
        "html,csv",
        "-o",
        tmp.resolve("rerendered").toString());
    cli(env, "inventory", "check", "-i", inv.toString());

    List<Path> files;
    try (Stream<Path> s = Files.walk(tmp)) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.equals(key)).toList();
    }
    assertTrue(files.size() >= 12, "outputs searched: " + files);
    int searched = 0;
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      for (String s : List.of(good, wrong)) {
        for (byte[] form : forms(s)) {
          assertFalse(contains(bytes, form), f + " holds a passphrase");
          searched++;
        }
      }
    }
    assertTrue(searched > 0);
  }

  @Test
  void theInventoryRefusesAPassphraseWrittenInIt() throws IOException, Exception {
    String s = secret("inline");
    Path inv = tmp.resolve("inventory.yaml");
    Files.writeString(
        inv, "defaults:\n  identity_passphrase: " + s + "\nhosts:\n  a: {address: 127.0.0.1}\n");
    Run r = cli(Map.of(), "inventory", "check", "-i", inv.toString());
    assertEquals(2, r.code());
    String err = new String(r.stderr(), StandardCharsets.UTF_8);
    assertTrue(err.contains("secrets are not allowed in the inventory"), err);
    for (byte[] form : forms(s)) {
      assertFalse(contains(r.stderr(), form), "the refusal echoes the secret: " + err);
      assertFalse(contains(r.stdout(), form));
    }
  }
}
