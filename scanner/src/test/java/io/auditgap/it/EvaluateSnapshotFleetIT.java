package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditgap.cli.Main;
import io.auditgap.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved snapshot remembers how its scan evaluated it: {@code evaluate} on the snapshots of a scan
 * with a non-default profile, inventory {@code params:} per group and host, command-line parameters
 * and an exposure probe gives every verdict of that scan, host by host and check by check, on the
 * real OpenSSH fleet.
 */
class EvaluateSnapshotFleetIT {
  @TempDir Path tmp;

  record Run(int code, String err, JsonNode report) {}

  private Run cli(Path out, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-o", out.toString(), "--format", "json"));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        Main.run(all.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
    Path json = out.resolve("report.json");
    assertTrue(Files.exists(json), "no report.json: " + e);
    return new Run(code, e.toString(), ReportFiles.readValid(json));
  }

  /** host → check → "status: reason", every finding of the report. */
  private static Map<String, Map<String, String>> verdicts(JsonNode report) {
    Map<String, Map<String, String>> m = new TreeMap<>();
    for (JsonNode h : report.get("hosts")) {
      Map<String, String> checks = new TreeMap<>();
      for (JsonNode f : h.get("findings")) {
        checks.put(
            f.get("check").asText(), f.get("status").asText() + ": " + f.get("reason").asText());
      }
      m.put(h.get("name").asText(), checks);
    }
    return m;
  }

  @Test
  void evaluatingTheSnapshotsGivesEveryVerdictOfTheScanThatSavedThem() throws IOException {
    TestFleet fleet = TestFleet.get();
    // The fleet's hosts, with parameters per group and per host and an expected exposure.
    StringBuilder inv = new StringBuilder();
    inv.append("defaults:\n  user: ")
        .append(fleet.user())
        .append("\n  identity_file: ")
        .append(fleet.identityFile())
        .append("\n  known_hosts: ")
        .append(fleet.knownHosts())
        .append("\n  sudo: true\n  params: {retention_days: '30', uid_min: '0'}\n")
        .append("groups:\n  strict:\n    exposure: none\n")
        .append("    params: {retention_days: '3650', tty_audit_users: [root, auditor]}\n")
        .append("  open:\n    exposure: public\nhosts:\n");
    int i = 0;
    for (TestFleet.Host h : fleet.hosts().values()) {
      inv.append("  ")
          .append(h.name())
          .append(": {address: ")
          .append(h.address())
          .append(", port: ")
          .append(h.port())
          .append(", sudo: ")
          .append(h.sudo())
          .append(", groups: [")
          .append(i % 2 == 0 ? "strict" : "open")
          .append("]")
          .append(i % 3 == 0 ? ", params: {uid_min: '1000'}" : "")
          .append("}\n");
      i++;
    }
    Path inventory = tmp.resolve("inventory.yaml");
    Files.writeString(inventory, inv.toString());
    Path snapshots = tmp.resolve("snapshots");

    Run scan =
        cli(
            tmp.resolve("scan"),
            "scan",
            "-i",
            inventory.toString(),
            "--profile",
            "cis",
            "--retention-days",
            "400",
            "--param",
            "retention_immediate_days=7",
            "--save-snapshots",
            snapshots.toString());
    Run evaluated = cli(tmp.resolve("evaluated"), "evaluate", snapshots.toString());

    Map<String, Map<String, String>> expected = verdicts(scan.report());
    assertEquals(fleet.hosts().size(), expected.size(), scan.err());
    assertTrue(
        expected.values().stream().anyMatch(v -> v.containsKey("exposure.ssh-port")),
        "the scan probed exposure: " + scan.err());
    Map<String, Map<String, String>> got = verdicts(evaluated.report());
    Map<String, String> differences = new TreeMap<>();
    for (String host : expected.keySet()) {
      Map<String, String> mine = got.getOrDefault(host, Map.of());
      Set<String> checks = new TreeSet<>(expected.get(host).keySet());
      checks.addAll(mine.keySet());
      for (String c : checks) {
        if (!Objects.equals(expected.get(host).get(c), mine.get(c))) {
          differences.put(
              host + " " + c, "scan: " + expected.get(host).get(c) + " / evaluate: " + mine.get(c));
        }
      }
    }
    assertEquals(Map.of(), differences, "evaluate differs from the scan");
    assertEquals(expected.keySet(), got.keySet());
    assertEquals("cis", evaluated.report().get("scan").get("profile").asText());
    assertEquals(scan.code(), evaluated.code(), evaluated.err());

    // The settings matter: the same evidence under the defaults gives other verdicts, so the
    // equality above is the recorded settings at work, not a coincidence.
    Run defaults =
        cli(tmp.resolve("defaults"), "evaluate", snapshots.toString(), "--profile", "baseline");
    assertNotEquals(expected, verdicts(defaults.report()));
  }
}
