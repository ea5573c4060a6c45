package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditgap.cli.Main;
import io.auditgap.scan.ScanResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff.json} as {@code auditgap diff} writes it, validated against {@code
 * docs/diff-schema.json} by the real JSON-Schema validator (networknt, draft 2020-12).
 */
class DiffSchemaTest {
  @TempDir Path dir;

  /** Runs {@code auditgap diff BEFORE AFTER --format json} on two saved scans; diff.json's tree. */
  private JsonNode diff(ScanResult before, ScanResult after) throws Exception {
    Path b = dir.resolve("before.json");
    Path a = dir.resolve("after.json");
    Files.writeString(b, new JsonReportWriter().toJson(before), StandardCharsets.UTF_8);
    Files.writeString(a, new JsonReportWriter().toJson(after), StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "diff", b.toString(), a.toString(), "-o", out.toString(), "--format", "json"
            },
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertTrue(code == 0 || code == 1, "diff failed (" + code + "): " + err);
    return ReportFiles.readValidDiff(out.resolve("diff.json"));
  }

  @Test
  void theDiffCommandWritesValidDiffJson() throws Exception {
    JsonNode d = diff(ReviewedFixtures.baseline(), ReportFixtures.sample());
    assertEquals(dir.resolve("after.json").toString(), d.get("current").get("file").asText());
    JsonNode changes = d.get("baseline").get("changes");
    assertFalse(changes.isEmpty(), "the fixtures differ in two findings: " + d);
    List<String> seen = new java.util.ArrayList<>();
    for (JsonNode c : changes) {
      seen.add(
          c.get("host").asText()
              + " "
              + c.get("check").asText()
              + " "
              + c.get("change").asText()
              + " "
              + c.get("before").asText()
              + "->"
              + c.get("after").asText());
    }
    assertEquals(
        List.of("web-1 pam.tty-audit new pass->unknown", "db-1 sshd.log-level fixed fail->pass"),
        seen);
  }

  @Test
  void hostsAddedAndRemovedAndHostileTextAreValid() throws Exception {
    JsonNode d = diff(ReportFixtures.sample(), ReportFixtures.hostile());
    assertFalse(d.get("baseline").get("hosts_added").isEmpty());
    assertFalse(d.get("baseline").get("hosts_removed").isEmpty());
    diff(FleetFixtures.fleet(), FleetFixtures.synthetic(20, 10));
    diff(ReportFixtures.sample(), ReportFixtures.sample());
  }

  @Test
  void theSchemaRejectsWhatDiffJsonNeverHolds() throws Exception {
    JsonNode valid = diff(ReviewedFixtures.baseline(), ReportFixtures.sample());
    ObjectMapper m = new ObjectMapper();
    ObjectNode extra = valid.deepCopy();
    extra.put("unexpected", true);
    ObjectNode noCurrent = valid.deepCopy();
    noCurrent.remove("current");
    ObjectNode badChange = valid.deepCopy();
    ((ObjectNode) badChange.get("baseline").get("changes").get(0)).put("change", "moved");
    ObjectNode badTime = valid.deepCopy();
    ((ObjectNode) badTime.get("current")).put("started_at", "yesterday");
    ObjectNode negative = valid.deepCopy();
    ((ObjectNode) negative.get("baseline").get("counts")).put("new", -1);
    for (JsonNode broken : List.of(extra, noCurrent, badChange, badTime, negative)) {
      assertFalse(
          ReportFiles.diffErrors(broken).isEmpty(), "accepted: " + m.writeValueAsString(broken));
    }
  }

  /** The comparison in diff.json is the one in report.json: one description, kept in step. */
  @Test
  void theComparisonIsDescribedExactlyAsInReportJson() throws Exception {
    ObjectMapper m = new ObjectMapper();
    JsonNode report = m.readTree(ReportFiles.SCHEMA.toFile()).get("properties");
    JsonNode diff = m.readTree(ReportFiles.DIFF_SCHEMA.toFile()).get("properties");
    ObjectNode inReport = report.get("baseline").deepCopy();
    ObjectNode inDiff = diff.get("baseline").deepCopy();
    inReport.remove("description");
    inDiff.remove("description");
    assertEquals(inReport, inDiff);
    assertEquals(report.get("tool"), diff.get("tool"));
    assertEquals(
        report.get("schema_version").get("const"), diff.get("schema_version").get("const"));
  }
}
