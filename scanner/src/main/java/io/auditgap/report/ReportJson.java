package io.auditgap.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json} as records (schema {@code docs/report-schema.json}): component order is key
 * order, component names are the keys in snake_case ({@link io.auditgap.json.Json}). A value
 * declared {@code required} must be present (it may be {@code null} where the schema allows it);
 * {@code summary} and {@code frameworks} are derived from the hosts and recomputed, not read.
 */
record ReportJson(
    @JsonProperty(required = true) @JsonDeserialize(using = VersionCheck.class) int schemaVersion,
    @JsonProperty(required = true) Tool tool,
    @JsonProperty(required = true) Scan scan,
    Summary summary,
    @JsonProperty(required = true) List<HostJson> hosts,
    List<FrameworkJson> frameworks,
    @JsonInclude(JsonInclude.Include.NON_NULL) WaiversJson waivers,
    @JsonInclude(JsonInclude.Include.NON_NULL) BaselineJson baseline) {

  ReportJson {
    ReportJson.present(tool, "tool");
    ReportJson.present(scan, "scan");
    ReportJson.present(hosts, "hosts");
  }

  /** A required object or array given as {@code null}: named, rather than failing later. */
  static <T> T present(T value, String key) {
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' must not be null");
    }
    return value;
  }

  static ReportJson of(ScanResult r) {
    List<HostJson> hosts = new ArrayList<>();
    for (HostResult h : r.hosts()) {
      hosts.add(HostJson.of(h, r.review()));
    }
    return new ReportJson(
        JsonReportWriter.SCHEMA_VERSION,
        new Tool(JsonReportWriter.TOOL_NAME, r.toolVersion()),
        new Scan(r.startedAt(), r.finishedAt(), r.inventory(), r.profile()),
        Summary.of(ReportSummary.of(r)),
        hosts,
        ControlStates.of(r).stream().map(FrameworkJson::of).toList(),
        WaiversJson.of(r.review()),
        r.review().comparison().map(BaselineJson::of).orElse(null));
  }

  ScanResult toScanResult() {
    List<HostResult> results = new ArrayList<>();
    for (HostJson h : hosts) {
      results.add(h.toHostResult());
    }
    return new ScanResult(
        tool.version(),
        scan.startedAt(),
        scan.finishedAt(),
        scan.inventory(),
        scan.profile(),
        results,
        ReviewRead.review(this, results));
  }

  /**
   * Checks {@code schema_version} as soon as it is read (it is the first key), so a file of another
   * version is named as such, not by the first key it lacks.
   */
  static final class VersionCheck extends StdDeserializer<Integer> {
    private static final long serialVersionUID = 1L;

    VersionCheck() {
      super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String v = p.getText();
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
          || !v.equals(String.valueOf(JsonReportWriter.SCHEMA_VERSION))) {
        throw JsonMappingException.from(
            p,
            "unsupported report schema_version "
                + TerminalText.line(v, 40)
                + " (this version reads "
                + JsonReportWriter.SCHEMA_VERSION
                + ")");
      }
      return JsonReportWriter.SCHEMA_VERSION;
    }
  }

  record Tool(String name, @JsonProperty(required = true) String version) {}

  record Scan(
      @JsonProperty(required = true) Instant startedAt,
      @JsonProperty(required = true) Instant finishedAt,
      @JsonProperty(required = true) String inventory,
      @JsonProperty(required = true) String profile) {}

  /** Counts keyed by id, every id present, in the order people read them. */
  record Summary(
      int hosts,
      int assessed,
      int notAssessed,
      Map<String, Integer> byStatus,
      Map<String, Integer> findingsByStatus,
      Map<String, Integer> gapsBySeverity) {

    static Summary of(ReportSummary s) {
      Map<String, Integer> byStatus = new LinkedHashMap<>();
      for (Map.Entry<HostStatus, Integer> e : s.byHostStatus().entrySet()) {
        byStatus.put(e.getKey().id(), e.getValue());
      }
      Map<String, Integer> findings = new LinkedHashMap<>();
      for (Map.Entry<Status, Integer> e : s.findingsByStatus().entrySet()) {
        findings.put(e.getKey().id(), e.getValue());
      }
      Map<String, Integer> gaps = new LinkedHashMap<>();
      for (Map.Entry<Severity, Integer> e : s.gapsBySeverity().entrySet()) {
        gaps.put(e.getKey().id(), e.getValue());
      }
      return new Summary(s.hosts(), s.assessed(), s.notAssessed(), byStatus, findings, gaps);
    }
  }
}
