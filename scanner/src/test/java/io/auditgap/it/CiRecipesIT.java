package io.auditgap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditgap.report.ReportFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the shell steps of the CI recipes in {@code docs/ci/} against the test fleet, with {@code
 * auditgap} on the PATH being the jar this build made. Steps that download and install the .deb
 * ({@code .ci/run} installs it for real) or only call a provider's action are not run; the files
 * those actions would upload are checked instead.
 */
class CiRecipesIT {
  static final Path DOCS = Path.of("..", "docs", "ci");
  static final Path JAR = Path.of("target", "auditgap.jar").toAbsolutePath();
  static final List<String> HOSTS = List.of("debian-stock", "complete", "hardened");
  private static TestFleet fleet;
  @TempDir Path work;

  @BeforeAll
  static void fleet() {
    fleet = TestFleet.get();
  }

  @BeforeEach
  void workspace() throws IOException {
    assertTrue(Files.isRegularFile(JAR), "run after mvn package: " + JAR);
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path launcher = bin.resolve("auditgap");
    Files.writeString(launcher, "#!/bin/sh\nexec java -jar '" + JAR + "' \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(work.resolve("home"));
    Files.writeString(work.resolve("inventory.yaml"), fleetInventory(HOSTS));
    // An accepted risk the fleet has (audit.execve fails on debian-stock) and a stale one.
    Files.writeString(
        work.resolve("waivers.yaml"),
        "waivers:\n"
            + "  - check: audit.execve\n"
            + "    hosts: [debian-stock]\n"
            + "    justification: execve auditing arrives with the Q3 rollout\n"
            + "    owner: secops\n"
            + "    expires: 2099-12-31\n");
  }

  /** The fleet's inventory reduced to {@code names} (the recipes scan all it lists). */
  @SuppressWarnings("unchecked")
  static String fleetInventory(List<String> names) throws IOException {
    Map<String, Object> inv;
    try (InputStream in = Files.newInputStream(fleet.inventory())) {
      inv = new Yaml().load(in);
    }
    Map<String, Object> hosts = (Map<String, Object>) inv.get("hosts");
    Map<String, Object> kept = new LinkedHashMap<>();
    for (String n : names) {
      kept.put(n, hosts.get(n));
    }
    inv.put("hosts", kept);
    return new Yaml().dump(inv);
  }

  record Run(int code, String output) {}

  Run sh(String script, Map<String, String> extraEnv, String... shell) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(shell));
    cmd.add(script);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PATH", work.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", work.resolve("home").toString());
    env.put("NO_COLOR", "1");
    env.putAll(extraEnv);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "step timed out: " + script);
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String file) throws IOException {
    try (InputStream in = Files.newInputStream(DOCS.resolve(file))) {
      return new Yaml().load(in);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void githubActions() throws Exception {
    Map<String, Object> wf = yaml("github-actions.yml");
    List<Map<String, Object>> steps =
        (List<Map<String, Object>>)
            ((Map<String, Object>) ((Map<String, Object>) wf.get("jobs")).get("audit"))
                .get("steps");
    Path output = work.resolve("github_output");
    Files.writeString(output, "");
    Map<String, String> outputs = new LinkedHashMap<>();
    List<String> uploaded = new ArrayList<>();
    Run gate = null;
    for (Map<String, Object> step : steps) {
      if (step.containsKey("uses")) {
        Map<String, Object> with = (Map<String, Object>) step.getOrDefault("with", Map.of());
        for (String key : List.of("report_paths", "sarif_file", "path")) {
          if (with.containsKey(key)) {
            for (String line : with.get(key).toString().split("\n")) {
              if (!line.isBlank()) {
                uploaded.add(line.strip());
              }
            }
          }
        }
        continue;
      }
      if ("install".equals(step.get("id"))) {
        continue; // downloads the .deb; .ci/run installs the built one with apt-get
      }
      String script = expand(step.get("run").toString(), outputs);
      // GitHub's default shell for run steps: bash --noprofile --norc -eo pipefail {0}
      Run r =
          sh(
              script,
              Map.of("GITHUB_OUTPUT", output.toString()),
              "bash",
              "--noprofile",
              "--norc",
              "-eo",
              "pipefail",
              "-c");
      for (String line : Files.readAllLines(output)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          outputs.put(
              "steps." + step.get("id") + ".outputs." + line.substring(0, eq),
              line.substring(eq + 1));
        }
      }
      Files.writeString(output, "");
      if ("gate".equals(step.get("id"))) {
        gate = r;
      } else {
        assertEquals(0, r.code(), step.get("name") + " failed:\n" + r.output());
      }
    }
    assertEquals("1", outputs.get("steps.scan.outputs.exit_code"), "the fleet has high gaps");
    assertEquals(
        List.of(
            "auditgap-report/report.junit.xml",
            "auditgap-report/report.sarif",
            "auditgap-report/report.html",
            "auditgap-report/report.pdf",
            "auditgap-report/report.json"),
        uploaded);
    for (String f : uploaded) {
      assertTrue(Files.size(work.resolve(f)) > 0, f + " was not written");
    }
    JsonNode sarif =
        new ObjectMapper().readTree(work.resolve("auditgap-report/report.sarif").toFile());
    assertEquals("2.1.0", sarif.get("version").asText());
    assertTrue(sarif.toString().contains("\"suppressions\""), "the waiver is a suppression");
    assertEquals(1, gate.code(), gate.output());
    assertTrue(
        gate.output().contains("::error::auditgap found gaps at or above high"), gate.output());
  }

  static String expand(String script, Map<String, String> outputs) {
    Matcher m = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}").matcher(script);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(outputs.getOrDefault(m.group(1), "")));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  @Test
  @SuppressWarnings("unchecked")
  void gitlabCi() throws Exception {
    Map<String, Object> job = (Map<String, Object>) yaml("gitlab-ci.yml").get("auditgap");
    // before_script downloads and installs the .deb (what .ci/run does with the built one).
    List<String> script = (List<String>) job.get("script");
    Run r = sh(String.join("\n", script), Map.of(), "bash", "-eo", "pipefail", "-c");
    assertEquals(1, r.code(), "gaps at or above high fail the job:\n" + r.output());
    assertTrue(r.output().contains("auditgap exit code 1"), r.output());
    Map<String, Object> artifacts = (Map<String, Object>) job.get("artifacts");
    String junit = ((Map<String, Object>) artifacts.get("reports")).get("junit").toString();
    String xml = Files.readString(work.resolve(junit));
    ReportFiles.assertValidJunit(xml);
    assertTrue(xml.startsWith("<?xml") && xml.contains("<testsuite name=\"debian-stock\""), xml);
    assertTrue(xml.contains("<skipped message=\"accepted risk: execve auditing arrives"), xml);
    assertEquals(List.of(3), ((Map<String, Object>) job.get("allow_failure")).get("exit_codes"));
  }

  @Test
  void nightlyCronKeepsABaselineAndFailsOnlyOnNewGaps() throws Exception {
    Path state = work.resolve("state");
    Path script = DOCS.resolve("nightly.sh").toAbsolutePath();
    String cmd = "'" + script + "' inventory.yaml '" + state + "'";
    Map<String, String> env = Map.of("AUDITGAP_WAIVERS", "waivers.yaml");

    Run first = sh(cmd, env, "sh", "-c");
    assertEquals(1, first.code(), "first run, no baseline: every gap counts\n" + first.output());
    Path baseline = state.resolve("baseline").toRealPath();

    Thread.sleep(1100); // run directories are named by the second
    Run second = sh(cmd, env, "sh", "-c");
    Path secondRun = state.resolve("baseline").toRealPath();
    assertTrue(!secondRun.equals(baseline), "the newest run is the next baseline");
    JsonNode report = ReportFiles.readValid(secondRun.resolve("report.json"));
    assertEquals(0, report.get("baseline").get("counts").get("new").asInt(), second.output());
    assertTrue(second.output().contains(": 0 new, 0 fixed, "), second.output());
    // Same fleet, nothing new: not 1. Fleet hosts that could only be partly assessed keep exit
    // code 3 (incomplete) whatever the baseline says.
    boolean unknowns = report.toString().contains("\"status\":\"partial\"");
    assertEquals(unknowns ? 3 : 0, second.code(), second.output());

    // A host joins the fleet: its gaps are new since the baseline, and the job fails.
    Files.writeString(
        work.resolve("inventory.yaml"),
        fleetInventory(List.of("debian-stock", "complete", "hardened", "pam-tty-typo")));
    Thread.sleep(1100);
    Run third = sh(cmd, env, "sh", "-c");
    assertEquals(1, third.code(), third.output());
    JsonNode after =
        ReportFiles.readValid(state.resolve("baseline").toRealPath().resolve("report.json"));
    assertEquals("pam-tty-typo", after.get("baseline").get("hosts_added").get(0).asText());
    assertTrue(after.get("baseline").get("counts").get("new").asInt() > 0);
    try (var runs = Files.list(state.resolve("runs"))) {
      assertEquals(6, runs.count(), "three run directories and three console logs");
    }
  }
}
