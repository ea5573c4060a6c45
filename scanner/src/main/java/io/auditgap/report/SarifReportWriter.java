package io.auditgap.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import java.util.ArrayList;
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
  static final int HELP_MAX = 4_000;

  /**
   * The mapper of every auditgap JSON file, laid out as SARIF files have always been written:
   * arrays open on the line of their key (Jackson's default), objects indented, LF on every
   * platform.
   */
  private static final ObjectWriter WRITER =
      Json.mapper()
          .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    WRITER.writeValue(out, toLog(result));
    out.write('\n');
    out.flush();
  }

  /** The SARIF log as records, in the order SARIF readers show them. */
  SarifLog toLog(ScanResult r) {
    Map<String, Finding> rules = new LinkedHashMap<>();
    for (HostResult h : r.hosts()) {
      for (Finding f : h.findings()) {
        rules.putIfAbsent(f.check(), f);
      }
    }
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<SarifLog.Rule> ruleList = new ArrayList<>();
    for (Finding f : rules.values()) {
      ruleIndex.put(f.check(), ruleIndex.size());
      ruleList.add(rule(f));
    }
    List<SarifLog.Notification> notes = new ArrayList<>();
    List<SarifLog.HostEntry> scanned = new ArrayList<>();
    List<SarifLog.Result> results = new ArrayList<>();
    for (HostResult h : r.hosts()) {
      String status = h.status() == null ? "error" : h.status().id();
      if (h.status() != HostStatus.ASSESSED && h.status() != HostStatus.PARTIAL) {
        notes.add(
            new SarifLog.Notification(
                "error",
                message(
                    h.name()
                        + ": not assessed ("
                        + status
                        + ")"
                        + (h.reason() == null || h.reason().isEmpty() ? "" : ": " + h.reason())),
                List.of(new SarifLog.Location(null, null, hostLocation(h.name())))));
      }
      scanned.add(new SarifLog.HostEntry(h.name(), h.address(), status));
    }
    for (HostResult h : r.hosts()) {
      for (Finding f : h.findings()) {
        if (f.status() == Status.FAIL || f.status() == Status.UNKNOWN) {
          results.add(result(h.name(), f, ruleIndex.get(f.check()), r.review()));
        }
      }
    }
    SarifLog.Invocation invocation =
        new SarifLog.Invocation(
            true,
            r.startedAt() == null ? null : r.startedAt().toString(),
            r.finishedAt() == null ? null : r.finishedAt().toString(),
            notes.isEmpty() ? null : notes);
    SarifLog.Driver driver =
        new SarifLog.Driver(
            JsonReportWriter.TOOL_NAME,
            r.toolVersion() == null ? "unknown" : r.toolVersion(),
            ruleList);
    return new SarifLog(
        SCHEMA,
        "2.1.0",
        List.of(
            new SarifLog.Run(
                new SarifLog.Tool(driver),
                List.of(invocation),
                new SarifLog.RunProperties(scanned),
                results)));
  }

  private static SarifLog.Rule rule(Finding f) {
    String remediation = f.remediation() == null ? "" : f.remediation();
    List<String> tags = new ArrayList<>(List.of("security", "audit"));
    Map<String, List<String>> refs = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : new TreeMap<>(f.references()).entrySet()) {
      refs.put(e.getKey(), List.copyOf(e.getValue()));
      for (String id : e.getValue()) {
        tags.add(e.getKey() + ":" + id);
      }
    }
    return new SarifLog.Rule(
        f.check(),
        message(f.title()),
        message(f.title()),
        remediation.isBlank()
            ? null
            : new SarifLog.Message(TerminalText.block(remediation, HELP_MAX)),
        new SarifLog.Configuration(level(f.severity())),
        new SarifLog.RuleProperties(
            securitySeverity(f.severity()), severityId(f.severity()), tags, refs));
  }

  private static SarifLog.Result result(String host, Finding f, int ruleIndex, Review review) {
    boolean failed = f.status() == Status.FAIL;
    Optional<WaiverMark> waiver = review.waiver(host, f.check());
    String text =
        host
            + ": "
            + (failed ? "" : "could not be verified: ")
            + firstGiven(f.reason(), f.title(), f.check())
            + waiver.filter(WaiverMark::expired).map(m -> " [" + m.describe() + "]").orElse("");
    List<SarifLog.Location> locations = new ArrayList<>();
    for (Evidence e : f.evidence()) {
      if (locations.size() == LOCATIONS_MAX) {
        break;
      }
      URI uri = fileUri(host, e.source());
      if (uri == null) {
        continue;
      }
      SarifLog.Region region =
          e.line() > 0
              ? new SarifLog.Region(
                  e.line(),
                  e.text().isEmpty() ? null : new SarifLog.Message(text(e.text(), SNIPPET_MAX)))
              : null;
      locations.add(
          new SarifLog.Location(
              new SarifLog.PhysicalLocation(
                  new SarifLog.ArtifactLocation(uri.toASCIIString()), region),
              e.note().isEmpty() ? null : message(e.note()),
              hostLocation(host)));
    }
    if (locations.isEmpty()) {
      locations.add(new SarifLog.Location(null, null, hostLocation(host)));
    }
    return new SarifLog.Result(
        f.check(),
        ruleIndex,
        // SARIF 3.27.9: a result whose kind is not "fail" has level "none".
        failed ? "fail" : "open",
        failed ? level(f.severity()) : "none",
        message(text),
        locations,
        Map.of("auditgapFinding/v1", fingerprint(host, f.check())),
        review.change(host, f.check()).map(SarifReportWriter::baselineState).orElse(null),
        waiver.filter(WaiverMark::accepted).map(SarifReportWriter::suppression).orElse(null),
        new SarifLog.ResultProperties(host, f.status().id(), severityId(f.severity())));
  }

  /** An accepted risk: suppressed outside the scanned files, by the waiver's owner. */
  private static List<SarifLog.Suppression> suppression(WaiverMark m) {
    return List.of(
        new SarifLog.Suppression(
            "external",
            "accepted",
            text(m.waiver().justification(), MESSAGE_MAX),
            new SarifLog.SuppressionProperties(
                m.waiver().owner(),
                m.waiver().ticket(),
                m.waiver().expires().toString(),
                m.waiver().origin())));
  }

  private static List<SarifLog.LogicalLocation> hostLocation(String host) {
    return List.of(new SarifLog.LogicalLocation(host, host, "host"));
  }

  private static SarifLog.Message message(String s) {
    return new SarifLog.Message(text(s, MESSAGE_MAX));
  }

  /** The first of {@code texts} that is not null or empty (a finding may lack reason and title). */
  private static String firstGiven(String... texts) {
    for (String t : texts) {
      if (t != null && !t.isEmpty()) {
        return t;
      }
    }
    return "";
  }

  private static String severityId(Severity s) {
    return s == null ? "info" : s.id();
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
