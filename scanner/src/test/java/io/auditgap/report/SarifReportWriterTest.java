package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SARIF output, validated against the official SARIF 2.1.0 schema ({@code
 * src/test/resources/sarif/sarif-schema-2.1.0.json}, see the README next to it).
 */
class SarifReportWriterTest {
  static final Path SCHEMA =
      Path.of("src", "test", "resources", "sarif", "sarif-schema-2.1.0.json");
  static final JsonSchema SARIF = schema();

  static JsonSchema schema() {
    try (InputStream in = Files.newInputStream(SCHEMA)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode sarif(ScanResult r) throws Exception {
    StringWriter w = new StringWriter();
    new SarifReportWriter().write(r, w);
    return new ObjectMapper().readTree(w.toString());
  }

  static void assertValid(JsonNode log) {
    Set<ValidationMessage> errors = SARIF.validate(log);
    assertTrue(errors.isEmpty(), "not valid SARIF 2.1.0: " + errors);
  }

  @Test
  void theSchemaValidatorRejectsBrokenSarif() throws Exception {
    JsonNode log = sarif(ReportFixtures.sample());
    ((com.fasterxml.jackson.databind.node.ObjectNode) log).put("version", "2.0.0");
    ((com.fasterxml.jackson.databind.node.ObjectNode) log.get("runs").get(0).get("results").get(0))
        .put("kind", "broken");
    assertEquals(2, SARIF.validate(log).size(), "the test can fail: " + SARIF.validate(log));
  }

  static String render(ScanResult r) throws Exception {
    StringWriter w = new StringWriter();
    new SarifReportWriter().write(r, w);
    return w.toString();
  }

  /** Byte for byte: the fixtures cover every branch (waivers, baseline, hostile text). */
  @Test
  void outputMatchesTheGoldenFiles() throws Exception {
    Golden.assertMatches("report.sarif", render(ReportFixtures.sample()));
    Golden.assertMatches("hostile.sarif", render(ReportFixtures.hostile()));
    Golden.assertMatches("reviewed.sarif", render(ReviewedFixtures.reviewed()));
    Golden.assertMatches("fleet.sarif", render(FleetFixtures.fleet()));
    Golden.assertMatches("sparse.sarif", render(sparse()));
  }

  /** Every optional value absent: no version, times, severity, title, reason or host status. */
  static ScanResult sparse() {
    Finding bare =
        new Finding(
            "sparse.bare",
            null,
            null,
            Status.FAIL,
            null,
            List.of(
                Evidence.of("/etc/sparse.conf", 0, "", ""),
                Evidence.of("relative/path", 3, "x", "not a file location"),
                Evidence.note("only a note")),
            null,
            Map.of());
    Finding open =
        new Finding("sparse.open", "t", Severity.INFO, Status.UNKNOWN, "", List.of(), "", Map.of());
    Finding passed =
        new Finding("sparse.pass", "p", Severity.LOW, Status.PASS, "ok", List.of(), "", Map.of());
    return new ScanResult(
        null,
        null,
        null,
        null,
        null,
        List.of(
            new HostResult(
                "h", "a", HostStatus.ASSESSED, null, null, List.of(bare, open, passed), null),
            new HostResult("down", "b", null, null, null, List.of(), null)));
  }

  @Test
  void everyFixtureIsValidSarif() throws Exception {
    assertValid(sarif(ReportFixtures.sample()));
    assertValid(sarif(ReportFixtures.hostile()));
    assertValid(sarif(ReviewedFixtures.reviewed()));
    assertValid(sarif(FleetFixtures.fleet()));
    assertValid(sarif(FleetFixtures.synthetic(200, 50)));
    assertValid(sarif(sparse()));
  }

  @Test
  void oneResultPerFailedOrUnknownFindingWithRulesFromTheCatalog() throws Exception {
    JsonNode run = sarif(ReportFixtures.sample()).get("runs").get(0);
    List<String> results = new ArrayList<>();
    for (JsonNode r : run.get("results")) {
      results.add(
          r.get("properties").get("host").asText()
              + " "
              + r.get("ruleId").asText()
              + " "
              + r.get("kind").asText()
              + " "
              + r.get("level").asText());
    }
    assertEquals(
        List.of(
            "web-1 sshd.log-level fail warning",
            "web-1 audit.execve fail error",
            "web-1 pam.tty-audit open none",
            "db-1 audit.execve open none",
            "db-1 pam.tty-audit open none"),
        results);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    JsonNode execve = rules.get(run.get("results").get(1).get("ruleIndex").asInt());
    assertEquals("audit.execve", execve.get("id").asText());
    assertEquals(
        "execve of interactive sessions is audited",
        execve.get("shortDescription").get("text").asText());
    assertTrue(execve.get("help").get("text").asText().contains("-S execve -F auid>=1000"));
    assertEquals("error", execve.get("defaultConfiguration").get("level").asText());
    assertEquals("8.0", execve.get("properties").get("security-severity").asText());
    assertEquals(
        "AU-2", execve.get("properties").get("references").get("nist_800_53").get(0).asText());
    // Hosts that were not assessed are execution notifications, each named.
    assertEquals(3, run.get("invocations").get(0).get("toolExecutionNotifications").size());
  }

  @Test
  void evidenceFilesAreLocationsOnTheirHost() throws Exception {
    JsonNode execve = sarif(ReportFixtures.sample()).get("runs").get(0).get("results").get(1);
    JsonNode loc = execve.get("locations").get(0);
    assertEquals(
        "file://web-1/etc/audit/rules.d/audit.rules",
        loc.get("physicalLocation").get("artifactLocation").get("uri").asText());
    assertEquals(3, loc.get("physicalLocation").get("region").get("startLine").asInt());
    assertTrue(
        loc.get("physicalLocation")
            .get("region")
            .get("snippet")
            .get("text")
            .asText()
            .contains("-S open"));
    assertEquals("web-1", loc.get("logicalLocations").get(0).get("name").asText());
    assertEquals(1, execve.get("locations").size(), "a note without a file is no location");
  }

  @Test
  void anAcceptedRiskIsASuppressionAndTheBaselineStateIsSet() throws Exception {
    JsonNode results = sarif(ReviewedFixtures.reviewed()).get("runs").get(0).get("results");
    JsonNode execve = results.get(1);
    assertEquals("audit.execve", execve.get("ruleId").asText());
    JsonNode s = execve.get("suppressions").get(0);
    assertEquals("external", s.get("kind").asText());
    assertEquals("accepted", s.get("status").asText());
    assertEquals(ReviewedFixtures.JUSTIFICATION, s.get("justification").asText());
    assertEquals("2027-03-31", s.get("properties").get("expires").asText());
    assertEquals("unchanged", execve.get("baselineState").asText());
    JsonNode logLevel = results.get(0);
    assertFalse(logLevel.has("suppressions"), "an expired waiver suppresses nothing");
    assertTrue(
        logLevel
            .get("message")
            .get("text")
            .asText()
            .endsWith("[waiver expired on 2026-01-31 (INFO was enough before the audit)]"));
    assertEquals("new", results.get(2).get("baselineState").asText());
  }
}
