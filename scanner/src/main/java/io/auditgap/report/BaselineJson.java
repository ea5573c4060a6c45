package io.auditgap.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.review.Change;
import io.auditgap.review.Comparison;
import io.auditgap.review.FindingChange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison with a baseline ({@code baseline} in {@code report.json} and {@code diff.json}):
 * counts by change, hosts added and removed, and every finding that is not unchanged.
 */
record BaselineJson(
    @JsonProperty(required = true) String file,
    @JsonProperty(required = true) Instant startedAt,
    @JsonProperty(required = true) Map<String, Integer> counts,
    @JsonProperty(required = true) List<String> hostsAdded,
    @JsonProperty(required = true) List<String> hostsRemoved,
    @JsonProperty(required = true) List<ChangeJson> changes) {

  BaselineJson {
    ReportJson.present(counts, "counts");
    ReportJson.present(hostsAdded, "hosts_added");
    ReportJson.present(hostsRemoved, "hosts_removed");
    ReportJson.present(changes, "changes");
  }

  static BaselineJson of(Comparison c) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<Change, Integer> e : c.counts().entrySet()) {
      counts.put(e.getKey().id(), e.getValue());
    }
    return new BaselineJson(
        c.baseline(),
        c.baselineStartedAt(),
        counts,
        c.hostsAdded(),
        c.hostsRemoved(),
        c.changes().stream().map(ChangeJson::of).toList());
  }

  /** Only {@code unchanged} is read from the counts: the others are the changes, counted. */
  Comparison toComparison() {
    return new Comparison(
        file,
        startedAt,
        changes.stream().map(ChangeJson::toFindingChange).toList(),
        counts.getOrDefault(Change.UNCHANGED.id(), 0),
        hostsAdded,
        hostsRemoved);
  }

  /** One finding that differs from the baseline; {@code before}/{@code after} null when absent. */
  record ChangeJson(
      @JsonProperty(required = true) String host,
      @JsonProperty(required = true) String check,
      String title,
      Severity severity,
      @JsonProperty(required = true) Change change,
      @JsonProperty(required = true) Status before,
      @JsonProperty(required = true) Status after,
      @JsonProperty(required = true) String detail) {

    ChangeJson {
      ReportJson.present(host, "host");
      ReportJson.present(check, "check");
      ReportJson.present(change, "change");
    }

    static ChangeJson of(FindingChange fc) {
      return new ChangeJson(
          fc.host(),
          fc.check(),
          fc.title(),
          fc.severity(),
          fc.change(),
          fc.before(),
          fc.after(),
          fc.detail());
    }

    FindingChange toFindingChange() {
      return new FindingChange(
          host,
          check,
          title == null ? "" : title,
          severity,
          change,
          before,
          after,
          detail == null ? "" : detail);
    }
  }
}
