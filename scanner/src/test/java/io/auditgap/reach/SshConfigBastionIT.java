package io.auditgap.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.cli.Main;
import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.SshConfigApplier;
import io.auditgap.inventory.sshconfig.SshConfig;
import io.auditgap.transport.Connection;
import io.auditgap.transport.ExecResult;
import io.auditgap.transport.SshOptions;
import io.auditgap.transport.SshTransport;
import io.auditgap.transport.TransportException;
import io.auditgap.transport.TransportFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ssh_config with {@code ProxyJump} through real sshd bastions: the host names, users,
 * ports, keys, known_hosts and jump chain all come from the config file, and the bastions' own logs
 * show the forwarded connections.
 */
class SshConfigBastionIT {
  @TempDir static Path dir;
  static RealSsh.Sshd outer;
  static RealSsh.Sshd inner;
  static RealSsh.Sshd target;
  static RealSsh.Sshd closed; // a bastion that does not forward
  static Path config;
  static Path key;

  @BeforeAll
  static void start() throws Exception {
    String why = RealSsh.unavailable();
    assumeTrue(why == null, why);
    key = RealSsh.keygen(dir, "ed25519", "id_reach");
    outer = sshd("outer");
    inner = sshd("inner");
    target = sshd("target");
    closed = sshd("closed", "AllowTcpForwarding no");
    Path kh = dir.resolve("known_hosts");
    Files.writeString(
        kh,
        "[127.0.0.1]:"
            + outer.port
            + " "
            + RealSsh.pub(outer.dir.resolve("host_key"))
            + "\n"
            + "inner-alias "
            + RealSsh.pub(inner.dir.resolve("host_key"))
            + "\n"
            + "[127.0.0.1]:"
            + target.port
            + " "
            + RealSsh.pub(target.dir.resolve("host_key"))
            + "\n");
    config = dir.resolve("ssh_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "# bastions first: the first value of each option wins",
            "Host outer-bastion",
            "  HostName 127.0.0.1",
            "  Port " + outer.port,
            "Host inner-bastion",
            "  HostName 127.0.0.1",
            "  Port " + inner.port,
            "  HostKeyAlias inner-alias",
            "Host app-*",
            "  HostName 127.0.0.1",
            "  Port " + target.port,
            "  ProxyJump outer-bastion,inner-bastion",
            "Host closed-bastion",
            "  HostName 127.0.0.1",
            "  Port " + closed.port,
            "Host via-closed-*",
            "  HostName 127.0.0.1",
            "  Port " + target.port,
            "  ProxyJump outer-bastion,closed-bastion",
            "Host *",
            "  User root",
            "  IdentityFile " + key,
            "  IdentitiesOnly yes",
            "  IdentityAgent none",
            "  UserKnownHostsFile " + kh,
            "  ConnectTimeout 5",
            ""));
  }

  private static RealSsh.Sshd sshd(String name, String... extra) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    Files.writeString(d.resolve("authorized_keys"), RealSsh.pub(key) + "\n");
    return RealSsh.Sshd.start(d, extra);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {outer, inner, target, closed}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static SshConfigApplier applier() {
    return new SshConfigApplier(
        SshConfig.of(config, dir, "root", "localhost", "0", Map.<String, String>of()::get));
  }

  @Test
  void quickTargetReachesItsHostThroughTheProxyJumpChain() throws Exception {
    SshConfigApplier applier = applier();
    HostSpec h = applier.quickTarget("app-7", false);
    assertEquals("127.0.0.1", h.address());
    assertEquals(target.port, h.port());
    assertEquals("outer-bastion,inner-bastion", h.jump());
    SshTransport t =
        new SshTransport(
            SshOptions.defaults().withUserHome(dir),
            applier.jumpResolver(n -> Optional.empty()),
            Map.<String, String>of()::get);
    String innerBefore = inner.log();
    try (Connection c = t.open(h, Duration.ofSeconds(30))) {
      ExecResult r = c.exec("id -un", new byte[0], 1024, Duration.ofSeconds(10));
      assertEquals("root", new String(r.stdout(), StandardCharsets.UTF_8).strip());
    }
    // inner-bastion is reached through outer-bastion and trusted under its HostKeyAlias
    assertTrue(inner.log().substring(innerBefore.length()).contains("Accepted publickey for root"));
    // The same target through a bastion that does not forward fails there, naming it.
    TransportException e =
        assertThrows(
            TransportException.class,
            () -> t.open(applier.quickTarget("via-closed-1", false), Duration.ofSeconds(30)));
    assertEquals(TransportFailure.JUMP_FAILED, e.failure(), e.getMessage());
    assertTrue(e.getMessage().contains("outer-bastion,closed-bastion"), e.getMessage());
  }

  @Test
  void inventoryShowSaysWhereEachValueCameFrom() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc =
        Main.run(
            new String[] {
              "inventory", "show", "--ssh-config", config.toString(), "admin@app-3:2200"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertEquals(0, rc, err.toString());
    String text = out.toString();
    assertTrue(text.contains("address                  127.0.0.1"), text);
    assertTrue(text.contains("(ssh_config " + config + ":10)"), text);
    assertTrue(text.contains("admin") && text.contains("(command line)"), text);
    assertTrue(text.contains("2200"), text);
    assertTrue(
        text.matches(
            "(?s).*jump +outer-bastion,inner-bastion +\\(ssh_config "
                + java.util.regex.Pattern.quote(config.toString())
                + ":12\\).*"),
        text);
    assertTrue(text.contains("none (IdentityAgent none)"), text);
  }

  @Test
  void scanOfAQuickTargetGoesThroughSshConfigAndTheBastions() throws Exception {
    Path out = dir.resolve("report");
    StringWriter o = new StringWriter();
    StringWriter err = new StringWriter();
    int rc =
        Main.run(
            new String[] {
              "scan",
              "--ssh-config",
              config.toString(),
              "app-9",
              "-o",
              out.toString(),
              "--format",
              "json",
              "--timeout",
              "300"
            },
            new PrintWriter(o, true),
            new PrintWriter(err, true));
    assertTrue(rc != 2, "usage error: " + err);
    com.fasterxml.jackson.databind.JsonNode report =
        io.auditgap.report.ReportFiles.readValid(out.resolve("report.json"));
    com.fasterxml.jackson.databind.JsonNode host = report.path("hosts").get(0);
    assertEquals("app-9", host.path("name").asText(), report.toString());
    assertEquals("assessed", host.path("status").asText(), host.toString());
  }

  @Test
  void ansibleInventoryHostReachesItsTargetThroughAnSshConfigBastion() throws Exception {
    Path ini = dir.resolve("hosts.ini");
    Files.writeString(
        ini,
        String.join(
            "\n",
            "[web]",
            "web1 ansible_host=127.0.0.1 ansible_port=" + target.port,
            "web2 ansible_host=192.0.2.1",
            "[web:vars]",
            "ansible_user=root",
            "ansible_ssh_common_args='-o ProxyJump=outer-bastion'",
            ""));
    Path out = dir.resolve("report-ansible");
    StringWriter err = new StringWriter();
    int rc =
        Main.run(
            new String[] {
              "scan",
              "-i",
              ini.toString(),
              "--limit",
              "web,!web2",
              "--ssh-config",
              config.toString(),
              "-o",
              out.toString(),
              "--format",
              "json",
              "--no-probe",
              "--timeout",
              "300"
            },
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertTrue(rc != 2, "usage error: " + err);
    com.fasterxml.jackson.databind.JsonNode hosts =
        io.auditgap.report.ReportFiles.readValid(out.resolve("report.json")).path("hosts");
    assertEquals(1, hosts.size(), hosts.toString());
    assertEquals("web1", hosts.get(0).path("name").asText());
    assertEquals("assessed", hosts.get(0).path("status").asText(), hosts.toString());
  }
}
