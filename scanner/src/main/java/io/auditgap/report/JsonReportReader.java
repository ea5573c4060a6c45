package io.auditgap.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.facts.Containment;
import io.auditgap.facts.HostIdentity;
import io.auditgap.scan.CollectionStats;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code report.json} written by {@link JsonReportWriter} back into a {@link ScanResult},
 * for example to re-render it as HTML. The {@code summary} object is derived data and is ignored.
 * Unknown keys are ignored (forward compatible within schema version 1); a missing required key, a
 * wrong type, an unknown status or severity id or another schema version is a {@link
 * ReportException} naming the JSON path.
 */
public final class JsonReportReader {
  /** Longest single string accepted (evidence is capped at 1 MiB per item by the collector). */
  static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

  private final ObjectMapper mapper;

  public JsonReportReader() {
    JsonFactory f =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNestingDepth(64)
                    .build())
            .build();
    f.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    this.mapper = new ObjectMapper(f);
  }

  public ScanResult read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public ScanResult read(InputStream in) throws IOException {
    return fromTree(parse(() -> mapper.readTree(in)));
  }

  public ScanResult read(Reader in) throws IOException {
    return fromTree(parse(() -> mapper.readTree(in)));
  }

  public ScanResult readString(String json) throws IOException {
    return fromTree(parse(() -> mapper.readTree(json)));
  }

  private interface Parse {
    JsonNode get() throws IOException;
  }

  private static JsonNode parse(Parse p) throws IOException {
    try {
      JsonNode n = p.get();
      if (n == null || n.isMissingNode()) {
        throw new ReportException("report.json is empty");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ReportException("report.json is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Converts a parsed report tree. */
  public ScanResult fromTree(JsonNode root) throws ReportException {
    obj(root, "$");
    JsonNode version = req(root, "schema_version", "$");
    if (!version.isIntegralNumber() || version.asInt() != JsonReportWriter.SCHEMA_VERSION) {
      throw new ReportException(
          "unsupported report schema_version "
              + TerminalText.line(version.toString(), 40)
              + " (this version reads "
              + JsonReportWriter.SCHEMA_VERSION
              + ")");
    }
    JsonNode tool = obj(req(root, "tool", "$"), "$.tool");
    JsonNode scan = obj(req(root, "scan", "$"), "$.scan");
    JsonNode hostsNode = arr(req(root, "hosts", "$"), "$.hosts");
    List<HostResult> hosts = new ArrayList<>();
    for (int i = 0; i < hostsNode.size(); i++) {
      hosts.add(host(hostsNode.get(i), "$.hosts[" + i + "]"));
    }
    return new ScanResult(
        str(tool, "version", "$.tool"),
        instant(scan, "started_at", "$.scan"),
        instant(scan, "finished_at", "$.scan"),
        str(scan, "inventory", "$.scan"),
        str(scan, "profile", "$.scan"),
        hosts,
        ReviewJson.read(root, hosts));
  }

  private static HostResult host(JsonNode n, String path) throws ReportException {
    obj(n, path);
    String status = str(n, "status", path);
    JsonNode fs = arr(req(n, "findings", path), path + ".findings");
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < fs.size(); i++) {
      findings.add(finding(fs.get(i), path + ".findings[" + i + "]"));
    }
    JsonNode c = req(n, "collection", path);
    CollectionStats stats = null;
    if (!c.isNull()) {
      String cp = path + ".collection";
      obj(c, cp);
      stats =
          new CollectionStats(
              lng(c, "bytes", cp),
              (int) lng(c, "items", cp),
              (int) lng(c, "exec_channels", cp),
              lng(c, "duration_ms", cp));
    }
    return new HostResult(
        str(n, "name", path),
        str(n, "address", path),
        status == null ? null : enumId(HostStatus.class, status, path + ".status"),
        str(n, "reason", path),
        str(n, "host_key_fingerprint", path),
        findings,
        stats,
        identity(n.get("identity"), path + ".identity"));
  }

  /** Optional (reports written before it existed have none). */
  private static HostIdentity identity(JsonNode n, String path) throws ReportException {
    if (n == null || n.isNull()) {
      return HostIdentity.UNKNOWN;
    }
    obj(n, path);
    JsonNode c = n.get("container");
    Containment containment = null;
    if (c != null && !c.isNull()) {
      String cp = path + ".container";
      obj(c, cp);
      JsonNode m = arr(req(c, "markers", cp), cp + ".markers");
      List<String> markers = new ArrayList<>();
      for (int i = 0; i < m.size(); i++) {
        markers.add(m.get(i).asText());
      }
      containment =
          new Containment(
              req(c, "container", cp).asBoolean(),
              opt(c, "type", cp),
              req(c, "certain", cp).asBoolean(),
              markers,
              opt(c, "kernel_audit", cp),
              opt(c, "decision", cp));
    }
    return new HostIdentity(
        opt(n, "os", path),
        opt(n, "kernel", path),
        opt(n, "arch", path),
        opt(n, "virtualization", path),
        containment,
        opt(n, "init", path),
        opt(n, "host_time", path));
  }

  private static String opt(JsonNode n, String key, String path) throws ReportException {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new ReportException(path + "." + key + ": expected a string or null");
    }
    return v.textValue();
  }

  private static Finding finding(JsonNode n, String path) throws ReportException {
    obj(n, path);
    String severity = str(n, "severity", path);
    String status = str(n, "status", path);
    JsonNode ev = arr(req(n, "evidence", path), path + ".evidence");
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < ev.size(); i++) {
      String ep = path + ".evidence[" + i + "]";
      JsonNode e = obj(ev.get(i), ep);
      evidence.add(
          new Evidence(
              str(e, "source", ep),
              (int) lng(e, "line", ep),
              str(e, "text", ep),
              str(e, "note", ep)));
    }
    JsonNode refs = obj(req(n, "references", path), path + ".references");
    Map<String, List<String>> references = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = refs.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String rp = path + ".references." + e.getKey();
      JsonNode ids = arr(e.getValue(), rp);
      List<String> list = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (!ids.get(i).isTextual()) {
          throw new ReportException(rp + "[" + i + "]: expected a string");
        }
        list.add(ids.get(i).textValue());
      }
      references.put(e.getKey(), list);
    }
    return new Finding(
        str(n, "check", path),
        str(n, "title", path),
        severity == null ? null : enumId(Severity.class, severity, path + ".severity"),
        status == null ? null : enumId(Status.class, status, path + ".status"),
        str(n, "reason", path),
        evidence,
        str(n, "remediation", path),
        references,
        n.has("root_cause") ? opt(n, "root_cause", path) : "");
  }

  private static <E extends Enum<E>> E enumId(Class<E> type, String id, String path)
      throws ReportException {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(id)) {
        return e;
      }
    }
    throw new ReportException(path + ": unknown value '" + TerminalText.line(id, 40) + "'");
  }

  private static JsonNode req(JsonNode n, String key, String path) throws ReportException {
    JsonNode v = n.get(key);
    if (v == null) {
      throw new ReportException(path + ": missing required key '" + key + "'");
    }
    return v;
  }

  private static JsonNode obj(JsonNode n, String path) throws ReportException {
    if (n == null || !n.isObject()) {
      throw new ReportException(path + ": expected an object");
    }
    return n;
  }

  private static JsonNode arr(JsonNode n, String path) throws ReportException {
    if (n == null || !n.isArray()) {
      throw new ReportException(path + ": expected an array");
    }
    return n;
  }

  /** A required key whose value is a string or null. */
  private static String str(JsonNode n, String key, String path) throws ReportException {
    JsonNode v = req(n, key, path);
    if (v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ReportException(path + "." + key + ": expected a string or null");
    }
    return v.textValue();
  }

  private static long lng(JsonNode n, String key, String path) throws ReportException {
    JsonNode v = req(n, key, path);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new ReportException(path + "." + key + ": expected an integer");
    }
    long value = v.asLong();
    if (value < 0
        || (!key.equals("bytes") && !key.equals("duration_ms") && value > Integer.MAX_VALUE)) {
      throw new ReportException(path + "." + key + ": out of range");
    }
    return value;
  }

  private static Instant instant(JsonNode n, String key, String path) throws ReportException {
    String s = str(n, key, path);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new ReportException(path + "." + key + ": not an ISO-8601 UTC instant");
    }
  }
}
