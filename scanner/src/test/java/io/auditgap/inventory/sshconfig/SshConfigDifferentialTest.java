package io.auditgap.inventory.sshconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolves every host of a corpus of real-world ssh_config layouts (cited in each file) with
 * auditgap and with this machine's {@code ssh -G}, and requires the same values for every option
 * auditgap honours.
 */
class SshConfigDifferentialTest {
  private static final Path SSH = Path.of("/usr/bin/ssh");
  private static final List<String> HOSTS =
      List.of(
          "github.com",
          "github.com-repo-0",
          "github.com-repo-1",
          "bastion",
          "inner",
          "10.10.3.4",
          "10.10.0.1",
          "db-1",
          "db-1.example.org",
          "web.example.org",
          "legacy-box",
          "x.prod.example.com",
          "nas",
          "nas.lan",
          "cloud-1",
          "cloud-22",
          "work-7",
          "app1",
          "app2",
          "Other.Example.COM");
  private static final List<String[]> VARIANTS =
      List.of(
          new String[] {null, null},
          new String[] {"root", null},
          new String[] {"ops", null},
          new String[] {null, "2000"});
  private static final List<String> OPTIONS =
      List.of(
          "hostname",
          "user",
          "port",
          "identityfile",
          "identitiesonly",
          "identityagent",
          "certificatefile",
          "proxyjump",
          "userknownhostsfile",
          "stricthostkeychecking",
          "hostkeyalias",
          "connecttimeout");

  @TempDir Path tmp;

  @Test
  void corpusResolvesLikeSshDashG() throws Exception {
    assumeTrue(Files.isExecutable(SSH), "openssh-client not installed");
    Path corpus = copyCorpus();
    Path home = Path.of(System.getProperty("user.home"));
    String user = System.getProperty("user.name");
    String localHost = InetAddress.getLocalHost().getHostName();
    int compared = 0;
    List<String> differences = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        SshConfig cfg = SshConfig.of(f, home, user, localHost, uid(), System::getenv);
        for (String host : HOSTS) {
          for (String[] v : VARIANTS) {
            Map<String, String> expected = sshG(f, host, v[0], v[1]);
            Map<String, String> actual =
                ours(cfg.resolve(host, v[0], v[1] == null ? null : Integer.valueOf(v[1])));
            for (String o : OPTIONS) {
              compared++;
              if (!String.valueOf(expected.get(o)).equals(String.valueOf(actual.get(o)))) {
                differences.add(
                    f.getFileName()
                        + " "
                        + host
                        + " -l "
                        + v[0]
                        + " -p "
                        + v[1]
                        + ": "
                        + o
                        + " ssh -G="
                        + expected.get(o)
                        + " auditgap="
                        + actual.get(o));
              }
            }
          }
        }
      }
    }
    assertTrue(compared > 1000, "compared " + compared);
    assertEquals(List.of(), differences, String.join("\n", differences));
  }

  private static Map<String, String> ours(SshHostConfig c) {
    Map<String, String> m = new TreeMap<>();
    m.put("hostname", c.hostname());
    m.put("user", c.user());
    m.put("port", String.valueOf(c.port()));
    m.put(
        "identityfile",
        c.identityFiles().isEmpty()
            ? "~/.ssh/id_rsa|~/.ssh/id_ecdsa|~/.ssh/id_ecdsa_sk|~/.ssh/id_ed25519|~/.ssh/id_ed25519_sk|~/.ssh/id_xmss|~/.ssh/id_dsa"
            : String.join("|", c.identityFiles()));
    m.put("identitiesonly", c.identitiesOnly() ? "yes" : "no");
    m.put("identityagent", c.identityAgent());
    m.put(
        "certificatefile",
        c.certificateFiles().isEmpty() ? null : String.join("|", c.certificateFiles()));
    m.put("proxyjump", c.proxyJump());
    m.put("userknownhostsfile", String.join(" ", c.userKnownHostsFiles()));
    m.put("stricthostkeychecking", c.strictHostKeyChecking());
    m.put("hostkeyalias", c.hostKeyAlias());
    m.put(
        "connecttimeout",
        c.connectTimeoutSeconds() == null ? "none" : String.valueOf(c.connectTimeoutSeconds()));
    return m;
  }

  private static Map<String, String> sshG(Path file, String host, String user, String port)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(SSH.toString(), "-G", "-F", file.toString()));
    if (user != null) {
      cmd.addAll(List.of("-l", user));
    }
    if (port != null) {
      cmd.addAll(List.of("-p", port));
    }
    cmd.add(host);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "ssh -G failed: " + cmd);
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int sp = line.indexOf(' ');
      if (sp < 0) {
        continue;
      }
      String k = line.substring(0, sp);
      String val = line.substring(sp + 1);
      if (k.equals("identityfile") || k.equals("certificatefile")) {
        m.merge(k, val, (a, b) -> a + "|" + b);
      } else {
        m.put(k, val);
      }
    }
    String strict = m.get("stricthostkeychecking");
    if ("true".equals(strict)) {
      m.put("stricthostkeychecking", "yes");
    } else if ("false".equals(strict)) {
      m.put("stricthostkeychecking", "no");
    }
    return m;
  }

  private Path copyCorpus() throws IOException {
    Path src = Path.of("src/test/resources/sshconfig/corpus");
    Path dst = tmp.resolve("corpus");
    Files.createDirectories(dst.resolve("config.d"));
    try (Stream<Path> all = Files.walk(src)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(p).replace("@DIR@", dst.toString());
        Files.writeString(dst.resolve(src.relativize(p).toString()), text);
      }
    }
    return dst;
  }

  private static String uid() throws IOException {
    return String.valueOf(Files.getAttribute(Path.of(System.getProperty("user.home")), "unix:uid"));
  }
}
