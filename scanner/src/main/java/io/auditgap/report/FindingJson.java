package io.auditgap.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.Finding;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.review.Change;
import io.auditgap.review.Review;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One finding in {@code report.json}. {@code waiver} and {@code change} are the review's marks on
 * it, absent without waivers or baseline; {@code root_cause} is optional when read (older reports).
 */
record FindingJson(
    @JsonProperty(required = true) String check,
    @JsonProperty(required = true) String title,
    @JsonProperty(required = true) Severity severity,
    @JsonProperty(required = true) Status status,
    @JsonProperty(required = true) String reason,
    @JsonProperty(required = true) List<EvidenceJson> evidence,
    @JsonProperty(required = true) String remediation,
    String rootCause,
    @JsonProperty(required = true) Map<String, List<String>> references,
    @JsonInclude(JsonInclude.Include.NON_NULL) WaiverJson waiver,
    @JsonInclude(JsonInclude.Include.NON_NULL) Change change) {

  FindingJson {
    ReportJson.present(evidence, "evidence");
    ReportJson.present(references, "references");
  }

  static FindingJson of(Finding f, String host, Review review) {
    return new FindingJson(
        f.check(),
        f.title(),
        f.severity(),
        f.status(),
        f.reason(),
        f.evidence().stream().map(EvidenceJson::of).toList(),
        f.remediation(),
        f.rootCause(),
        new TreeMap<>(f.references()), // frameworks sorted: the same result, the same bytes
        review.waiver(host, f.check()).map(WaiverJson::of).orElse(null),
        review.change(host, f.check()).orElse(null));
  }

  Finding toFinding() {
    return new Finding(
        check,
        title,
        severity,
        status,
        reason,
        evidence.stream().map(EvidenceJson::toEvidence).toList(),
        remediation,
        references,
        rootCause);
  }

  /** What was seen: a file and line (0 when not tied to one) or a command, verbatim. */
  record EvidenceJson(
      @JsonProperty(required = true) String source,
      @JsonProperty(required = true) int line,
      @JsonProperty(required = true) String text,
      @JsonProperty(required = true) String note) {
    EvidenceJson {
      if (line < 0) {
        throw new IllegalArgumentException("line must not be negative");
      }
    }

    static EvidenceJson of(Evidence e) {
      return new EvidenceJson(e.source(), e.line(), e.text(), e.note());
    }

    Evidence toEvidence() {
      return new Evidence(source, line, text, note);
    }
  }
}
