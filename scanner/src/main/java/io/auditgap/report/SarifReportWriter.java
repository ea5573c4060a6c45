package io.auditgap.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.json.Json;
import io.auditgap.review.Change;
import io.auditgap.review.Review;
import io.auditgap.review.WaiverMark;
import io.auditgap.scan.HostResult;
import io.auditgap.scan.HostStatus;
import io.auditgap.scan.ScanResult;
import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code report.sarif}: SARIF 2.1.0 for vulnerability-management and code-scanning tools (GitHub
 * code scanning, GitLab, Defect Dojo).
 *
 * <ul>
 *   <li>one rule per check of the scan: title, severity (as {@code level} and GitHub's {@code
 *       security-severity}), remediation as help, framework references as properties and tags;
 *   <li>one result per failed ({@code kind: fail}) or unknown ({@code kind: open}, level {@code
 *       none}: the tool could not decide) finding; passing and not-applicable ones are left out;
 *   <li>locations: the host as a logical location, and every evidence file as {@code
 *       file://HOST/path} with its line;
 *   <li>an accepted risk carries an external, accepted suppression with the justification; with a
 *       baseline, {@code baselineState} is new, unchanged or updated;
 *   <li>hosts that could not be assessed are tool execution notifications.
 * </ul>
 */
public final class SarifReportWriter implements ReportWriter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final int MESSAGE_MAX = 2_000;
  static final int SNIPPET_MAX = 1_000;
  static final int LOCATIONS_MAX = 20;

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, toTree(result));
    out.write('\n');
    out.flush();
  }

  /** The SARIF log as a Jackson tree. */
  public ObjectNode toTree(ScanResult r) {
    JsonNodeFactory nf = JsonNodeFactory.instance;
    ObjectNode log = nf.objectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", JsonReportWriter.TOOL_NAME);
    driver.put("version", r.toolVersion() == null ? "unknown" : r.toolVersion());

    Map<String, Finding> rules = new LinkedHashMap<>();
    for (HostResult h : r.hosts()) {
      for (Finding f : h.findings()) {
        rules.putIfAbsent(f.check(), f);
      }
    }
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode ruleArray = driver.putArray("rules");
    for (Finding f : rules.values()) {
      ruleIndex.put(f.check(), ruleIndex.size());
      ruleArray.add(rule(f));
    }

    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    if (r.startedAt() != null) {
      invocation.put("startTimeUtc", r.startedAt().toString());
    }
    if (r.finishedAt() != null) {
      invocation.put("endTimeUtc", r.finishedAt().toString());
    }
    ArrayNode notes = invocation.putArray("toolExecutionNotifications");
    for (HostResult h : r.hosts()) {
      if (h.status() != HostStatus.ASSESSED && h.status() != HostStatus.PARTIAL) {
        ObjectNode n = notes.addObject();
        n.put("level", "error");
        n.putObject("message")
            .put(
                "text",
                text(
                    h.name()
                        + ": not assessed ("
                        + (h.status() == null ? "error" : h.status().id())
                        + ")"
                        + (h.reason() == null || h.reason().isEmpty() ? "" : ": " + h.reason()),
                    MESSAGE_MAX));
        n.putArray("locations").addObject().set("logicalLocations", hostLocation(h.name()));
      }
    }
    if (notes.isEmpty()) {
      invocation.remove("toolExecutionNotifications");
    }

    // Every host of the scan with its assessment status, also those without a result.
    ArrayNode scanned = run.putObject("properties").putArray("hosts");
    for (HostResult h : r.hosts()) {
      ObjectNode x = scanned.addObject();
      x.put("name", h.name());
      x.put("address", h.address());
      x.put("status", h.status() == null ? "error" : h.status().id());
    }
    ArrayNode results = run.putArray("results");
    for (HostResult h : r.hosts()) {
      for (Finding f : h.findings()) {
        if (f.status() == Status.FAIL || f.status() == Status.UNKNOWN) {
          results.add(result(h.name(), f, ruleIndex.get(f.check()), r.review()));
        }
      }
    }
    return log;
  }

  private static ObjectNode rule(Finding f) {
    ObjectNode rule = JsonNodeFactory.instance.objectNode();
    rule.put("id", f.check());
    rule.putObject("shortDescription").put("text", text(f.title(), MESSAGE_MAX));
    rule.putObject("fullDescription").put("text", text(f.title(), MESSAGE_MAX));
    String remediation = f.remediation() == null ? "" : f.remediation();
    if (!remediation.isBlank()) {
      rule.putObject("help").put("text", TerminalText.block(remediation, 4_000));
    }
    rule.putObject("defaultConfiguration").put("level", level(f.severity()));
    ObjectNode props = rule.putObject("properties");
    props.put("security-severity", securitySeverity(f.severity()));
    props.put("severity", f.severity() == null ? "info" : f.severity().id());
    ArrayNode tags = props.putArray("tags");
    tags.add("security");
    tags.add("audit");
    ObjectNode refs = props.putObject("references");
    for (Map.Entry<String, List<String>> e : new TreeMap<>(f.references()).entrySet()) {
      ArrayNode ids = refs.putArray(e.getKey());
      for (String id : e.getValue()) {
        ids.add(id);
        tags.add(e.getKey() + ":" + id);
      }
    }
    return rule;
  }

  private static ObjectNode result(String host, Finding f, int ruleIndex, Review review) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("ruleId", f.check());
    o.put("ruleIndex", ruleIndex);
    boolean failed = f.status() == Status.FAIL;
    // SARIF 3.27.9: a result whose kind is not "fail" has level "none".
    o.put("kind", failed ? "fail" : "open");
    o.put("level", failed ? level(f.severity()) : "none");
    Optional<WaiverMark> waiver = review.waiver(host, f.check());
    String message =
        host
            + ": "
            + (failed ? "" : "could not be verified: ")
            + (f.reason() == null || f.reason().isEmpty() ? f.title() : f.reason())
            + waiver.filter(WaiverMark::expired).map(m -> " [" + m.describe() + "]").orElse("");
    o.putObject("message").put("text", text(message, MESSAGE_MAX));
    ArrayNode locations = o.putArray("locations");
    int files = 0;
    for (Evidence e : f.evidence()) {
      if (files == LOCATIONS_MAX) {
        break;
      }
      URI uri = fileUri(host, e.source());
      if (uri == null) {
        continue;
      }
      files++;
      ObjectNode loc = locations.addObject();
      ObjectNode physical = loc.putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", uri.toASCIIString());
      if (e.line() > 0) {
        ObjectNode region = physical.putObject("region");
        region.put("startLine", e.line());
        if (!e.text().isEmpty()) {
          region.putObject("snippet").put("text", text(e.text(), SNIPPET_MAX));
        }
      }
      if (!e.note().isEmpty()) {
        loc.putObject("message").put("text", text(e.note(), MESSAGE_MAX));
      }
      loc.set("logicalLocations", hostLocation(host));
    }
    if (locations.isEmpty()) {
      locations.addObject().set("logicalLocations", hostLocation(host));
    }
    o.putObject("partialFingerprints").put("auditgapFinding/v1", fingerprint(host, f.check()));
    review
        .change(host, f.check())
        .map(SarifReportWriter::baselineState)
        .ifPresent(s -> o.put("baselineState", s));
    waiver
        .filter(WaiverMark::accepted)
        .ifPresent(
            m -> {
              ObjectNode s = o.putArray("suppressions").addObject();
              s.put("kind", "external");
              s.put("status", "accepted");
              s.put("justification", text(m.waiver().justification(), MESSAGE_MAX));
              ObjectNode p = s.putObject("properties");
              p.put("owner", m.waiver().owner());
              p.put("ticket", m.waiver().ticket());
              p.put("expires", m.waiver().expires().toString());
              p.put("source", m.waiver().origin());
            });
    ObjectNode props = o.putObject("properties");
    props.put("host", host);
    props.put("status", f.status().id());
    props.put("severity", f.severity() == null ? "info" : f.severity().id());
    return o;
  }

  private static ArrayNode hostLocation(String host) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    ObjectNode l = a.addObject();
    l.put("name", host);
    l.put("fullyQualifiedName", host);
    l.put("kind", "host");
    return a;
  }

  /** {@code file://host/etc/...} for evidence that is an absolute file path; else null. */
  static URI fileUri(String host, String source) {
    if (source == null || !source.startsWith("/") || source.contains(" ")) {
      return null;
    }
    try {
      String authority = host != null && host.matches("[A-Za-z0-9._-]+") ? host : "";
      return new URI("file", authority, source, null, null);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String baselineState(Change c) {
    return switch (c) {
      case NEW -> "new";
      case CHANGED -> "updated";
      default -> "unchanged";
    };
  }

  static String level(Severity s) {
    if (s == null) {
      return "note";
    }
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      default -> "note";
    };
  }

  /** GitHub's 0.0-10.0 scale: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
  static String securitySeverity(Severity s) {
    if (s == null) {
      return "0.0";
    }
    return switch (s) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.0";
    };
  }

  private static String fingerprint(String host, String check) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((host + "\u0000" + check).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(String s, int max) {
    return TerminalText.line(s == null ? "" : s, max);
  }
}
