package io.auditgap.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.auditgap.checks.Finding;
import io.auditgap.checks.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.SSHClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe against real sshd, real nftables rules (accept, reject with tcp reset, drop), real
 * latency (NFQUEUE delayer) and a host only a jump host can reach, in namespaces built by {@code
 * src/test/probe/netns.sh}; verdicts compared with nmap's. Root only (skipped otherwise).
 */
class ProbeNetnsIT {
  static final List<Integer> PORTS = List.of(22, 2222, 2223, 2224, 8080, 8081, 2200, 2201, 2202);
  static final ProbeOptions OPTIONS =
      new ProbeOptions(
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofSeconds(8),
          true,
          8,
          ProbeOptions.DEFAULT_USER);
  static final Vantage OUTSIDE = new Vantage("local", false); // the scanner stands outside here
  static final Vantage JUMP = new Vantage("jump", true);

  @BeforeAll
  static void up() throws Exception {
    NetnsHarness.upOrSkip();
  }

  @AfterAll
  static void down() throws Exception {
    NetnsHarness.down();
  }

  static ProbeEngine engine() {
    return new ProbeEngine(OPTIONS, Clock.systemUTC(), "it");
  }

  static List<ProbeTarget> targets(String host, String address, List<Integer> ports, String v) {
    List<ProbeTarget> t = new ArrayList<>();
    for (int p : ports) {
      t.add(new ProbeTarget(host, address, p, ExposurePolicy.of(Exposure.INTERNAL), v));
    }
    return t;
  }

  static ProbeReport probeLocal(List<ProbeTarget> targets) {
    try (LocalDialer d = new LocalDialer(OUTSIDE)) {
      return engine().probe(targets, d);
    }
  }

  static Map<Integer, PortResult> byPort(ProbeReport r) {
    Map<Integer, PortResult> m = new LinkedHashMap<>();
    r.targets().forEach(p -> m.put(p.port(), p));
    return m;
  }

  @Test
  void classifiesRealServicesFirewallRulesAndLatency() throws Exception {
    List<ProbeTarget> t = targets("target", NetnsHarness.TARGET, PORTS, "local");
    t.add(new ProbeTarget("internal", NetnsHarness.INTERNAL, 22, null, "local"));
    t.add(new ProbeTarget("nowhere", "nowhere.agp-probe.invalid", 22, null, "local"));
    ProbeReport r = probeLocal(t);
    Map<Integer, PortResult> m =
        byPort(new ProbeReport(1, "", null, null, 0, 0, r.forHost("target")));

    PortResult pw = m.get(22);
    assertEquals(PortVerdict.OPEN, pw.verdict(), pw.toString());
    assertTrue(pw.banner().startsWith("SSH-2.0-OpenSSH_"), pw.banner());
    assertTrue(pw.software().startsWith("OpenSSH_"), pw.software());
    assertEquals(NetnsHarness.fingerprint("host_t-password"), pw.hostKeyFingerprint());
    assertEquals("ssh-ed25519", pw.hostKeyType());
    // what sshd -T says the server allows is what the none request learned
    assertEquals("yes", NetnsHarness.sshdSetting("t-password", "passwordauthentication"));
    assertEquals(List.of("publickey", "password"), pw.authMethods());
    assertEquals("no", NetnsHarness.sshdSetting("t-key", "passwordauthentication"));
    assertEquals("no", NetnsHarness.sshdSetting("t-key", "kbdinteractiveauthentication"));
    assertEquals(List.of("publickey"), m.get(2222).authMethods());
    assertEquals("yes", NetnsHarness.sshdSetting("t-kbd", "kbdinteractiveauthentication"));
    assertEquals(List.of("publickey", "keyboard-interactive"), m.get(2223).authMethods());

    PortResult slow = m.get(2224);
    assertEquals(PortVerdict.OPEN, slow.verdict(), slow.toString());
    assertEquals(List.of("publickey"), slow.authMethods());
    // the delayer holds the SYN-ACK 300 ms: a lower bound, not a timing assertion
    assertTrue(slow.latencyMs() >= 250, "latency " + slow.latencyMs());

    assertEquals(PortVerdict.OPEN_NOT_SSH, m.get(8080).verdict()); // HTTP waits for a request
    assertEquals(PortVerdict.OPEN_NOT_SSH, m.get(8081).verdict());
    assertEquals(PortVerdict.FILTERED, m.get(2200).verdict()); // nft drop
    assertEquals(PortVerdict.CLOSED, m.get(2201).verdict()); // nft reject with tcp reset
    assertEquals(PortVerdict.CLOSED, m.get(2202).verdict()); // nothing listening
    PortResult internal = r.forHost("internal").get(0);
    assertEquals(PortVerdict.FILTERED, internal.verdict(), internal.toString());
    PortResult nowhere = r.forHost("nowhere").get(0);
    assertEquals(PortVerdict.UNRESOLVABLE, nowhere.verdict());
    for (PortResult p : r.targets()) {
      if (!p.verdict().reachable()) {
        assertNull(p.banner());
        assertNull(p.authMethods());
      }
    }

    // a round trip through probe.json keeps every result
    Path json = Files.createTempFile("probe", ".json");
    try {
      ProbeJson.write(r, json);
      assertEquals(r, ProbeJson.read(json));
    } finally {
      Files.deleteIfExists(json);
    }
  }

  @Test
  void aJumpHostVantageReachesWhatTheScannerCannot() throws Exception {
    try (SSHClient jump = new SSHClient()) {
      jump.addHostKeyVerifier(
          Files.readString(NetnsHarness.STATE.resolve("jump_fingerprint")).trim());
      jump.connect(NetnsHarness.JUMP, 22);
      jump.authPublickey("root", NetnsHarness.STATE.resolve("client_key").toString());

      List<ProbeTarget> t = new ArrayList<>();
      ExposurePolicy internal = ExposurePolicy.of(Exposure.INTERNAL);
      for (Vantage v : List.of(OUTSIDE, JUMP)) {
        t.add(new ProbeTarget("internal", NetnsHarness.INTERNAL, 22, internal, v.name()));
        t.add(new ProbeTarget("internal", NetnsHarness.INTERNAL, 2202, internal, v.name()));
      }
      t.add(new ProbeTarget("nowhere", "nowhere.agp-probe.invalid", 22, null, "jump"));
      ProbeReport r;
      try (LocalDialer local = new LocalDialer(OUTSIDE);
          SshDialer viaJump = new SshDialer(JUMP, jump)) {
        r = engine().probe(t, Map.of("local", local, "jump", viaJump));
      }
      PortResult fromOutside = r.targets().get(0);
      PortResult fromJump = r.targets().get(2);
      assertEquals(PortVerdict.FILTERED, fromOutside.verdict(), fromOutside.toString());
      assertEquals(PortVerdict.OPEN, fromJump.verdict(), fromJump.toString());
      assertEquals(List.of("publickey", "password"), fromJump.authMethods());
      assertEquals(NetnsHarness.fingerprint("host_i"), fromJump.hostKeyFingerprint());
      assertEquals(PortVerdict.FILTERED, r.targets().get(1).verdict());
      assertEquals(PortVerdict.CLOSED, r.targets().get(3).verdict(), r.targets().get(3).reason());
      assertEquals(
          PortVerdict.UNRESOLVABLE, r.targets().get(4).verdict(), r.targets().get(4).reason());
      assertTrue(jump.isConnected(), "the vantage connection survives");

      Map<String, Vantage> vantages = Map.of("local", OUTSIDE, "jump", JUMP);
      List<PortResult> ssh = r.forHost("internal").stream().filter(p -> p.port() == 22).toList();
      List<Finding> asInternal = ExposureFindings.evaluate(internal, ssh, vantages);
      assertEquals(Status.PASS, asInternal.get(0).status(), asInternal.get(0).reason());
      assertEquals(Status.PASS, asInternal.get(1).status(), asInternal.get(1).reason());
      List<Finding> asNone =
          ExposureFindings.evaluate(ExposurePolicy.of(Exposure.NONE), ssh, vantages);
      assertEquals(Status.FAIL, asNone.get(0).status());
      assertTrue(asNone.get(0).reason().contains("reachable from jump"), asNone.get(0).reason());
      assertEquals(Status.FAIL, asNone.get(1).status(), asNone.get(1).reason());
    }
  }

  @Test
  void agreesWithNmapOnTheSameSetup() throws Exception {
    List<ProbeTarget> t = targets("target", NetnsHarness.TARGET, PORTS, "local");
    Map<Integer, PortResult> ours = byPort(probeLocal(t));
    Map<Integer, String> nmapDefault = NetnsHarness.nmap(NetnsHarness.TARGET, PORTS, List.of());
    Map<Integer, String> nmapSameTimeout =
        NetnsHarness.nmap(
            NetnsHarness.TARGET,
            PORTS,
            List.of(
                "--max-retries",
                "0",
                "--min-rtt-timeout",
                "2000ms",
                "--max-rtt-timeout",
                "2000ms",
                "--initial-rtt-timeout",
                "2000ms"));
    StringBuilder table =
        new StringBuilder(
            "| port | auditgap | nmap -sT -Pn | nmap -sT -Pn, same 2 s timeout, no retries |\n"
                + "|---|---|---|---|\n");
    int agreeDefault = 0;
    int agreeSame = 0;
    for (int p : PORTS) {
      String our = NetnsHarness.asNmap(ours.get(p).verdict());
      agreeDefault += our.equals(nmapDefault.get(p)) ? 1 : 0;
      agreeSame += our.equals(nmapSameTimeout.get(p)) ? 1 : 0;
      table.append(
          String.format(
              "| %d | %s | %s | %s |%n",
              p, ours.get(p).verdict().id(), nmapDefault.get(p), nmapSameTimeout.get(p)));
    }
    table.append(
        String.format(
            "%nagreement: %d/%d with nmap defaults, %d/%d with the same timeout%n",
            agreeDefault, PORTS.size(), agreeSame, PORTS.size()));
    Path out = Path.of("target/probe-nmap-agreement.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table.toString());
    System.out.println(table);
    assertEquals(PORTS.size(), agreeSame, table.toString());
    assertFalse(nmapDefault.isEmpty(), "nmap printed no ports");
  }
}
