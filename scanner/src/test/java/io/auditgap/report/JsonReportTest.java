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
  static final Path SCHEMA = Path.of("..", "docs", "report-schema.json");

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
    MiniSchema schema = new MiniSchema(plain.readTree(SCHEMA.toFile()));
    assertEquals(
        List.of(), schema.validate(plain.readTree(writer.toJson(ReportFixtures.sample()))));
    ObjectNode hostile = (ObjectNode) plain.readTree(writer.toJson(ReportFixtures.hostile()));
    assertEquals(List.of(), schema.validate(hostile));
  }

  @Test
  void schemaCheckerRejectsBrokenReports() throws Exception {
    MiniSchema schema = new MiniSchema(plain.readTree(SCHEMA.toFile()));
    ObjectNode root = (ObjectNode) plain.readTree(writer.toJson(ReportFixtures.sample()));
    ((ObjectNode) root.at("/hosts/0")).remove("status");
    ((ObjectNode) root.at("/hosts/1/findings/0")).put("status", "PASS");
    ((ObjectNode) root.at("/hosts/0/findings/1/evidence/0")).put("line", "42");
    root.put("schema_version", 2);
    List<String> errors = schema.validate(root);
    assertEquals(4, errors.size(), errors.toString());
  }

  @Test
  void schemaListsEveryKeyTheWriterProduces() throws Exception {
    JsonNode s = plain.readTree(SCHEMA.toFile());
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
    ReportException v =
        assertThrows(
            ReportException.class,
            () ->
                reader.readString(
                    json.replace("\"schema_version\" : 1", "\"schema_version\" : 2")));
    assertTrue(v.getMessage().contains("schema_version"), v.getMessage());
    ReportException s =
        assertThrows(
            ReportException.class,
            () -> reader.readString(json.replace("\"auth_failed\"", "\"AUTH_FAILED\"")));
    assertTrue(s.getMessage().contains("$.hosts[4].status"), s.getMessage());
    ReportException m =
        assertThrows(
            ReportException.class,
            () -> reader.readString(json.replace("\"findings\" :", "\"x\" :")));
    assertTrue(m.getMessage().contains("missing required key 'findings'"), m.getMessage());
    assertThrows(ReportException.class, () -> reader.readString("{\"schema_version\": 1"));
    assertThrows(ReportException.class, () -> reader.readString(""));
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
