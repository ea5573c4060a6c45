package io.auditgap.reach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.auditgap.inventory.HostSpec;
import io.auditgap.inventory.SshSettings;
import io.auditgap.transport.Connection;
import io.auditgap.transport.ExecResult;
import io.auditgap.transport.SshOptions;
import io.auditgap.transport.SshTransport;
import io.auditgap.transport.TransportException;
import io.auditgap.transport.TransportFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * auditgap's SSH transport against a real OpenSSH sshd, real ssh-agent processes and certificates
 * signed with {@code ssh-keygen -s}: the sshd trusts a user CA ({@code TrustedUserCAKeys}) and
 * presents a host certificate ({@code HostCertificate}).
 */
class AgentAndCertificatesIT {
  private static final Duration OPEN = Duration.ofSeconds(20);

  @TempDir static Path dir;
  static Path home; // an empty home: no default keys, no known_hosts
  static Path ed25519;
  static Path ecdsa;
  static Path rsa;
  static Path stranger;
  static Path certified; // not in authorized_keys; its certificate is signed by the user CA
  static Path hostCa;
  static RealSsh.Sshd sshd;
  static RealSsh.Agent agentEd25519;
  static RealSsh.Agent agentEcdsa;
  static RealSsh.Agent agentRsa;
  static RealSsh.Agent agentAll;
  static RealSsh.Agent agentEmpty;

  @BeforeAll
  static void start() throws Exception {
    String why = RealSsh.unavailable();
    assumeTrue(why == null, why);
    home = Files.createDirectories(dir.resolve("home"));
    ed25519 = RealSsh.keygen(dir, "ed25519", "user_ed25519");
    ecdsa = RealSsh.keygen(dir, "ecdsa", "user_ecdsa");
    rsa = RealSsh.keygen(dir, "rsa", "user_rsa");
    stranger = RealSsh.keygen(dir, "ed25519", "stranger");
    certified = RealSsh.keygen(dir, "ed25519", "certified");
    Path userCa = RealSsh.keygen(dir, "ed25519", "user_ca");
    hostCa = RealSsh.keygen(dir, "ed25519", "host_ca");
    Path sshdDir = Files.createDirectories(dir.resolve("sshd"));
    Path hostKey = RealSsh.keygen(sshdDir, "ed25519", "host_key");
    RealSsh.run(
        dir,
        "ssh-keygen",
        "-q",
        "-s",
        userCa.toString(),
        "-I",
        "auditor",
        "-n",
        "root",
        "-V",
        "-5m:+1h",
        certified + ".pub");
    RealSsh.run(
        dir,
        "ssh-keygen",
        "-q",
        "-s",
        hostCa.toString(),
        "-I",
        "sshd-under-test",
        "-h",
        "-n",
        "127.0.0.1,sshd.test",
        "-V",
        "-5m:+1h",
        hostKey + ".pub");
    Files.writeString(
        sshdDir.resolve("authorized_keys"),
        String.join("\n", RealSsh.pub(ed25519), RealSsh.pub(ecdsa), RealSsh.pub(rsa)) + "\n");
    sshd =
        RealSsh.Sshd.start(
            sshdDir,
            "TrustedUserCAKeys " + userCa + ".pub",
            "HostCertificate " + hostKey + "-cert.pub");
    agentEd25519 = RealSsh.Agent.start(dir, "agent-ed25519", ed25519);
    agentEcdsa = RealSsh.Agent.start(dir, "agent-ecdsa", ecdsa);
    agentRsa = RealSsh.Agent.start(dir, "agent-rsa", rsa);
    agentAll = RealSsh.Agent.start(dir, "agent-all", stranger, ecdsa);
    agentEmpty = RealSsh.Agent.start(dir, "agent-empty");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c :
        new AutoCloseable[] {sshd, agentEd25519, agentEcdsa, agentRsa, agentAll, agentEmpty}) {
      if (c != null) {
        c.close();
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String hostCaLine(String patterns) throws Exception {
    return "@cert-authority " + patterns + " " + RealSsh.pub(hostCa) + "\n";
  }

  private static String plainHostLine(String name) throws Exception {
    return name + " " + RealSsh.pub(sshd.dir.resolve("host_key")) + "\n";
  }

  private static Path knownHosts(String content) throws Exception {
    Path f = Files.createTempFile(dir, "known_hosts", "");
    Files.writeString(f, content);
    return f;
  }

  private static HostSpec host(Path knownHosts, Path identityFile, SshSettings ssh) {
    return new HostSpec(
            "sshd-under-test",
            "127.0.0.1",
            sshd.port,
            "root",
            identityFile,
            null,
            knownHosts,
            false,
            null,
            List.of(),
            List.of(),
            Map.of(),
            null)
        .withConnection("127.0.0.1", sshd.port, "root", identityFile, knownHosts, null, ssh);
  }

  private static SshSettings settings(boolean identitiesOnly, List<Path> certs, String alias) {
    return new SshSettings(List.of(), certs, null, identitiesOnly, alias, null, null, Map.of());
  }

  private static SshTransport transport(RealSsh.Agent agent) {
    Map<String, String> env =
        agent == null ? Map.of() : Map.of("SSH_AUTH_SOCK", agent.socket.toString());
    return new SshTransport(
        SshOptions.defaults().withUserHome(home), n -> Optional.empty(), env::get);
  }

  private static String whoami(SshTransport t, HostSpec h) throws Exception {
    try (Connection c = t.open(h, OPEN)) {
      ExecResult r = c.exec("id -un", new byte[0], 1024, Duration.ofSeconds(10));
      return new String(r.stdout(), StandardCharsets.UTF_8).strip();
    }
  }

  private static Path caKnownHosts() throws Exception {
    return knownHosts(hostCaLine("[127.0.0.1]:*,sshd.test"));
  }

  // ------------------------------------------------------------------ ssh-agent

  @Test
  void agentHoldingEd25519EcdsaOrRsaKeyLogsIn() throws Exception {
    Path kh = caKnownHosts();
    for (RealSsh.Agent a : List.of(agentEd25519, agentEcdsa, agentRsa)) {
      HostSpec h = host(kh, null, SshSettings.NONE);
      assertEquals("root", whoami(transport(a), h), a.socket.toString());
    }
    // The sshd saw RSA signed with SHA-2 (OpenSSH 8.8+ refuses ssh-rsa/SHA-1 by default).
    assertTrue(sshd.log().contains("Accepted publickey for root"), sshd.log());
  }

  @Test
  void agentKeysAreTriedInAgentOrderBeforeKeyFiles() throws Exception {
    // agent-all holds an unauthorized key first, then the authorized ECDSA key.
    assertTrue(agentAll.list().indexOf("stranger") < agentAll.list().indexOf("user_ecdsa"));
    String before = sshd.log();
    HostSpec h = host(caKnownHosts(), stranger, SshSettings.NONE);
    assertEquals("root", whoami(transport(agentAll), h));
    String log = sshd.log().substring(before.length());
    String ecdsaPrint = RealSsh.run(dir, "ssh-keygen", "-lf", ecdsa + ".pub").split(" ")[1];
    assertTrue(log.contains("Accepted publickey for root") && log.contains(ecdsaPrint), log);
  }

  @Test
  void identitiesOnlyKeepsAgentKeysThatMatchNoIdentityFile() throws Exception {
    HostSpec h = host(caKnownHosts(), stranger, settings(true, List.of(), null));
    TransportException e =
        assertThrows(TransportException.class, () -> transport(agentEd25519).open(h, OPEN));
    assertEquals(TransportFailure.AUTH_FAILED, e.failure(), e.getMessage());
    assertTrue(
        e.getMessage().contains("IdentitiesOnly: 1 agent key(s) not offered"), e.getMessage());
    // Without IdentitiesOnly the same agent key gets in.
    assertEquals(
        "root", whoami(transport(agentEd25519), host(caKnownHosts(), stranger, SshSettings.NONE)));
  }

  @Test
  void emptyAgentAndMissingAgentGiveAClearReason() throws Exception {
    HostSpec h = host(caKnownHosts(), null, SshSettings.NONE);
    TransportException empty =
        assertThrows(TransportException.class, () -> transport(agentEmpty).open(h, OPEN));
    assertEquals(TransportFailure.KEY_UNREADABLE, empty.failure());
    assertTrue(
        empty
            .getMessage()
            .contains("ssh-agent at " + agentEmpty.socket + " (SSH_AUTH_SOCK) holds no keys"),
        empty.getMessage());
    Path gone = dir.resolve("no-such-agent.sock");
    SshTransport t =
        new SshTransport(
            SshOptions.defaults().withUserHome(home),
            n -> Optional.empty(),
            Map.of("SSH_AUTH_SOCK", gone.toString())::get);
    TransportException missing = assertThrows(TransportException.class, () -> t.open(h, OPEN));
    assertTrue(
        missing.getMessage().contains("ssh-agent at " + gone + " (SSH_AUTH_SOCK) is not usable"),
        missing.getMessage());
    TransportException none =
        assertThrows(TransportException.class, () -> transport(null).open(h, OPEN));
    assertTrue(none.getMessage().contains("SSH_AUTH_SOCK is not set"), none.getMessage());
  }

  @Test
  void agentRefusedByServerNamesTheOfferedKeys() throws Exception {
    RealSsh.Agent only = RealSsh.Agent.start(dir, "agent-stranger", stranger);
    try {
      HostSpec h = host(caKnownHosts(), null, SshSettings.NONE);
      TransportException e =
          assertThrows(TransportException.class, () -> transport(only).open(h, OPEN));
      assertEquals(TransportFailure.AUTH_FAILED, e.failure());
      String print = RealSsh.run(dir, "ssh-keygen", "-lf", stranger + ".pub").split(" ")[1];
      assertTrue(e.getMessage().contains("agent ssh-ed25519 " + print), e.getMessage());
    } finally {
      only.close();
    }
  }

  @Test
  void identityAgentNamesASocketOrNone() throws Exception {
    SshSettings viaConfig =
        new SshSettings(
            List.of(),
            List.of(),
            agentEd25519.socket.toString(),
            false,
            null,
            null,
            null,
            Map.of());
    assertEquals("root", whoami(transport(null), host(caKnownHosts(), null, viaConfig)));
    SshSettings none =
        new SshSettings(List.of(), List.of(), "none", false, null, null, null, Map.of());
    TransportException e =
        assertThrows(
            TransportException.class,
            () -> transport(agentEd25519).open(host(caKnownHosts(), null, none), OPEN));
    assertTrue(e.getMessage().contains("IdentityAgent none"), e.getMessage());
  }

  // ------------------------------------------------------------------ user certificates

  @Test
  void userCertificateBesideTheKeyIsOffered() throws Exception {
    HostSpec h = host(caKnownHosts(), certified, SshSettings.NONE);
    assertEquals("root", whoami(transport(null), h));
    assertTrue(sshd.log().contains("ID auditor"), sshd.log());
  }

  @Test
  void certificateFileElsewhereIsOfferedAndTheKeyAloneIsRefused() throws Exception {
    Path alone = dir.resolve("alone");
    Files.copy(certified, alone);
    Path certs = Files.createDirectories(dir.resolve("certs"));
    Path cert = certs.resolve("auditor-cert.pub");
    Files.copy(Path.of(certified + "-cert.pub"), cert);
    TransportException refused =
        assertThrows(
            TransportException.class,
            () -> transport(null).open(host(caKnownHosts(), alone, SshSettings.NONE), OPEN));
    assertEquals(TransportFailure.AUTH_FAILED, refused.failure());
    HostSpec h = host(caKnownHosts(), alone, settings(false, List.of(cert), null));
    assertEquals("root", whoami(transport(null), h));
  }

  // ------------------------------------------------------------------ host certificates

  @Test
  void hostCertificateIsTrustedThroughCertAuthorityPattern() throws Exception {
    HostSpec h = host(knownHosts(hostCaLine("[127.0.0.?]:*")), ed25519, SshSettings.NONE);
    assertEquals("root", whoami(transport(null), h));
  }

  @Test
  void certAuthorityForOtherHostsDoesNotVouch() throws Exception {
    HostSpec h = host(knownHosts(hostCaLine("*.example.org")), ed25519, SshSettings.NONE);
    TransportException e =
        assertThrows(TransportException.class, () -> transport(null).open(h, OPEN));
    assertEquals(TransportFailure.HOST_KEY_UNKNOWN, e.failure(), e.getMessage());
  }

  @Test
  void revokedHostKeyIsRefusedEvenWhenItsCaIsTrusted() throws Exception {
    String revoked = "@revoked * " + RealSsh.pub(sshd.dir.resolve("host_key")) + "\n";
    HostSpec h = host(knownHosts(hostCaLine("[127.0.0.1]:*") + revoked), ed25519, SshSettings.NONE);
    TransportException e =
        assertThrows(TransportException.class, () -> transport(null).open(h, OPEN));
    assertEquals(TransportFailure.HOST_KEY_CHANGED, e.failure());
    assertTrue(e.getMessage().contains("REVOKED"), e.getMessage());
    String caRevoked = "@revoked * " + RealSsh.pub(hostCa) + "\n";
    HostSpec h2 =
        host(
            knownHosts(
                hostCaLine("[127.0.0.1]:*")
                    + caRevoked
                    + plainHostLine("[127.0.0.1]:" + sshd.port)),
            ed25519,
            SshSettings.NONE);
    TransportException e2 =
        assertThrows(TransportException.class, () -> transport(null).open(h2, OPEN));
    assertTrue(e2.getMessage().contains("certificate authority"), e2.getMessage());
  }

  @Test
  void hashedKnownHostsAndHostKeyAliasWork() throws Exception {
    Path kh = knownHosts(plainHostLine("[127.0.0.1]:" + sshd.port) + plainHostLine("sshd-alias"));
    RealSsh.run(dir, "ssh-keygen", "-q", "-H", "-f", kh.toString());
    String hashed = Files.readString(kh);
    assertTrue(hashed.startsWith("|1|") && !hashed.contains("127.0.0.1"), hashed);
    assertEquals("root", whoami(transport(null), host(kh, ed25519, SshSettings.NONE)));
    Path aliasOnly = knownHosts(plainHostLine("sshd-alias"));
    assertEquals(
        "root",
        whoami(
            transport(null), host(aliasOnly, ed25519, settings(false, List.of(), "sshd-alias"))));
    TransportException e =
        assertThrows(
            TransportException.class,
            () -> transport(null).open(host(aliasOnly, ed25519, SshSettings.NONE), OPEN));
    assertEquals(TransportFailure.HOST_KEY_UNKNOWN, e.failure());
  }
}
