package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditgap.cli.Main;
import io.auditgap.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'auditgap probe' against the real OpenSSH fleet: exposure verdicts, SSH vantage, baseline. */
class ProbeCliIT {
  private static TestFleet fleet;
  @TempDir Path tmp;

  @BeforeAll
  static void fleet() {
    fleet = TestFleet.get();
  }

  record Run(int code, String err, JsonNode report, JsonNode probe) {
    JsonNode finding(String host, String check) {
      for (JsonNode h : report.get("hosts")) {
        if (h.get("name").asText().equals(host)) {
          for (JsonNode f : h.get("findings")) {
            if (f.get("check").asText().equals(check)) {
              return f;
            }
          }
        }
      }
      throw new AssertionError(check + " on " + host + " missing: " + report);
    }
  }

  private Run probe(Path inventory, String... args) throws IOException {
    return run("probe", inventory, args);
  }

  private Run run(String command, Path inventory, String... args) throws IOException {
    Path out = tmp.resolve("out-" + System.nanoTime());
    List<String> all =
        new ArrayList<>(
            List.of(command, "-i", inventory.toString(), "-o", out.toString(), "--format", "json"));
    all.addAll(List.of(args));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        Main.run(all.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
    return new Run(
        code,
        e.toString(),
        ReportFiles.readValid(out.resolve("report.json")),
        ReportFiles.readValidProbe(out.resolve("probe.json")));
  }

  private Path inventory(String hosts) throws IOException {
    Path inv = tmp.resolve("inv-" + System.nanoTime() + ".yaml");
    Files.writeString(
        inv,
        "defaults:\n  user: "
            + fleet.user()
            + "\n  identity_file: "
            + fleet.identityFile()
            + "\n  known_hosts: "
            + fleet.knownHosts()
            + "\nhosts:\n"
            + hosts);
    return inv;
  }

  private String host(String name, String extra) {
    return host(name, name, extra);
  }

  /** The fleet host {@code fixture} under another inventory name. */
  private String host(String name, String fixture, String extra) {
    TestFleet.Host h = fleet.host(fixture);
    return "  " + name + ": {address: " + h.address() + ", port: " + h.port() + extra + "}\n";
  }

  /**
   * A host declared public whose port only an internal vantage (local) reaches: offered passwords
   * fail, unless the host's own sshd, asked for a public source ({@code sshd -T -C
   * addr=203.0.113.1}), refuses them, and the pass names the Match block. Undeclared exposure is
   * never a pass.
   */
  @Test
  void aPublicHostSeenFromInsideFailsOnPasswordsUnlessItsSshdRefusesThemToPublicSources()
      throws IOException {
    Path inv =
        inventory(
            host("password-internal-only", ", exposure: public, sudo: true")
                + host("debian-stock", ", exposure: public, sudo: true")
                + host("undeclared", "debian-stock", ", sudo: true"));
    Run r = run("scan", inv);
    assertEquals(1, r.code(), r.err());
    JsonNode exempt = r.finding("password-internal-only", "exposure.password-auth");
    assertEquals("pass", exempt.get("status").asText(), exempt.toString());
    String why = exempt.get("reason").asText();
    assertTrue(why.contains("offered to internal vantages only"), why);
    assertTrue(why.contains("addr=203.0.113.1 prints passwordauthentication no"), why);
    assertTrue(
        why.contains(
            "Match Address 10.0.0.0/8,192.168.0.0/16,127.0.0.0/8 at"
                + " /etc/ssh/sshd_config.d/60-internal-passwords.conf:3"),
        why);
    // the probe really was offered passwords: the exception, not a missing offer, decides
    assertTrue(exempt.get("evidence").toString().contains("auth methods: publickey,password"));
    JsonNode stock = r.finding("debian-stock", "exposure.password-auth");
    assertEquals("fail", stock.get("status").asText(), stock.toString());
    assertTrue(
        stock.get("reason").asText().contains("a public source is offered password"),
        stock.toString());
    JsonNode undeclared = r.finding("undeclared", "exposure.password-auth");
    assertEquals("unknown", undeclared.get("status").asText(), undeclared.toString());
    assertTrue(
        undeclared.get("reason").asText().contains("declare exposure"), undeclared.toString());
  }

  @Test
  void exposureIsJudgedAgainstTheInventoryFromLocalAndFromAnSshVantage() throws IOException {
    Path inv =
        inventory(
            host("hardened", ", exposure: internal")
                + host("tricky", ", exposure: none")
                + host("drift", ""));
    Run r = probe(inv, "--from", "local,drift");
    assertEquals(1, r.code(), r.err());
    assertEquals("pass", r.finding("hardened", "exposure.ssh-port").get("status").asText());
    assertEquals("fail", r.finding("tricky", "exposure.ssh-port").get("status").asText());
    // The fleet's sshd offers passwords (Debian default): on a port nobody may reach, that is a
    // gap.
    JsonNode pw = r.finding("tricky", "exposure.password-auth");
    assertEquals("fail", pw.get("status").asText(), pw.toString());
    assertTrue(pw.get("reason").asText().contains("password"), pw.toString());
    assertEquals("not_applicable", r.finding("drift", "exposure.ssh-port").get("status").asText());
    int fromDrift = 0;
    for (JsonNode t : r.probe().get("targets")) {
      assertTrue(t.get("verdict").asText().equals("open"), t.toString());
      if (t.get("vantage").asText().equals("drift")) {
        fromDrift++;
        assertTrue(t.get("banner").asText().startsWith("SSH-2.0-OpenSSH"), t.toString());
      }
    }
    assertEquals(
        3, fromDrift, "every host was probed through the drift host's direct-tcpip channels");
  }

  @Test
  void aPortThatOpensAfterTheBaselineFailsTheRun() throws IOException {
    TestFleet.Host h = fleet.host("hardened");
    Path inv = inventory(host("hardened", ", exposure: internal, probe_ports: [2222]"));
    Run before = probe(inv);
    assertEquals(0, before.code(), before.err());
    Path baseline = tmp.resolve("baseline.json");
    Files.writeString(baseline, before.probe().toString());
    try (ServerSocket opened = new ServerSocket()) {
      opened.bind(new InetSocketAddress(InetAddress.getByName(h.address()), 2222));
      Run after = probe(inv, "--baseline", baseline.toString());
      assertEquals(1, after.code(), after.err());
      assertTrue(after.err().contains("NEW EXPOSURE"), after.err());
      JsonNode f = after.finding("hardened", "exposure.baseline");
      assertEquals("fail", f.get("status").asText(), f.toString());
      assertTrue(f.get("evidence").toString().contains(":2222"), f.toString());
    }
    Run same = probe(inv, "--baseline", baseline.toString());
    assertEquals(0, same.code(), same.err());
    assertEquals("pass", same.finding("hardened", "exposure.baseline").get("status").asText());
  }
}
