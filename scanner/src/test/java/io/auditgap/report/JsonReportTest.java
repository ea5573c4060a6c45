package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.ScanResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
  private final JsonReportWriter writer = new JsonReportWriter();
  private final JsonReportReader reader = new JsonReportReader();
  private final ObjectMapper plain = new ObjectMapper();

  @Test
  void matchesGoldenFile() throws Exception {
    Golden.assertMatches("report.json", writer.toJson(ReportFixtures.sample()));
  }

  @Test
  void isDeterministic() throws Exception {
    ScanResult r = ReportFixtures.sample();
    assertEquals(writer.toJson(r), writer.toJson(r));
  }

  @Test
  void topLevelAndHostKeysAreInFixedOrder() throws Exception {
    JsonNode root = plain.readTree(writer.toJson(ReportFixtures.sample()));
    assertEquals(
        List.of("schema_version", "tool", "scan", "summary", "hosts", "frameworks"), keys(root));
    assertEquals(
        List.of(
            "name",
            "address",
            "status",
            "reason",
            "host_key_fingerprint",
            "collection",
            "identity",
            "findings"),
        keys(root.get("hosts").get(0)));
    assertEquals(
        List.of(
            "check",
            "title",
            "severity",
            "status",
            "reason",
            "evidence",
            "remediation",
            "root_cause",
            "references"),
        keys(root.get("hosts").get(0).get("findings").get(0)));
    assertEquals(List.of("cis", "nist_800_53"), keys(root.at("/hosts/0/findings/0/references")));
  }

  @Test
  void summaryCountsHostsAndGaps() throws Exception {
    JsonNode s = plain.readTree(writer.toJson(ReportFixtures.sample())).get("summary");
    assertEquals(5, s.get("hosts").asInt());
    assertEquals(2, s.get("assessed").asInt());
    assertEquals(3, s.get("not_assessed").asInt());
    assertEquals(1, s.at("/by_status/unreachable").asInt());
    assertEquals(1, s.at("/by_status/partial").asInt());
    assertEquals(1, s.at("/gaps_by_severity/high").asInt());
    assertEquals(1, s.at("/gaps_by_severity/medium").asInt());
    assertEquals(0, s.at("/gaps_by_severity/critical").asInt());
    assertEquals(
        List.of("critical", "high", "medium", "low", "info"), keys(s.get("gaps_by_severity")));
    assertEquals(3, s.at("/findings_by_status/unknown").asInt());
  }

  @Test
  void usesLowerCaseIdsAndIsoUtcTimes() throws Exception {
    JsonNode root = plain.readTree(writer.toJson(ReportFixtures.sample()));
    assertEquals("2026-03-01T09:00:00Z", root.at("/scan/started_at").asText());
    assertEquals("2026-03-01T09:00:42.500Z", root.at("/scan/finished_at").asText());
    assertEquals("auth_failed", root.at("/hosts/4/status").asText());
    assertEquals("not_applicable", root.at("/hosts/0/findings/3/status").asText());
    assertEquals("high", root.at("/hosts/0/findings/0/severity").asText());
    assertEquals(42, root.at("/hosts/0/findings/1/evidence/0/line").asInt());
    assertEquals(1, root.at("/hosts/0/collection/exec_channels").asInt());
    assertTrue(root.at("/hosts/4/collection").isNull());
  }

  @Test
  void roundTripsThroughTheReader() throws Exception {
    ScanResult r = ReportFixtures.sample();
    assertEquals(r, reader.readString(writer.toJson(r)));
  }

  @Test
  void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
    ScanResult r = ReportFixtures.sample();
    Path file = writer.write(r, dir);
    assertEquals("report.json", file.getFileName().toString());
    assertEquals(r, reader.read(file));
  }

  @Test
  void everyInventoryHostIsPresent() throws Exception {
    ScanResult r = ReportFixtures.sample();
    JsonNode hosts = plain.readTree(writer.toJson(r)).get("hosts");
    assertEquals(r.hosts().size(), hosts.size());
    for (int i = 0; i < r.hosts().size(); i++) {
      assertEquals(r.hosts().get(i).name(), hosts.get(i).get("name").asText());
    }
  }

  @Test
  void hostileResultRoundTripsIdenticallyAndTheFileIsTerminalSafe(@TempDir Path dir)
      throws Exception {
    ScanResult r = ReportFixtures.hostile();
    Path file = writer.write(r, dir);
    byte[] bytes = Files.readAllBytes(file);
    assertTrue(bytes.length > ReportFixtures.HUGE, "JSON keeps the full evidence");
    int bad = -1;
    for (int i = 0; i < bytes.length && bad < 0; i++) {
      byte b = bytes[i];
      if ((b >= 0 && b < 0x20 && b != '\n') || b == 0x7f) {
        bad = i;
      }
    }
    assertEquals(-1, bad, "raw control byte in report.json at offset " + bad);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertFalse(text.contains("\u202e"), "raw RTL override in report.json");
    assertFalse(text.contains("\u009b"), "raw C1 CSI in report.json");
    assertTrue(text.contains("\\u0000"));
    assertTrue(text.contains("\\u001B[2J"));
    assertTrue(text.contains("\\u202E"));
    assertEquals(r, reader.read(file));
    HostResult h = reader.read(file).hosts().get(0);
    assertEquals(ReportFixtures.HUGE, h.findings().get(0).evidence().get(1).text().length());
  }

  @Test
  void validatesAgainstTheSchema() throws Exception {
    ReportFiles.assertValid(writer.toJson(ReportFixtures.sample()));
    ReportFiles.assertValid(writer.toJson(ReportFixtures.hostile()));
    ReportFiles.assertValid(writer.toJson(ReviewedFixtures.reviewed()));
    ReportFiles.assertValid(writer.toJson(NullFieldsTest.allNulls()));
  }

  @Test
  void writeReadWriteGivesTheSameBytes() throws Exception {
    for (ScanResult r :
        List.of(
            ReportFixtures.sample(),
            ReportFixtures.hostile(),
            ReviewedFixtures.reviewed(),
            NullFieldsTest.allNulls())) {
      String once = writer.toJson(r);
      assertEquals(once, writer.toJson(reader.readString(once)));
    }
  }

  /** Each mistake alone: the schema is strict enough to catch it (the test can fail). */
  @Test
  void theSchemaRejectsBrokenReports() throws Exception {
    List<java.util.function.Consumer<ObjectNode>> mistakes =
        List.of(
            r -> ((ObjectNode) r.at("/hosts/0")).remove("status"),
            r -> ((ObjectNode) r.at("/hosts/1/findings/0")).put("status", "PASS"),
            r -> ((ObjectNode) r.at("/hosts/0/findings/1/evidence/0")).put("line", "42"),
            r -> r.put("schema_version", 2),
            r -> ((ObjectNode) r.at("/hosts/0/findings/0")).put("severty", "high"),
            r -> ((ObjectNode) r.at("/hosts/0/collection")).put("bytes", -1),
            r -> ((ObjectNode) r.at("/scan")).put("started_at", "yesterday"),
            r -> ((ObjectNode) r.at("/summary/by_status")).put("AUTH_FAILED", 1),
            r -> ((ObjectNode) r.at("/hosts/0")).put("host_key_fingerprint", "MD5:aa:bb"),
            r -> ((ObjectNode) r.at("/frameworks/0/controls/0")).put("state", "fine"));
    for (int i = 0; i < mistakes.size(); i++) {
      ObjectNode root = (ObjectNode) plain.readTree(writer.toJson(ReportFixtures.sample()));
      mistakes.get(i).accept(root);
      assertFalse(ReportFiles.errors(root).isEmpty(), "mistake " + i + " not caught");
    }
  }

  @Test
  void schemaListsEveryKeyTheWriterProduces() throws Exception {
    JsonNode s = plain.readTree(ReportFiles.SCHEMA.toFile());
    // With waivers and a baseline, so that the optional review keys are listed too.
    JsonNode root = plain.readTree(writer.toJson(ReviewedFixtures.reviewed()));
    assertEquals(keys(root), keys(s.get("properties")));
    assertEquals(keys(root.at("/hosts/0")), keys(s.at("/$defs/host/properties")));
    assertEquals(keys(root.at("/hosts/0/findings/2")), keys(s.at("/$defs/finding/properties")));
    assertEquals(
        keys(root.at("/hosts/0/findings/2/waiver")), keys(s.at("/$defs/waiver/properties")));
    assertEquals(
        keys(root.at("/hosts/0/findings/0/evidence/0")), keys(s.at("/$defs/evidence/properties")));
    assertEquals(keys(root.get("summary")), keys(s.at("/properties/summary/properties")));
    assertEquals(
        keys(root.at("/hosts/0/collection")),
        keys(s.at("/$defs/host/properties/collection/properties")));
  }

  @Test
  void readerRejectsOtherSchemaVersionsAndBadIds() throws Exception {
    String json = writer.toJson(ReportFixtures.sample());
    assertReadError(
        json.replace("\"schema_version\" : 1", "\"schema_version\" : 2"),
        "$.schema_version: unsupported report schema_version 2 (this version reads 1) (line 2,");
    assertReadError(
        json.replace("\"auth_failed\"", "\"AUTH_FAILED\""),
        "$.hosts[4].status: unknown value 'AUTH_FAILED'");
    assertReadError(
        json.replace("\"findings\" :", "\"x\" :"), "$.hosts[0]: missing required key 'findings'");
    assertReadError(
        json.replace("\"line\" : 42", "\"line\" : \"42\""),
        "$.hosts[0].findings[1].evidence[0].line: expected an integer (line 96, column 24)");
    assertReadError(
        json.replace("\"started_at\" : \"2026-03-01T09:00:00Z\"", "\"started_at\" : \"soon\""),
        "$.scan.started_at: 'soon' is not an ISO-8601 UTC instant");
    assertReadError(
        json.replace("\"evidence\" : [", "\"evidence\" : null, \"was\" : ["),
        "$.hosts[0].findings[0]: 'evidence' must not be null");
    assertReadError(
        json.replace("\"bytes\" : 48213", "\"bytes\" : -1"),
        "$.hosts[0].collection: collection counts must not be negative");
    assertReadError(
        json.replace("\"name\" : \"web-1\"", "\"name\" : 7"),
        "$.hosts[0].name: '7' is not a string");
    assertReadError("{\"schema_version\": 1", "not valid JSON");
    assertReadError("", "$: expected an object");
    assertReadError(json + "{}", "more content after the end of the document");
  }

  private void assertReadError(String json, String expected) {
    ReportException e = assertThrows(ReportException.class, () -> reader.readString(json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void readerMessagesDoNotEchoControlCharacters() {
    ReportException e =
        assertThrows(
            ReportException.class,
            () ->
                reader.readString(
                    writer
                        .toJson(ReportFixtures.sample())
                        .replace("\"auth_failed\"", "\"\\u001b[2Jx\"")));
    assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
  }

  static List<String> keys(JsonNode n) {
    List<String> out = new ArrayList<>();
    Iterator<String> it = n.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }

  static int count(String haystack, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
