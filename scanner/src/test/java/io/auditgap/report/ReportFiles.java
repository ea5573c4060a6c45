package io.auditgap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every {@code report.json} a test looks at goes through here: validated against {@code
 * docs/report-schema.json} by a real JSON-Schema validator (networknt, draft 2020-12, formats
 * asserted), and read back and written again, which must give the same bytes. A test that reads a
 * report any other way checks less than it could.
 */
public final class ReportFiles {
  public static final Path SCHEMA = Path.of("..", "docs", "report-schema.json");
  public static final Path PROBE_SCHEMA = Path.of("..", "docs", "probe-schema.json");
  public static final Path DIFF_SCHEMA = Path.of("..", "docs", "diff-schema.json");
  private static final JsonSchema REPORT = load(SCHEMA);
  private static final JsonSchema PROBE = load(PROBE_SCHEMA);
  private static final JsonSchema DIFF = load(DIFF_SCHEMA);
  private static final AtomicInteger PROBES = new AtomicInteger();
  private static final AtomicInteger VALIDATED = new AtomicInteger();
  private static final AtomicInteger ROUND_TRIPPED = new AtomicInteger();

  static {
    // The figure the suite reports: how many documents the real validator saw in this JVM.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (VALIDATED.get() + PROBES.get() > 0) {
                    System.err.println(
                        "report-schema: "
                            + VALIDATED.get()
                            + " report.json documents valid, "
                            + ROUND_TRIPPED.get()
                            + " round-tripped byte for byte; "
                            + PROBES.get()
                            + " probe.json documents valid and round-tripped");
                  }
                }));
  }

  /** {@code docs/junit-schema.xsd}: the JUnit dialect auditgap writes (see its header). */
  public static final Path JUNIT_SCHEMA = Path.of("..", "docs", "junit-schema.xsd");

  private static final javax.xml.validation.Schema JUNIT = junitSchema();

  private ReportFiles() {}

  private static javax.xml.validation.Schema junitSchema() {
    try {
      return javax.xml.validation.SchemaFactory.newInstance(
              javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(JUNIT_SCHEMA.toFile());
    } catch (org.xml.sax.SAXException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses {@code xml} with the JDK's validating parser against {@link #JUNIT_SCHEMA}; throws
   * {@link org.xml.sax.SAXException} naming the line when it is not well-formed or not valid.
   */
  public static void assertValidJunit(String xml) throws IOException, org.xml.sax.SAXException {
    JUNIT
        .newValidator()
        .validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(xml)));
  }

  static JsonSchema load(Path schema) {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(schema)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the validator says is wrong with {@code report}, one line each; empty when valid. */
  public static List<String> errors(JsonNode report) {
    return REPORT.validate(report).stream().map(ValidationMessage::toString).sorted().toList();
  }

  /** Asserts {@code json} is a valid report.json; returns its tree. */
  public static JsonNode assertValid(String json) throws IOException {
    JsonNode tree = new ObjectMapper().readTree(json);
    List<String> errors = errors(tree);
    assertTrue(errors.isEmpty(), "not valid against docs/report-schema.json: " + errors);
    VALIDATED.incrementAndGet();
    return tree;
  }

  /**
   * Reads a report.json a scan wrote: valid against the schema, and read → write gives the same
   * bytes (nothing is lost or reordered by the binding). Returns its tree.
   */
  public static JsonNode readValid(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    JsonNode tree = assertValid(json);
    assertEquals(
        json,
        new JsonReportWriter().toJson(new JsonReportReader().readString(json)),
        file + ": read then written again differs");
    ROUND_TRIPPED.incrementAndGet();
    return tree;
  }

  /** What the validator says is wrong with a probe.json; empty when valid. */
  public static List<String> probeErrors(JsonNode probe) {
    return PROBE.validate(probe).stream().map(ValidationMessage::toString).sorted().toList();
  }

  /**
   * Reads a probe.json: valid against {@code docs/probe-schema.json}, and read → write gives the
   * same bytes. Returns its tree.
   */
  public static JsonNode readValidProbe(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    JsonNode tree = new ObjectMapper().readTree(json);
    List<String> errors = probeErrors(tree);
    assertTrue(errors.isEmpty(), file + " not valid against docs/probe-schema.json: " + errors);
    assertEquals(
        json,
        io.auditgap.probe.ProbeJson.toJson(io.auditgap.probe.ProbeJson.read(file)),
        file + ": read then written again differs");
    PROBES.incrementAndGet();
    return tree;
  }

  /** What the validator says is wrong with a diff.json; empty when valid. */
  public static List<String> diffErrors(JsonNode diff) {
    return DIFF.validate(diff).stream().map(ValidationMessage::toString).sorted().toList();
  }

  /** Reads a diff.json: valid against {@code docs/diff-schema.json}. Returns its tree. */
  public static JsonNode readValidDiff(Path file) throws IOException {
    JsonNode tree = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    List<String> errors = diffErrors(tree);
    assertTrue(errors.isEmpty(), file + " not valid against docs/diff-schema.json: " + errors);
    return tree;
  }
}
