package io.auditgap.report;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * The part of SARIF 2.1.0 ({@code report.sarif}) auditgap writes, as records bound by {@code
 * io.auditgap.json.Json}: keys in SARIF's camelCase, in declaration order; null values are left
 * out. Property names follow the SARIF specification,
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html (section numbers in comments).
 */
@SarifLog.CamelCase
record SarifLog(@JsonProperty("$schema") String schema, String version, List<Run> runs) {

  /** 3.14: one run of the tool. */
  @CamelCase
  record Run(
      Tool tool, List<Invocation> invocations, RunProperties properties, List<Result> results) {}

  /** 3.18, 3.19. */
  @CamelCase
  record Tool(Driver driver) {}

  @CamelCase
  record Driver(String name, String version, List<Rule> rules) {}

  /** 3.49 reportingDescriptor: one check. {@code help} is left out when there is no remediation. */
  @CamelCase
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Rule(
      String id,
      Message shortDescription,
      Message fullDescription,
      Message help,
      Configuration defaultConfiguration,
      RuleProperties properties) {}

  @CamelCase
  record Configuration(String level) {}

  /** GitHub's {@code security-severity}, auditgap's severity, tags and framework references. */
  @CamelCase
  record RuleProperties(
      @JsonProperty("security-severity") String securitySeverity,
      String severity,
      List<String> tags,
      Map<String, List<String>> references) {}

  /** 3.20; times and notifications are left out when there are none. */
  @CamelCase
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Invocation(
      boolean executionSuccessful,
      String startTimeUtc,
      String endTimeUtc,
      List<Notification> toolExecutionNotifications) {}

  /** 3.58: a host that could not be assessed. */
  @CamelCase
  record Notification(String level, Message message, List<Location> locations) {}

  /** Every host of the scan with its assessment status, also those without a result. */
  @CamelCase
  record RunProperties(List<HostEntry> hosts) {}

  @CamelCase
  record HostEntry(String name, String address, String status) {}

  /** 3.27: a failed or unknown finding. */
  @CamelCase
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Result(
      String ruleId,
      int ruleIndex,
      String kind,
      String level,
      Message message,
      List<Location> locations,
      Map<String, String> partialFingerprints,
      String baselineState,
      List<Suppression> suppressions,
      ResultProperties properties) {}

  @CamelCase
  record ResultProperties(String host, String status, String severity) {}

  /** 3.28: an evidence file on its host, or the host alone. */
  @CamelCase
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Location(
      PhysicalLocation physicalLocation, Message message, List<LogicalLocation> logicalLocations) {}

  @CamelCase
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  @CamelCase
  record ArtifactLocation(String uri) {}

  /** 3.30; the snippet is left out when the evidence has no text. */
  @CamelCase
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Region(int startLine, Message snippet) {}

  /** 3.33 logicalLocation: the scanned host. */
  @CamelCase
  record LogicalLocation(String name, String fullyQualifiedName, String kind) {}

  /** 3.11 message, 3.3 artifactContent: plain text. */
  @CamelCase
  record Message(String text) {}

  /** 3.35: an accepted risk (a waiver), with who accepted it until when. */
  @CamelCase
  record Suppression(
      String kind, String status, String justification, SuppressionProperties properties) {}

  @CamelCase
  record SuppressionProperties(String owner, String ticket, String expires, String source) {}

  /** SARIF's keys are camelCase, where auditgap's own files are snake_case. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @JacksonAnnotationsInside
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  @interface CamelCase {}
}
